import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { cacheControlOf, readStaticFile } from '../../../main/protocol/staticFiles.js';

const base = mkdtempSync(join(tmpdir(), 'seiho-static-'));
const root = join(base, 'www');
mkdirSync(join(root, 'assets'), { recursive: true });
writeFileSync(join(root, 'index.html'), '<html></html>');
writeFileSync(join(root, 'assets', 'app.js'), 'export {}');
writeFileSync(join(base, 'secret.json'), '{}');

test('serves index.html for / and files by type', async () => {
  expect((await readStaticFile(root, '/'))?.mimeType).toBe('text/html; charset=utf-8');
  expect((await readStaticFile(root, '/assets/app.js?v=1'))?.mimeType).toBe('text/javascript; charset=utf-8');
});

test('refuses paths outside the root, unknown types and missing files', async () => {
  expect(await readStaticFile(root, '/../secret.json')).toBeNull();
  expect(await readStaticFile(root, '/%2e%2e/secret.json')).toBeNull();
  expect(await readStaticFile(root, '/assets/app.ts')).toBeNull();
  expect(await readStaticFile(root, '/missing.js')).toBeNull();
  expect(await readStaticFile(root, '/%E0%A4%A')).toBeNull();
});

test('the page is never stored (no back-forward or disk cache keeps its state); scripts stay cacheable for the code cache', async () => {
  expect(cacheControlOf((await readStaticFile(root, '/'))!)).toBe('no-store');
  expect(cacheControlOf((await readStaticFile(root, '/assets/app.js'))!)).toBeUndefined();
});
