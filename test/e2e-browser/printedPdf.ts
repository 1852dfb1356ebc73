import type { Page } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** The gray page image as width, height and one byte per pixel (pdftoppm's PGM: `P5 w h 255\n` then the pixels). */
function readPgm(file: string) {
  const data = readFileSync(file);
  const header = /^P5\s+(\d+)\s+(\d+)\s+(\d+)\s/u.exec(data.subarray(0, 64).toString('latin1'))!;
  return { width: Number(header[1]), height: Number(header[2]), pixels: data.subarray(header[0].length) };
}

/** The leftmost and rightmost columns holding ink (any pixel darker than mid-gray). */
function inkSpan({ width, height, pixels }: ReturnType<typeof readPgm>) {
  let left = width;
  let right = -1;
  for (let y = 0; y < height; y++)
    for (let x = 0; x < width; x++)
      if (pixels[y * width + x]! < 128) {
        left = Math.min(left, x);
        right = Math.max(right, x);
      }
  return { left, right };
}

export interface Printed {
  /** pdfinfo's report (page count, page size). */
  info: string;
  /** pdftotext -layout of every page. */
  text: string;
  /** The first page as an image at a fixed size (A4 at 50 dpi: 414 × 585 px): its width and where ink is. */
  image: { width: number; height: number; left: number; right: number };
}

/**
 * The page as Chromium prints it at A4 with the print stylesheet (page.pdf — what Electron's printToPDF makes in the
 * app), read back with poppler (pdfinfo, pdftotext, pdftoppm), which .ci/run installs.
 */
export async function printedPdf(page: Page): Promise<Printed> {
  const dir = mkdtempSync(join(tmpdir(), 'seiho-printed-'));
  try {
    const pdf = join(dir, 'printed.pdf');
    writeFileSync(pdf, await page.pdf({ format: 'A4', printBackground: true }));
    const info = execFileSync('pdfinfo', [pdf], { encoding: 'utf8' });
    const text = execFileSync('pdftotext', ['-layout', pdf, '-'], { encoding: 'utf8' });
    execFileSync('pdftoppm', ['-gray', '-r', '50', '-f', '1', '-l', '1', '-singlefile', pdf, join(dir, 'page')]);
    const image = readPgm(join(dir, 'page.pgm'));
    return { info, text, image: { width: image.width, height: image.height, ...inkSpan(image) } };
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}
