import type { Table } from 'dexie';
import type { Counter } from './counters.js';
import type { DataStore } from './db.js';
import { isDamaged } from './errors.js';

/**
 * The re-seal after a data key rotation: every row of every table is read (the middleware opens it with whichever
 * key sealed it) and written back (sealed with the current key), in bounded transactions, so the app keeps working
 * between them and a kill loses at most the chunk in flight. Where the walk stands is a checkpoint in the sealed
 * `counters` table, written in the chunk's own transaction: a chunk and its checkpoint are both on disk or neither.
 * Rows the app writes meanwhile are sealed with the current key anyway; re-sealing one again is harmless.
 */

/** Rows per transaction: small enough that a screen's write waits a few milliseconds, not a second. */
export const RESEAL_CHUNK = 100;

const CHECKPOINT_ID = 'keyRotation';

/** Where the walk stands: tables in name order, rows in primary-key order after `after`. */
interface ResealCheckpoint extends Counter {
  /** The key the walk seals with; a checkpoint for another key is stale (a finished or superseded rotation). */
  toKid: string;
  table: number;
  after: string | null;
  /** Rows re-sealed so far (`seq` of a counter has no other meaning here). */
  resealed: number;
  /** Rows that did not open with any key: left as they are, as the evidence they are. */
  damaged: number;
}

export type ResealProgress = { resealed: number; damaged: number; total: number; table: string | null; finished: boolean };

const checkpoints = (store: DataStore) => store.db.counters as unknown as Table<ResealCheckpoint, string>;
const tableNames = (store: DataStore) => store.db.tables.map((table) => table.name).sort();

async function readCheckpoint(store: DataStore): Promise<ResealCheckpoint> {
  const stored = await checkpoints(store).get(CHECKPOINT_ID);
  const fresh: ResealCheckpoint = { id: CHECKPOINT_ID, seq: 0, hlc: null, head: null, toKid: store.keys.kid, table: 0, after: null, resealed: 0, damaged: 0 };
  return stored && !isDamaged(stored) && stored.toKid === store.keys.kid ? stored : fresh;
}

/**
 * Re-seals the next chunk of rows with the current key and moves the checkpoint past them, in one transaction.
 * Returns the checkpoint after it; `table` equal to the number of tables means every row is done.
 */
export async function resealChunk(store: DataStore, chunk = RESEAL_CHUNK): Promise<ResealCheckpoint> {
  const { db } = store;
  const names = tableNames(store);
  const start = await readCheckpoint(store);
  if (start.table >= names.length) return start;
  const table = db.table(names[start.table]!);
  const tables = table.name === 'counters' ? [db.counters] : [table, db.counters];
  return db.transaction('rw', tables, async () => {
    // Read again inside the transaction: another tab or a retry may have moved it.
    const at = await readCheckpoint(store);
    if (at.table !== start.table) return at;
    const rows: Record<string, unknown>[] = await (at.after === null ? table.orderBy(':id') : table.where(':id').above(at.after)).limit(chunk).toArray();
    const intact = rows.filter((row) => !isDamaged(row));
    if (intact.length > 0) await table.bulkPut(intact);
    const last = rows.at(-1);
    const next: ResealCheckpoint = {
      ...at,
      ...(rows.length < chunk ? { table: at.table + 1, after: null } : { after: String(last?.id) }),
      resealed: at.resealed + intact.length,
      damaged: at.damaged + rows.length - intact.length,
    };
    await checkpoints(store).put(next);
    return next;
  });
}

/**
 * Runs the re-seal to the end, chunk by chunk, yielding to the app between chunks. `progress` hears after each.
 * Resumes from the checkpoint of an earlier run with the same key.
 */
export async function resealAll(store: DataStore, progress: (p: ResealProgress) => void = () => undefined, chunk = RESEAL_CHUNK): Promise<ResealProgress> {
  const names = tableNames(store);
  let total = 0;
  for (const name of names) total += await store.db.table(name).count();
  for (;;) {
    const at = await resealChunk(store, chunk);
    const report = {
      resealed: at.resealed,
      damaged: at.damaged,
      total: Math.max(total, at.resealed + at.damaged),
      table: names[at.table] ?? null,
      finished: at.table >= names.length,
    };
    progress(report);
    if (report.finished) return report;
    await new Promise((resolve) => setTimeout(resolve, 0));
  }
}

/** The rotation is over (main dropped the previous key): the checkpoint goes. Also clears one a crash left behind. */
export async function clearResealCheckpoint(store: DataStore): Promise<void> {
  await store.db.counters.delete(CHECKPOINT_ID);
}

/** Whether a checkpoint is stored at all (a finished re-seal whose clean-up a crash interrupted). */
export async function hasResealCheckpoint(store: DataStore): Promise<boolean> {
  return (await store.db.counters.get(CHECKPOINT_ID)) !== undefined;
}
