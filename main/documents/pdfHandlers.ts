import { extname } from 'node:path';
import { atomicWriteFile } from '../fs/atomicWrite.js';
import { ServiceError } from '../ipc/router.js';

/**
 * What saving the page as a PDF needs from the host (Electron: the window's `printToPDF` at A4 with the print
 * stylesheet, and the save dialog). The browser host has none: there the browser's print dialog saves a PDF.
 */
export interface PdfPorts {
  /** The page as the print stylesheet lays it out, A4. */
  render(): Promise<Uint8Array>;
  /** Where the user chose to save it (null: cancelled). */
  choosePath(suggestedName: string): Promise<string | null>;
}

/** File names Windows accepts: the title with its forbidden characters (and control characters) replaced. */
const fileNameOf = (title: string) =>
  `${
    [...title]
      .map((c) => (c < ' ' || '\\/:*?"<>|'.includes(c) ? '_' : c))
      .join('')
      .trim() || '帳票'
  }.pdf`;

/**
 * `documentSavePdf`: the 帳票 on screen saved as a PDF where the signed-in user chooses (a notice to hand over, a
 * ticket to send). The file is the user's deliberate export — the renderer logs it in the audit chain before it
 * asks — written whole or not at all.
 */
export function createPdfHandlers(deps: { ports: PdfPorts | undefined; sessionUser: () => string | null }) {
  return {
    async documentSavePdf({ title }: { title: string }): Promise<{ file: string }> {
      if (!deps.sessionUser()) throw new ServiceError('LOCKED', 'ロック中はPDFを保存できません');
      const { ports } = deps;
      if (!ports)
        throw new ServiceError(
          'PDF_UNAVAILABLE',
          'PDFの保存はデスクトップアプリで行えます（ブラウザでは「印刷する」から印刷先に「PDFに保存」を選んでください）',
        );
      const chosen = await ports.choosePath(fileNameOf(title));
      if (!chosen) throw new ServiceError('CANCELLED', 'PDFの保存を取り消しました');
      const path = extname(chosen).toLowerCase() === '.pdf' ? chosen : `${chosen}.pdf`;
      const bytes = await ports.render();
      await atomicWriteFile(path, bytes);
      return { file: path };
    },
  };
}
