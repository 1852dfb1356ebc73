import { spawnSync } from 'node:child_process';
import { mkdtempSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { describe, expect, test } from 'vitest';
import { parseCalcInput } from '../../../shared/calc/input.js';
import { calculate } from '../../../shared/calc/minimumCost.js';
import { caseCalculationInput, housingDifferences, housingSavedBack, type CaseFacts } from '../../../shared/casework/caseCalculationInput.js';
import type { DeclaredIncome } from '../../../shared/domain/records.js';

const root = fileURLToPath(new URL('../../..', import.meta.url));

/** The issue's case: rent and floor area, a municipality other than the default, a disabled head, a high-school child. */
const incomes: DeclaredIncome[] = [
  { id: 'i1', memberId: 'p1', month: '2026-12', note: '', kind: 'employment', gross: 80000, expenses: 5000 },
  { id: 'i2', memberId: 'p1', month: '2026-12', note: '', kind: 'allowance', amount: 10000 },
  // Another month's income is not this month's.
  { id: 'i3', memberId: 'p1', month: '2026-11', note: '', kind: 'pension', amount: 70000 },
];
const facts: CaseFacts = {
  month: '2026-12',
  household: { housing: { kind: 'rented', rent: 52000, floorAreaSqm: 24.5 }, municipality: '熊谷市', incomes },
  members: [
    { id: 'p1', name: '山田 花子', birthDate: '1980-05-10', disability: 'B', school: null, pregnancy: null },
    { id: 'p2', name: '山田 太郎', birthDate: '2010-08-01', disability: null, school: 'highSchool', pregnancy: null },
  ],
  defaultMunicipality: '加須市',
};

/** The same household written by hand as contracts/calc-cli.md's input, independent of the function under test. */
const sameFactsForCli = {
  month: '2026-12',
  municipality: '熊谷市',
  members: [
    { id: '山田 花子', birthDate: '1980-05-10', disability: 'B', school: null, pregnancy: null, careInsurancePremium: 0 },
    { id: '山田 太郎', birthDate: '2010-08-01', disability: null, school: 'highSchool', pregnancy: null, careInsurancePremium: 0 },
  ],
  housing: { rent: 52000, floorAreaSqm: 24.5 },
  incomes: [
    { memberId: '山田 花子', type: 'earned', gross: 80000, expenses: 5000, newEmployment: false },
    { memberId: '山田 花子', type: 'other', amount: 10000 },
  ],
};

describe('caseCalculationInput: the 保護費算定 input from a case as of a month', () => {
  test('every fact the case records is in the input, marked as from the case', () => {
    const { input, sources, memberRecordIds } = caseCalculationInput(facts);
    expect(input).toMatchObject({
      month: '2026-12',
      municipality: '熊谷市',
      housing: { rent: 52000, floorAreaSqm: 24.5 },
      members: [
        { id: '山田 花子', birthDate: '1980-05-10', disability: 'B', school: null },
        { id: '山田 太郎', birthDate: '2010-08-01', disability: null, school: 'highSchool' },
      ],
      incomes: [
        { memberId: '山田 花子', type: 'earned', gross: 80000, expenses: 5000 },
        { memberId: '山田 花子', type: 'other', amount: 10000 },
      ],
    });
    expect(memberRecordIds).toEqual(['p1', 'p2']);
    for (const path of [
      'housing.rent',
      'housing.floorAreaSqm',
      'municipality',
      'members[0].disability',
      'members[1].school',
      'members[0].birthDate',
      'incomes[0]',
      'incomes[1]',
    ])
      expect(sources[path], path).toMatchObject({ kind: 'case' });
    // 介護保険料 and ひとり親 are not recorded on the case: left to the caseworker, and said so.
    expect(sources['members[0].careInsurancePremium']).toMatchObject({ kind: 'notRecorded' });
    expect(sources.singleParent).toMatchObject({ kind: 'notRecorded' });
    expect(parseCalcInput(input).ok).toBe(true);
  });

  test('its totals equal the engine on the hand-written facts', () => {
    const parsed = parseCalcInput(sameFactsForCli);
    if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
    const expected = calculate(parsed.value);
    const actual = calculate(caseCalculationInput(facts).input);
    expect(actual.totals).toEqual(expected.totals);
    expect(actual.lines.map((l) => [l.code, l.amount])).toEqual(expected.lines.map((l) => [l.code, l.amount]));
    // The facts matter: the disabled head's 加算, the pupil's 高等学校等就学費 and the rent are all there.
    expect(actual.lines.some((l) => l.code.startsWith('kasan.disability.'))).toBe(true);
    expect(actual.totals.koutougakkouShugakuhi).toBeGreaterThan(0);
    expect(actual.totals.jutakuFujo).toBeGreaterThan(0);
    expect(actual.kyuchi).toBe('2級地-1');
  });

  test('its totals equal `npm run seiho -- calc FILE` (the real CLI) on the same facts', { timeout: 240_000 }, () => {
    const dir = mkdtempSync(join(tmpdir(), 'seiho-case-calc-'));
    const file = join(dir, 'household.json');
    writeFileSync(file, JSON.stringify(sameFactsForCli));
    const run = spawnSync('npm', ['run', '--silent', 'seiho', '--', 'calc', file], { cwd: root, encoding: 'utf8' });
    expect(run.stderr).toBe('');
    expect(run.status).toBe(0);
    const cli = JSON.parse(run.stdout) as { totals: unknown; kyuchi: string };
    const actual = calculate(caseCalculationInput(facts).input);
    expect(actual.totals).toEqual(cli.totals);
    expect(actual.kyuchi).toBe(cli.kyuchi);
  });

  test('no housing record, an owned home, a rented home without its rent', () => {
    const without = caseCalculationInput({ ...facts, household: { ...facts.household, housing: undefined } });
    expect(without.input.housing).toBeNull();
    expect(without.sources.housing).toMatchObject({ kind: 'notRecorded' });
    const owned = caseCalculationInput({ ...facts, household: { ...facts.household, housing: { kind: 'owned', rent: null, floorAreaSqm: null } } });
    expect(owned.input.housing).toBeNull();
    expect(owned.sources.housing).toMatchObject({ kind: 'case' });
    const noRent = caseCalculationInput({ ...facts, household: { ...facts.household, housing: { kind: 'rented', rent: null, floorAreaSqm: 20 } } });
    expect(noRent.input.housing).toBeNull();
    expect(noRent.sources.housing).toMatchObject({ kind: 'notRecorded' });
    const noArea = caseCalculationInput({ ...facts, household: { ...facts.household, housing: { kind: 'public', rent: 30000, floorAreaSqm: null } } });
    expect(noArea.input.housing).toMatchObject({ rent: 30000, floorAreaSqm: null });
    expect(noArea.sources['housing.floorAreaSqm']).toMatchObject({ kind: 'notRecorded' });
  });

  test('the office default when the household has no municipality; facts an older member lacks are not recorded', () => {
    const built = caseCalculationInput({
      ...facts,
      household: { housing: undefined, incomes: undefined },
      members: [{ id: 'p1', name: '高齢 一郎', birthDate: '1940-01-01' }],
    });
    expect(built.input.municipality).toBe('加須市');
    expect(built.sources.municipality).toMatchObject({ kind: 'officeDefault' });
    expect(built.input.members[0]).toMatchObject({ disability: null, school: null, pregnancy: null, careInsurancePremium: 0 });
    expect(built.sources['members[0].disability']).toMatchObject({ kind: 'notRecorded' });
    expect(built.input.incomes).toEqual([]);
  });

  test('a member born after the month is left out with the reason, and so is their income; repeated names stay distinct', () => {
    const built = caseCalculationInput({
      ...facts,
      household: { ...facts.household, incomes: [{ id: 'i9', memberId: 'p3', month: '2026-12', note: '', kind: 'pension', amount: 1000 }] },
      members: [
        ...facts.members,
        { id: 'p3', name: '赤ちゃん', birthDate: '2027-01-05', disability: null, school: null, pregnancy: null },
        { id: 'p4', name: '山田 花子', birthDate: '1950-01-01', disability: null, school: null, pregnancy: null },
      ],
    });
    expect(built.memberRecordIds).toEqual(['p1', 'p2', 'p4']);
    expect(built.leftOut).toEqual([{ memberRecordId: 'p3', reason: expect.stringContaining('基準月より後') }]);
    expect(built.input.incomes).toEqual([]);
    expect(built.input.members.map((m) => m.id)).toEqual(['山田 花子', '山田 太郎', '山田 花子（2）']);
    expect(parseCalcInput(built.input).ok).toBe(true);
  });

  test('declared income kinds map onto the engine: 年金, 手当・仕送り (counted in full), 臨時', () => {
    const kinds: DeclaredIncome[] = [
      { id: 'a', memberId: 'p1', month: '2026-12', note: '', kind: 'pension', amount: 1 },
      { id: 'b', memberId: 'p1', month: '2026-12', note: '', kind: 'allowance', amount: 2 },
      { id: 'c', memberId: 'p1', month: '2026-12', note: '', kind: 'temporary', amount: 3 },
    ];
    const built = caseCalculationInput({ ...facts, household: { ...facts.household, incomes: kinds } });
    expect(built.input.incomes.map((i) => i.type)).toEqual(['pension', 'other', 'temporary']);
  });

  test('saving back: only a rent or floor area that differs is offered; a blank floor area never erases the case’s', () => {
    const rented = { kind: 'rented' as const, rent: 52000, floorAreaSqm: 24.5 };
    expect(housingDifferences(rented, { rent: 52000, floorAreaSqm: 24.5 })).toEqual([]);
    expect(housingDifferences(rented, { rent: 55000, floorAreaSqm: null })).toEqual([{ field: 'rent', recorded: 52000, typed: 55000 }]);
    expect(housingDifferences(undefined, { rent: 40000, floorAreaSqm: 18 })).toEqual([
      { field: 'rent', recorded: null, typed: 40000 },
      { field: 'floorAreaSqm', recorded: null, typed: 18 },
    ]);
    expect(housingDifferences(rented, null)).toEqual([]);
    expect(housingSavedBack(undefined, { rent: 40000, floorAreaSqm: 18 })).toEqual({ kind: 'rented', rent: 40000, floorAreaSqm: 18 });
    expect(housingSavedBack(rented, { rent: 55000, floorAreaSqm: null })).toEqual({ kind: 'rented', rent: 55000, floorAreaSqm: 24.5 });
    expect(housingSavedBack({ kind: 'public', rent: 20000, floorAreaSqm: null }, { rent: 21000, floorAreaSqm: 30 })).toEqual({
      kind: 'public',
      rent: 21000,
      floorAreaSqm: 30,
    });
    expect(housingSavedBack({ kind: 'owned', rent: null, floorAreaSqm: null }, { rent: 30000, floorAreaSqm: null })).toEqual({
      kind: 'rented',
      rent: 30000,
      floorAreaSqm: null,
    });
  });
});
