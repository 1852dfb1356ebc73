import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { runCli } from '../../../main/cli/seiho.js';
import { members } from './helpers.js';
import { modelHouseholdCases } from './modelHouseholds.js';

async function run(argv: string[], stdin = '') {
  const out: string[] = [];
  const err: string[] = [];
  const code = await runCli(argv, { stdin: async () => stdin, stdout: (s) => out.push(s), stderr: (s) => err.push(s) });
  return { code, stdout: out.join(''), stderr: err.join('') };
}

const valid = {
  month: '2026-12',
  members: [{ id: 'm1', birthDate: '1981-05-10', disability: null, school: null, pregnancy: null, careInsurancePremium: 0 }],
  housing: { rent: 40000, floorAreaSqm: 20 },
  incomes: [{ memberId: 'm1', type: 'earned', gross: 100000, expenses: 10000, newEmployment: false }],
};

describe('seiho calc (contracts/calc-cli.md)', () => {
  test('valid input from a file: exit 0 and one JSON document with the totals', async () => {
    const dir = mkdtempSync(join(tmpdir(), 'seiho-cli-'));
    const file = join(dir, 'household.json');
    writeFileSync(file, JSON.stringify(valid));
    const r = await run(['calc', file]);
    expect(r.code).toBe(0);
    expect(r.stderr).toBe('');
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ month: '2026-12', kyuchi: '3級地-1', tokiChiku: 'VI' });
    // 45-year-old single in 加須市, December: 71,580 + 冬季 2,630 + 期末 11,890; rent 37,000; income 100,000 − 23,600 − 10,000.
    expect(doc.totals).toEqual({
      seikatsuFujoHontai: 71580,
      seikatsuFujo: 86100,
      jutakuFujo: 37000,
      kyoikuFujo: 0,
      koutougakkouShugakuhi: 0,
      minimumCost: 123100,
      recognizedIncome: 66400,
      benefit: 56700,
    });
    for (const line of doc.lines)
      expect(line).toEqual({
        code: expect.any(String),
        label: expect.any(String),
        amount: expect.any(Number),
        basis: expect.any(String),
        needsConfirmation: expect.any(Boolean),
      });
  });

  test('invalid input from stdin: exit 2, nothing on stdout, one `path: 理由` line per problem', async () => {
    const bad = { ...valid, municipality: '東京都港区', members: [valid.members[0], { id: 'm2', birthDate: '2030-01-01' }], housing: { rent: -1 } };
    const r = await run(['calc', '-'], JSON.stringify(bad));
    expect(r.code).toBe(2);
    expect(r.stdout).toBe('');
    const lines = r.stderr.trim().split('\n');
    expect(lines).toHaveLength(3);
    expect(lines).toEqual(
      expect.arrayContaining([
        expect.stringMatching(/^municipality: /),
        'members[1].birthDate: 生年月日が基準月より後です',
        expect.stringMatching(/^housing\.rent: /),
      ]),
    );
  });

  test('bad JSON and a month without standards are input errors; a missing file is exit 1 without a stack', async () => {
    expect(await run(['calc', '-'], '{')).toMatchObject({ code: 2, stdout: '', stderr: expect.stringMatching(/^\$: JSON/) });
    expect(await run(['calc', '-'], JSON.stringify({ ...valid, month: '2020-01' }))).toMatchObject({ code: 2, stderr: expect.stringMatching(/^month: /) });
    const missing = await run(['calc', '/nonexistent/household.json']);
    expect(missing).toMatchObject({ code: 1, stdout: '' });
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });
});

describe('the model households through `calc`, as an acceptance check feeds them', () => {
  test.each(modelHouseholdCases)('$name $kyuchi $month → $expected', async ({ kyuchi, month, ages, expected }) => {
    const { code, stdout, stderr } = await run(['calc', '-'], JSON.stringify({ month, kyuchi, members: members(month, ...ages), housing: null, incomes: [] }));
    expect(stderr).toBe('');
    expect(code).toBe(0);
    expect(JSON.parse(stdout).totals.seikatsuFujoHontai).toBe(expected);
  });
});

describe('seiho params and recalc', () => {
  test('params lists tables with periods and status, in Japanese or as JSON', async () => {
    const text = await run(['params']);
    expect(text.code).toBe(0);
    expect(text.stdout).toContain('特例加算');
    expect(text.stdout).toContain('2026-10-01 〜 2027-09-30');
    const json = JSON.parse((await run(['params', '--json'])).stdout);
    expect(json.tables.find((t: { id: string }) => t.id === 'shogaishaKasan').periods.at(-1).status).toBe('conflicting');
  });

  test('recalc: households + month → results', async () => {
    const r = await run(['recalc', '-'], JSON.stringify({ month: '2027-01', households: [valid, valid] }));
    expect(r.code).toBe(0);
    const doc = JSON.parse(r.stdout);
    expect(doc).toMatchObject({ month: '2027-01', count: 2, succeeded: 2 });
    expect(doc.entries[0].result.month).toBe('2027-01');
  });
});
