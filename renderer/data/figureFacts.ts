import type { Role } from '../../shared/auth/roles.js';
import { localIsoDate } from '../../shared/casework/calendarDate.js';
import type { Session } from '../../shared/domain/staff.js';
import { addMonths, firstDayOf, lastDayOf } from '../../shared/calc/dates.js';
import type { PlannedCase } from '../../shared/casework/visitPlan.js';
import { blindIndex } from '../../shared/crypto/blindIndex.js';
import type { Member } from '../../shared/domain/records.js';
import type { TypedMember } from '../../shared/figures/householdTypes.js';
import type { FigureHousehold } from '../../shared/figures/monthlyFigures.js';
import type { SurveyHousehold, SurveyPerson } from '../../shared/figures/annualSurvey.js';
import { assertSession } from './access.js';
import type { DataStore } from './db.js';
import { AccessDeniedError, isDamaged } from './errors.js';

/**
 * What the office's figures (被保護者調査 月次, shared/figures) are computed from: for every household of the
 * office, its approved decisions, its applications and what the 世帯類型 reads of its members — no name, address or
 * 個人番号. The figures are the office's, so the read is the whole office whatever the session's case scope; only
 * the roles that steer the office by them may make it. Which cases a figure drills down to is judged by the case
 * list's scoped read (`households.caseRows`), not here.
 */

/** 課長, 査察指導員 and システム管理者 (who runs the hub, where every device's cases meet). */
export const figureReaders: readonly Role[] = ['manager', 'supervisor', 'systemAdmin'];

export interface FigureFacts {
  households: FigureHousehold[];
  /** Rows that did not open (damaged or tampered): left out of the figures, counted so the screen says so. */
  damaged: number;
}

/** The day an HLC stamp was made, in local time: a withdrawn application changes no more, so its last change is its 取下げ. */
const dayOfStamp = (hlc: string) => localIsoDate(Date.parse(hlc.slice(0, 24)));

type Collected<M> = { [K in keyof FigureHousehold]: K extends 'members' ? M[] : FigureHousehold[K] extends readonly (infer T)[] ? T[] : FigureHousehold[K] };

const assertReader = (store: DataStore, session: Session) => {
  assertSession(store, session);
  if (!figureReaders.includes(session.role)) throw new AccessDeniedError('事務所の統計を見られるのは課長・査察指導員・システム管理者です');
};

// 傷病 (入院・在宅患者加算・傷病による稼働不能) is not recorded on members: see householdTypes.ts (要確認).
const typedMember = (m: Member): TypedMember => ({
  birthDate: m.birthDate,
  sex: m.sex,
  relation: m.relation,
  disability: m.disability === 'A' || m.disability === 'B',
  sick: false,
});

export async function readFigureFacts(store: DataStore, session: Session): Promise<FigureFacts> {
  assertReader(store, session);
  const { households, damaged } = await collect(store, typedMember);
  return { households, damaged };
}

/**
 * The office's pseudonymous key of a household or person for the 年次調査 export: the data layer's keyed hash
 * (shared/crypto/blindIndex.ts) under the store's blind key, which does not rotate (README "Key rotation"), tagged
 * apart from every other blind value. So a person has the same key in every year's file of this office, and the key
 * cannot be recomputed — nor a name tested against it — without the office's data key.
 */
const surveyKey = (store: DataStore, what: 'household' | 'person', id: string) => blindIndex(store.sodium, store.blindKey, ['annualSurvey', what, id]);

export interface SurveyFacts {
  households: SurveyHousehold[];
  damaged: number;
}

/** The facts of the 年次調査: those of the figures, with each household's and person's pseudonymous key and the survey's person facts (no name, address or 個人番号). */
export async function readSurveyFacts(store: DataStore, session: Session): Promise<SurveyFacts> {
  assertReader(store, session);
  const { households, damaged } = await collect(
    store,
    (m): SurveyPerson => ({
      ...typedMember(m),
      key: surveyKey(store, 'person', m.id),
      disabilityGrade: m.disability ?? null,
      workCapacity: m.workCapacity ?? null,
      school: m.school ?? null,
    }),
  );
  return { households: households.map((h) => ({ ...h, key: surveyKey(store, 'household', h.id) })), damaged };
}

export interface DashboardFacts {
  /** Each household's caseworker now (assignments carry no dates). */
  assignedTo: Map<string, string | null>;
  /** The planned households with a caseworker, with their home visits in the months read. */
  planned: PlannedCase[];
  damaged: number;
}

/**
 * What the dashboard adds to the figures for `month`: assignments, visit plans and home visits. Only the visits from
 * `lookbackMonths` (the office's longest grade interval) before the month to its end are read: a case whose last
 * visit is older is due in the month whether or not that visit is seen (shared/casework/visitPlan.ts), and the notes
 * are the office's largest table.
 */
export async function readDashboardFacts(store: DataStore, session: Session, month: string, lookbackMonths: number): Promise<DashboardFacts> {
  assertReader(store, session);
  const { db } = store;
  const [households, plans, records] = await db.transaction('r', [db.households, db.visitPlans, db.caseRecords], () =>
    Promise.all([
      db.households.toArray(),
      db.visitPlans.toArray(),
      db.caseRecords
        .where('recordedOn')
        .between(firstDayOf(addMonths(month, -lookbackMonths)), lastDayOf(month), true, true)
        .toArray(),
    ]),
  );
  let damaged = 0;
  const assignedTo = new Map<string, string | null>();
  for (const h of households) {
    if (isDamaged(h)) damaged++;
    else assignedTo.set(h.id, h.assignedTo);
  }
  const visits = new Map<string, string[]>();
  for (const r of records) {
    if (isDamaged(r)) damaged++;
    else if (r.kind === 'visit') visits.set(r.householdId, [...(visits.get(r.householdId) ?? []), r.recordedOn]);
  }
  const planned: PlannedCase[] = [];
  for (const plan of plans) {
    if (isDamaged(plan)) {
      damaged++;
      continue;
    }
    const caseworkerId = assignedTo.get(plan.householdId);
    if (!caseworkerId) continue;
    // A plan written without its start (generated training data) counts from its due date, as the visit list does.
    planned.push({
      caseId: plan.householdId,
      caseworkerId,
      gradeCode: plan.grade,
      startedOn: plan.startedOn ?? plan.nextDueOn,
      visits: visits.get(plan.householdId) ?? [],
    });
  }
  return { assignedTo, planned, damaged };
}

async function collect<M>(store: DataStore, memberOf: (m: Member) => M): Promise<{ households: Collected<M>[]; damaged: number }> {
  const { db } = store;
  // Three requests in one read transaction: the approved decisions by their clear stage index, all applications and members.
  const [decisions, applications, members] = await db.transaction('r', [db.decisions, db.applications, db.members], () =>
    Promise.all([db.decisions.where('stage').equals('approved').toArray(), db.applications.toArray(), db.members.toArray()]),
  );
  let damaged = 0;
  const byHousehold = new Map<string, Collected<M>>();
  const householdOf = (id: string): Collected<M> => {
    let household = byHousehold.get(id);
    if (!household) {
      household = { id, members: [], decisions: [], applications: [] };
      byHousehold.set(id, household);
    }
    return household;
  };
  for (const d of decisions) {
    if (isDamaged(d)) {
      damaged++;
      continue;
    }
    if (d.stage !== 'approved') continue;
    householdOf(d.householdId).decisions.push({
      id: d.id,
      kind: d.kind,
      effectiveOn: d.effectiveOn,
      aids: d.aids,
      reasonCode: d.reasonCode ?? null,
      supersedes: d.supersedes,
      order: d.hlc,
    });
  }
  for (const a of applications) {
    if (isDamaged(a)) {
      damaged++;
      continue;
    }
    householdOf(a.householdId).applications.push({ appliedOn: a.appliedOn, withdrawnOn: a.status === 'withdrawn' ? dayOfStamp(a.hlc) : null });
  }
  for (const m of members) {
    if (isDamaged(m)) {
      damaged++;
      continue;
    }
    // Members of households with neither decision nor application add nothing to any figure.
    const household = byHousehold.get(m.householdId);
    if (!household) continue;
    household.members.push(memberOf(m));
  }
  return { households: [...byHousehold.values()], damaged };
}
