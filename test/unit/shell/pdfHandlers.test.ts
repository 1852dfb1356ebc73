import { mkdtempSync, readdirSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { createPdfHandlers, type PdfPorts } from '../../../main/documents/pdfHandlers.js';

/**
 * Saving a 帳票 as a PDF (main/documents/pdfHandlers.ts). Electron's printToPDF and its save dialog cannot run here:
 * the ports stand in for them, the file written is real.
 */
const dirs: string[] = [];
afterEach(() => {
  for (const dir of dirs.splice(0)) rmSync(dir, { recursive: true, force: true });
});

const pdfBytes = new TextEncoder().encode('%PDF-1.7\n% 決定通知書\n%%EOF\n');

function setup(chosen: (name: string) => string | null, signedIn = true, render: PdfPorts['render'] = async () => pdfBytes) {
  const dir = mkdtempSync(join(tmpdir(), 'seiho-pdf-'));
  dirs.push(dir);
  const asked: string[] = [];
  const ports: PdfPorts = {
    render,
    choosePath: async (name) => {
      asked.push(name);
      const path = chosen(name);
      return path === null ? null : join(dir, path);
    },
  };
  return { dir, asked, handlers: createPdfHandlers({ ports, sessionUser: () => (signedIn ? 'user-1' : null) }) };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (e: unknown) => e as { code: string; message: string },
  );

describe('documentSavePdf', () => {
  test('writes the rendered page whole where the user chose, with .pdf added; the suggested name is safe on Windows', async () => {
    const { dir, asked, handlers } = setup(() => '通知書');
    const { file } = await handlers.documentSavePdf({ title: '決定通知書_K-0301/2026:12' });
    expect(asked).toEqual(['決定通知書_K-0301_2026_12.pdf']);
    expect(file).toBe(join(dir, '通知書.pdf'));
    expect(readFileSync(file)).toEqual(Buffer.from(pdfBytes));
    // Only the file: no temporary file left beside it.
    expect(readdirSync(dir)).toEqual(['通知書.pdf']);
  });

  test('cancelled, locked, or without a PDF renderer (the browser host): refused in Japanese, nothing written', async () => {
    const cancelled = setup(() => null);
    expect(await refusal(cancelled.handlers.documentSavePdf({ title: '決定通知書' }))).toMatchObject({
      code: 'CANCELLED',
      message: expect.stringContaining('取り消し'),
    });
    expect(readdirSync(cancelled.dir)).toEqual([]);

    const locked = setup(() => 'a.pdf', false);
    expect(await refusal(locked.handlers.documentSavePdf({ title: '決定通知書' }))).toMatchObject({ code: 'LOCKED' });
    expect(locked.asked).toEqual([]);

    const browser = createPdfHandlers({ ports: undefined, sessionUser: () => 'user-1' });
    expect(await refusal(browser.documentSavePdf({ title: '決定通知書' }))).toMatchObject({
      code: 'PDF_UNAVAILABLE',
      message: expect.stringContaining('PDFに保存'),
    });
  });

  test('a render that fails leaves no file, not even a half one', async () => {
    const failing = setup(
      () => 'x.pdf',
      true,
      async () => {
        throw new Error('printToPDF failed');
      },
    );
    await expect(failing.handlers.documentSavePdf({ title: '決定通知書' })).rejects.toThrow('printToPDF failed');
    expect(readdirSync(failing.dir)).toEqual([]);
  });
});
