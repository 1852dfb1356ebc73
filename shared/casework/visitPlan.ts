import { z } from 'zod';
import { addMonthsToMonth, daysBetween, lastDayOfMonth, monthOf, monthsBetween, type IsoDate, type IsoMonth } from './calendarDate.js';

/**
 * 訪問格付け and the visit plan. Each office sets its own grades, so they are data. A plan is kept by calendar
 * month, as offices count it (訪問達成率 per month): a grade-B case visited on 4月3日 is next due during 6月 and
 * is overdue from 7月1日. A case with no visit yet is due in the month its protection started.
 */
export const visitGradeSchema = z.object({
  code: z.string().trim().min(1, { error: '格付けの記号を入力してください' }).max(3, { error: '記号は3文字以内です' }),
  label: z.string().trim().min(1, { error: '格付けの名称を入力してください' }).max(40, { error: '名称は40文字以内です' }),
  intervalMonths: z
    .number({ error: '訪問間隔（月数）を入力してください' })
    .int({ error: '訪問間隔は整数の月数で入力してください' })
    .min(1, { error: '訪問間隔は1か月以上です' })
    .max(24, { error: '訪問間隔は24か月以内です' }),
});
export type VisitGrade = z.infer<typeof visitGradeSchema>;

export const visitGradesSchema = z
  .array(visitGradeSchema)
  .min(1, { error: '格付けを1つ以上設定してください' })
  .superRefine((grades, ctx) => {
    const seen = new Set<string>();
    grades.forEach((grade, index) => {
      if (seen.has(grade.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: '格付けの記号が重複しています' });
      seen.add(grade.code);
    });
  });

/** A starting configuration; the office edits it. */
export const defaultVisitGrades: readonly VisitGrade[] = [
  { code: 'A', label: '毎月', intervalMonths: 1 },
  { code: 'B', label: '2か月に1回', intervalMonths: 2 },
  { code: 'C', label: '3か月に1回', intervalMonths: 3 },
  { code: 'D', label: '6か月に1回', intervalMonths: 6 },
];

export type VisitDue = { dueMonth: IsoMonth; dueBy: IsoDate };

/** When the next visit is due, from the last visit (or, before the first, the start of protection). */
export function nextVisitDue(grade: VisitGrade, lastVisitOn: IsoDate | null, startedOn: IsoDate): VisitDue {
  const dueMonth = lastVisitOn === null ? monthOf(startedOn) : addMonthsToMonth(monthOf(lastVisitOn), grade.intervalMonths);
  return { dueMonth, dueBy: lastDayOfMonth(dueMonth) };
}

export type VisitStatus =
  | { kind: 'notYetDue'; dueMonth: IsoMonth; dueBy: IsoDate }
  | { kind: 'dueThisMonth'; dueMonth: IsoMonth; dueBy: IsoDate; daysLeft: number }
  | { kind: 'overdue'; dueMonth: IsoMonth; dueBy: IsoDate; monthsOverdue: number };

/** The mark on the caseload list for `today`. */
export function visitStatus(due: VisitDue, today: IsoDate): VisitStatus {
  const months = monthsBetween(due.dueMonth, monthOf(today));
  if (months < 0) return { kind: 'notYetDue', ...due };
  if (months === 0) return { kind: 'dueThisMonth', ...due, daysLeft: daysBetween(today, due.dueBy) };
  return { kind: 'overdue', ...due, monthsOverdue: months };
}

export type PlannedCase = {
  caseId: string;
  caseworkerId: string;
  gradeCode: string;
  startedOn: IsoDate;
  /** Dates of home visits, in any order. */
  visits: readonly IsoDate[];
};

export type VisitAchievement = {
  caseworkerId: string;
  month: IsoMonth;
  /** Cases due in the month, including those still overdue from earlier months. */
  due: number;
  /** Of those, the cases visited in the month. */
  done: number;
  /** Cases visited in the month that were not due: recorded, but outside the rate. */
  unplanned: number;
  /** done / due, or null when nothing was due. */
  rate: number | null;
};

/** 訪問達成率 per caseworker for one month. A case whose grade is unknown is an error, not silently left out. */
export function visitAchievement(cases: readonly PlannedCase[], grades: readonly VisitGrade[], month: IsoMonth): VisitAchievement[] {
  const byCode = new Map(grades.map((grade) => [grade.code, grade]));
  const monthStart = `${month}-01`;
  const rows = new Map<string, VisitAchievement>();
  for (const c of cases) {
    const grade = byCode.get(c.gradeCode);
    if (!grade) throw new RangeError(`訪問格付け「${c.gradeCode}」が設定にありません（ケース ${c.caseId}）`);
    if (monthOf(c.startedOn) > month) continue;
    const before = c.visits.filter((visit) => visit < monthStart).sort();
    const visitedThisMonth = c.visits.some((visit) => monthOf(visit) === month);
    const due = monthsBetween(nextVisitDue(grade, before.at(-1) ?? null, c.startedOn).dueMonth, month) >= 0;
    const row = rows.get(c.caseworkerId) ?? { caseworkerId: c.caseworkerId, month, due: 0, done: 0, unplanned: 0, rate: null };
    if (due) {
      row.due += 1;
      if (visitedThisMonth) row.done += 1;
    } else if (visitedThisMonth) {
      row.unplanned += 1;
    }
    rows.set(c.caseworkerId, row);
  }
  return [...rows.values()]
    .map((row) => ({ ...row, rate: row.due === 0 ? null : row.done / row.due }))
    .sort((a, b) => a.caseworkerId.localeCompare(b.caseworkerId));
}
