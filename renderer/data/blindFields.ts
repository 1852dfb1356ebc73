import type { Collection } from 'dexie';
import { blindIndex } from '../../shared/crypto/blindIndex.js';
import type { DamagedRecord } from './errors.js';
import type { HouseholdTable, TableRows } from './schema.js';
import { tableSpecs } from './schema.js';
import type { BlindKeys } from './searchIndex.js';

/**
 * Blinded clear fields: a clear field whose value would reveal something (that a household has a 徴収金 ledger,
 * medical tickets) is stored as a keyed hash of the sealed value instead, so a query can still find the rows by
 * equality. The hash is the data layer's blind index (shared/crypto/blindIndex.ts: BLAKE2b under the blind key, a
 * subkey of the DEK), tagged with the table and field so it matches neither the search tokens nor the linkage keys,
 * nor the same household's value in another table. The middleware computes it when it seals a row (so every
 * writer, an upgrade and a re-seal get it right) and the repositories compute the same value to query; both use the
 * store's blind key, which must not change while such rows remain (README: "What stays clear on disk").
 */
export const blindFieldValue = ({ sodium, blindKey }: BlindKeys, table: string, field: string, value: unknown): string =>
  blindIndex(sodium, blindKey, ['clearField', table, field, value]);

/**
 * The rows of one household in a household table: by its clear `householdId`, or, where that link is blinded, by the
 * keyed hash of it. Callers still check the opened row's `householdId` (a damaged row says nothing true).
 */
export function householdRowsOf<K extends HouseholdTable>(
  store: { db: { table(name: string): unknown } } & BlindKeys,
  table: K,
  householdId: string,
): Collection<TableRows[K] | DamagedRecord, string> {
  const rows = store.db.table(table) as { where(index: string): { equals(value: string): Collection<TableRows[K] | DamagedRecord, string> } };
  return 'householdKey' in tableSpecs[table].clear
    ? rows.where('householdKey').equals(blindFieldValue(store, table, 'householdKey', householdId))
    : rows.where('householdId').equals(householdId);
}
