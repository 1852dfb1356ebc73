import type { Device, Household } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import type { HubPayload, SyncChange } from '../../../shared/sync/bundleFormat.js';
import { formatHlc, parseHlc } from '../../../shared/sync/hlc.js';
import { assertTableAccess } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError, isDamaged } from '../errors.js';
import { householdTables, type SyncPeer, type SyncedTable } from '../schema.js';
import { CASES_PER_READ, caseDigest, caseDigests, readCases, scopeDigestOf } from './digest.js';
import { rowForDevice } from './fieldDevice.js';
import { emptyHubPeer } from './hubMerge.js';
import { heldReceiptsOf } from './quarantine.js';

/**
 * The hub's return bundle for one device (issue 12): the rows of the device's scope — the households assigned to
 * the caseworkers whose caseloads it carries, and their rows in every household table — changed on the hub since
 * the watermark it was last sent (`peer.through`), with 個人番号 stripped for a field device; whole cases for
 * households new to the device (a first checkout, a reassignment); tombstones of rows deleted since; the
 * households that left its scope, to erase; the receipts and acknowledgements the hub's import recorded; and the
 * hub's digest of the scope.
 *
 * Bounded: changed rows are found by the `hlc` index as keys and opened a chunk at a time; whole cases are read
 * `readCases`' way, some households at a time; nothing reads a whole table of the office.
 */

/** The staff and office rows every device needs (names on screens, scope by team); the devices: itself and the hub. */
const officeTables = ['offices', 'users', 'devices'] as const satisfies readonly SyncedTable[];
const caseTables = ['households', ...householdTables] as const satisfies readonly SyncedTable[];
const ROWS_PER_READ = 2000;
/**
 * How far before the watermark the walk back through the hub's own tombstones goes: entries are numbered when their
 * transaction ends, so one begun earlier may carry an older HLC under a higher seq (a transaction is far shorter).
 */
const TOMBSTONE_MARGIN_MS = 10 * 60 * 1000;

export interface HubPayloadBuild {
  payload: HubPayload;
  /** The households the payload carries whole (new to the device) and the ones it erases: for the report. */
  wholeCases: number;
}

/**
 * Builds the return payload for `device` from the hub's state (`peer`: what this hub knows of the device, null
 * before its first sync). Reads only; the caller records it as sent (`recordHubBundleSent`) once main wrote the file.
 */
export async function buildHubPayload(store: DataStore, session: Session, device: Device, peer: SyncPeer | null): Promise<HubPayloadBuild> {
  assertTableAccess(store, session, 'devices', 'write');
  if (store.device.profile !== 'hub') throw new AccessDeniedError('同期の返送ファイルはハブ端末でだけ作れます');
  if (device.status === 'revoked') throw new InvalidRecordError('deviceId', '失効した端末には同期ファイルを作りません');
  const { db } = store;
  const caseloads = new Set(device.caseloadUserIds);
  // What the device holds, as its last digest said: without one, everything in scope goes as a first checkout.
  const held = peer?.digest ? new Set(Object.keys(peer.digest.cases)) : null;
  const since = held && peer?.through ? peer.through : null;

  return db.transaction('r', [...officeTables, ...caseTables, db.outbox, db.syncQuarantine], async () => {
    // Taken as the read begins: a write that stamps later is after the watermark and goes in the next bundle.
    const through = store.clock.stamp();
    const candidates =
      caseloads.size > 0
        ? await db.households
            .where('assignedTo')
            .anyOf([...caseloads])
            .toArray()
        : [];
    const scope = candidates.filter((row): row is Household => !isDamaged(row) && row.assignedTo !== null && caseloads.has(row.assignedTo));
    const scopeIds = scope.map((row) => row.id);
    const whole = scopeIds.filter((id) => since === null || !held?.has(id));
    const incremental = new Set(since === null ? [] : scopeIds.filter((id) => held?.has(id)));

    const changes: SyncChange[] = [];
    const put = (table: SyncedTable, row: { id: string; hlc: string }) =>
      changes.push({ table, id: row.id, op: 'put', hlc: row.hlc, row: rowForDevice(device.profile, table, row) as Record<string, unknown> });

    const officeRow = (table: (typeof officeTables)[number], row: { id: string }) => table !== 'devices' || row.id === device.id || row.id === store.device.id;
    for (const table of officeTables) {
      for (const row of await changedRows(store, table, since, through)) if (officeRow(table, row)) put(table, row);
    }
    // Whole cases are read once: their digests come from the rows in hand, the others' are read for the digest.
    const digests: Record<string, string> = {};
    for (let from = 0; from < whole.length; from += CASES_PER_READ) {
      for (const [householdId, rows] of await readCases(store, whole.slice(from, from + CASES_PER_READ))) {
        for (const { table, row } of rows) if (!isDamaged(row)) put(table, row as { id: string; hlc: string });
        digests[householdId] = caseDigest(store.sodium, device.profile, rows);
      }
    }
    if (since !== null && incremental.size > 0) {
      for (const table of caseTables) {
        for (const row of await changedRows(store, table, since, through)) {
          const householdId = table === 'households' ? row.id : (row as { householdId?: string }).householdId;
          if (householdId !== undefined && incremental.has(householdId)) put(table, row);
        }
      }
    }
    if (since !== null) changes.push(...(await tombstones(store, since, through)));

    Object.assign(digests, await caseDigests(store, device.profile, [...incremental]));
    const inScope = new Set(scopeIds);
    const erase = held ? [...held].filter((id) => !inScope.has(id)).sort() : [];
    const payload: HubPayload = {
      kind: 'hub',
      sentAt: store.now(),
      changes,
      since,
      through,
      erase,
      // Held bundles are told every time while held: the device's screen says why its changes have not arrived.
      receipts: [...(peer?.receipts ?? []), ...(await heldReceiptsOf(store, device.id))].sort((a, b) => a.seq - b.seq),
      outboxAcknowledged: peer?.outboxAcknowledged ?? 0,
      auditAcknowledged: peer?.auditAcknowledged ?? 0,
      linkageAcknowledged: peer?.linkageAcknowledged ?? 0,
      digest: scopeDigestOf(store.sodium, digests),
      device: { id: device.id, profile: device.profile, caseloadUserIds: [...device.caseloadUserIds] },
    };
    return { payload, wholeCases: whole.length };
  });
}

/** Rows of `table` whose HLC is in (since, through] (every row when `since` is null), opened a chunk at a time; damaged ones left out. */
async function changedRows(store: DataStore, table: SyncedTable, since: string | null, through: string): Promise<{ id: string; hlc: string }[]> {
  const rows = store.db.table(table);
  const keys = (await (since === null ? rows.toCollection() : rows.where('hlc').between(since, through, false, true)).primaryKeys()) as string[];
  const opened: { id: string; hlc: string }[] = [];
  for (let from = 0; from < keys.length; from += ROWS_PER_READ) {
    for (const row of await rows.bulkGet(keys.slice(from, from + ROWS_PER_READ))) if (row && !isDamaged(row)) opened.push(row);
  }
  return opened;
}

/**
 * The hub's deletions since the watermark, as tombstones: its own `hub` outbox keeps one per deleted row (outbox.ts),
 * read newest first until older than the watermark by the margin. They carry ids only, so they go whatever the scope:
 * a device deletes a row it holds and ignores one it does not.
 */
async function tombstones(store: DataStore, since: string, through: string): Promise<SyncChange[]> {
  const { millis, node } = parseHlc(since);
  const cutoff = formatHlc({ millis: millis - TOMBSTONE_MARGIN_MS, counter: 0, node });
  const entries = await store.db.outbox
    .where('[stream+seq]')
    .between(['hub', 0], ['hub', Number.POSITIVE_INFINITY])
    .reverse()
    .until((entry) => !isDamaged(entry) && entry.hlc < cutoff)
    .toArray();
  const deleted = entries.flatMap((entry) =>
    !isDamaged(entry) && entry.op === 'delete' && entry.table && entry.rowId && entry.hlc > since && entry.hlc <= through
      ? [{ table: entry.table, id: entry.rowId, op: 'delete' as const, hlc: entry.hlc, row: null }]
      : [],
  );
  // A row made again under the same id after its deletion: the hub's puts queue no entry to replace the tombstone
  // (outbox.ts), so the row standing now is the truth and its tombstone is not sent.
  const standing = new Set<string>();
  for (const table of new Set(deleted.map((change) => change.table))) {
    const ids = deleted.filter((change) => change.table === table).map((change) => change.id);
    const rows = await store.db.table(table).bulkGet(ids);
    ids.forEach((rowId, i) => {
      if (rows[i] !== undefined) standing.add(`${table}:${rowId}`);
    });
  }
  return deleted.filter((change) => !standing.has(`${change.table}:${change.id}`));
}

/** The header counts of a hub payload: rows per table, tombstones, erasures. */
export function hubPayloadCounts(payload: HubPayload): Record<string, number> {
  const counts: Record<string, number> = {};
  for (const change of payload.changes) {
    const key = change.op === 'delete' ? `${change.table}:delete` : change.table;
    counts[key] = (counts[key] ?? 0) + 1;
  }
  counts.erase = payload.erase.length;
  return counts;
}

/**
 * The return bundle `seq` carrying `payload` is written (main has renamed the file into the folder): the device's
 * next return starts from its `through`, and the receipts of applied bundles it carried are not carried again. The
 * households the device may now hold are its scope and those the hub asked it to erase that it held before (a
 * household only the device's own digest names was never sent to it, and gains nothing).
 */
export async function recordHubBundleSent(store: DataStore, session: Session, deviceId: string, seq: number, payload: HubPayload): Promise<void> {
  assertTableAccess(store, session, 'devices', 'write');
  const { db } = store;
  await db.transaction('rw', [db.syncPeers, db.counters], async () => {
    const peer = await db.syncPeers.get(deviceId);
    if (isDamaged(peer)) throw new InvalidRecordError('deviceId', '端末の同期状態が破損しています');
    const carried = new Set(payload.receipts.map((receipt) => receipt.seq));
    const before = new Set(peer?.sentScope ?? []);
    const sentScope = [...Object.keys(payload.digest.cases), ...payload.erase.filter((id) => before.has(id))].sort();
    await db.syncPeers.put({
      ...(peer ?? emptyHubPeer(deviceId)),
      sentScope,
      sentSeq: seq,
      through: payload.through,
      lastSentAt: new Date(store.now()).toISOString(),
      receipts: (peer?.receipts ?? []).filter((receipt) => !carried.has(receipt.seq)),
    });
    await keepClock(store);
  });
}

/**
 * Stores the clock as it stands (inside the caller's transaction, which includes `counters`): a watermark sent or an
 * HLC received must not be overtaken by the clock restarting behind it (a write stamped before a `through` already
 * sent would never be carried). The store's clock resumes after the latest HLC of any counter.
 */
export const keepClock = (store: DataStore) => store.db.counters.put({ id: 'sync:clock', seq: 0, hlc: store.clock.last(), head: null });

/** A peer not synced with yet: the hub's import and the device's apply start from the same empty state. */
export { emptyHubPeer as emptyPeer };
