import { defineConfig } from '@playwright/test';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { chromiumLaunchOptions } from './chromium';

/** The browser host's port for tests: fixed (IndexedDB is per origin) and apart from the development default 4510; SEIHO_TEST_PORT lets two runs share a machine. */
export const testPort = Number(process.env.SEIHO_TEST_PORT ?? 4517);
// Set once in the runner and inherited by its workers, which load this file again.
process.env.SEIHO_TEST_DATA_DIR ??= mkdtempSync(join(tmpdir(), 'seiho-e2e-'));
process.env.SEIHO_TEST_TOKEN ??= `e2e-${process.pid}-${Date.now()}`;
const dataDir = process.env.SEIHO_TEST_DATA_DIR;
export const testToken = process.env.SEIHO_TEST_TOKEN;

export default defineConfig({
  testDir: '.',
  outputDir: '../test-results',
  workers: 1,
  retries: 0,
  timeout: 60_000,
  reporter: 'list',
  use: {
    baseURL: `http://127.0.0.1:${testPort}`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
    launchOptions: chromiumLaunchOptions,
  },
  projects: [
    { name: 'browser', testMatch: 'e2e-browser/**/*.spec.ts' },
    { name: 'electron', testMatch: 'e2e-electron/**/*.spec.ts' },
  ],
  webServer: {
    command: `node dist/node/main/browserHost/cli.js --port ${testPort} --data-dir ${dataDir} --token ${testToken} --kdf-cost INTERACTIVE`,
    cwd: '..',
    url: `http://127.0.0.1:${testPort}/`,
    reuseExistingServer: false,
    timeout: 30_000,
    stdout: 'ignore',
    stderr: 'pipe',
  },
});
