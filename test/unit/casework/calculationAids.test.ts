import { describe, expect, test } from 'vitest';
import { calculate } from '../../../shared/calc/minimumCost.js';
import { parseCalcInput } from '../../../shared/calc/input.js';
import { aidAmounts, aidOfLine, decisionPrefill, savedLines } from '../../../shared/casework/calculationAids.js';

function calc(raw: unknown) {
  const parsed = parseCalcInput(raw);
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return calculate(parsed.value);
}

const household = {
  month: '2026-12',
  municipality: '熊谷市',
  members: [
    { id: 'parent', birthDate: '1980-05-10', disability: 'B' },
    { id: 'pupil', birthDate: '2015-08-01', school: 'elementary' },
    { id: 'student', birthDate: '2010-08-01', school: 'highSchool' },
  ],
  housing: { rent: 52000, floorAreaSqm: 30 },
  incomes: [{ memberId: 'parent', type: 'pension', amount: 20000 }],
};

describe('the 扶助 of a calculation', () => {
  test('each line falls under its 扶助; 高等学校等就学費 is 生業扶助', () => {
    expect(aidOfLine('rui1')).toBe('living');
    expect(aidOfLine('kasan.disability.parent')).toBe('living');
    expect(aidOfLine('kasan.careInsurancePremium.m1')).toBe('living');
    expect(aidOfLine('jutakuFujo')).toBe('housing');
    expect(aidOfLine('kyoikuFujo.pupil')).toBe('education');
    expect(aidOfLine('koutougakkouShugakuhi.student')).toBe('occupational');
    expect(() => aidOfLine('somethingNew')).toThrow(/扶助の種類が分からない/);
  });

  test('per 扶助, the 最低生活費 add up to the calculation’s and the benefits to its 保護費', () => {
    const result = calc(household);
    const amounts = aidAmounts(result.lines, result.totals.recognizedIncome);
    expect(amounts.map((a) => a.aid)).toEqual(['living', 'education', 'housing', 'occupational']);
    const byAid = Object.fromEntries(amounts.map((a) => [a.aid, a]));
    expect(byAid.living!.minimumCost).toBe(result.totals.seikatsuFujo);
    expect(byAid.housing!.minimumCost).toBe(result.totals.jutakuFujo);
    expect(byAid.education!.minimumCost).toBe(result.totals.kyoikuFujo);
    expect(byAid.occupational!.minimumCost).toBe(result.totals.koutougakkouShugakuhi);
    expect(amounts.reduce((s, a) => s + a.minimumCost, 0)).toBe(result.totals.minimumCost);
    expect(amounts.reduce((s, a) => s + a.benefit, 0)).toBe(result.totals.benefit);
    // The income is applied to 生活扶助 first.
    expect(byAid.living!.incomeApplied).toBe(result.totals.recognizedIncome);
    expect(byAid.housing!.incomeApplied).toBe(0);
  });

  test('income beyond 生活扶助 goes on to 教育・住宅 in turn; a 扶助 without a figure is not covered', () => {
    const lines = [
      { code: 'rui1', amount: 40000 },
      { code: 'rui2', amount: 30000 },
      { code: 'kyoikuFujo.a', amount: 3000 },
      { code: 'jutakuFujo', amount: 40000 },
      { code: 'tokiKasan', amount: 0 },
    ];
    expect(aidAmounts(lines, 80000)).toEqual([
      { aid: 'living', minimumCost: 70000, incomeApplied: 70000, benefit: 0 },
      { aid: 'education', minimumCost: 3000, incomeApplied: 3000, benefit: 0 },
      { aid: 'housing', minimumCost: 40000, incomeApplied: 7000, benefit: 33000 },
    ]);
  });

  test('a decision drafted from a calculation: its 扶助 and amounts, the month’s 1st day, the link', () => {
    const result = calc(household);
    const prefill = decisionPrefill(
      { id: 'calc-1', month: '2026-12', recognizedIncome: result.totals.recognizedIncome, benefit: result.totals.benefit },
      result.lines,
    );
    expect(prefill).toMatchObject({
      calculationId: 'calc-1',
      effectiveOn: '2026-12-01',
      aids: ['living', 'education', 'housing', 'occupational'],
      benefit: result.totals.benefit,
    });
    expect(prefill.amounts).toEqual(aidAmounts(result.lines, result.totals.recognizedIncome));
    const single = calc({ month: '2026-04', members: [{ id: 'a', birthDate: '1960-01-01' }], housing: null });
    expect(decisionPrefill({ id: 'c', month: '2026-04', recognizedIncome: 0, benefit: single.totals.benefit }, single.lines).aids).toEqual(['living']);
  });
});

test('the lines of a saved 保護費算定, and nothing from a row that is not one', () => {
  const result = calc(household);
  expect(savedLines({ kind: 'minimumCost', input: {}, result, tables: [] })).toEqual(result.lines);
  expect(savedLines({ kind: 'debt', result })).toBeNull();
  expect(savedLines(null)).toBeNull();
  expect(savedLines({ kind: 'minimumCost', result: {} })).toBeNull();
});
