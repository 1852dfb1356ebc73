import { Dexie } from 'dexie';
import type { AuditEntry } from './audit.js';
import type { CounterRanges } from './counters.js';
import type { DataStore } from './db.js';

/**
 * What a write transaction (outbox.ts `writeTransaction`) keeps in memory until it ends: the counters it read once
 * when it started, and the audit entries chained so far. `appendAudit` called anywhere inside such a transaction —
 * by a repository, in a nested transaction — finds it here and chains in memory instead of reading and writing the
 * counter and adding the entry itself; the transaction writes them all in one request before it commits.
 */
export interface WriteBatch {
  readonly counters: CounterRanges;
  readonly audit: AuditEntry[];
}

// Keyed by the IndexedDB transaction: Dexie's nested transactions are other objects over the same one.
const batches = new WeakMap<IDBTransaction, WriteBatch>();

const currentIdbTransaction = (store: DataStore): IDBTransaction | undefined => {
  const trans = Dexie.currentTransaction;
  return trans && trans.db === store.db ? trans.idbtrans : undefined;
};

/** The batch of the write transaction the caller runs in, if any. */
export function currentWriteBatch<B extends WriteBatch = WriteBatch>(store: DataStore): B | undefined {
  const idb = currentIdbTransaction(store);
  return idb && (batches.get(idb) as B | undefined);
}

/**
 * Makes `batch` the current transaction's batch, synchronously (so that a second write transaction started in the
 * same IndexedDB transaction before the first awaited anything joins it instead of reading the counters again);
 * returns the function that forgets it.
 */
export function registerWriteBatch(store: DataStore, batch: WriteBatch): () => void {
  const idb = currentIdbTransaction(store);
  if (!idb) throw new Error('a write batch needs a transaction of this store');
  batches.set(idb, batch);
  return () => batches.delete(idb);
}
