import Dexie from 'dexie';
import type { CaseStatus } from '../../shared/casework/caseStatus.js';
import type { Household } from '../../shared/domain/records.js';
import { roleLabels, type Role } from '../../shared/auth/roles.js';
import type { Session } from '../../shared/domain/staff.js';
import type { DataStore } from './db.js';
import { AccessDeniedError, IntegrityError, isDamaged, type DamagedRecord } from './errors.js';
import type { TableName } from './schema.js';
import { tableLabels } from './tableLabels.js';

/**
 * Who may read and write what, enforced in the data layer so that no screen can forget it. Two questions per
 * call: may this role touch this table at all (`tableAccess`), and is the household in this session's scope
 * (`householdScope`)? Both must pass for every household-scoped read and write.
 */

type Access = 'read' | 'write';

/**
 * caseload: households assigned to the user · team: households assigned to any user of the session's team ·
 * intake: households still at 相談/申請 · all: every household (approval, accounting, administration) · none.
 */
type Scope = 'caseload' | 'team' | 'intake' | 'all' | 'none';

const householdScope: Record<Role, Scope> = {
  caseworker: 'caseload',
  supervisor: 'team',
  manager: 'all',
  intakeOfficer: 'intake',
  accounting: 'all',
  systemAdmin: 'all',
  auditor: 'none',
};

const intakeStatuses: readonly CaseStatus[] = ['consultation', 'application'];

const caseWork = {
  households: 'write',
  members: 'write',
  consultations: 'read',
  applications: 'write',
  decisions: 'write',
  calculations: 'write',
  caseRecords: 'write',
  visitPlans: 'write',
  medicalTickets: 'write',
  debts: 'read',
  payments: 'read',
  linkageRecords: 'write',
} as const;

/**
 * The PIA's registers (開示等請求, 漏えい等事案, 研修, the filed assessment): kept by the administrator and by the 課長,
 * whom the office's PIA names as the 所属長 of the 担当部署 (I 5); the 監査担当 reads them for the 自己点検.
 */
const piaKeeping = { privacyRequests: 'write', incidents: 'write', trainingRecords: 'write', piaAssessment: 'write' } as const;
const piaReading = { privacyRequests: 'read', incidents: 'read', trainingRecords: 'read', piaAssessment: 'read' } as const;

const tableAccess: Record<Role, Partial<Record<TableName, Access>>> = {
  caseworker: caseWork,
  supervisor: caseWork,
  // 課長 reads everything that an approval rests on, and writes only the approval.
  manager: {
    households: 'read',
    members: 'read',
    consultations: 'read',
    applications: 'read',
    decisions: 'write',
    calculations: 'read',
    caseRecords: 'read',
    visitPlans: 'read',
    medicalTickets: 'read',
    debts: 'read',
    payments: 'read',
    linkageRecords: 'read',
    ...piaKeeping,
  },
  intakeOfficer: { households: 'write', members: 'write', consultations: 'write', applications: 'write' },
  accounting: { households: 'read', members: 'read', decisions: 'read', calculations: 'read', debts: 'write', payments: 'write' },
  // Runs the system: accounts and devices, and sees which households exist (sync, quarantine) — but no case
  // notes, and members without 個人番号 (see myNumberAccess).
  // and the linkage exchange: what goes to the 中間サーバー carries the 宛名番号, never the 個人番号.
  systemAdmin: {
    offices: 'write',
    users: 'write',
    devices: 'write',
    households: 'read',
    members: 'read',
    linkageRecords: 'write',
    provisionRecords: 'write',
    ...piaKeeping,
  },
  auditor: { provisionRecords: 'read', ...piaReading },
};

/**
 * reveal: sees the masked form and may reveal with a reason · none: never sees any part of it. Only roles that
 * reveal may also record one.
 */
export type MyNumberAccess = 'reveal' | 'none';
const myNumberAccess: Record<Role, MyNumberAccess> = {
  caseworker: 'reveal',
  supervisor: 'reveal',
  manager: 'reveal',
  intakeOfficer: 'reveal',
  accounting: 'none',
  systemAdmin: 'none',
  auditor: 'none',
};

export { tableLabels } from './tableLabels.js';

const deny = (message: string): never => {
  throw new AccessDeniedError(message);
};

/** The session must describe this device: a session minted for an office desktop does not unlock field rules away. */
export function assertSession(store: DataStore, session: Session): void {
  if (session.deviceProfile !== store.device.profile) deny('この端末の種別と利用者の認証情報が一致しません');
}

export function assertTableAccess(store: DataStore, session: Session, table: TableName, access: Access): void {
  assertSession(store, session);
  const granted = tableAccess[session.role][table];
  if (granted === 'write' || granted === access) return;
  deny(`${roleLabels[session.role]}は${tableLabels[table] ?? table}を${access === 'read' ? '閲覧' : '更新'}できません`);
}

export const myNumberAccessOf = (session: Session): MyNumberAccess => myNumberAccess[session.role];

/** Whether staff of `role` reach 個人番号: the PIA's 取扱者 (II 2). */
export const roleReachesMyNumber = (role: Role): boolean => myNumberAccess[role] === 'reveal';

export function assertMayAudit(store: DataStore, session: Session): void {
  assertSession(store, session);
  if (session.role !== 'auditor') deny(`${roleLabels[session.role]}は監査ログを閲覧できません`);
}

/**
 * The session's scope as a test on an opened household row. Index queries narrow the candidates, but only a row
 * that opened (so its clear fields are authenticated) is judged, which is why lists filter through this too.
 */
async function scopeTest(store: DataStore, session: Session): Promise<(household: Household) => boolean> {
  switch (householdScope[session.role]) {
    case 'all':
      return () => true;
    case 'none':
      return () => false;
    case 'caseload':
      return (household) => household.assignedTo === session.userId;
    case 'intake':
      return (household) => intakeStatuses.includes(household.status);
    case 'team': {
      const team = new Set(await teamMembers(store, session.teamId));
      return (household) => household.assignedTo !== null && team.has(household.assignedTo);
    }
  }
}

async function teamMembers(store: DataStore, teamId: string | null): Promise<string[]> {
  if (teamId === null) return [];
  const users = await store.db.users.where('teamId').equals(teamId).toArray();
  return users.flatMap((user) => (!isDamaged(user) && user.teamId === teamId ? [user.id] : []));
}

/** Loads a household the session may reach, or refuses. A damaged household row is an IntegrityError. */
export async function scopedHousehold(store: DataStore, session: Session, householdId: string, access: Access): Promise<Household> {
  const household = await store.db.households.get(householdId);
  if (isDamaged(household)) throw new IntegrityError('households', householdId);
  if (!household || !(await scopeTest(store, session))(household)) {
    deny(`この世帯は担当範囲外のため${access === 'read' ? '閲覧' : '更新'}できません`);
  }
  return household!;
}

/** Refuses unless every given household is in scope for writing (a row's current and its new household). */
export async function assertWritableHouseholds(store: DataStore, session: Session, ...householdIds: string[]): Promise<void> {
  for (const householdId of new Set(householdIds)) await scopedHousehold(store, session, householdId, 'write');
}

/** Refuses a household row (new or changed) that would leave the session's scope, e.g. reassigning a case away. */
export async function assertHouseholdInScope(store: DataStore, session: Session, household: Household): Promise<void> {
  if (!(await scopeTest(store, session))(household)) deny('担当範囲外の世帯として保存することはできません');
}

/** The index query narrowing the session's scope to candidate households; null for no scope. */
async function scopeCandidates(store: DataStore, session: Session) {
  const { households } = store.db;
  switch (householdScope[session.role]) {
    case 'all':
      return households.toCollection();
    case 'none':
      return null;
    case 'caseload':
      return households.where('assignedTo').equals(session.userId);
    case 'intake':
      return households.where('status').anyOf([...intakeStatuses]);
    case 'team':
      return households.where('assignedTo').anyOf(await teamMembers(store, session.teamId));
  }
}

/**
 * A session's scope resolved from the indexes: the test an opened row must pass, and the ids the scope's index
 * admits (null: every household, the whole office — no need to read them).
 */
interface ResolvedScope {
  test: (household: Household) => boolean;
  admitted: ReadonlySet<string> | null;
}

async function resolveScope(store: DataStore, session: Session): Promise<ResolvedScope> {
  const test = await scopeTest(store, session);
  if (householdScope[session.role] === 'all') return { test, admitted: null };
  const candidates = await scopeCandidates(store, session);
  return { test, admitted: new Set(candidates ? await candidates.primaryKeys() : []) };
}

/*
 * The scope is resolved once per session and kept until a households or users row changes in this database (an
 * assignment, a status, a team): Dexie reports every committed write, from this tab or another, before the writer's
 * own await resumes, so a list read after a reassignment never sees the old caseload. The cache only narrows which
 * rows are opened; every opened row is still judged by the test. Inside a transaction it is not used: awaiting a
 * read begun outside would let the caller's IndexedDB transaction commit early.
 */
const scopeTables = new Set(['households', 'users']);
const generations = new Map<string, number>();
let watching = false;
const generationOf = (store: DataStore) => generations.get(store.db.name) ?? 0;

function watchScopeTables(): void {
  if (watching) return;
  watching = true;
  Dexie.on('storagemutated', (parts) => {
    for (const part of Object.keys(parts)) {
      // idb://<database>/<table>/<index>: the database name may hold slashes, table and index names do not.
      const path = part.slice('idb://'.length).split('/');
      if (path.length < 3 || !scopeTables.has(path.at(-2)!)) continue;
      const name = path.slice(0, -2).join('/');
      generations.set(name, (generations.get(name) ?? 0) + 1);
    }
  });
}

interface CachedScope {
  generation: number;
  scope: Promise<ResolvedScope>;
  /** The scope's ids in case-number order, read when a paged list first asks. */
  byCaseNumber?: Promise<string[]>;
}
const cachedScopes = new WeakMap<DataStore, WeakMap<Session, CachedScope>>();

function cachedScope(store: DataStore, session: Session): CachedScope {
  watchScopeTables();
  const perSession = cachedScopes.get(store) ?? new WeakMap<Session, CachedScope>();
  cachedScopes.set(store, perSession);
  const generation = generationOf(store);
  const cached = perSession.get(session);
  if (cached && cached.generation === generation) return cached;
  const fresh: CachedScope = { generation, scope: resolveScope(store, session) };
  // A failed read is not kept: the next call tries again.
  fresh.scope.catch(() => perSession.delete(session));
  perSession.set(session, fresh);
  return fresh;
}

const inTransaction = () => Dexie.currentTransaction !== null;

/** The session's resolved scope: from the cache outside transactions, read afresh inside one. */
export function sessionScope(store: DataStore, session: Session): Promise<ResolvedScope> {
  return inTransaction() ? resolveScope(store, session) : cachedScope(store, session).scope;
}

/** Every household in the session's scope; damaged rows found by the index come back as such for the list to show. */
export async function scopedHouseholds(store: DataStore, session: Session): Promise<(Household | DamagedRecord)[]> {
  const { test, admitted } = await sessionScope(store, session);
  const candidates: (Household | DamagedRecord | undefined)[] =
    admitted === null ? await store.db.households.toArray() : await store.db.households.bulkGet([...admitted]);
  return candidates.filter((row): row is Household | DamagedRecord => row !== undefined && (isDamaged(row) || test(row)));
}

/**
 * Ids of the scope's candidate households in case-number order, from the clear indexes alone (no row is opened):
 * what a paged list counts and slices. Opening a page goes through `scopedHouseholdsAmong`, which judges the rows.
 * Kept with the session's scope, so turning a page does not read the office's keys again.
 */
export function scopedHouseholdIdsByCaseNumber(store: DataStore, session: Session): Promise<string[]> {
  const byCaseNumber = async (scope: Promise<ResolvedScope>) => {
    const [{ admitted }, ordered] = await Promise.all([scope, store.db.households.orderBy('caseNumber').primaryKeys()]);
    return admitted === null ? ordered : ordered.filter((id) => admitted.has(id));
  };
  if (inTransaction()) return byCaseNumber(resolveScope(store, session));
  const cached = cachedScope(store, session);
  if (!cached.byCaseNumber) {
    cached.byCaseNumber = byCaseNumber(cached.scope);
    cached.byCaseNumber.catch(() => (cached.byCaseNumber = undefined));
  }
  return cached.byCaseNumber;
}

/**
 * The given households that are in the session's scope, opened, in the given order: ids outside the scope's index
 * are not even opened, and an opened row must pass the scope test. Damaged rows come back as such; unknown ids not.
 */
export async function scopedHouseholdsAmong(store: DataStore, session: Session, ids: readonly string[]): Promise<(Household | DamagedRecord)[]> {
  if (ids.length === 0) return [];
  const { test, admitted } = await sessionScope(store, session);
  const rows: (Household | DamagedRecord | undefined)[] = await store.db.households.bulkGet(ids.filter((id) => !admitted || admitted.has(id)));
  return rows.filter((row): row is Household | DamagedRecord => row !== undefined && (isDamaged(row) || test(row)));
}
