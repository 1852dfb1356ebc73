import { blindIndex } from '../../shared/crypto/blindIndex.js';
import type { LinkageKind } from '../../shared/linkage/linkageKinds.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { advanceCounter } from './counters.js';
import type { DataStore } from './db.js';
import { isDamaged } from './errors.js';
import { refreshSearchTokens } from './searchIndex.js';
import type { SyncedTable, TableName, TableRows } from './schema.js';

/**
 * The transactional outbox. A change and the messages it causes are written in one IndexedDB transaction, so
 * either both exist or neither does; a relay later delivers them at least once and receivers deduplicate by
 * `idempotencyKey`. Two streams share the table: `hub` replicates every change of a synced table to the office
 * hub; `linkage` carries what the hub will send to the 中間サーバー (副本, 情報照会, 医療扶助オンライン資格確認,
 * 公金受取口座). Each stream numbers its entries 1, 2, 3 … per device with a stored counter taken in the same
 * transaction, so a rolled-back change leaves no gap and the hub can require `fromSeq == lastSeen + 1`.
 */

export type Stream = 'hub' | 'linkage';

export interface OutboxEntry {
  id: string;
  stream: Stream;
  seq: number;
  deviceId: string;
  /**
   * hub: `hub:<table>:<row id>:<hlc>`, one row version (stable even if a restored device renumbers its seq);
   * linkage: `linkage:<kind>:<blind index of the natural key>` (e.g. 宛名番号, item, period), so a re-sent or
   * superseded registration is an upsert at the 中間サーバー and the 宛名番号 itself stays sealed.
   */
  idempotencyKey: string;
  hlc: string;
  createdAt: string;
  kind: 'change' | LinkageKind;
  table: SyncedTable | null;
  rowId: string | null;
  op: 'put' | 'delete' | 'send';
  payload: unknown;
}

/** A result or request that came in (照会結果, hub changes); applied or quarantined, never dropped. */
export interface InboxEntry {
  id: string;
  stream: Stream;
  kind: string;
  status: 'received' | 'applied' | 'quarantined';
  receivedAt: string;
  hlc: string;
  payload: unknown;
  /** Why the hub or the applier rejected it, in Japanese, for the quarantine screen. */
  problem: string | null;
}

export interface LinkageMessage {
  kind: LinkageKind;
  naturalKey: unknown;
  payload: unknown;
}

export type Unstamped<T> = Omit<T, 'hlc'>;

/** Writes within one transaction; each call also queues its outbox entries in it. */
export interface ChangeWriter {
  put<K extends SyncedTable>(table: K, row: Unstamped<TableRows[K]>): Promise<TableRows[K]>;
  /** `put` for many rows in a few bulk requests: an exchange file's thousands of ledger updates. */
  putMany<K extends SyncedTable>(table: K, rows: readonly Unstamped<TableRows[K]>[]): Promise<TableRows[K][]>;
  delete(table: SyncedTable, id: string): Promise<void>;
  linkage(message: LinkageMessage): Promise<OutboxEntry>;
}

/** The idempotency key of a linkage message: the same natural key always gives the same key, and reveals nothing. */
export const linkageIdempotencyKey = (store: DataStore, kind: LinkageKind, naturalKey: unknown) =>
  `linkage:${kind}:${blindIndex(store.sodium, store.blindKey, [kind, naturalKey])}`;

const outboxTables: TableName[] = ['outbox', 'counters', 'audit'];
/** A transaction that may write households or members also keeps their search tokens (searchIndex.ts). */
const searchTables: TableName[] = ['households', 'members', 'householdSearch'];

/**
 * Runs `work` in one read-write transaction over `tables` plus the outbox, counters and audit tables. If `work`
 * throws, nothing it wrote — rows, outbox entries, audit entries, sequence numbers — remains. Inside, await only
 * Dexie calls (no fetch, timers or IPC), or IndexedDB commits early.
 */
export function writeTransaction<T>(store: DataStore, tables: readonly TableName[], work: (writer: ChangeWriter) => Promise<T>): Promise<T> {
  const { db } = store;
  const enqueue = async (entry: Omit<OutboxEntry, 'id' | 'seq' | 'deviceId' | 'createdAt'>) => {
    const { seq } = await advanceCounter(db, `outbox:${entry.stream}`, () => ({ hlc: entry.hlc }));
    const full: OutboxEntry = { ...entry, id: uuidv7(), seq, deviceId: store.device.id, createdAt: new Date(store.now()).toISOString() };
    await db.outbox.add(full);
    return full;
  };
  // Households whose search tokens this transaction changes: refreshed once each, after `work`, in the transaction.
  const touched = new Set<string>();
  const touch = async (table: SyncedTable, id: string, row?: object) => {
    if (table === 'households') touched.add(id);
    if (table !== 'members') return;
    // A member moving to another household changes the tokens of both.
    const before = await db.members.get(id);
    for (const member of [before, row as TableRows['members'] | undefined]) if (member && !isDamaged(member)) touched.add(member.householdId);
  };
  const hubChange = (table: SyncedTable, row: { id: string; hlc: string }) =>
    ({ stream: 'hub', kind: 'change', idempotencyKey: `hub:${table}:${row.id}:${row.hlc}`, hlc: row.hlc, table, rowId: row.id, op: 'put', payload: row }) as const;
  const writer: ChangeWriter = {
    async put(table, row) {
      await touch(table, row.id, row);
      const stamped = { ...row, hlc: store.clock.stamp() } as TableRows[typeof table];
      await db.table(table).put(stamped);
      await enqueue(hubChange(table, stamped));
      return stamped;
    },
    async putMany(table, rows) {
      if (rows.length === 0) return [];
      if (searchTables.includes(table)) for (const row of rows) await touch(table, row.id, row);
      const stamped = rows.map((row) => ({ ...row, hlc: store.clock.stamp() }) as TableRows[typeof table]);
      await db.table(table).bulkPut(stamped);
      const { seq: last } = await advanceCounter(db, 'outbox:hub', () => ({ hlc: stamped.at(-1)!.hlc }), stamped.length);
      const createdAt = new Date(store.now()).toISOString();
      const first = last - stamped.length + 1;
      await db.outbox.bulkAdd(stamped.map((row, i): OutboxEntry => ({ ...hubChange(table, row), id: uuidv7(), seq: first + i, deviceId: store.device.id, createdAt })));
      return stamped;
    },
    async delete(table, id) {
      await touch(table, id);
      const hlc = store.clock.stamp();
      await db.table(table).delete(id);
      await enqueue({ stream: 'hub', kind: 'change', idempotencyKey: `hub:${table}:${id}:${hlc}`, hlc, table, rowId: id, op: 'delete', payload: null });
    },
    linkage({ kind, naturalKey, payload }) {
      const hlc = store.clock.stamp();
      return enqueue({ stream: 'linkage', kind, idempotencyKey: linkageIdempotencyKey(store, kind, naturalKey), hlc, table: null, rowId: null, op: 'send', payload });
    },
  };
  // An async callback: Dexie keeps its transaction zone across native awaits only for async functions.
  const indexed = tables.some((table) => searchTables.includes(table));
  return db.transaction('rw', [...new Set([...tables, ...outboxTables, ...(indexed ? searchTables : [])])], async () => {
    const result = await work(writer);
    await refreshSearchTokens(db, store, [...touched]);
    return result;
  });
}

/** Entries of a stream after `afterSeq`, in order: what the next bundle or exchange file carries. */
export function pendingOutbox(store: DataStore, stream: Stream, afterSeq = 0, limit = 1000): Promise<OutboxEntry[]> {
  return store.db.outbox.where('[stream+seq]').between([stream, afterSeq], [stream, Infinity], false, true).limit(limit).toArray();
}

/** Drops the entries the hub has acknowledged (seq ≤ throughSeq). The counter keeps counting from where it was. */
export function acknowledgeOutbox(store: DataStore, stream: Stream, throughSeq: number): Promise<number> {
  return store.db.outbox.where('[stream+seq]').between([stream, 0], [stream, throughSeq], true, true).delete();
}
