import type { Table, Transaction } from 'dexie';
import { cached } from '../../shared/collections/cached.js';
import { blindIndex } from '../../shared/crypto/blindIndex.js';
import type { Sodium } from '../../shared/crypto/sodium.js';
import type { Household, Member } from '../../shared/domain/records.js';
import { searchKey, searchParts } from '../../shared/text/kana.js';
import { isDamaged, type DamagedRecord } from './errors.js';
import { rowsOfHouseholds } from './householdRows.js';

/**
 * The blind search index. Names, kana and addresses are sealed, so they cannot be indexed as such; instead each
 * household has one `householdSearch` row holding the buckets of the bigrams of its search keys (case number,
 * address, every member's name and kana, folded by shared/text/kana's `searchKey`). A bucket is a keyed hash
 * (the store's blind key) of the bigram, truncated to SEARCH_TOKEN_BITS so that many bigrams share a bucket and an
 * equal token on two households does not show an equal bigram. A search reads the buckets of its query from the
 * index, intersects, and the repository opens only those candidates and confirms them with `kanaFilter` — buckets
 * only narrow, they never decide. README.md's clear-field table states what the tokens leak.
 */

/**
 * 1,024 buckets. The 10,000 training households alone use ~2,500 distinct bigrams (a real office's names and
 * addresses many more), so each bucket stands for several; a household holds ~38 buckets, so a query of two
 * bigrams still leaves about 0.1% of an office's households as candidates to open. README.md weighs this.
 */
export const SEARCH_TOKEN_BITS = 10;

export interface SearchIndexRow {
  /** The household's id. */
  id: string;
  tokens: number[];
}

/** What hashing needs: the store (or an upgrade's context) provides both. */
export interface BlindKeys {
  sodium: Sodium;
  blindKey: Uint8Array;
}

/** The tables a token refresh reads and writes: the store's, or an upgrade transaction's. */
export interface SearchTables {
  households: Table<Household | DamagedRecord, string>;
  members: Table<Member | DamagedRecord, string>;
  householdSearch: Table<SearchIndexRow, string>;
}

const bigrams = (key: string): string[] => {
  const chars = [...key];
  return chars.slice(1).map((ch, i) => chars[i]! + ch);
};

// The tag keeps these hashes apart from the linkage keys made with the same blind key.
const bucketOf = ({ sodium, blindKey }: BlindKeys, gram: string) =>
  Number.parseInt(blindIndex(sodium, blindKey, ['searchGram', gram]).slice(0, 4), 16) >> (16 - SEARCH_TOKEN_BITS);

/** Buckets of the bigrams of search keys (already folded: a query's forms are, and may start with ー). */
const bucketsOf = (keys: BlindKeys, searchKeys: readonly string[]) => [...new Set(searchKeys.flatMap(bigrams))].map((gram) => bucketOf(keys, gram));

/** The buckets a household is found by: bigrams of its case number, address and every member's name and kana. */
export function householdTokens(keys: BlindKeys, household: Household, members: readonly Member[]): number[] {
  const texts = [household.caseNumber, household.address, ...members.flatMap((member) => [member.name, member.kana])];
  return [...new Set(bucketsOf(keys, texts.map(searchKey)))].sort((a, b) => a - b);
}

/**
 * Recomputes the tokens of these households from their opened rows (inside the caller's transaction, so a member's
 * change and its household's tokens commit together). A household that is gone or damaged loses its tokens.
 */
export async function refreshSearchTokens(tables: SearchTables, keys: BlindKeys, householdIds: readonly string[]): Promise<void> {
  const ids = [...new Set(householdIds)];
  if (ids.length === 0) return;
  const households = await tables.households.bulkGet(ids);
  const members = new Map<string, Member[]>();
  for (const member of await rowsOfHouseholds(tables.members, ids)) {
    if (!isDamaged(member)) members.set(member.householdId, [...(members.get(member.householdId) ?? []), member]);
  }
  const rows: SearchIndexRow[] = [];
  const gone: string[] = [];
  households.forEach((household, i) => {
    if (!household || isDamaged(household)) gone.push(ids[i]!);
    else rows.push({ id: household.id, tokens: householdTokens(keys, household, members.get(household.id) ?? []) });
  });
  await tables.householdSearch.bulkDelete(gone);
  await tables.householdSearch.bulkPut(rows);
}

/** Rows a write transaction has in hand, so that refreshing tokens does not read back what it just wrote. */
export interface RowsInHand {
  /** Households written (null: deleted) in the transaction, as written last. */
  households: ReadonlyMap<string, Household | null>;
  /** Members written (null: deleted) in the transaction, as written last. */
  members: ReadonlyMap<string, Member | null>;
  /** Households created in the transaction: every member they have is in `members`, none is stored before. */
  fresh: ReadonlySet<string>;
}

/**
 * `refreshSearchTokens` for a write transaction's households: the households and the members it has in hand are
 * not read again; only households it did not write and the stored members of households it did not create are.
 * Reads what the transaction wrote (its puts were awaited), so the tokens match the rows as they will commit.
 */
export async function refreshSearchTokensInHand(tables: SearchTables, keys: BlindKeys, householdIds: ReadonlySet<string>, hand: RowsInHand): Promise<void> {
  if (householdIds.size === 0) return;
  const ids = [...householdIds];
  const unread = ids.filter((id) => !hand.households.has(id));
  const stored = ids.filter((id) => !hand.fresh.has(id));
  const [read, storedMembers] = await Promise.all([
    unread.length > 0 ? tables.households.bulkGet(unread) : [],
    stored.length > 0 ? rowsOfHouseholds(tables.members, stored) : [],
  ]);
  const households = new Map<string, Household | DamagedRecord | null | undefined>(unread.map((id, i) => [id, read[i]]));
  for (const [id, row] of hand.households) households.set(id, row);
  const members = new Map<string, Member[]>();
  const add = (member: Member) => members.set(member.householdId, [...(members.get(member.householdId) ?? []), member]);
  for (const member of storedMembers) if (!isDamaged(member)) add(member);
  for (const member of hand.members.values()) if (member && hand.fresh.has(member.householdId)) add(member);
  const rows: SearchIndexRow[] = [];
  const gone: string[] = [];
  for (const id of ids) {
    const household = households.get(id);
    if (!household || isDamaged(household)) gone.push(id);
    else rows.push({ id, tokens: householdTokens(keys, household, members.get(id) ?? []) });
  }
  await Promise.all([gone.length > 0 && tables.householdSearch.bulkDelete(gone), rows.length > 0 && tables.householdSearch.bulkPut(rows)]);
}

/** Schema version 2's upgrader: tokens for every household already stored. */
export async function indexStoredHouseholds(tx: Transaction, keys: BlindKeys): Promise<void> {
  const tables: SearchTables = { households: tx.table('households'), members: tx.table('members'), householdSearch: tx.table('householdSearch') };
  await refreshSearchTokens(tables, keys, await tables.households.toCollection().primaryKeys());
}

const intersect = (sets: readonly ReadonlySet<string>[]): Set<string> => {
  const [first, ...rest] = [...sets].sort((a, b) => a.size - b.size);
  return new Set([...(first ?? [])].filter((id) => rest.every((set) => set.has(id))));
};

/**
 * Ids of the households that hold every bucket of some form of every query part: a superset of the matches, to be
 * opened and confirmed. Null when no part has two characters (one kana or kanji): nothing narrows, read the scope.
 */
export async function searchCandidates(table: SearchTables['householdSearch'], keys: BlindKeys, query: string): Promise<Set<string> | null> {
  // A part narrows only if every form of it has a bigram; a one-character form could match anywhere.
  const parts = searchParts(query).filter((forms) => forms.every((form) => [...form].length >= 2));
  if (parts.length === 0) return null;
  const holders = new Map<number, Promise<Set<string>>>();
  const holdersOf = (bucket: number) =>
    cached(holders, bucket, () =>
      table
        .where('tokens')
        .equals(bucket)
        .primaryKeys()
        .then((ids) => new Set(ids)),
    );
  const partMatches = await Promise.all(
    parts.map(async (forms) => {
      const perForm = await Promise.all(forms.map(async (form) => intersect(await Promise.all(bucketsOf(keys, [form]).map(holdersOf)))));
      return new Set(perForm.flatMap((ids) => [...ids]));
    }),
  );
  return intersect(partMatches);
}
