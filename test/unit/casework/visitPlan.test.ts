import { describe, expect, test } from 'vitest';
import {
  defaultVisitGrades,
  nextVisitDue,
  visitAchievement,
  visitGradesSchema,
  visitStatus,
  type PlannedCase,
  type VisitGrade,
} from '../../../shared/casework/visitPlan.js';

const grade = (code: string): VisitGrade => defaultVisitGrades.find((g) => g.code === code)!;

describe('grades', () => {
  test('the defaults: A monthly, B every 2, C every 3, D every 6 months', () => {
    expect(defaultVisitGrades.map((g) => [g.code, g.intervalMonths])).toEqual([
      ['A', 1],
      ['B', 2],
      ['C', 3],
      ['D', 6],
    ]);
    expect(visitGradesSchema.safeParse(defaultVisitGrades).success).toBe(true);
  });

  test('an office configuration is checked, in Japanese', () => {
    const messages = (grades: unknown) => visitGradesSchema.safeParse(grades).error?.issues.map((i) => i.message);
    expect(messages([...defaultVisitGrades, { code: 'E', label: '年1回', intervalMonths: 12 }])).toBeUndefined();
    expect(
      messages([
        { code: 'A', label: '毎月', intervalMonths: 1 },
        { code: 'A', label: '隔月', intervalMonths: 2 },
      ]),
    ).toEqual(['格付けの記号が重複しています']);
    expect(messages([{ code: 'A', label: '毎月', intervalMonths: 0 }])).toEqual(['訪問間隔は1か月以上です']);
    expect(messages([{ code: 'A', label: '毎月', intervalMonths: 1.5 }])).toEqual(['訪問間隔は整数の月数で入力してください']);
    expect(messages([])).toEqual(['格付けを1つ以上設定してください']);
  });
});

describe('next visit due', () => {
  test('the interval in calendar months from the month of the last visit, due by that month end', () => {
    expect(nextVisitDue(grade('B'), '2026-04-03', '2020-01-01')).toEqual({ dueMonth: '2026-06', dueBy: '2026-06-30' });
    expect(nextVisitDue(grade('A'), '2026-01-31', '2020-01-01')).toEqual({ dueMonth: '2026-02', dueBy: '2026-02-28' });
    expect(nextVisitDue(grade('A'), '2028-01-15', '2020-01-01')).toEqual({ dueMonth: '2028-02', dueBy: '2028-02-29' });
    expect(nextVisitDue(grade('C'), '2026-11-30', '2020-01-01')).toEqual({ dueMonth: '2027-02', dueBy: '2027-02-28' });
    expect(nextVisitDue(grade('D'), '2026-09-10', '2020-01-01')).toEqual({ dueMonth: '2027-03', dueBy: '2027-03-31' });
  });

  test('before any visit, due in the month protection started', () => {
    expect(nextVisitDue(grade('D'), null, '2026-05-20')).toEqual({ dueMonth: '2026-05', dueBy: '2026-05-31' });
  });

  test('status marks: not yet due, due this month, overdue by months', () => {
    const due = { dueMonth: '2026-06', dueBy: '2026-06-30' };
    expect(visitStatus(due, '2026-05-31')).toEqual({ kind: 'notYetDue', ...due });
    expect(visitStatus(due, '2026-06-10')).toEqual({ kind: 'dueThisMonth', ...due, daysLeft: 20 });
    expect(visitStatus(due, '2026-06-30')).toEqual({ kind: 'dueThisMonth', ...due, daysLeft: 0 });
    expect(visitStatus(due, '2026-07-01')).toEqual({ kind: 'overdue', ...due, monthsOverdue: 1 });
    expect(visitStatus(due, '2026-09-15')).toEqual({ kind: 'overdue', ...due, monthsOverdue: 3 });
  });
});

describe('achievement per caseworker and month', () => {
  const cases: PlannedCase[] = [
    // cw1, June 2026:
    { caseId: 'c1', caseworkerId: 'cw1', gradeCode: 'A', startedOn: '2025-01-01', visits: ['2026-05-10', '2026-06-05'] }, // due, done
    { caseId: 'c2', caseworkerId: 'cw1', gradeCode: 'B', startedOn: '2025-01-01', visits: ['2026-07-02', '2026-04-20'] }, // due, missed
    { caseId: 'c3', caseworkerId: 'cw1', gradeCode: 'C', startedOn: '2025-01-01', visits: ['2026-05-01', '2026-06-20'] }, // due Aug: unplanned
    { caseId: 'c4', caseworkerId: 'cw1', gradeCode: 'A', startedOn: '2025-01-01', visits: ['2026-03-15', '2026-06-30'] }, // overdue since Apr, done
    // cw2:
    { caseId: 'c5', caseworkerId: 'cw2', gradeCode: 'D', startedOn: '2026-06-10', visits: [] }, // new: due in its first month
    { caseId: 'c6', caseworkerId: 'cw2', gradeCode: 'A', startedOn: '2026-07-01', visits: [] }, // not yet started
  ];

  test('visits done / due, overdue cases counted as due, extra visits kept apart', () => {
    expect(visitAchievement(cases, defaultVisitGrades, '2026-06')).toEqual([
      { caseworkerId: 'cw1', month: '2026-06', due: 3, done: 2, unplanned: 1, rate: 2 / 3 },
      { caseworkerId: 'cw2', month: '2026-06', due: 1, done: 0, unplanned: 0, rate: 0 },
    ]);
  });

  test('a month with nothing due has no rate', () => {
    const one: PlannedCase[] = [{ caseId: 'c', caseworkerId: 'cw', gradeCode: 'D', startedOn: '2025-01-01', visits: ['2026-05-10'] }];
    expect(visitAchievement(one, defaultVisitGrades, '2026-06')).toEqual([{ caseworkerId: 'cw', month: '2026-06', due: 0, done: 0, unplanned: 0, rate: null }]);
  });

  test('a grade missing from the configuration is an error', () => {
    const bad: PlannedCase[] = [{ caseId: 'c9', caseworkerId: 'cw', gradeCode: 'Z', startedOn: '2025-01-01', visits: [] }];
    expect(() => visitAchievement(bad, defaultVisitGrades, '2026-06')).toThrow('訪問格付け「Z」が設定にありません');
  });
});
