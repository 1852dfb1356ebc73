import type { Role } from '../../shared/auth/roles.js';
import { localIsoDate } from '../../shared/casework/calendarDate.js';
import type { Session } from '../../shared/domain/staff.js';
import type { FigureHousehold } from '../../shared/figures/monthlyFigures.js';
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

type Collected = { [K in keyof FigureHousehold]: FigureHousehold[K] extends readonly (infer T)[] ? T[] : FigureHousehold[K] };

export async function readFigureFacts(store: DataStore, session: Session): Promise<FigureFacts> {
  assertSession(store, session);
  if (!figureReaders.includes(session.role)) throw new AccessDeniedError('事務所の統計を見られるのは課長・査察指導員・システム管理者です');
  const { db } = store;
  // Three requests in one read transaction: the approved decisions by their clear stage index, all applications and members.
  const [decisions, applications, members] = await db.transaction('r', [db.decisions, db.applications, db.members], () =>
    Promise.all([db.decisions.where('stage').equals('approved').toArray(), db.applications.toArray(), db.members.toArray()]),
  );
  let damaged = 0;
  const byHousehold = new Map<string, Collected>();
  const householdOf = (id: string): Collected => {
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
    // 傷病 (入院・在宅患者加算・傷病による稼働不能) is not recorded on members: see householdTypes.ts (要確認).
    household.members.push({ birthDate: m.birthDate, sex: m.sex, relation: m.relation, disability: m.disability === 'A' || m.disability === 'B', sick: false });
  }
  return { households: [...byHousehold.values()], damaged };
}
