import { housingSavedBack } from '../../../shared/casework/caseCalculationInput.js';
import { householdSchema } from '../../../shared/casework/household.js';
import type { Household, Member, VisitPlan } from '../../../shared/domain/records.js';
import { kanaFilter, searchKey } from '../../../shared/text/kana.js';
import type { Session } from '../../../shared/domain/staff.js';
import {
  assertHouseholdInScope,
  assertTableAccess,
  scopedHousehold,
  scopedHouseholdIdsByCaseNumber,
  scopedHouseholds,
  scopedHouseholdsAmong,
  sessionScope,
} from '../access.js';
import { appendAudit } from '../audit.js';
import { buildCaseEntries, UNKNOWN_STAFF, type CaseEntry } from '../caseListRows.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError, isDamaged, type DamagedRecord } from '../errors.js';
import { rowsOfHouseholds } from '../householdRows.js';
import { writeTransaction, type Unstamped } from '../outbox.js';
import { searchCandidates } from '../searchIndex.js';
import { validRecord } from '../validation.js';
import { saveRecord } from './recordWriter.js';

/** The fields of a household a patch may set: not its identity or office. */
export type HouseholdPatch = Partial<Omit<Unstamped<Household>, 'id' | 'officeId'>>;
/** What a calculation used for housing, as the caseworker chose to save it back to the case. */
export type HousingCosts = { rent: number; floorAreaSqm: number | null };

export interface HouseholdMatch {
  household: Household;
  /** Names of the members that matched (for the result list). */
  memberNames: string[];
}

export function householdsRepository(store: DataStore) {
  /** Every household write: scope checked against the row before and after, audited by field name. */
  /** A stored household changed by `change` inside the write, then checked whole against its schema. */
  const changeStored = (session: Session, id: string, change: (current: Unstamped<Household>) => Unstamped<Household>) =>
    write(session, id, (before) => {
      if (!before) throw new InvalidRecordError('id', '世帯が見つかりません');
      const { hlc: _, ...current } = before;
      const changed = change(current);
      validRecord(householdSchema, changed);
      return changed;
    });
  const write = (session: Session, id: string, build: (before: Household | undefined) => Unstamped<Household>) => {
    assertTableAccess(store, session, 'households', 'write');
    return saveRecord(store, session, {
      table: 'households',
      id,
      build,
      authorize: async (before, after) => {
        if (before) await scopedHousehold(store, session, before.id, 'write');
        await assertHouseholdInScope(store, session, { ...after, hlc: '' });
      },
      householdOf: (row) => row.id,
    });
  };
  /** Members of the given (already scoped) households, in one read. */
  const membersOf = async (households: readonly (Household | DamagedRecord)[]) => {
    const ids = new Set(households.flatMap((h) => (isDamaged(h) ? [] : [h.id])));
    // The whole office in scope (the hub, 課長): one table scan is cheaper than walking the index for 10,000 keys.
    const { members } = store.db;
    const rows = ids.size === (await store.db.households.count()) ? await members.toArray() : await rowsOfHouseholds(members, ids);
    return rows.filter((row) => isDamaged(row) || ids.has(row.householdId));
  };

  /** Case number, address or a member's name or kana over the scope (see `search`); the members read come along. */
  const match = async (session: Session, text: string) => {
    assertTableAccess(store, session, 'households', 'read');
    assertTableAccess(store, session, 'members', 'read');
    // Full/half width, かな/カナ and long vowels folded, every part of the query in any order (shared/text/kana).
    const matches = kanaFilter(text);
    const hit = (...fields: string[]) => fields.some((field) => matches(searchKey(field)));
    const candidates = await searchCandidates(store.db.householdSearch, store, text);
    const inScope = candidates ? await scopedHouseholdsAmong(store, session, [...candidates].sort()) : await scopedHouseholds(store, session);
    const households = inScope.filter((row): row is Household => !isDamaged(row));
    const members = await membersOf(households);
    const namesByHousehold = new Map<string, string[]>();
    for (const member of members) {
      if (isDamaged(member) || !hit(member.name, member.kana)) continue;
      namesByHousehold.set(member.householdId, [...(namesByHousehold.get(member.householdId) ?? []), member.name]);
    }
    const found = households.flatMap((household) => {
      const memberNames = namesByHousehold.get(household.id) ?? [];
      return hit(household.caseNumber, household.address) || memberNames.length > 0 ? [{ household, memberNames }] : [];
    });
    await appendAudit(store, session.userId, { kind: 'search', detail: { query: text, resultCount: found.length } });
    return { found, members };
  };

  /** Whether the role reads visit plans: one that may not (経理) gets lines without the next visit, not a refusal. */
  const readsPlans = (session: Session) => {
    try {
      assertTableAccess(store, session, 'visitPlans', 'read');
      return true;
    } catch (error) {
      if (error instanceof AccessDeniedError) return false;
      throw error;
    }
  };

  /**
   * The case list's lines for households already opened and judged, with members already read for some of them
   * (a search has them): the rest of the members, the visit plans and the staff names in one read, issued together.
   */
  const entriesOf = async (
    households: readonly (Household | DamagedRecord)[],
    pending: Promise<readonly (Member | DamagedRecord)[]>,
    plansPending: Promise<readonly (VisitPlan | DamagedRecord)[]>,
  ): Promise<CaseEntry[]> => {
    const { db } = store;
    const [members, plans, users] = await Promise.all([pending, plansPending, db.users.toArray()]);
    const inScope = new Set(households.flatMap((h) => (isDamaged(h) ? [] : [h.id])));
    const heads = new Map<string, Member>();
    for (const member of members) {
      // Only rows that opened count (their householdId is then authentic).
      if (!isDamaged(member) && member.relation === 'head' && inScope.has(member.householdId)) heads.set(member.householdId, member);
    }
    const due = new Map<string, string>();
    for (const plan of plans) {
      if (isDamaged(plan) || !inScope.has(plan.householdId)) continue;
      const known = due.get(plan.householdId);
      if (known === undefined || plan.nextDueOn < known) due.set(plan.householdId, plan.nextDueOn);
    }
    const names = new Map(users.flatMap((user) => (isDamaged(user) ? [] : [[user.id, user.name] as const])));
    return buildCaseEntries(
      households,
      (id) => {
        const head = heads.get(id);
        return head ? [head] : [];
      },
      (id) => names.get(id) ?? UNKNOWN_STAFF,
      (id) => due.get(id) ?? null,
    );
  };
  const plansOf = (session: Session, ids: readonly string[] | null) =>
    !readsPlans(session) ? Promise.resolve([]) : ids === null ? store.db.visitPlans.toArray() : rowsOfHouseholds(store.db.visitPlans, ids);

  return {
    /** The session's caseload, team, intake queue or office, by role. Damaged rows are listed as such. */
    async list(session: Session): Promise<(Household | DamagedRecord)[]> {
      assertTableAccess(store, session, 'households', 'read');
      return scopedHouseholds(store, session);
    },

    /**
     * One page of the session's households in case-number order, and how many there are, from the clear indexes
     * alone: nothing is opened (and nothing logged) until the page is read with `caseRows(session, ids)`.
     */
    async page(session: Session, offset: number, limit: number): Promise<{ ids: string[]; total: number }> {
      assertTableAccess(store, session, 'households', 'read');
      const ids = await scopedHouseholdIdsByCaseNumber(store, session);
      return { ids: ids.slice(offset, offset + limit), total: ids.length };
    },

    /**
     * The case list's lines (a projection: case number, status, the head's name and kana, address, caseworker, next
     * visit) for the session's scope, or for `ids` within it in that order (a page): households, members, plans and
     * staff read once, together. Ids outside the scope's index are not opened; opened rows are judged. Damaged
     * households are lines of their own.
     */
    async caseRows(session: Session, ids?: readonly string[]): Promise<CaseEntry[]> {
      assertTableAccess(store, session, 'households', 'read');
      assertTableAccess(store, session, 'members', 'read');
      const { test, admitted } = await sessionScope(store, session);
      const { db } = store;
      const wanted = ids ? ids.filter((id) => !admitted || admitted.has(id)) : admitted ? [...admitted] : null;
      return db.transaction('r', [db.households, db.members, db.visitPlans, db.users], async () => {
        // Most of the device's households (a caseworker's own device, the hub's small office): one scan of each table
        // is cheaper than a range per household; a page or a caseload among many: one range each, all at once.
        const scan = wanted === null || wanted.length * 2 >= (await db.households.count());
        const members = scan ? db.members.toArray() : rowsOfHouseholds(db.members, wanted);
        const plans = plansOf(session, scan ? null : wanted);
        const rows: (Household | DamagedRecord | undefined)[] = wanted === null ? await db.households.toArray() : await db.households.bulkGet(wanted);
        const households = rows.filter((row): row is Household | DamagedRecord => row !== undefined && (isDamaged(row) || test(row)));
        return entriesOf(households, members, plans);
      });
    },

    /**
     * `search`, as lines of the case list: the matches with their heads from the members the search already opened,
     * and their plans and staff names — nothing read twice. Logged as a search.
     */
    async searchRows(session: Session, text: string): Promise<CaseEntry[]> {
      const { found, members } = await match(session, text);
      const ids = found.map((m) => m.household.id);
      return entriesOf(
        found.map((m) => m.household),
        Promise.resolve(members),
        plansOf(session, ids),
      );
    },

    /** Opens a case: the one way to read a single household, logged as caseOpened. */
    async open(session: Session, id: string): Promise<Household> {
      assertTableAccess(store, session, 'households', 'read');
      const { db } = store;
      return db.transaction('rw', [db.households, db.users, db.audit, db.counters], async () => {
        const household = await scopedHousehold(store, session, id, 'read');
        await appendAudit(store, session.userId, { kind: 'caseOpened', detail: { householdId: id } });
        return household;
      });
    },

    /**
     * Case number, address or a member's name or kana, over the session's scope only. Sealed fields cannot be
     * indexed as such: the blind search index (searchIndex.ts) names the candidate households, only those in
     * scope are opened, and the match is confirmed on the opened rows. A query of single characters narrows
     * nothing, so it reads the whole scope. Logged.
     */
    async search(session: Session, text: string): Promise<HouseholdMatch[]> {
      return (await match(session, text)).found;
    },

    /** Creates or updates a household; both its current and its new assignment must be within the session's scope. */
    async save(session: Session, household: Unstamped<Household>): Promise<Household> {
      // The 世帯 forms' schema (shared/casework/household.ts): a bad value from any caller is refused, naming its field.
      validRecord(householdSchema, household);
      return write(session, household.id, () => household);
    },

    /**
     * Changes the fields given, on the row as it is inside the write transaction, so two screens editing different
     * fields (世帯, 収入) never write back each other's stale copy. Plain data: the call could cross a worker boundary.
     */
    async update(session: Session, id: string, patch: HouseholdPatch): Promise<Household> {
      return changeStored(session, id, (current) => ({ ...current, ...patch }));
    },

    /**
     * 異動: the given cases move to caseworker `toUserId`, all in one transaction or none — a 査察指導員 within their
     * team (the cases and the new caseworker both in their scope), the 課長 anywhere (the one case field they write). Each case's change is audited
     * by field as any save; at the next sync the new caseworker's devices get the cases and the old ones erase them.
     */
    async reassign(session: Session, householdIds: readonly string[], toUserId: string): Promise<{ moved: number }> {
      if (session.role !== 'supervisor' && session.role !== 'manager') throw new AccessDeniedError('担当の変更は査察指導員または課長が行います');
      // The devices' scopes follow the hub's caseloads: a move made on a device would be held there as out of scope.
      if (store.device.profile !== 'hub' && store.device.hubDeviceId) throw new AccessDeniedError('担当の変更はハブ端末で行います');
      const ids = [...new Set(householdIds)];
      if (ids.length === 0) throw new InvalidRecordError('householdIds', '担当を変更するケースを選択してください');
      return writeTransaction(store, ['households', 'users'], async () => {
        const to = await store.db.users.get(toUserId);
        if (!to || isDamaged(to) || to.status !== 'active' || to.role !== 'caseworker')
          throw new InvalidRecordError('toUserId', '新しい担当には在職中のケースワーカーを選択してください');
        // Only the 担当 changes: the 課長, who writes no case data otherwise, may make this one change office-wide.
        const authorize = async (before: Household | undefined, after: Unstamped<Household>) => {
          if (!before) throw new InvalidRecordError('householdIds', '世帯が見つかりません');
          if (session.role === 'manager') return;
          assertTableAccess(store, session, 'households', 'write');
          await scopedHousehold(store, session, before.id, 'write');
          await assertHouseholdInScope(store, session, { ...after, hlc: '' });
        };
        for (const id of ids) {
          await saveRecord(store, session, {
            table: 'households',
            id,
            build: (before) => {
              const { hlc: _, ...current } = before ?? ({} as Household);
              return { ...current, id, assignedTo: toUserId } as Unstamped<Household>;
            },
            authorize,
            householdOf: (row) => row.id,
          });
        }
        return { moved: ids.length };
      });
    },

    /**
     * The rent and floor area a calculation used, written back to the case: a public-housing case stays public, a
     * floor area not given keeps the one recorded (`housingSavedBack`).
     */
    async recordHousingCosts(session: Session, id: string, typed: HousingCosts): Promise<Household> {
      return changeStored(session, id, (current) => ({ ...current, housing: housingSavedBack(current.housing, typed) }));
    },
  };
}
