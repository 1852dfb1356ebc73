/**
 * The renderer's Content Security Policy, sent as a response header by both hosts and written into
 * index.html as a meta tag at build time. `'wasm-unsafe-eval'` is there because libsodium runs as
 * WebAssembly; nothing else may run but the app's own files.
 */
const directives = [
  "default-src 'self'",
  "script-src 'self' 'wasm-unsafe-eval'",
  "style-src 'self'",
  "img-src 'self' data: blob:",
  "font-src 'self'",
  "connect-src 'self'",
  "worker-src 'self'",
  "object-src 'none'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-src 'none'",
  "frame-ancestors 'none'",
];

export const contentSecurityPolicy = directives.join('; ');

/**
 * The meta tag's copy: browsers ignore `frame-ancestors` in a meta tag (and log an error on every load saying so),
 * so it is sent only as the header.
 */
export const metaContentSecurityPolicy = directives.filter((d) => !d.startsWith('frame-ancestors')).join('; ');
