import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  root: fileURLToPath(new URL('..', import.meta.url)),
  test: {
    // Explicit: the default include would also pick up Playwright's *.spec.ts files.
    include: ['test/unit/**/*.test.ts', 'test/unit/**/*.test.tsx', 'test/component/**/*.test.tsx'],
    environment: 'node',
    testTimeout: 30_000,
    pool: 'forks',
  },
});
