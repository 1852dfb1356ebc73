import { existsSync, readFileSync } from 'node:fs';
import { expect, test } from 'vitest';
import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../../shared/security/contentSecurityPolicy.js';

const directives = new Map(
  contentSecurityPolicy.split(';').map((d) => {
    const [name, ...values] = d.trim().split(/\s+/);
    return [name!, values];
  }),
);

test('scripts: only the app and WebAssembly (libsodium), never inline or eval', () => {
  expect(directives.get('script-src')).toEqual(["'self'", "'wasm-unsafe-eval'"]);
  expect(contentSecurityPolicy).not.toContain("'unsafe-inline'");
  expect(contentSecurityPolicy).not.toContain("'unsafe-eval'");
});

test('everything else is locked down', () => {
  expect(directives.get('default-src')).toEqual(["'self'"]);
  expect(directives.get('object-src')).toEqual(["'none'"]);
  expect(directives.get('base-uri')).toEqual(["'none'"]);
  expect(directives.get('connect-src')).toEqual(["'self'"]);
  expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
});

test('the built index.html carries the same policy as a meta tag, less frame-ancestors (ignored there, with a console error)', () => {
  const index = new URL('../../../dist/renderer/index.html', import.meta.url);
  expect(existsSync(index), 'npm test builds first; run `npm run build`').toBe(true);
  const html = readFileSync(index, 'utf8');
  expect(html).toContain(`<meta http-equiv="Content-Security-Policy" content="${metaContentSecurityPolicy}" />`);
  expect(metaContentSecurityPolicy).not.toContain('frame-ancestors');
  expect(metaContentSecurityPolicy).toBe(contentSecurityPolicy.replace("; frame-ancestors 'none'", ''));
  expect(html).not.toMatch(/<script(?![^>]*\bsrc=)[^>]*>/);
});
