import type { IsoMonth } from '../casework/calendarDate.js';
import { visitAchievement, type PlannedCase, type VisitAchievement, type VisitGrade } from '../casework/visitPlan.js';

/**
 * 訪問達成率 of a month by caseworker and by 訪問格付け, and for the office: the casework rule
 * (shared/casework/visitPlan.ts `visitAchievement`: due cases visited in the month) applied to each grade's cases,
 * so the dashboard and the visit work list count alike.
 */
export interface GradeAchievement extends VisitAchievement {
  gradeCode: string;
}

export interface VisitFigures {
  month: IsoMonth;
  /** One row per caseworker and grade that had cases, by caseworker then the grades' order. */
  byWorkerAndGrade: GradeAchievement[];
  /** Per caseworker, every grade together. */
  byWorker: VisitAchievement[];
  /** The office, per grade (caseworkerId: '' — the office). */
  byGrade: GradeAchievement[];
}

const OFFICE = '';

export function visitFigures(cases: readonly PlannedCase[], grades: readonly VisitGrade[], month: IsoMonth): VisitFigures {
  const byWorkerAndGrade: GradeAchievement[] = [];
  const byGrade: GradeAchievement[] = [];
  for (const grade of grades) {
    const ofGrade = cases.filter((c) => c.gradeCode === grade.code);
    if (ofGrade.length === 0) continue;
    byWorkerAndGrade.push(...visitAchievement(ofGrade, grades, month).map((row) => ({ ...row, gradeCode: grade.code })));
    const office = visitAchievement(
      ofGrade.map((c) => ({ ...c, caseworkerId: OFFICE })),
      grades,
      month,
    );
    byGrade.push(...office.map((row) => ({ ...row, gradeCode: grade.code })));
  }
  const order = new Map(grades.map((g, k) => [g.code, k]));
  byWorkerAndGrade.sort((a, b) => a.caseworkerId.localeCompare(b.caseworkerId) || order.get(a.gradeCode)! - order.get(b.gradeCode)!);
  return { month, byWorkerAndGrade, byWorker: visitAchievement(cases, grades, month), byGrade };
}

/** A rate as a percentage to 0.1, as the dashboard shows it; null stays null (nothing was due). */
export const ratePercent = (rate: number | null): number | null => (rate === null ? null : Math.round(rate * 1000) / 10);
