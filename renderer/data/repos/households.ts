import { householdSchema } from '../../../shared/casework/household.js';
import type { Household, Member } from '../../../shared/domain/records.js';
import { kanaFilter, searchKey } from '../../../shared/text/kana.js';
import type { Session } from '../../../shared/domain/staff.js';
import {
  assertHouseholdInScope,
  assertTableAccess,
  scopedHousehold,
  scopedHouseholdIdsByCaseNumber,
  scopedHouseholds,
  scopedHouseholdsAmong,
} from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { InvalidRecordError, isDamaged, type DamagedRecord } from '../errors.js';
import { rowsOfHouseholds } from '../householdRows.js';
import type { Unstamped } from '../outbox.js';
import { searchCandidates } from '../searchIndex.js';
import { validRecord } from '../validation.js';
import { saveRecord } from './recordWriter.js';

export interface HouseholdMatch {
  household: Household;
  /** Names of the members that matched (for the result list). */
  memberNames: string[];
}

/** The 世帯主's name fields, as the case list shows them. */
export type HouseholdHead = Pick<Member, 'name' | 'kana' | 'relation'>;

export function householdsRepository(store: DataStore) {
  /** Every household write: scope checked against the row before and after, audited by field name. */
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

  return {
    /** The session's caseload, team, intake queue or office, by role. Damaged rows are listed as such. */
    async list(session: Session): Promise<(Household | DamagedRecord)[]> {
      assertTableAccess(store, session, 'households', 'read');
      return scopedHouseholds(store, session);
    },

    /**
     * One page of the session's households in case-number order, and how many there are, from the clear indexes
     * alone: nothing is opened (and nothing logged) until the page is read with `listWithHeads(session, ids)`.
     */
    async page(session: Session, offset: number, limit: number): Promise<{ ids: string[]; total: number }> {
      assertTableAccess(store, session, 'households', 'read');
      const ids = await scopedHouseholdIdsByCaseNumber(store, session);
      return { ids: ids.slice(offset, offset + limit), total: ids.length };
    },

    /**
     * The case list's read: the session's households (or those of `ids` within the scope, in that order) and each
     * one's 世帯主 (name fields only, never a 個人番号), in two reads instead of one transaction per household.
     * Damaged rows are listed as such.
     */
    async listWithHeads(session: Session, ids?: readonly string[]): Promise<{ households: (Household | DamagedRecord)[]; heads: Map<string, HouseholdHead> }> {
      assertTableAccess(store, session, 'households', 'read');
      assertTableAccess(store, session, 'members', 'read');
      const households = ids ? await scopedHouseholdsAmong(store, session, ids) : await scopedHouseholds(store, session);
      const members = await membersOf(households);
      const heads = new Map<string, HouseholdHead>();
      for (const member of members) {
        // Member['relation'] is 'head' for the 世帯主.
        if (!isDamaged(member) && member.relation === 'head') heads.set(member.householdId, { name: member.name, kana: member.kana, relation: member.relation });
      }
      return { households, heads };
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
      return found;
    },

    /** Creates or updates a household; both its current and its new assignment must be within the session's scope. */
    async save(session: Session, household: Unstamped<Household>): Promise<Household> {
      // The 世帯 forms' schema (shared/casework/household.ts): a bad value from any caller is refused, naming its field.
      validRecord(householdSchema, household);
      return write(session, household.id, () => household);
    },

    /**
     * Changes part of a stored household: `change` gets the row as it is inside the write transaction, so two
     * screens editing different fields (世帯, 収入) never write back each other's stale copy.
     */
    async update(session: Session, id: string, change: (current: Household) => Unstamped<Household>): Promise<Household> {
      return write(session, id, (before) => {
        if (!before) throw new InvalidRecordError('id', '世帯が見つかりません');
        const changed = change(before);
        validRecord(householdSchema, changed);
        return changed;
      });
    },
  };
}
