import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The Chromium bench page (test/bench/data-chromium.bench.ts builds it): not part of the app build, and not packaged.
export default defineConfig({
  root: fileURLToPath(new URL('.', import.meta.url)),
  base: './',
  logLevel: 'warn',
  build: {
    outDir: fileURLToPath(new URL('../../../dist/bench', import.meta.url)),
    emptyOutDir: true,
    chunkSizeWarningLimit: 1500,
    // Readable names in a CPU profile of the bench page.
    minify: false,
  },
});
