import { blindIndex } from '../../shared/crypto/blindIndex.js';
import type { LinkageKind } from '../../shared/linkage/linkageKinds.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { Household, Member } from '../../shared/domain/records.js';
import { AUDIT_COUNTER, chainIntoBatch, type AuditEntry, type AuditEvent } from './audit.js';
import { CounterRanges } from './counters.js';
import type { DataStore } from './db.js';
import { AccessDeniedError, isDamaged } from './errors.js';
import { refreshSearchTokensInHand } from './searchIndex.js';
import { currentWriteBatch, registerWriteBatch, type WriteBatch } from './writeBatch.js';
import type { SyncedTable, TableName, TableRows } from './schema.js';
import { hubOnlyRefusal, keepsBase } from './sync/policy.js';

/**
 * The transactional outbox. A change and the messages it causes are written in one IndexedDB transaction, so
 * either both exist or neither does; a relay later delivers them at least once and receivers deduplicate by
 * `idempotencyKey`. Two streams share the table:
 * - `linkage` carries what the hub will send to the 中間サーバー (副本, 情報照会, 医療扶助オンライン資格確認,
 *   公金受取口座): one entry per message, with its body, numbered 1, 2, 3 … per device by a stored counter taken
 *   in the same transaction — a rolled-back change leaves no gap, so the stream is contiguous until acknowledged.
 * - `hub` says which rows of the synced tables changed since the hub last acknowledged: at most one pending entry
 *   per (table, row id), which references the row and its latest HLC (no copy: the sync bundle reads the row when
 *   it is built) and is replaced by the row's next change, or by a tombstone when the row is deleted. Its seq
 *   is strictly increasing in the order of changes, but a replaced entry leaves a gap: see README.md, "The outbox".
 *   On the hub itself only tombstones are kept: its returns read changed rows by their `hlc` index.
 */

export type Stream = 'hub' | 'linkage';

export interface OutboxEntry {
  id: string;
  stream: Stream;
  seq: number;
  deviceId: string;
  /**
   * hub: `hub:<table>:<row id>:<hlc>`, the row version the entry was last written for (the entry's own id is
   * `hub:<table>:<row id>`, so the row's next change replaces it);
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
  /** linkage: the message's body; hub: null (the row is read when a bundle is built). */
  payload: unknown;
  /**
   * hub, tables merged per field or by union (sync/policy.ts), on a device other than the hub: the row as it was before its
   * first change since the hub last acknowledged (null: the row was made since), what the hub merges against.
   * Replacing the entry keeps it. Absent on other entries and on entries written before sync existed.
   */
  base?: Record<string, unknown> | null;
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

/**
 * What a caller already knows of a row it writes, so that the writer need not read it: `previous` is the stored
 * row (undefined: none), `fresh` says the row is new — its id was made in this transaction — and, for a household,
 * that every member it will have is written through this writer in this transaction (the training generator).
 */
export type Known<K extends SyncedTable> = { previous: TableRows[K] | undefined } | { fresh: true };

/** Writes within one transaction; each call also queues its outbox entries in it. */
export interface ChangeWriter {
  put<K extends SyncedTable>(table: K, row: Unstamped<TableRows[K]>, known?: Known<K>): Promise<TableRows[K]>;
  /** `put` for many rows in one bulk request: an exchange file's thousands of ledger updates, a batch of households. */
  putMany<K extends SyncedTable>(table: K, rows: readonly Unstamped<TableRows[K]>[], known?: { fresh: true }): Promise<TableRows[K][]>;
  delete<K extends SyncedTable>(table: K, id: string, known?: { previous: TableRows[K] | undefined }): Promise<void>;
  linkage(message: LinkageMessage): Promise<OutboxEntry>;
  /**
   * A linkage entry another device queued, taken into this device's stream (the hub's exchange sends it): its id
   * (the exchange file's recordId) and idempotency key kept — the blind key is the office's on every device — and
   * a number of this stream. An id already queued here is not queued again.
   */
  relayLinkage(entry: Pick<OutboxEntry, 'id' | 'idempotencyKey' | 'kind' | 'payload'>): Promise<OutboxEntry | null>;
  /** `appendAudit` in this transaction, synchronously: chained in memory, written with the transaction. */
  audit(actor: string, event: AuditEvent): AuditEntry;
}

/** The idempotency key of a linkage message: the same natural key always gives the same key, and reveals nothing. */
export const linkageIdempotencyKey = (store: DataStore, kind: LinkageKind, naturalKey: unknown) =>
  `linkage:${kind}:${blindIndex(store.sodium, store.blindKey, [kind, naturalKey])}`;

/** The one pending hub entry of a row: its primary key, so that a later change of the row replaces it. */
export const hubEntryId = (table: SyncedTable, rowId: string) => `hub:${table}:${rowId}`;

const outboxTables: TableName[] = ['outbox', 'counters', 'audit'];
/** A transaction that may write households or members also keeps their search tokens (searchIndex.ts). */
const searchTables: TableName[] = ['households', 'members', 'householdSearch'];
const HUB_COUNTER = 'outbox:hub';
const LINKAGE_COUNTER = 'outbox:linkage';
const LATE_WRITE = "a write arrived after its transaction's batch was flushed (work left running alongside the transaction)";

interface HubChange {
  table: SyncedTable;
  rowId: string;
  hlc: string;
  op: 'put' | 'delete';
  /** Field-merged tables: the base this transaction found (the pending entry's, or the row before its first change here). */
  base?: Record<string, unknown> | null;
}

/** What a field-merged row's hub entry needs to know of the row before this change: the stored row and its pending entry. */
interface BaseSource {
  previous: object | null;
  pending: OutboxEntry | undefined;
}

/**
 * One write transaction's state (writeBatch.ts): counters read once, audit entries chained in memory, the hub
 * entries (one per row, the last change winning), and the households whose search tokens to refresh with the
 * rows in hand. `flush` writes all of it in a handful of requests issued together before the transaction commits.
 */
class TransactionBatch implements WriteBatch {
  readonly audit: AuditEntry[] = [];
  readonly ready: Promise<void>;
  private loaded: CounterRanges | undefined;
  /** Set when the batch is written: a write arriving later (work left running alongside) would be lost, so it throws. */
  private flushed = false;
  private readonly hub = new Map<string, HubChange>();
  private readonly touched = new Set<string>();
  private readonly hand = { households: new Map<string, Household | null>(), members: new Map<string, Member | null>(), fresh: new Set<string>() };
  readonly writer: ChangeWriter;

  constructor(
    private readonly store: DataStore,
    counters: Promise<CounterRanges>,
  ) {
    this.ready = counters.then((loaded) => {
      this.loaded = loaded;
    });
    this.writer = this.createWriter();
  }

  get counters(): CounterRanges {
    if (this.flushed) throw new Error(LATE_WRITE);
    if (!this.loaded) throw new Error('write batch used before its counters were read');
    return this.loaded;
  }

  private open(): void {
    if (this.flushed) throw new Error(LATE_WRITE);
  }

  private hubChange(table: SyncedTable, rowId: string, hlc: string, op: HubChange['op'], source?: BaseSource) {
    this.open();
    const key = hubEntryId(table, rowId);
    // The hub sends no device bundle: its returns find changed rows by their `hlc` index and read only its
    // tombstones from here (returnBundle.ts). A put there queues nothing — half the rows of every write — and drops
    // a tombstone of this transaction (a tombstone stored earlier is passed over while the row exists).
    if (this.store.device.profile === 'hub' && op === 'put') {
      this.hub.delete(key);
      return;
    }
    const earlier = this.hub.get(key);
    // The first base wins: an earlier change in this transaction, else the pending entry's, else the row before.
    const base = earlier
      ? earlier.base
      : source && (source.pending && 'base' in source.pending ? source.pending.base : (source.previous as Record<string, unknown> | null));
    // Re-inserted so that the map keeps the order of each row's last change.
    this.hub.delete(key);
    this.hub.set(key, base === undefined ? { table, rowId, hlc, op } : { table, rowId, hlc, op, base });
  }

  /** Whether this table's hub entries keep a base here: field-merged and union tables, on a device (the hub sends no device bundle). */
  private basesKept(table: SyncedTable): boolean {
    return this.store.device.profile !== 'hub' && keepsBase(table);
  }

  /**
   * For rows whose entries keep a base: the stored rows the caller did not give (one request) and the pending
   * entries (one request), both read before the rows are written. Already in this transaction's map: nothing to read.
   */
  private async baseSources(
    table: SyncedTable,
    ids: readonly string[],
    known: Known<SyncedTable> | undefined,
  ): Promise<(BaseSource | undefined)[] | undefined> {
    if (!this.basesKept(table)) return undefined;
    const { db } = this.store;
    const unseen = ids.filter((id) => !this.hub.has(hubEntryId(table, id)));
    if (unseen.length === 0) return ids.map(() => undefined);
    const fresh = known !== undefined && 'fresh' in known;
    const [pending, stored] = await Promise.all([
      fresh ? unseen.map(() => undefined) : db.outbox.bulkGet(unseen.map((id) => hubEntryId(table, id))),
      known === undefined ? db.table(table).bulkGet([...unseen]) : unseen.map(() => (fresh ? undefined : known.previous)),
    ]);
    const sources = new Map(
      unseen.map((id, i) => {
        const row = stored[i] as object | undefined;
        const entry = pending[i] as OutboxEntry | undefined;
        return [id, { previous: row && !isDamaged(row) ? row : null, pending: entry && !isDamaged(entry) ? entry : undefined }] as const;
      }),
    );
    return ids.map((id) => sources.get(id));
  }

  /** Members whose previous row the caller did not give: read in one request. */
  private async previousMembers(ids: readonly string[]): Promise<(Member | undefined)[]> {
    const rows = await this.store.db.members.bulkGet([...ids]);
    return rows.map((row) => (row && !isDamaged(row) ? row : undefined));
  }

  /** Notes the rows for the search index: which households change, and the rows in hand. */
  private async touch(table: SyncedTable, rows: readonly { id: string; row: object | null }[], known: Known<SyncedTable> | undefined) {
    this.open();
    if (table === 'households') {
      for (const { id, row } of rows) {
        this.touched.add(id);
        this.hand.households.set(id, row as Household | null);
        if (known && 'fresh' in known) this.hand.fresh.add(id);
      }
      return;
    }
    if (table !== 'members') return;
    // A member moving to another household changes the tokens of both.
    const previous = !known ? await this.previousMembers(rows.map((r) => r.id)) : 'previous' in known ? [known.previous as Member | undefined] : [];
    for (const member of previous) if (member && !isDamaged(member)) this.touched.add(member.householdId);
    for (const { id, row } of rows) {
      this.hand.members.set(id, row as Member | null);
      if (row) this.touched.add((row as Member).householdId);
    }
  }

  private createWriter(): ChangeWriter {
    const { store } = this;
    const { db } = store;
    /** An enrolled device's change of the hub's tables that the hub would hold (policy.ts): refused before it is written. */
    const refuseHubOnly = (table: SyncedTable, op: 'put' | 'delete', rows: readonly object[]) => {
      for (const row of rows) {
        const refusal = hubOnlyRefusal(store.device, table, op, row as Record<string, unknown>);
        if (refusal) throw new AccessDeniedError(refusal);
      }
    };
    /** A linkage message into this device's stream, numbered in this transaction (a new one, or one relayed from a device). */
    const queueLinkage = async ({ id, idempotencyKey, kind, payload }: Pick<OutboxEntry, 'id' | 'idempotencyKey' | 'kind' | 'payload'>) => {
      const hlc = store.clock.stamp();
      const entry: OutboxEntry = {
        id,
        stream: 'linkage',
        seq: this.counters.take(LINKAGE_COUNTER, 1, { hlc }),
        deviceId: store.device.id,
        idempotencyKey,
        hlc,
        createdAt: new Date(store.now()).toISOString(),
        kind,
        table: null,
        rowId: null,
        op: 'send',
        payload,
      };
      await db.outbox.add(entry);
      return entry;
    };
    return {
      put: async (table, row, known) => {
        refuseHubOnly(table, 'put', [row]);
        const stamped = { ...row, hlc: store.clock.stamp() } as TableRows[typeof table];
        if (known) {
          // The pending entry (all a known row's base needs) is read alongside the row's own put: no round trip added.
          const [sources] = await Promise.all([
            this.baseSources(table, [row.id], known),
            this.touch(table, [{ id: row.id, row: stamped }], known),
            db.table(table).put(stamped),
          ]);
          this.hubChange(table, stamped.id, stamped.hlc, 'put', sources?.[0]);
          return stamped;
        }
        const sources = await this.baseSources(table, [row.id], known);
        // A stored row read for the base is the previous row the search index would read again.
        const previous = sources?.[0] ? ({ previous: (sources[0].previous ?? undefined) as TableRows[typeof table] | undefined } as const) : undefined;
        await this.touch(table, [{ id: row.id, row: stamped }], previous);
        await db.table(table).put(stamped);
        this.hubChange(table, stamped.id, stamped.hlc, 'put', sources?.[0]);
        return stamped;
      },
      putMany: async (table, rows, known) => {
        if (rows.length === 0) return [];
        refuseHubOnly(table, 'put', rows);
        const stamped = rows.map((row) => ({ ...row, hlc: store.clock.stamp() }) as TableRows[typeof table]);
        const sources = await this.baseSources(
          table,
          stamped.map((row) => row.id),
          known,
        );
        await this.touch(
          table,
          stamped.map((row) => ({ id: row.id, row })),
          known,
        );
        await db.table(table).bulkPut(stamped);
        stamped.forEach((row, i) => {
          this.hubChange(table, row.id, row.hlc, 'put', sources?.[i]);
        });
        return stamped;
      },
      delete: async (table, id, known) => {
        refuseHubOnly(table, 'delete', [{ id }]);
        await this.touch(table, [{ id, row: null }], known);
        const hlc = store.clock.stamp();
        await db.table(table).delete(id);
        // The tombstone: kept (replacing the row's pending put) until the hub acknowledges it.
        this.hubChange(table, id, hlc, 'delete');
      },
      linkage: ({ kind, naturalKey, payload }) => queueLinkage({ id: uuidv7(), idempotencyKey: linkageIdempotencyKey(store, kind, naturalKey), kind, payload }),
      relayLinkage: async (entry) => ((await db.outbox.get(entry.id)) ? null : queueLinkage(entry)),
      audit: (actor, event) => chainIntoBatch(store, this, actor, event),
    };
  }

  /** Writes the hub entries, audit entries, counters and search tokens, in requests issued together. */
  async flush(): Promise<void> {
    const { store } = this;
    const { db } = store;
    const changes = [...this.hub.values()];
    const createdAt = new Date(store.now()).toISOString();
    const counters = this.counters;
    this.flushed = true;
    const first = changes.length > 0 ? counters.take(HUB_COUNTER, changes.length, { hlc: changes.at(-1)!.hlc }) : 0;
    const entries = changes.map(
      ({ table, rowId, hlc, op, base }, i): OutboxEntry => ({
        id: hubEntryId(table, rowId),
        stream: 'hub',
        seq: first + i,
        deviceId: store.device.id,
        idempotencyKey: `hub:${table}:${rowId}:${hlc}`,
        hlc,
        createdAt,
        kind: 'change',
        table,
        rowId,
        op,
        payload: null,
        ...(base !== undefined && { base }),
      }),
    );
    // The token refresh (which may read first) and the writes go out together: one round trip, not two in turn.
    await Promise.all([
      refreshSearchTokensInHand(db, store, this.touched, this.hand),
      entries.length > 0 && db.outbox.bulkPut(entries),
      this.audit.length > 0 && db.audit.bulkAdd(this.audit),
      counters.save(db),
    ]);
  }
}

/**
 * Runs `work` in one read-write transaction over `tables` plus the outbox, counters and audit tables. If `work`
 * throws, nothing it wrote — rows, outbox entries, audit entries, sequence numbers — remains. Inside, await only
 * Dexie calls (no fetch, timers or IPC), or IndexedDB commits early. Nested in another write transaction, it
 * joins that one's batch: its entries are written when the outermost ends.
 */
export function writeTransaction<T>(store: DataStore, tables: readonly TableName[], work: (writer: ChangeWriter) => Promise<T>): Promise<T> {
  const { db } = store;
  // An async callback: Dexie keeps its transaction zone across native awaits only for async functions.
  const indexed = tables.some((table) => searchTables.includes(table));
  return db.transaction('rw', [...new Set([...tables, ...outboxTables, ...(indexed ? searchTables : [])])], async () => {
    const outer = currentWriteBatch<TransactionBatch>(store);
    if (outer) {
      await outer.ready;
      return work(outer.writer);
    }
    // Registered before the first await, so that a write transaction started alongside joins this batch.
    const batch = new TransactionBatch(store, CounterRanges.load(db, [HUB_COUNTER, LINKAGE_COUNTER, AUDIT_COUNTER]));
    const forget = registerWriteBatch(store, batch);
    try {
      await batch.ready;
      const result = await work(batch.writer);
      await batch.flush();
      return result;
    } finally {
      forget();
    }
  });
}

/**
 * `work` over `items` in transactions of at most `size` items each (bulk work: a training run, an exchange file),
 * so no transaction grows without bound. Each transaction is whole or absent; one that fails stops the run and
 * leaves the earlier ones committed. Returns the results of every chunk, in order.
 */
export async function writeInChunks<I, R>(
  store: DataStore,
  tables: readonly TableName[],
  items: readonly I[],
  size: number,
  work: (writer: ChangeWriter, chunk: readonly I[]) => Promise<R>,
): Promise<R[]> {
  const results: R[] = [];
  for (let from = 0; from < items.length; from += size) {
    const chunk = items.slice(from, from + size);
    results.push(await writeTransaction(store, tables, (writer) => work(writer, chunk)));
  }
  return results;
}

/** Entries of a stream after `afterSeq`, in order: what the next bundle or exchange file carries. */
export function pendingOutbox(store: DataStore, stream: Stream, afterSeq = 0, limit = 1000): Promise<OutboxEntry[]> {
  return store.db.outbox.where('[stream+seq]').between([stream, afterSeq], [stream, Infinity], false, true).limit(limit).toArray();
}

/** Drops the entries the hub has acknowledged (seq ≤ throughSeq). The counter keeps counting from where it was. */
export function acknowledgeOutbox(store: DataStore, stream: Stream, throughSeq: number): Promise<number> {
  return store.db.outbox.where('[stream+seq]').between([stream, 0], [stream, throughSeq], true, true).delete();
}
