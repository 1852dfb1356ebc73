import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vite';

// The command-line tool as one file (dist/cli/seiho.mjs): zod and the calculation engine bundled, so a cold start
// reads and compiles one minified module instead of resolving and loading a few hundred files.
export default defineConfig({
  root: fileURLToPath(new URL('../..', import.meta.url)),
  ssr: { noExternal: true, target: 'node' },
  build: {
    ssr: 'main/cli/main.ts',
    outDir: 'dist/cli',
    emptyOutDir: true,
    sourcemap: false,
    minify: true,
    target: 'node20',
    rolldownOptions: { output: { format: 'es', entryFileNames: 'seiho.mjs', codeSplitting: false } },
  },
});
