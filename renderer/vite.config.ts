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

// react-router's package exports only its development build (extra checks and warnings, ≈ 2× the code); a
// production bundle takes the production build beside it, as React's own packages do through NODE_ENV.
const productionReactRouter = fileURLToPath(new URL('../node_modules/react-router/dist/production/index.mjs', import.meta.url));

export default defineConfig(({ mode }) => ({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  plugins: [react(), cspMeta()],
  resolve: { alias: mode === 'production' ? [{ find: /^react-router$/, replacement: productionReactRouter }] : [] },
  build: {
    outDir: fileURLToPath(new URL('../dist/renderer', import.meta.url)),
    emptyOutDir: true,
    sourcemap: false,
    // libsodium-sumo embeds its WebAssembly (≈ 560 kB of base64) in its own chunk, loaded only at unlock.
    chunkSizeWarningLimit: 700,
  },
}));
