import react from '@vitejs/plugin-react';
import { fileURLToPath } from 'node:url';
import { defineConfig, type Plugin } from 'vite';
import { metaContentSecurityPolicy } from '../shared/security/contentSecurityPolicy.ts';

// The CSP the hosts send as a header also goes into index.html (less what a meta tag cannot carry), so a page opened any
// other way is still bound by it.
const cspMeta = (): Plugin => ({
  name: 'seiho-csp-meta',
  transformIndexHtml: (html) => html.replace('%CONTENT_SECURITY_POLICY%', metaContentSecurityPolicy),
});

export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), cspMeta()],
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // libsodium-sumo embeds its WebAssembly; it is one chunk of ~1 MB by nature.
    chunkSizeWarningLimit: 1500,
  },
});
