import { spawnSync, type SpawnSyncReturns } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { beforeAll, describe, expect, test } from 'vitest';

// The calc command as the contract invokes it (contracts/calc-cli.md): through npm, as a process, with its exit
// status and its two streams. The engine's figures are checked in test/unit/calc; here, the process around it.
const root = fileURLToPath(new URL('../../../', import.meta.url));
const household = {
  month: '2026-12',
  municipality: '加須市',
  members: [{ id: 'm1', birthDate: '1981-05-10' }],
  housing: { rent: 37000, floorAreaSqm: 20 },
  incomes: [{ memberId: 'm1', type: 'earned', gross: 100000, expenses: 10000 }],
};
const seiho = (args: string[], input?: string): SpawnSyncReturns<string> =>
  spawnSync('npm', ['run', '--silent', 'seiho', '--', ...args], { cwd: root, encoding: 'utf8', input, timeout: 120_000 });

let file = '';
beforeAll(() => {
  file = join(mkdtempSync(join(tmpdir(), 'seiho-command-')), 'household.json');
  writeFileSync(file, JSON.stringify(household));
});

describe('npm run --silent seiho -- calc', () => {
  test('a valid file: exit 0 and exactly one JSON document on standard output', { timeout: 180_000 }, () => {
    const r = seiho(['calc', file]);
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc.totals).toMatchObject({ minimumCost: 123100, recognizedIncome: 66400, benefit: 56700 });
  });

  test('invalid input on standard input: exit 2, nothing on standard output, one `path: 理由` line per problem', { timeout: 60_000 }, () => {
    const r = seiho(['calc', '-'], JSON.stringify({ ...household, members: [{ id: 'm1', birthDate: '2030-01-01' }], housing: { rent: -1 } }));
    expect(r.status).toBe(2);
    expect(r.stdout).toBe('');
    expect(r.stderr.trim().split('\n').sort()).toEqual(
      [expect.stringMatching(/^housing\.rent: .+/), 'members[0].birthDate: 生年月日が基準月より後です'].sort(),
    );
  });

  test('a missing file: exit 1 and a Japanese message, no stack trace', { timeout: 60_000 }, () => {
    const r = seiho(['calc', join(tmpdir(), 'seiho-no-such-file.json')]);
    expect(r.status).toBe(1);
    expect(r.stdout).toBe('');
    expect(r.stderr).toMatch(/ファイルを読み込めません/);
    expect(r.stderr).not.toMatch(/^\s+at /m);
  });

  test('runs in the wrapper’s own process: no second Node process is started', { timeout: 60_000 }, () => {
    seiho(['calc', file]); // builds first if a source changed, so that the run below has nothing to build
    // Every way of starting a process reports itself on standard error, then goes ahead.
    const watch = [
      "import cp from 'node:child_process'; import { syncBuiltinESMExports } from 'node:module';",
      "for (const name of ['spawn', 'spawnSync', 'execFile', 'execFileSync', 'exec', 'execSync', 'fork']) {",
      '  const original = cp[name]; cp[name] = (...args) => { process.stderr.write("started a process: " + String(args[0]) + "\\n"); return original(...args); };',
      '}',
      'syncBuiltinESMExports();',
    ].join('\n');
    const r = spawnSync(process.execPath, ['--import', `data:text/javascript,${encodeURIComponent(watch)}`, 'build/scripts/seiho.mjs', 'calc', file], {
      cwd: root,
      encoding: 'utf8',
    });
    expect(r.stderr).toBe('');
    expect(r.status).toBe(0);
    expect(JSON.parse(r.stdout).totals.benefit).toBe(56700);
  });
});
