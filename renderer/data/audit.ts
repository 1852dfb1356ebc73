import { Dexie } from 'dexie';
import { canonicalJson } from '../../shared/crypto/canonicalJson.js';
import type { Role } from '../../shared/auth/roles.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { advanceCounter, readCounter } from './counters.js';
import type { DataStore } from './db.js';
import { isDamaged, type DamagedRecord } from './errors.js';
import { currentWriteBatch, type WriteBatch } from './writeBatch.js';

/**
 * The access log: append-only and hash-chained. Entry n stores `prevHash` (entry n−1's hash, or 64 zeros) and
 * `hash = BLAKE2b-256(prevHash ‖ canonical JSON of the entry without hash)`. The chain head and length are kept in
 * the sealed `audit` counter, so a removed last entry is caught as well as an edited or removed middle one.
 * Entries are sealed like every row; only seq, at, kind and actor stay clear for ordering and the auditor's filters.
 * Changes are logged by field name, never by value: the log must not become a second copy of the case file.
 */

export const auditKinds = [
  'login',
  'unlock',
  'failedUnlock',
  'lock',
  'caseOpened',
  'search',
  'reveal',
  'print',
  'export',
  'create',
  'update',
  'delete',
  'userChanged',
  'roleChanged',
  'import',
  'retentionPurge',
  'vaultEvent',
] as const;
export type AuditKind = (typeof auditKinds)[number];

export type AuditEvent =
  | { kind: 'login' | 'unlock' | 'lock'; detail: Record<string, never> }
  | { kind: 'failedUnlock'; detail: { attempts: number } }
  | { kind: 'caseOpened'; detail: { householdId: string } }
  | { kind: 'search'; detail: { query: string; resultCount: number } }
  | { kind: 'reveal'; detail: { householdId: string; memberId: string; reason: string } }
  | { kind: 'print' | 'export'; detail: { what: string; householdId: string | null; count: number } }
  | { kind: 'create' | 'update' | 'delete'; detail: { table: string; recordId: string; householdId: string | null; fields: string[] } }
  | { kind: 'userChanged'; detail: { userId: string; fields: string[] } }
  | { kind: 'roleChanged'; detail: { userId: string; from: Role | null; to: Role } }
  /** A file taken in from outside (連携の結果ファイル): what and how many records. */
  | { kind: 'import'; detail: { what: string; count: number } }
  /** Records deleted because their retention period ended (番号法§23 records after 7 years). */
  | { kind: 'retentionPurge'; detail: { table: string; count: number; before: string } }
  /** What the vault did in main (unlock, failed unlock, lockout, user changes), chained in after the next unlock. */
  | {
      kind: 'vaultEvent';
      detail: { eventId: string; type: string; at: string; userId: string | null; data: Record<string, string | number | boolean | null> };
    };

export type AuditEntry = AuditEvent & {
  id: string;
  seq: number;
  /** ISO time of the entry on this device. */
  at: string;
  /** The user id who acted. */
  actor: string;
  deviceId: string;
  prevHash: string;
  hash: string;
};

const GENESIS = '0'.repeat(64);
const COUNTER = 'audit';

/** The hash of an entry after `prevHash` (exported for the hub, which verifies other devices' chains: sync/hubMerge.ts). */
export function chainHash(store: DataStore, prevHash: string, body: Omit<AuditEntry, 'hash'>): string {
  const { sodium } = store;
  const bytes = sodium.from_string(canonicalJson(body));
  const input = new Uint8Array(32 + bytes.length);
  input.set(sodium.from_hex(prevHash));
  input.set(bytes, 32);
  return sodium.to_hex(sodium.crypto_generichash(32, input, null));
}

/** The entry `seq` of the chain after `prevHash`, hashed. */
function chainEntry(store: DataStore, seq: number, prevHash: string, actor: string, event: AuditEvent): AuditEntry {
  const body = {
    ...event,
    id: uuidv7(),
    seq,
    at: new Date(store.now()).toISOString(),
    actor,
    deviceId: store.device.id,
    prevHash,
  } as Omit<AuditEntry, 'hash'>;
  return { ...body, hash: chainHash(store, prevHash, body) } as AuditEntry;
}

/**
 * Chains one entry in memory onto a write transaction's batch (writeBatch.ts): the next number and the head come
 * from the counter the transaction read when it started, and the entries are written together when it ends.
 */
export function chainIntoBatch(store: DataStore, batch: WriteBatch, actor: string, event: AuditEvent): AuditEntry {
  const prevHash = batch.counters.current(COUNTER)?.head ?? GENESIS;
  const entry = chainEntry(store, batch.counters.take(COUNTER, 1), prevHash, actor, event);
  batch.counters.note(COUNTER, { head: entry.hash });
  batch.audit.push(entry);
  return entry;
}

/** The counters a write transaction loads for the audit chain. */
export const AUDIT_COUNTER = COUNTER;

/**
 * Appends one entry. Inside a write transaction (outbox.ts) it is chained in memory and written with the
 * transaction's other entries; otherwise it joins the caller's transaction if that includes `audit` and
 * `counters`, so a change and its entry commit together.
 */
export function appendAudit(store: DataStore, actor: string, event: AuditEvent): Promise<AuditEntry> {
  const batch = currentWriteBatch(store);
  // A Dexie promise keeps the caller in its transaction's zone across the await.
  if (batch) return Dexie.Promise.resolve(chainIntoBatch(store, batch, actor, event)) as unknown as Promise<AuditEntry>;
  const { db } = store;
  return db.transaction('rw', [db.audit, db.counters], async () => {
    let entry: AuditEntry | undefined;
    await advanceCounter(db, COUNTER, (seq, previous) => {
      entry = chainEntry(store, seq, previous?.head ?? GENESIS, actor, event);
      return { head: entry.hash };
    });
    await db.audit.add(entry!);
    return entry!;
  });
}

export type ChainVerdict = { ok: true; count: number } | { ok: false; seq: number; problem: 'damaged' | 'edited' | 'missing'; message: string };

const broken = (seq: number, problem: 'damaged' | 'edited' | 'missing'): ChainVerdict => ({
  ok: false,
  seq,
  problem,
  message: {
    damaged: `監査ログ ${seq} 番は改ざんまたは破損しています`,
    edited: `監査ログ ${seq} 番は書き換えられています`,
    missing: `監査ログ ${seq} 番が削除されています`,
  }[problem],
});

const PAGE = 1000;

/** Walks the chain in seq order and returns the first broken link, or the length of an intact chain. */
export function verifyAuditChain(store: DataStore): Promise<ChainVerdict> {
  return walkAuditChain(store);
}

/**
 * The chain read in pages by seq, in one read transaction, each link checked; `visit` sees every entry that opens,
 * so a reader of the whole log (the 自己点検) checks the chain in the same pass instead of opening it twice. Without
 * `visit` the walk stops at the first broken link; with it, it reads on and returns the first.
 */
export function walkAuditChain(
  store: DataStore,
  options: { visit?: (entry: AuditEntry) => void; onPage?: () => void; pageSize?: number } = {},
): Promise<ChainVerdict> {
  const { db } = store;
  const size = options.pageSize ?? PAGE;
  return db.transaction('r', [db.audit, db.counters], async () => {
    let expected = 1;
    let prevHash = GENESIS;
    let verdict: ChainVerdict | null = null;
    const lastSeq = ((await db.audit.orderBy('seq').lastKey()) as number | undefined) ?? 0;
    // Bounded ranges, not aboveOrEqual + limit: the same entries (a gap is caught either way) without an open-ended scan per page.
    for (let first = 1; first <= lastSeq; first += size) {
      const page = db.audit.where('seq').between(first, first + size, true, false);
      const rows = (await page.toArray()) as (AuditEntry | DamagedRecord)[];
      // An opened entry's seq is its index key (the seal binds the clear fields). Only a damaged one needs the keys,
      // which come from the index even then, so it is still named by its number: read them only for that (a key
      // cursor costs as much as opening the rows).
      let seqs: number[] | null = null;
      for (const [i, row] of rows.entries()) {
        if (!isDamaged(row)) options.visit?.(row);
        if (verdict) continue;
        if (isDamaged(row) && seqs === null) seqs = (await page.keys()) as number[];
        const seq = isDamaged(row) ? seqs![i]! : row.seq;
        verdict = checkLink(store, seq, expected, prevHash, row);
        if (verdict || isDamaged(row)) continue;
        prevHash = row.hash;
        expected += 1;
      }
      options.onPage?.();
      if (verdict && !options.visit) return verdict;
    }
    if (verdict) return verdict;
    const counter = await readCounter(db, COUNTER);
    if ((counter?.seq ?? 0) >= expected) return broken(expected, 'missing');
    if ((counter?.head ?? GENESIS) !== prevHash) return broken(expected - 1, 'edited');
    return { ok: true, count: expected - 1 };
  });
}

/** Entry `seq` as the link after `prevHash` that should be number `expected`: null when it holds. */
function checkLink(store: DataStore, seq: number, expected: number, prevHash: string, row: AuditEntry | DamagedRecord): ChainVerdict | null {
  if (seq !== expected) return broken(expected, 'missing');
  if (isDamaged(row)) return broken(seq, 'damaged');
  const { hash, ...body } = row;
  // An entry whose own hash no longer fits was edited; one whose successor disowns it was edited and re-hashed.
  if (chainHash(store, body.prevHash, body) !== hash) return broken(seq, 'edited');
  if (row.prevHash !== prevHash) return broken(Math.max(seq - 1, 1), 'edited');
  return null;
}

export interface AuditFilter {
  /** Inclusive ISO bounds on `at`. */
  from?: string;
  to?: string;
  actor?: string;
  kind?: AuditKind;
  /** Only the entries about this case (by ケース番号): the household id is sealed in the entry. */
  caseNumber?: string;
}

/** The kinds whose entries name a household: a case filter opens only these. */
const householdKinds: readonly AuditKind[] = ['caseOpened', 'reveal', 'print', 'export', 'create', 'update', 'delete'];

/** The household an entry is about, if any. */
export const auditHouseholdId = (entry: AuditEntry): string | null => ('householdId' in entry.detail ? (entry.detail.householdId ?? null) : null);

const OPEN_CHUNK = 2000;

/**
 * The ids of the entries matching the filter, newest first. Time, actor and kind are read from their indexes
 * alone (nothing is opened, so 100,000 entries cost a key scan); a case filter has to open the entries left of the
 * kinds that name a household, in chunks, because the household is sealed (test/bench/audit-log-chromium.bench.ts). Each entry is judged on its index keys, which an opened row's seal
 * authenticates: a damaged entry is kept when its keys match, so the auditor still sees it.
 */
export async function matchingAuditIds(store: DataStore, filter: AuditFilter, householdIds?: ReadonlySet<string>): Promise<string[]> {
  const { db } = store;
  const narrowings = [
    filter.actor && db.audit.where('actor').equals(filter.actor),
    filter.kind && db.audit.where('kind').equals(filter.kind),
    householdIds && db.audit.where('kind').anyOf([...householdKinds]),
  ].filter((narrowing) => !!narrowing);
  // A period that holds the whole log (no start, no entry after its end: an index count) narrows nothing, so the
  // first other filter's keys are the candidates — a user's 3,000 keys, not the log's 100,000. Ids are UUIDv7, so
  // sorted they are in the order the entries were made.
  const wholeLog =
    !filter.from &&
    narrowings.length > 0 &&
    (await db.audit
      .where('at')
      .above(filter.to ?? '\uffff')
      .count()) === 0;
  let ids = wholeLog
    ? (await narrowings.shift()!.primaryKeys()).sort().reverse()
    : (
        await db.audit
          .where('at')
          .between(filter.from ?? '', filter.to ?? '\uffff', true, true)
          .primaryKeys()
      ).reverse();
  for (const narrowing of narrowings) {
    const keep = new Set(await narrowing.primaryKeys());
    ids = ids.filter((id) => keep.has(id));
  }
  if (!householdIds) return ids;
  const kept: string[] = [];
  for (let start = 0; start < ids.length; start += OPEN_CHUNK) {
    const rows = (await db.audit.bulkGet(ids.slice(start, start + OPEN_CHUNK))) as (AuditEntry | DamagedRecord | undefined)[];
    for (const row of rows) {
      if (row && (isDamaged(row) || householdIds.has(auditHouseholdId(row) ?? ''))) kept.push(row.id);
    }
  }
  return kept;
}

/**
 * A page of the entries in a time range alone, newest first: counted on the `at` index and read by stepping a
 * cursor to the page, so the first page of 100,000 entries opens only its own rows and scans no keys.
 */
export async function auditTimePage(
  store: DataStore,
  filter: Pick<AuditFilter, 'from' | 'to'>,
  offset: number,
  limit: number,
): Promise<{ total: number; rows: (AuditEntry | DamagedRecord)[] }> {
  const range = () => store.db.audit.where('at').between(filter.from ?? '', filter.to ?? '\uffff', true, true);
  const [total, rows] = await Promise.all([range().count(), range().reverse().offset(offset).limit(limit).toArray()]);
  return { total, rows: rows as (AuditEntry | DamagedRecord)[] };
}

/** The entries with these ids, in that order (an id removed meanwhile is skipped). */
export async function auditEntries(store: DataStore, ids: readonly string[]): Promise<(AuditEntry | DamagedRecord)[]> {
  const rows = (await store.db.audit.bulkGet([...ids])) as (AuditEntry | DamagedRecord | undefined)[];
  return rows.filter((row) => row !== undefined);
}
