import { readFile } from 'node:fs/promises';
import { extname, resolve, sep } from 'node:path';

const mimeTypes: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.json': 'application/json; charset=utf-8',
  '.wasm': 'application/wasm',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.txt': 'text/plain; charset=utf-8',
};

export type StaticFile = { body: Buffer; mimeType: string };

/**
 * How long a served file may be kept. The page itself never (`no-store`): Chromium then keeps it in no back-forward
 * cache and no disk cache, so no state of the page (its form controls included) outlives the tab. Scripts and styles
 * hold nothing personal and stay cacheable, so V8's code cache keeps working for app://.
 */
export const cacheControlOf = (file: StaticFile): string | undefined => (file.mimeType.startsWith('text/html') ? 'no-store' : undefined);

/**
 * Reads the renderer file a URL path names, for the `app://` protocol and the browser host alike. Paths are
 * resolved inside `rootDir` only; anything that escapes it, or any unknown file type, is refused. The app is
 * one page with hash routes, so `/` means index.html.
 */
export async function readStaticFile(rootDir: string, urlPath: string): Promise<StaticFile | null> {
  let decoded: string;
  try {
    decoded = decodeURIComponent(urlPath.split(/[?#]/)[0] ?? '/');
  } catch {
    return null;
  }
  const relative = decoded === '/' || decoded === '' ? 'index.html' : decoded.replace(/^\/+/, '');
  const root = resolve(rootDir);
  const path = resolve(root, relative);
  if (path !== root && !path.startsWith(root + sep)) return null;
  const mimeType = mimeTypes[extname(path).toLowerCase()];
  if (!mimeType) return null;
  try {
    return { body: await readFile(path), mimeType };
  } catch {
    return null;
  }
}
