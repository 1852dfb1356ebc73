// `npm test`: unit and component tests (vitest), then browser tests (Playwright on Debian Chromium), then one
// closing line `N passed, N failed, N skipped` for CI, which does not read vitest's own summary.
import { spawnSync } from 'node:child_process';
import { mkdirSync, readFileSync, rmSync } from 'node:fs';
import { ensureBuilt } from './freshBuild.mjs';

const root = new URL('../../', import.meta.url).pathname;
const out = `${root}.ci-out`;
rmSync(out, { recursive: true, force: true });
mkdirSync(out, { recursive: true });
ensureBuilt();

const run = (command, args, env = {}) => spawnSync(command, args, { cwd: root, stdio: 'inherit', env: { ...process.env, ...env } }).status;
const unit = run('npx', [
  'vitest',
  'run',
  '--config',
  'test/vitest.config.ts',
  '--reporter=default',
  '--reporter=json',
  `--outputFile.json=${out}/vitest.json`,
]);
const browser = run('npx', ['playwright', 'test', '--config', 'test/playwright.config.ts', '--reporter=list,json'], {
  PLAYWRIGHT_JSON_OUTPUT_NAME: `${out}/playwright.json`,
});

const read = (file) => {
  try {
    return JSON.parse(readFileSync(file, 'utf8'));
  } catch {
    return null;
  }
};
let passed = 0,
  failed = 0,
  skipped = 0;
const v = read(`${out}/vitest.json`);
if (v) {
  passed += v.numPassedTests;
  failed += v.numFailedTests;
  skipped += v.numPendingTests + (v.numTodoTests ?? 0);
  // A suite that fails to load has no tests to count, but it is a failure all the same.
  failed += v.testResults.filter((r) => r.status === 'failed' && r.assertionResults.length === 0).length;
} else failed += 1;
const p = read(`${out}/playwright.json`);
if (p) {
  passed += p.stats.expected;
  failed += p.stats.unexpected + p.stats.flaky;
  skipped += p.stats.skipped;
  failed += (p.errors ?? []).length;
} else failed += 1;
console.log(`${passed} passed, ${failed} failed, ${skipped} skipped`);
process.exit(unit === 0 && browser === 0 && failed === 0 ? 0 : 1);
