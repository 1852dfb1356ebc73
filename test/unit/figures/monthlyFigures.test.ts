import { describe, expect, it } from 'vitest';
import { generateTrainingHouseholds } from '../../../shared/training/trainingHouseholds.js';
import { monthlyFigures, prepareOffice, type FigureHousehold, type MonthlyFigures } from '../../../shared/figures/monthlyFigures.js';
import type { Figure } from '../../../shared/figures/monthlyFigures.js';
import { asFigureHousehold, expectedTables, office, today } from './syntheticOffice.js';

const values = (group: Record<string, Figure>) => Object.fromEntries(Object.entries(group).map(([k, f]) => [k, f.value]));
const nonZero = (group: Record<string, number>) => Object.fromEntries(Object.entries(group).filter(([, v]) => v !== 0));

function tables(f: MonthlyFigures) {
  return {
    households: values(f.households),
    persons: values(f.persons),
    types: values(f.types),
    aids: values(f.aids),
    starts: nonZero({ total: f.starts.total.value, ...values(f.starts.byReason) }),
    terminations: nonZero({ total: f.terminations.total.value, ...values(f.terminations.byReason) }),
    applications: f.applications.value,
    rejections: f.rejections.value,
    withdrawals: f.withdrawals.value,
  };
}

const prepared = prepareOffice(office.map(asFigureHousehold));

describe('月次 figures of a synthetic office, known by construction', () => {
  // The last month of the window, one in the middle and one near its start.
  it.each(['2024-02', '2025-06', '2026-11'])('%s: every table equals what the households were built to be', (month) => {
    const expected = expectedTables(month);
    const figures = monthlyFigures(prepared, month, null);
    expect(tables(figures)).toEqual({ ...expected, starts: nonZero(expected.starts), terminations: nonZero(expected.terminations) });
    expect(figures.reconciliation.filter((c) => !c.ok)).toEqual([]);
  });

  it('is not a vacuous office: every type, starts, terminations, suspensions, rejections and withdrawals occur', () => {
    const months = ['2024-02', '2025-06', '2026-11'].map(expectedTables);
    for (const type of ['elderly', 'singleMother', 'disabled', 'sick', 'other'] as const) expect(months[1]!.types[type]).toBeGreaterThan(0);
    const all = (pick: (t: ReturnType<typeof expectedTables>) => number) => months.reduce((sum, t) => sum + pick(t), 0);
    expect(all((t) => t.starts.total!)).toBeGreaterThan(0);
    expect(all((t) => t.terminations.total!)).toBeGreaterThan(0);
    expect(all((t) => t.households.suspended)).toBeGreaterThan(0);
    expect(all((t) => t.applications)).toBeGreaterThan(0);
    const window = Array.from({ length: 36 }, (_, k) => `${2023 + Math.floor((k + 11) / 12)}-${String(((k + 11) % 12) + 1).padStart(2, '0')}`);
    const over = window.map(expectedTables);
    expect(over.reduce((s, t) => s + t.rejections, 0)).toBeGreaterThan(0);
    expect(over.reduce((s, t) => s + t.withdrawals, 0)).toBeGreaterThan(0);
  });

  it('keeps the households behind each figure', () => {
    const figures = monthlyFigures(prepared, '2025-06', null);
    expect(figures.households.total.householdIds).toHaveLength(figures.households.total.value);
    expect(new Set([...figures.households.receiving.householdIds, ...figures.households.suspended.householdIds])).toEqual(
      new Set(figures.households.total.householdIds),
    );
    const typed = Object.values(figures.types).flatMap((f) => f.householdIds);
    expect(new Set(typed)).toEqual(new Set(figures.households.receiving.householdIds));
    const sick = office.filter((h) => figures.types.sick.householdIds.includes(h.caseNumber));
    expect(sick.length).toBeGreaterThan(0);
    expect(sick.every((h) => h.history!.builtAs === 'sick')).toBe(true);
  });

  it('computes 保護率 in ‰ against the population entered, and none without one', () => {
    const figures = monthlyFigures(prepared, '2025-06', 110_000);
    expect(figures.rate.perMille).toBeCloseTo((figures.persons.total.value / 110_000) * 1000, 2);
    expect(monthlyFigures(prepared, '2025-06', null).rate.perMille).toBeNull();
  });
});

describe('a past month does not change with the current status', () => {
  it('a 廃止 decided today changes this month only', () => {
    const households = office.map(asFigureHousehold);
    const before = monthlyFigures(prepareOffice(households), '2025-06', null);
    const target = households.findIndex((h) => before.households.receiving.householdIds.includes(h.id) && h.decisions.every((d) => d.kind === 'start'));
    const changed: FigureHousehold[] = households.map((h, i) =>
      i === target
        ? {
            ...h,
            decisions: [
              ...h.decisions,
              { id: `${h.id}-now`, kind: 'terminate', effectiveOn: today, aids: [], reasonCode: 'T01', supersedes: null, order: '9999' },
            ],
          }
        : h,
    );
    const after = prepareOffice(changed);
    expect(monthlyFigures(after, '2025-06', null)).toEqual(before);
    const thisMonth = monthlyFigures(after, '2026-11', null);
    const unchanged = monthlyFigures(prepareOffice(households), '2026-11', null);
    expect(thisMonth.households.total.value).toBe(unchanged.households.total.value - 1);
    expect(thisMonth.terminations.byReason.T01!.householdIds).toContain(households[target]!.id);
  });

  it('a retroactive decision that supersedes another replaces it in every month from its date', () => {
    const [household] = generateTrainingHouseholds({ seed: 5, count: 1, assignees: [], today, history: { months: 36 } }).map(asFigureHousehold);
    const base: FigureHousehold = {
      ...household!,
      decisions: [{ id: 'start', kind: 'start', effectiveOn: '2025-01-10', aids: ['living'], reasonCode: 'S07', supersedes: null, order: '1' }],
    };
    const corrected: FigureHousehold = {
      ...base,
      decisions: [
        ...base.decisions,
        { id: 'fix', kind: 'start', effectiveOn: '2025-03-01', aids: ['living', 'medical'], reasonCode: 'S01', supersedes: 'start', order: '2' },
      ],
    };
    const feb = monthlyFigures(prepareOffice([corrected]), '2025-02', null);
    expect(feb.households.total.value).toBe(0);
    const march = monthlyFigures(prepareOffice([corrected]), '2025-03', null);
    expect(march.starts.byReason.S01!.value).toBe(1);
    expect(march.aids.medical.value).toBe(base.members.length);
  });
});

describe('reconciliation lists the cases that do not add up', () => {
  const member = { birthDate: '1980-05-05', sex: 'male' as const, relation: 'head', disability: false, sick: false };
  const start = (id: string, on: string, aids: FigureHousehold['decisions'][number]['aids'] = ['living']) => ({
    id,
    kind: 'start' as const,
    effectiveOn: on,
    aids,
    reasonCode: null,
    supersedes: null,
    order: id,
  });

  it('a protected household without a 世帯主, one with no 扶助 in force, and a second 開始 while protected', () => {
    const households: FigureHousehold[] = [
      { id: 'fine', members: [member], decisions: [start('a', '2025-01-05')], applications: [] },
      { id: 'headless', members: [{ ...member, relation: '子' }], decisions: [start('b', '2025-01-05')], applications: [] },
      { id: 'no-aid', members: [member], decisions: [start('c', '2025-01-05', [])], applications: [] },
      { id: 'twice', members: [member], decisions: [start('d', '2025-01-05'), start('e', '2025-03-02')], applications: [] },
    ];
    const checks = Object.fromEntries(monthlyFigures(prepareOffice(households), '2025-03', null).reconciliation.map((c) => [c.id, c]));
    expect(checks.typesSum).toMatchObject({ ok: false, expected: 4, actual: 3, mismatched: ['headless'] });
    expect(checks.aidsCover).toMatchObject({ ok: false, mismatched: ['no-aid'] });
    expect(checks.flow).toMatchObject({ ok: false, expected: 5, actual: 4, mismatched: ['twice'] });
    const january = Object.fromEntries(monthlyFigures(prepareOffice(households.slice(0, 1)), '2025-01', null).reconciliation.map((c) => [c.id, c.ok]));
    expect(january).toEqual({ typesSum: true, aidsCover: true, flow: true });
  });
});
