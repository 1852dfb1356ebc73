import { monthOf, type IsoDate, type IsoMonth } from '../../../shared/casework/calendarDate.js';
import { nextVisitDue, visitAchievement, type PlannedCase, type VisitAchievement, type VisitGrade } from '../../../shared/casework/visitPlan.js';
import type { CaseRecord, VisitPlan } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { assertTableAccess, scopedHouseholds, scopedHouseholdsAmong } from '../access.js';
import { rowsOfHouseholds } from '../householdRows.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, IntegrityError, InvalidRecordError, isDamaged } from '../errors.js';
import { writeTransaction, type Unstamped } from '../outbox.js';
import { householdRecords } from './householdRecords.js';

/**
 * Visits and the visit plan (訪問計画). A household has one plan: its grade (訪問格付け) and the date by which the
 * next home visit is due. Recording a home visit writes the case record and moves the plan in one transaction,
 * so a note can never exist without the plan it advanced (or the reverse). Access and scope are the generic
 * repositories' (case records and plans are caseworker-written).
 */

/** The grade of `code` among the office's grades (the settings' `officeVisitGrades`), or an error naming it. */
function gradeOf(grades: readonly VisitGrade[], code: string): VisitGrade {
  const grade = grades.find((g) => g.code === code);
  if (!grade) throw new InvalidRecordError('grade', `訪問格付け「${code}」は設定にありません`);
  return grade;
}

/** A plan written without its start (e.g. generated training data) counts from its due date. */
const startOf = (plan: Pick<VisitPlan, 'startedOn' | 'nextDueOn'>): IsoDate => plan.startedOn ?? plan.nextDueOn;

/** The plan's due date from its grade and the later of its last visit and `visitOn`. */
export function planAfter(plan: Unstamped<VisitPlan>, visitOn: IsoDate | null, grades: readonly VisitGrade[]): Unstamped<VisitPlan> {
  const lastVisitOn =
    [plan.lastVisitOn, visitOn]
      .filter((d): d is string => typeof d === 'string')
      .sort()
      .at(-1) ?? null;
  return { ...plan, lastVisitOn, nextDueOn: nextVisitDue(gradeOf(grades, plan.grade), lastVisitOn, startOf(plan)).dueBy };
}

export type VisitInput = Pick<CaseRecord, 'kind' | 'recordedOn' | 'body'>;

/**
 * A visit to a household on a day it already has one recorded: most often the same visit entered twice (on the
 * laptop and again at the office), which would count twice toward the visit plan. Recorded only once confirmed.
 */
export class DuplicateVisitError extends Error {
  override readonly name = 'DuplicateVisitError';
  constructor(readonly recordedOn: IsoDate) {
    super('この世帯のこの日の訪問はすでに記録されています');
  }
}

export function visitsRepository(store: DataStore) {
  const caseRecords = householdRecords(store, 'caseRecords', { deletable: true });
  const visitPlans = householdRecords(store, 'visitPlans', { deletable: true });

  /** The household's plan, or undefined; a damaged plan refuses rather than being silently replaced. */
  async function planOf(session: Session, householdId: string): Promise<VisitPlan | undefined> {
    const rows = await visitPlans.list(session, householdId);
    const damaged = rows.find(isDamaged);
    if (damaged) throw new IntegrityError('visitPlans', damaged.id);
    return rows.filter((row): row is VisitPlan => !isDamaged(row)).sort((a, b) => a.id.localeCompare(b.id))[0];
  }

  return {
    planOf,

    /** Sets the grade (and note) of the household's plan, creating it from `startedOn` if there is none. */
    async setPlan(
      session: Session,
      householdId: string,
      input: { grade: string; note: string; startedOn: IsoDate },
      grades: readonly VisitGrade[],
    ): Promise<VisitPlan> {
      return writeTransaction(store, ['visitPlans', 'households', 'users'], async () => {
        const current = await planOf(session, householdId);
        const base: Unstamped<VisitPlan> = current ?? {
          id: uuidv7(),
          householdId,
          grade: input.grade,
          nextDueOn: '',
          note: '',
          startedOn: input.startedOn,
          lastVisitOn: null,
        };
        return visitPlans.save(session, planAfter({ ...base, grade: input.grade, note: input.note }, null, grades));
      });
    },

    /**
     * Records a contact as a case record; a home visit (kind `visit`) also moves the plan's next due date. One
     * transaction: if the plan cannot be written (out of scope, damaged), the record is not kept either. A second
     * visit on the same day is refused (DuplicateVisitError) unless `confirmedDuplicate` says the user meant it.
     */
    async recordVisit(
      session: Session,
      householdId: string,
      input: VisitInput,
      grades: readonly VisitGrade[],
      options: { confirmedDuplicate?: boolean } = {},
    ): Promise<{ record: CaseRecord; plan: VisitPlan | null }> {
      return writeTransaction(store, ['caseRecords', 'visitPlans', 'households', 'users'], async () => {
        if (input.kind === 'visit' && !options.confirmedDuplicate) {
          const records = await caseRecords.list(session, householdId);
          if (records.some((r) => !isDamaged(r) && r.kind === 'visit' && r.recordedOn === input.recordedOn)) throw new DuplicateVisitError(input.recordedOn);
        }
        const record = await caseRecords.save(session, { id: uuidv7(), householdId, authorId: session.userId, ...input });
        const current = input.kind === 'visit' ? await planOf(session, householdId) : undefined;
        const plan = current ? await visitPlans.save(session, planAfter(current, input.recordedOn, grades)) : null;
        return { record, plan };
      });
    },

    /**
     * The next due date of every planned household in the session's scope (or of `householdIds` within it: a
     * page of the case list), for the case list (two index queries, however many cases). A role that may not read plans (経理) gets none rather than a refusal of the list.
     */
    async nextDueByHousehold(session: Session, householdIds?: readonly string[]): Promise<Map<string, IsoDate>> {
      try {
        assertTableAccess(store, session, 'visitPlans', 'read');
      } catch (error) {
        if (error instanceof AccessDeniedError) return new Map();
        throw error;
      }
      const households = householdIds ? await scopedHouseholdsAmong(store, session, householdIds) : await scopedHouseholds(store, session);
      const ids = households.flatMap((h) => (isDamaged(h) ? [] : [h.id]));
      const plans = await rowsOfHouseholds(store.db.visitPlans, ids);
      const inScope = new Set(ids);
      // Only rows that opened count (their householdId is then authentic); the earliest due wins if there are two.
      const due = new Map<string, IsoDate>();
      for (const plan of plans) {
        if (isDamaged(plan) || !inScope.has(plan.householdId)) continue;
        const known = due.get(plan.householdId);
        if (known === undefined || plan.nextDueOn < known) due.set(plan.householdId, plan.nextDueOn);
      }
      return due;
    },

    /**
     * 訪問達成状況 for `month` over the session's scope (a supervisor: the team), per caseworker, from the plans
     * and the home visits recorded. Cases without a plan or a caseworker are not planned, so not counted.
     */
    async achievement(session: Session, month: IsoMonth, grades: readonly VisitGrade[]): Promise<{ rows: VisitAchievement[]; overdue: Map<string, number> }> {
      const households = (await scopedHouseholds(store, session)).flatMap((h) =>
        !isDamaged(h) && h.assignedTo !== null ? [{ id: h.id, caseworkerId: h.assignedTo }] : [],
      );
      const cases: PlannedCase[] = [];
      const overdue = new Map<string, number>();
      for (const household of households) {
        const plan = await planOf(session, household.id);
        if (!plan) continue;
        const records = await caseRecords.list(session, household.id);
        const visits = records.flatMap((r) => (!isDamaged(r) && r.kind === 'visit' ? [r.recordedOn] : []));
        cases.push({ caseId: household.id, caseworkerId: household.caseworkerId, gradeCode: plan.grade, startedOn: startOf(plan), visits });
        // Overdue going into the month: due before it and not visited since.
        if (monthOf(plan.nextDueOn) < month) overdue.set(household.caseworkerId, (overdue.get(household.caseworkerId) ?? 0) + 1);
      }
      return { rows: visitAchievement(cases, grades, month), overdue };
    },
  };
}
