import type { ServiceContext } from './context';
import { unwrapResult } from './ipcResult';

/**
 * 帳票 leaving the app: printed, or saved as a PDF where the user chooses (Electron's printToPDF with the print
 * stylesheet, main/documents/pdfHandlers.ts). Each is logged in the audit chain before it leaves — a cancelled save
 * is logged too: better an export asked for and not made than one made and not logged.
 */
export function documentServices({ session, repos, api }: Pick<ServiceContext, 'session' | 'repos' | 'api'>) {
  return {
    documents: {
      /** Whether this host can save a PDF itself (the browser host cannot: its print dialog can). */
      async savesPdf(): Promise<boolean> {
        return unwrapResult(await api.appInfo({})).host === 'electron';
      },
      async print(what: string, householdId: string | null): Promise<void> {
        await repos.auditLog.record(session, { kind: 'print', detail: { what, householdId, count: 1 } });
        window.print();
      },
      /** Saves the page as `title`.pdf; returns where it was written. */
      async savePdf(what: string, householdId: string | null, title: string): Promise<string> {
        await repos.auditLog.record(session, { kind: 'export', detail: { what: `${what}（PDF）`, householdId, count: 1 } });
        return unwrapResult(await api.documentSavePdf({ title })).file;
      },
    },
  };
}
