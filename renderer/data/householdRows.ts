import type { Table } from 'dexie';

/**
 * The rows of a household table (members, visit plans …) that belong to the given households: one index range per
 * household, issued together in one read transaction (or the caller's). Dexie's `anyOf` walks a single cursor
 * instead, a round trip per row, which in Chromium costs more than the reads once a page or a search holds
 * hundreds of rows. Rows are as the index found them: callers judge the opened ones.
 */
export function rowsOfHouseholds<T>(table: Table<T, string>, householdIds: Iterable<string>): Promise<T[]> {
  const ids = [...new Set(householdIds)];
  return table.db.transaction('r', table, async () => (await Promise.all(ids.map((id) => table.where('householdId').equals(id).toArray()))).flat());
}
