import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// A sandboxed preload can require only electron's renderer modules, so the contract and zod are bundled into one file.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    sourcemap: false,
    minify: false,
    lib: { entry: 'main/preload/index.ts', formats: ['cjs'], fileName: () => 'index.cjs' },
    rollupOptions: { external: ['electron'] },
  },
});
