import { describe, expect, it } from 'vitest';
import { defaultVisitGrades, type PlannedCase } from '../../../shared/casework/visitPlan.js';
import { caseloadOn, cityCaseworkerStandard, standardCaseworkers } from '../../../shared/figures/caseload.js';
import { monthlyFigures, prepareOffice } from '../../../shared/figures/monthlyFigures.js';
import { protectionTimeline, type FigureDecision } from '../../../shared/figures/statusHistory.js';
import { medicalShare, trendCharts } from '../../../shared/figures/trends.js';
import { ratePercent, visitFigures } from '../../../shared/figures/visitFigures.js';
import { asFigureHousehold, office } from './syntheticOffice.js';

/** Dashboard computations on data built so the answer is known without them. */

const decision = (kind: FigureDecision['kind'], effectiveOn: string, k: number): FigureDecision => ({
  id: `d${k}`,
  kind,
  effectiveOn,
  aids: ['living'],
  reasonCode: null,
  supersedes: null,
  order: String(k),
});

describe('現業員の標準数 (社会福祉法第16条, 市: 240世帯まで3人、80世帯ごとに1人)', () => {
  it.each([
    [0, 3],
    [240, 3],
    [241, 4],
    [320, 4],
    [321, 5],
    [10_000, 3 + Math.ceil((10_000 - 240) / 80)],
  ])('%i households → %i caseworkers', (households, workers) => {
    expect(standardCaseworkers(cityCaseworkerStandard, households)).toBe(workers);
  });

  it('keeps its source and says it is unverified', () => {
    expect(cityCaseworkerStandard.source).toContain('社会福祉法第16条');
    expect(cityCaseworkerStandard.unverified).toContain('要確認');
  });
});

describe('caseload per caseworker on a day', () => {
  // Worker w1 gets 90 households protected through the year, w2 30 of which 10 end on 2025-06-30, and 5 have no one.
  const households = [
    ...Array.from({ length: 90 }, (_, k) => ({ assignedTo: 'w1', timeline: protectionTimeline([decision('start', '2025-01-01', k)]) })),
    ...Array.from({ length: 30 }, (_, k) => ({
      assignedTo: 'w2',
      timeline: protectionTimeline(
        k < 10 ? [decision('start', '2025-01-01', 0), decision('terminate', '2025-06-30', 1)] : [decision('start', '2025-01-01', 0)],
      ),
    })),
    ...Array.from({ length: 5 }, () => ({
      assignedTo: null,
      timeline: protectionTimeline([decision('suspend', '2024-12-01', 0), decision('start', '2025-02-01', 1)]),
    })),
    // Not yet started on the day: counts nowhere.
    { assignedTo: 'w3', timeline: protectionTimeline([decision('start', '2025-07-01', 0)]) },
  ];

  it('counts the households protected on the day, by their caseworker, against the standard', () => {
    const june = caseloadOn(households, '2025-06-29');
    expect(june.rows).toEqual([
      { caseworkerId: 'w1', households: 90, overStandard: 10 },
      { caseworkerId: 'w2', households: 30, overStandard: -50 },
    ]);
    expect(june.unassigned).toBe(5);
    expect(june.households).toBe(125);
    expect(june.standardWorkers).toBe(3);
    const july = caseloadOn(households, '2025-06-30');
    expect(july.rows.find((r) => r.caseworkerId === 'w2')!.households).toBe(20);
  });
});

describe('訪問達成率 by caseworker and grade', () => {
  // Grade A (every month) and B (every 2 months); month 2025-06.
  const planned = (caseworkerId: string, gradeCode: string, visits: string[], k: number): PlannedCase => ({
    caseId: `${caseworkerId}-${gradeCode}-${k}`,
    caseworkerId,
    gradeCode,
    startedOn: '2025-01-01',
    visits,
  });
  const cases: PlannedCase[] = [
    // w1, A: 4 due (every A case is due each month), 3 visited in June.
    planned('w1', 'A', ['2025-05-10', '2025-06-03'], 1),
    planned('w1', 'A', ['2025-06-20'], 2),
    planned('w1', 'A', ['2025-05-02', '2025-06-30'], 3),
    planned('w1', 'A', ['2025-05-15'], 4),
    // w1, B: visited in May so not due in June; one of them visited anyway (unplanned); one last visited in April, due and done.
    planned('w1', 'B', ['2025-05-01'], 5),
    planned('w1', 'B', ['2025-05-01', '2025-06-11'], 6),
    planned('w1', 'B', ['2025-04-01', '2025-06-12'], 7),
    // w2, B: last visited in March, overdue into June, not visited.
    planned('w2', 'B', ['2025-03-01'], 8),
    // Starts after the month: not counted.
    { ...planned('w2', 'A', [], 9), startedOn: '2025-07-01' },
  ];
  const figures = visitFigures(cases, defaultVisitGrades, '2025-06');

  it('per caseworker and grade', () => {
    expect(
      figures.byWorkerAndGrade.map(({ caseworkerId, gradeCode, due, done, unplanned, rate }) => ({ caseworkerId, gradeCode, due, done, unplanned, rate })),
    ).toEqual([
      { caseworkerId: 'w1', gradeCode: 'A', due: 4, done: 3, unplanned: 0, rate: 0.75 },
      { caseworkerId: 'w1', gradeCode: 'B', due: 1, done: 1, unplanned: 1, rate: 1 },
      { caseworkerId: 'w2', gradeCode: 'B', due: 1, done: 0, unplanned: 0, rate: 0 },
    ]);
  });

  it('per caseworker over every grade, and per grade for the office', () => {
    expect(figures.byWorker.map((r) => [r.caseworkerId, r.due, r.done, r.unplanned])).toEqual([
      ['w1', 5, 4, 1],
      ['w2', 1, 0, 0],
    ]);
    expect(figures.byGrade.map((r) => [r.gradeCode, r.due, r.done, r.unplanned])).toEqual([
      ['A', 4, 3, 0],
      ['B', 2, 1, 1],
    ]);
    expect(ratePercent(figures.byWorker[0]!.rate)).toBe(80);
    expect(ratePercent(null)).toBeNull();
  });

  it('visits older than the longest grade interval change nothing (the dashboard reads only those after)', () => {
    // Every case visited in a spread of months over three years, by construction; the window is 6 months (grade D).
    const spread: PlannedCase[] = [
      ...Array.from({ length: 60 }, (_, k) =>
        planned(
          `w${k % 3}`,
          defaultVisitGrades[k % 4]!.code,
          Array.from({ length: k % 7 }, (_, v) => `${2022 + ((k + v) % 4)}-${String(1 + ((k * 5 + v * 3) % 12)).padStart(2, '0')}-15`),
          k,
        ),
      ),
      // Grade D at the window's edge: visited 5 months before (not due), 6 months before (due), just outside (due).
      ...['2025-01-15', '2024-12-20', '2024-11-30'].map((visit, k) => ({ ...planned('w9', 'D', [visit], 100 + k), startedOn: '2022-01-01' })),
    ];
    const windowStart = '2024-12-01'; // 2025-06 − 6 months
    const recent = spread.map((c) => ({ ...c, visits: c.visits.filter((v) => v >= windowStart && v <= '2025-06-30') }));
    expect(recent.some((c, k) => c.visits.length < spread[k]!.visits.length)).toBe(true);
    expect(visitFigures(recent, defaultVisitGrades, '2025-06')).toEqual(visitFigures(spread, defaultVisitGrades, '2025-06'));
  });

  it('a grade the office does not have is an error, not left out', () => {
    expect(() => visitFigures([planned('w1', 'Z', [], 1)], defaultVisitGrades, '2025-06')).toThrow('Z');
  });
});

describe('trend charts read the months’ figures', () => {
  const prepared = prepareOffice(office.map(asFigureHousehold));
  const months = ['2025-04', '2025-05', '2025-06'];
  const figures = months.map((m) => monthlyFigures(prepared, m, null));
  const charts = trendCharts(figures);
  const series = (id: string, label: string) => charts.find((c) => c.id === id)!.series.find((s) => s.label.startsWith(label))!.values;

  it('each series is the figure of its month', () => {
    expect(charts.every((c) => c.months.join() === months.join())).toBe(true);
    expect(series('households', '被保護世帯数')).toEqual(figures.map((f) => f.households.total.value));
    expect(series('flow', '保護開始')).toEqual(figures.map((f) => f.starts.total.value));
    expect(series('flow', '保護廃止')).toEqual(figures.map((f) => f.terminations.total.value));
    expect(series('aids', '医療扶助')).toEqual(figures.map((f) => f.aids.medical.value));
    expect(figures.some((f) => f.households.total.value > 0)).toBe(true);
  });

  it('医療扶助の割合 is 医療扶助人員 / 実人員 (停止中を除く), to 0.1%', () => {
    for (const f of figures) {
      expect(medicalShare(f)).toBe(Math.round((1000 * f.aids.medical.value) / f.persons.receiving.value) / 10);
    }
    expect(series('medicalShare', '医療扶助')).toEqual(figures.map(medicalShare));
  });
});
