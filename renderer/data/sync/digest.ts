import type { DeviceProfile } from '../../../shared/auth/roles.js';
import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { Sodium } from '../../../shared/crypto/sodium.js';
import type { ScopeDigest } from '../../../shared/sync/bundleFormat.js';
import { householdRowsOf } from '../blindFields.js';
import type { DataStore } from '../db.js';
import { isDamaged } from '../errors.js';
import { householdTables, type HouseholdTable } from '../schema.js';
import { rowForDevice } from './fieldDevice.js';

/**
 * Convergence made checkable (issue 12): a digest per case — BLAKE2b-256 over the canonical JSON of the household's
 * synced rows, sorted by table and id, each without its `hlc` (a row the hub re-stamps holds the same content) and as
 * a device of the given profile holds it (fieldDevice.ts: no 個人番号 on a field device) — and one over the sorted
 * case digests for the scope. The hub computes it for a device's scope with the device's profile, the device over
 * what it holds with its own: equal content gives equal digests on both sides.
 */

/** A row of a case as read for the digest or a checkout: its table and the opened row (or the damaged marker). */
export interface CaseRow {
  table: 'households' | HouseholdTable;
  row: { id: string };
}

/** The tables a case spans, by name: the digest's order. */
export const caseTables = (['households', ...householdTables] as const).slice().sort();

/** Households read and hashed at a time: a scope of any size is digested (or checked out) in bounded memory. */
export const CASES_PER_READ = 50;

const DIGEST_BYTES = 32;
const hex = (sodium: Sodium, text: string) => sodium.to_hex(sodium.crypto_generichash(DIGEST_BYTES, sodium.from_string(text), null));

/**
 * Every row of the given households, opened, grouped by household, in one read (or the caller's transaction): the
 * household row and its rows in every household table (by the blinded link where it is blinded). A row whose
 * opened `householdId` is another household's is left out (the index said otherwise: it is judged by the row); a
 * damaged row is kept as such, so a digest over it differs from the hub's.
 */
export function readCases(store: DataStore, householdIds: readonly string[]): Promise<Map<string, CaseRow[]>> {
  const { db } = store;
  const ids = [...new Set(householdIds)];
  return db.transaction('r', [...caseTables], async () => {
    const cases = new Map<string, CaseRow[]>();
    const households = await db.households.bulkGet(ids);
    households.forEach((household, i) => {
      if (household) cases.set(ids[i]!, [{ table: 'households', row: household }]);
    });
    const present = [...cases.keys()];
    const reads = householdTables.flatMap((table) =>
      present.map(async (householdId) => {
        const rows = await householdRowsOf(store, table, householdId).toArray();
        const kept = cases.get(householdId)!;
        for (const row of rows) if (isDamaged(row) || row.householdId === householdId) kept.push({ table, row });
      }),
    );
    await Promise.all(reads);
    return cases;
  });
}

/** The digest of one case's rows as a device of `profile` holds them. */
export function caseDigest(sodium: Sodium, profile: DeviceProfile, rows: readonly CaseRow[]): string {
  const entries = rows
    .map(({ table, row }) => {
      const { hlc: _clock, ...content } = rowForDevice(profile, table, row) as Record<string, unknown>;
      return [table, row.id, content] as const;
    })
    .sort(([ta, ia], [tb, ib]) => (ta < tb ? -1 : ta > tb ? 1 : ia < ib ? -1 : ia > ib ? 1 : 0));
  return hex(sodium, canonicalJson(entries));
}

/** The scope's digest from its case digests: over the (household id, digest) pairs in id order. */
export function scopeDigestOf(sodium: Sodium, cases: Record<string, string>): ScopeDigest {
  const sorted = Object.keys(cases)
    .sort()
    .map((id) => [id, cases[id]!] as const);
  return { scope: hex(sodium, canonicalJson(sorted)), cases: Object.fromEntries(sorted) };
}

/**
 * The case digests of the given households as a device of `profile` holds them, read `CASES_PER_READ` households at
 * a time. A household not stored is not in it (the other side's digest then lists it as differing).
 */
export async function caseDigests(store: DataStore, profile: DeviceProfile, householdIds: readonly string[]): Promise<Record<string, string>> {
  const cases: Record<string, string> = {};
  for (let from = 0; from < householdIds.length; from += CASES_PER_READ) {
    const read = await readCases(store, householdIds.slice(from, from + CASES_PER_READ));
    for (const [id, rows] of read) cases[id] = caseDigest(store.sodium, profile, rows);
  }
  return cases;
}

/** The digest of the given households' scope: what hub and device both call, with the device's profile. */
export async function scopeDigest(store: DataStore, profile: DeviceProfile, householdIds: readonly string[]): Promise<ScopeDigest> {
  return scopeDigestOf(store.sodium, await caseDigests(store, profile, householdIds));
}

export interface DigestComparison {
  state: '一致' | '不一致';
  /** Households whose digests differ or that only one side holds, in id order. */
  differing: string[];
}

export function compareDigests(mine: ScopeDigest, theirs: ScopeDigest): DigestComparison {
  const ids = [...new Set([...Object.keys(mine.cases), ...Object.keys(theirs.cases)])].sort();
  const differing = ids.filter((id) => mine.cases[id] !== theirs.cases[id]);
  return { state: differing.length === 0 && mine.scope === theirs.scope ? '一致' : '不一致', differing };
}
