/**
 * The renderer's Content Security Policy, sent as a response header by both hosts and written into
 * index.html as a meta tag at build time. `'wasm-unsafe-eval'` is there because libsodium runs as
 * WebAssembly; nothing else may run but the app's own files.
 */
export const contentSecurityPolicy = [
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
].join('; ');
