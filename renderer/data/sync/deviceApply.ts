import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { BundleHeader, HubPayload, SyncChange } from '../../../shared/sync/bundleFormat.js';
import { assertSession } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, IntegrityError, isDamaged } from '../errors.js';
import { acknowledgeOutbox, hubEntryId, type OutboxEntry } from '../outbox.js';
import { syncedTables, type SyncPeer, type SyncedTable, type TableName } from '../schema.js';
import { refreshSearchTokens } from '../searchIndex.js';
import { caseTables, compareDigests, readCases, scopeDigest, type DigestComparison } from './digest.js';
import { findMyNumber, holdsMyNumber, myNumberRefusal } from './fieldDevice.js';
import { emptyPeer, keepClock } from './returnBundle.js';

/**
 * A device applies the hub's return bundle (issue 12). In order: the bundle's sequence (already applied: 重複, a
 * no-op; a gap: 待機, left for later); its checks — for this device, of this profile, only synced tables, and on a
 * field device no 個人番号 anywhere (fieldDevice.ts) — a refused bundle changes nothing but its quarantine record;
 * then one transaction: the device's entries the hub acknowledged dropped, the rows applied, tombstones, the
 * households that left the device's scope erased, and the peer state with the digest comparison.
 *
 * A row with a pending local change keeps it: for a table merged per field, the fields the device changed since its
 * entry's `base` stay and the hub's take the rest, and the base becomes the hub's row, so the next bundle carries
 * only the local change; in any other table the local row stays whole until the hub has taken it (its policy
 * decides there). A local change is never lost to a hub bundle, and a household with unsent changes is not erased
 * until they are acknowledged.
 */

/** The hub as this device keeps it, with what the last comparison of digests found. */
export type HubPeer = SyncPeer & { digestComparison?: (DigestComparison & { at: string }) | null };

export type HubApplyResult =
  | {
      status: 'applied';
      seq: number;
      rows: number;
      deleted: number;
      /** Rows the bundle changed that kept (part of) a local change not yet sent. */
      keptLocal: number;
      erased: string[];
      /** Households the hub asked to erase that are kept until their unsent changes are acknowledged. */
      erasureHeld: string[];
      digest: DigestComparison;
    }
  | { status: 'duplicate' | 'waiting' | 'refused'; seq: number; message: string };

const appliedTables: TableName[] = [...syncedTables, 'householdSearch', 'outbox', 'syncPeers', 'syncQuarantine', 'drafts', 'counters', 'audit'];
const synced = new Set<string>(syncedTables);
const fieldsNotMerged = new Set(['id', 'hlc']);

type Row = { id: string; hlc?: string } & Record<string, unknown>;

export async function applyHubBundle(
  store: DataStore,
  session: Session,
  { header, payload }: { header: BundleHeader; payload: HubPayload },
): Promise<HubApplyResult> {
  assertSession(store, session);
  if (store.device.profile === 'hub') throw new AccessDeniedError('ハブ端末はハブの同期ファイルを取り込みません');
  const { db } = store;
  const seq = header.seq;
  const refusal = refusalOf(store, header, payload);

  return db.transaction('rw', appliedTables, async () => {
    const stored = await db.syncPeers.get(header.sender);
    if (isDamaged(stored)) throw new IntegrityError('syncPeers', header.sender);
    const peer: HubPeer = stored ?? emptyPeer(header.sender);
    if (seq <= peer.appliedSeq) return { status: 'duplicate', seq, message: `重複: 同期ファイル ${seq} はすでに取り込み済みです（変更なし）` };
    if (seq > peer.appliedSeq + 1) {
      return { status: 'waiting', seq, message: `待機: 同期ファイル ${peer.appliedSeq + 1} がまだ届いていないため、${seq} は取り込まずに待ちます` };
    }
    if (refusal !== null) {
      await quarantine(store, header, refusal);
      return { status: 'refused', seq, message: refusal };
    }

    await acknowledgeOutbox(store, 'hub', payload.outboxAcknowledged);
    // The linkage the hub took into its exchange stream leaves this desktop's queue: it is not sent again.
    const linkageAcknowledged = Math.max(peer.linkageAcknowledged ?? 0, payload.linkageAcknowledged ?? 0);
    await acknowledgeOutbox(store, 'linkage', linkageAcknowledged);
    const pending = new Map<string, OutboxEntry>();
    for (const entry of await db.outbox.where('[stream+seq]').between(['hub', 0], ['hub', Number.POSITIVE_INFINITY]).toArray()) {
      if (!isDamaged(entry) && entry.table && entry.rowId) pending.set(hubEntryId(entry.table, entry.rowId), entry);
    }

    const applied = await applyChanges(store, payload.changes, pending);
    const erasure = await erase(store, payload.erase, pending);
    await refreshSearchTokens(
      db,
      store,
      [...applied.touched].filter((id) => !erasure.erased.includes(id)),
    );

    const held = (await db.households.toCollection().primaryKeys()) as string[];
    const digest = compareDigests(await scopeDigest(store, store.device.profile, held), payload.digest);
    const now = new Date(store.now()).toISOString();
    // Reported in the device's next bundles until the hub no longer asks for them: then it has taken the report.
    const stillAsked = new Set(payload.erase);
    const next: HubPeer = {
      ...peer,
      appliedSeq: seq,
      through: payload.through,
      lastAppliedAt: now,
      outboxAcknowledged: Math.max(peer.outboxAcknowledged, payload.outboxAcknowledged),
      auditAcknowledged: Math.max(peer.auditAcknowledged, payload.auditAcknowledged),
      linkageAcknowledged,
      digest: payload.digest,
      erased: [
        ...peer.erased.filter((entry) => stillAsked.has(entry.householdId) && !erasure.erased.includes(entry.householdId)),
        ...erasure.erased.map((householdId) => ({ householdId, at: now })),
      ],
      skewMs: payload.sentAt - store.now(),
      digestComparison: { ...digest, at: now },
    };
    await db.syncPeers.put(next);
    await appendAudit(store, session.userId, { kind: 'import', detail: { what: 'hubBundle', count: payload.changes.length } });
    store.clock.receive(payload.through);
    await keepClock(store);
    return {
      status: 'applied',
      seq,
      rows: applied.rows,
      deleted: applied.deleted,
      keptLocal: applied.keptLocal,
      erased: erasure.erased,
      erasureHeld: erasure.kept,
      digest,
    };
  });
}

/** Why this device must refuse the bundle whole (Japanese), or null. Checked before anything is written. */
function refusalOf(store: DataStore, header: BundleHeader, payload: HubPayload): string | null {
  if (header.recipient !== store.device.id || payload.device.id !== store.device.id) return 'この同期ファイルはこの端末宛てではありません';
  if (payload.device.profile !== store.device.profile) return '同期ファイルの端末種別がこの端末と一致しません（端末の登録をやり直してください）';
  for (const change of payload.changes) {
    if (!synced.has(change.table)) return `同期しない表（${change.table}）の変更が含まれています`;
    if (change.op === 'put' && (change.row === null || change.row.id !== change.id)) return `${change.table} ${change.id} の行が変更の内容と一致しません`;
  }
  if (!holdsMyNumber(store.device.profile)) {
    const finding = findMyNumber(payload.changes);
    if (finding) return myNumberRefusal(finding);
  }
  return null;
}

/**
 * Kept for the administrator with the reason; the payload itself is not stored (on a field device it may be the very
 * 個人番号 refused): the file stays in the sync folder, where main never deletes it. Recorded once per bundle.
 */
async function quarantine(store: DataStore, header: BundleHeader, reason: string): Promise<void> {
  const { db } = store;
  const earlier = (await db.syncQuarantine.toArray()).some((row) => !isDamaged(row) && row.sender === header.sender && row.seq === header.seq);
  if (earlier) return;
  await db.syncQuarantine.add({
    id: uuidv7(),
    hlc: store.clock.stamp(),
    status: 'held',
    sender: header.sender,
    seq: header.seq,
    reason,
    receivedAt: new Date(store.now()).toISOString(),
    header,
    payload: null,
    note: { kind: 'hubBundle', counts: header.counts },
    householdId: null,
    handledBy: null,
    handledAt: null,
  });
}

/** The bundle's rows and tombstones, per table in bulk; returns the counts and the households whose search tokens change. */
async function applyChanges(store: DataStore, changes: readonly SyncChange[], pending: Map<string, OutboxEntry>) {
  const { db } = store;
  const byTable = new Map<SyncedTable, SyncChange[]>();
  for (const change of changes) {
    const table = change.table as SyncedTable;
    const list = byTable.get(table);
    if (list) list.push(change);
    else byTable.set(table, [change]);
  }
  let rows = 0;
  let deleted = 0;
  let keptLocal = 0;
  const touched = new Set<string>();
  const rebased: OutboxEntry[] = [];

  for (const [table, tableChanges] of byTable) {
    const local = tableChanges.filter((change) => pending.has(hubEntryId(table, change.id)));
    const localRows = new Map<string, Row>();
    const read = await db.table(table).bulkGet(local.map((change) => change.id));
    for (const row of read as (Row | undefined)[]) if (row && !isDamaged(row)) localRows.set(row.id, row);
    // Members deleted here change their household's search tokens: which household is on the stored row.
    const deletedMembers = table === 'members' ? await db.members.bulkGet(tableChanges.filter((c) => c.op === 'delete').map((c) => c.id)) : [];
    for (const member of deletedMembers) if (member && !isDamaged(member)) touched.add(member.householdId);

    const puts: Row[] = [];
    const deletes: string[] = [];
    for (const change of tableChanges) {
      const entry = pending.get(hubEntryId(table, change.id));
      if (!entry) {
        if (change.op === 'delete') deletes.push(change.id);
        else puts.push(change.row as Row);
        continue;
      }
      keptLocal += 1;
      const mine = localRows.get(change.id);
      // A pending delete, or a table not merged per field: the local state stays whole until the hub has taken it.
      if (entry.op !== 'put' || !mine || !('base' in entry) || change.op === 'delete') continue;
      puts.push(mergeLocal(mine, entry.base ?? {}, change.row as Row));
      rebased.push({ ...entry, base: change.row });
    }
    if (puts.length > 0) await db.table(table).bulkPut(puts);
    if (deletes.length > 0) await db.table(table).bulkDelete(deletes);
    rows += puts.length;
    deleted += deletes.length;
    if (table === 'households') for (const row of puts) touched.add(row.id);
    if (table === 'members') for (const row of puts) touched.add(String(row.householdId));
    if (table === 'households') for (const id of deletes) touched.add(id);
  }
  if (rebased.length > 0) await db.outbox.bulkPut(rebased);
  return { rows, deleted, keptLocal, touched };
}

/** The hub's row with the fields this device changed since `base` kept (a field it removed stays removed); the local HLC stays. */
function mergeLocal(mine: Row, base: Record<string, unknown>, theirs: Row): Row {
  const merged: Row = { ...theirs, hlc: mine.hlc };
  for (const field of new Set([...Object.keys(mine), ...Object.keys(base)])) {
    if (fieldsNotMerged.has(field) || canonicalJson(mine[field]) === canonicalJson(base[field])) continue;
    if (field in mine) merged[field] = mine[field];
    else delete merged[field];
  }
  return merged;
}

/**
 * Every row of the households that left this device's scope, their search tokens and their drafts, deleted. A
 * household with a change not yet acknowledged by the hub is kept (and asked for again by the hub's next bundle).
 */
async function erase(store: DataStore, householdIds: readonly string[], pending: Map<string, OutboxEntry>): Promise<{ erased: string[]; kept: string[] }> {
  const { db } = store;
  const erased: string[] = [];
  const kept: string[] = [];
  if (householdIds.length === 0) return { erased, kept };
  const cases = await readCases(store, householdIds);
  const doomed = new Map<string, string[]>(caseTables.map((table) => [table, []]));
  for (const householdId of householdIds) {
    const rows = cases.get(householdId) ?? [];
    if (rows.some(({ table, row }) => pending.has(hubEntryId(table, row.id)))) {
      kept.push(householdId);
      continue;
    }
    for (const { table, row } of rows) doomed.get(table)!.push(row.id);
    erased.push(householdId);
  }
  await Promise.all([
    ...[...doomed].map(([table, ids]) => ids.length > 0 && db.table(table).bulkDelete(ids)),
    db.householdSearch.bulkDelete(erased),
    erased.length > 0 && db.drafts.where('householdId').anyOf(erased).delete(),
  ]);
  return { erased, kept };
}
