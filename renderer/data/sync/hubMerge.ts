import { z } from 'zod';
import { approvalStageLabels } from '../../../shared/casework/caseStatus.js';
import { caseRecordSchema } from '../../../shared/casework/caseRecord.js';
import { consultationSchema } from '../../../shared/casework/consultation.js';
import { householdSchema } from '../../../shared/casework/household.js';
import { memberSchema } from '../../../shared/casework/member.js';
import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { Device } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { BundleHeader, DevicePayload, ScopeDigest, SyncChange } from '../../../shared/sync/bundleFormat.js';
import { HLC_PATTERN, hlcNodeFromId, parseHlc } from '../../../shared/sync/hlc.js';
import { assertSession } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError, isDamaged } from '../errors.js';
import { writeTransaction, type ChangeWriter } from '../outbox.js';
import {
  householdTables,
  syncedTables,
  type ConflictSide,
  type SyncConflict,
  type SyncPeer,
  type SyncQuarantineEntry,
  type SyncedTable,
  type TableName,
} from '../schema.js';
import { deviceToday } from '../validation.js';
import { findMyNumber, myNumberRefusal } from './fieldDevice.js';
import { deviceAuditId, verifyDeviceAudit } from './deviceAudit.js';
import { deviceMayChange, policyOf, tableLabels } from './policy.js';

/**
 * The hub's import of one device bundle (issue 12), once main has checked the file (signature, recipient, office,
 * hash) and opened it. In order:
 * 1. Sequence, per sender: a bundle already dealt with (applied or quarantined) is 重複 and changes nothing; one
 *    after a missing one is 待機 and is not applied (its file stays in the folder for the next run).
 * 2. Every check before any row is touched: the sender is the enrolled, unrevoked device of the header; each
 *    change's table is a synced one and its row valid against the entity's schema (the one the repositories and
 *    forms use); every household it touches is in the device's caseloads; a field device sent no 個人番号; and
 *    what it sends to a hub-authoritative table is a draft or a request (policy.ts). Any refusal puts the whole
 *    payload in `syncQuarantine` with the reasons in Japanese, with one audit entry; nothing else changes.
 * 3. Otherwise one write transaction: rows merged by their table's policy, conflicts recorded for the SV, the
 *    device's audit entries verified as the continuation of its chain and stored, its linkage entries queued into
 *    the hub's stream, and the peer's state advanced. The checks and the merge read the same rows in that same
 *    transaction, so nothing can change between them.
 */

export interface DeviceBundle {
  header: BundleHeader;
  payload: DevicePayload;
  /** The sender as the hub's registry holds it. */
  sender: Device;
}

interface Counts {
  inserted: number;
  updated: number;
  kept: number;
  deleted: number;
}

export type BundleReport =
  | {
      status: 'applied';
      sender: string;
      seq: number;
      message: string;
      rows: Counts;
      /** Per table: rows the bundle carried. */
      tables: Record<string, number>;
      conflicts: number;
      audit: { stored: number; problems: string[] };
      linkage: number;
      skewMs: number;
      /** The device's digest of its scope as it sent it. */
      digest: ScopeDigest;
    }
  | { status: 'duplicate' | 'waiting'; sender: string; seq: number; message: string }
  | { status: 'quarantined'; sender: string; seq: number; message: string; quarantineId: string; reasons: string[] };

/** A hub clock this far behind a device's stamp is not a skew but a clock to distrust: such a bundle is held. */
const MAX_AHEAD_MS = 60 * 60 * 1000;

const id = z.string().min(1).max(200);
const isoDate = z.string().regex(/^\d{4}-\d{2}-\d{2}$/);
/** The tables without a form schema of their own: their shape, strictly enough that a crafted row cannot pass. */
const structural: Partial<Record<SyncedTable, z.ZodType>> = {
  visitPlans: z.looseObject({ householdId: id, grade: z.string().min(1).max(20), nextDueOn: isoDate, note: z.string().max(2000) }),
  applications: z.looseObject({ householdId: id, status: z.enum(['received', 'decided', 'withdrawn']), appliedOn: isoDate, dueOn: isoDate }),
  calculations: z.looseObject({
    householdId: id,
    month: z.string().regex(/^\d{4}-\d{2}$/),
    minimumCost: z.number(),
    recognizedIncome: z.number(),
    benefit: z.number(),
  }),
  decisions: z.looseObject({
    householdId: id,
    stage: z.enum(Object.keys(approvalStageLabels) as [string, ...string[]]),
    draftedBy: id,
    history: z.array(z.looseObject({})),
    effectiveOn: isoDate,
  }),
  linkageRecords: z.looseObject({ householdId: id, status: z.string().min(1).max(40), idempotencyKey: z.string().min(1).max(300) }),
};
const makeSchema = (table: SyncedTable, today: string): z.ZodType | undefined =>
  table === 'households'
    ? householdSchema
    : table === 'members'
      ? memberSchema(today)
      : table === 'consultations'
        ? consultationSchema(today)
        : table === 'caseRecords'
          ? caseRecordSchema(today)
          : structural[table];
/** The schemas of one import, made once per table (a form's schema is built per call: for thousands of rows, once). */
const schemasFor = (today: string) => {
  const made = new Map<SyncedTable, z.ZodType | undefined>();
  return (table: SyncedTable) => {
    if (!made.has(table)) made.set(table, makeSchema(table, today));
    return made.get(table);
  };
};
type Schemas = ReturnType<typeof schemasFor>;

/** Why a change's row is not a row of its table (Japanese, naming the field), or null. */
function rowProblem(change: SyncChange, schemas: Schemas): string | null {
  const label = tableLabels[change.table] ?? change.table;
  const table = change.table as SyncedTable;
  if (change.op === 'delete') return change.row === null ? null : `${label} ${change.id} の削除に行が付いています`;
  const row = change.row;
  if (!row) return `${label} ${change.id} に行がありません`;
  if (row.id !== change.id) return `${label} ${change.id} の行の id が一致しません`;
  if (typeof row.hlc !== 'string' || !HLC_PATTERN.test(row.hlc) || row.hlc !== change.hlc) return `${label} ${change.id} の hlc が不正です`;
  if ((householdTables as readonly string[]).includes(table) && typeof row.householdId !== 'string') return `${label} ${change.id} に世帯 id がありません`;
  const schema = schemas(table);
  const parsed = schema?.safeParse(row);
  if (parsed && !parsed.success) {
    const issue = parsed.error.issues[0]!;
    return `${label} ${change.id} の ${issue.path.join('.') || '内容'}: ${issue.message}`;
  }
  return null;
}

type Row = Record<string, unknown>;
/** The hub's rows of every table the bundle touches, read in the import's transaction. */
type Stored = Map<string, Map<string, Row | undefined>>;

const householdOfChange = (change: SyncChange, hub: Row | undefined): string | null => {
  if (change.table === 'households') return change.id;
  return (change.row?.householdId as string | undefined) ?? (hub?.householdId as string | undefined) ?? null;
};

/**
 * Every reason the bundle cannot be applied (empty: it can), judged on the hub's rows as they are. `heldBefore`: the
 * households the hub's returns left the device holding (SyncPeer.sentScope) — a case reassigned on the hub while the
 * laptop was out keeps taking the laptop's changes of before the 異動 until the laptop has erased it.
 */
function refusals(store: DataStore, { header, payload, sender }: DeviceBundle, stored: Stored, schemas: Schemas, heldBefore: ReadonlySet<string>): string[] {
  const reasons: string[] = [];
  if (sender.status === 'revoked') reasons.push(`端末 ${sender.name} は失効しています（${sender.revoked?.reason ?? '理由なし'}）`);
  if (header.sender !== sender.id) reasons.push('同期ファイルの送信元が端末の登録と一致しません');
  if (header.recipient !== store.device.id) reasons.push('同期ファイルの宛先がこのハブではありません');
  if (sender.profile === 'hub') reasons.push('ハブ端末からの端末同期ファイルは受け付けません');
  const caseloads = new Set(sender.caseloadUserIds);
  const households = stored.get('households') ?? new Map<string, Row | undefined>();
  const incomingHouseholds = new Map(payload.changes.filter((c) => c.table === 'households' && c.row).map((c) => [c.id, c.row!]));
  const inScope = (row: Row | undefined) => row !== undefined && typeof row.assignedTo === 'string' && caseloads.has(row.assignedTo);
  const now = store.now();
  for (const change of payload.changes) {
    const label = tableLabels[change.table] ?? change.table;
    const policy = policyOf(change.table);
    if (!policy || policy === 'localOnly' || !(syncedTables as readonly string[]).includes(change.table)) {
      reasons.push(`同期しない表（${change.table}）の変更が含まれています`);
      continue;
    }
    const problem = rowProblem(change, schemas);
    if (problem) {
      reasons.push(problem);
      continue;
    }
    if (parseHlc(change.hlc).millis - now > MAX_AHEAD_MS)
      reasons.push(`${label} ${change.id} の時刻（${change.hlc.slice(0, 24)}）がハブの時計より大きく進んでいます`);
    const hub = stored.get(change.table)?.get(change.id);
    if (!(householdTables as readonly string[]).includes(change.table) && change.table !== 'households') {
      // offices, users, devices: hub-authoritative, and outside any household.
      reasons.push(deviceMayChange(change.table, change.op, change.row, hub) ?? `${label}は端末から変更できません`);
      continue;
    }
    // Scope: the household as the hub has it and, for a household row, as the device would make it.
    for (const householdId of new Set([householdOfChange(change, hub), (hub?.householdId as string | undefined) ?? null])) {
      if (householdId === null) continue;
      const known = households.get(householdId);
      const incoming = incomingHouseholds.get(householdId);
      if (!known && !incoming) reasons.push(`${label} ${change.id} の世帯 ${householdId} はハブにありません`);
      else if (((known && !inScope(known)) || (incoming && !inScope(incoming))) && !heldBefore.has(householdId))
        reasons.push(`${label} ${change.id} は端末の担当ケース外の世帯 ${householdId} の変更です`);
    }
    if (policy === 'hubAuthoritative') {
      const refusal = deviceMayChange(change.table, change.op, change.row, hub);
      if (refusal) reasons.push(`${refusal}（${label} ${change.id}）`);
    }
  }
  if (sender.profile === 'field') {
    const finding = findMyNumber(payload.changes);
    if (finding) reasons.push(myNumberRefusal(finding));
  }
  if (sender.profile === 'field' && payload.linkage.length > 0) reasons.push('訪問用端末からの連携の送信は受け付けません');
  for (const entry of payload.audit) if (entry.deviceId !== sender.id) reasons.push(`監査ログ ${entry.seq} 番は別の端末のものです`);
  return [...new Set(reasons)];
}

const same = (a: unknown, b: unknown) => canonicalJson(a ?? null) === canonicalJson(b ?? null);
const contentFields = (...rows: (Row | null | undefined)[]) =>
  [...new Set(rows.flatMap((row) => (row ? Object.keys(row) : [])))].filter((f) => f !== 'id' && f !== 'hlc');

interface Merge {
  /** The row the hub should hold, or null to keep its own. */
  row: Row | null;
  conflicts: { field: string; kept: unknown; incoming: unknown; winner: 'kept' | 'incoming' }[];
}

/**
 * Field merge of the device's row against the hub's, from `base` (undefined: the device did not say what it started
 * from — every differing field is then treated as changed on both sides, so nothing is lost, only more is asked).
 */
function mergeFields(incoming: Row, base: Row | null | undefined, hub: Row, incomingHlc: string): Merge {
  const merged: Row = { ...hub };
  const conflicts: Merge['conflicts'] = [];
  const incomingWins = incomingHlc > (hub.hlc as string);
  for (const field of contentFields(incoming, base, hub)) {
    const [theirs, ours] = [incoming[field], hub[field]];
    if (same(theirs, ours)) continue;
    const deviceChanged = base === undefined || base === null ? true : !same(theirs, base[field]);
    if (!deviceChanged) continue;
    const hubChanged = base === undefined || base === null ? true : !same(ours, base[field]);
    if (!hubChanged) {
      merged[field] = theirs;
      continue;
    }
    conflicts.push({ field, kept: ours, incoming: theirs, winner: incomingWins ? 'incoming' : 'kept' });
    if (incomingWins) merged[field] = theirs;
  }
  if (same({ ...merged, hlc: null }, { ...hub, hlc: null })) return { row: null, conflicts };
  for (const field of Object.keys(merged)) if (merged[field] === undefined) delete merged[field];
  return { row: merged, conflicts };
}

/** The hub's view of a change: what to write and which conflicts to record. */
function mergeChange(change: SyncChange, hub: Row | undefined): Merge {
  const policy = policyOf(change.table);
  const incoming = change.row!;
  if (!hub) return { row: incoming, conflicts: [] };
  if (policy === 'fieldMerge' || policy === 'union') return mergeFields(incoming, change.base, hub, change.hlc);
  // Hub-authoritative drafts and requests (policy.ts allowed them): the later version whole.
  return { row: change.hlc > (hub.hlc as string) && !same({ ...incoming, hlc: null }, { ...hub, hlc: null }) ? incoming : null, conflicts: [] };
}

/**
 * Who last wrote the hub's row on the hub, as its own audit entries since the row's HLC say (a second of margin: the
 * entry is stamped in the same transaction); null when the row came in another device's bundle (its chain names them).
 */
async function hubActorOf(store: DataStore, rowId: string, hub: Row): Promise<string | null> {
  const since = new Date(parseHlc(hub.hlc as string).millis - 1000).toISOString();
  const entries = await store.db.audit.where('at').aboveOrEqual(since).toArray();
  const last = entries
    .filter((e) => !isDamaged(e) && (e.kind === 'create' || e.kind === 'update') && (e.detail as { recordId?: unknown } | undefined)?.recordId === rowId)
    .at(-1);
  return last && !isDamaged(last) ? last.actor : null;
}

/** The user who last wrote a row, as the device's audit entries in this bundle say (the entry names the record). */
function actorsOf(audit: readonly Row[]): Map<string, string> {
  const actors = new Map<string, string>();
  for (const entry of audit) {
    const detail = entry.detail as { recordId?: unknown } | undefined;
    if (typeof detail?.recordId === 'string' && typeof entry.actor === 'string') actors.set(detail.recordId, entry.actor);
  }
  return actors;
}

/**
 * The sender's seqs already dealt with: applied (the peer) or held in quarantine (each consumes its number, so the
 * device's next bundle is not left waiting) — read from the quarantine's clear index, without opening any payload.
 * A file the reader refused is held with seq 0: its header was not trusted.
 */
async function lastDealtWith(store: DataStore, sender: string, peer: SyncPeer | undefined): Promise<number> {
  const held = (await store.db.syncQuarantine.where('[sender+seq]').between([sender, 1], [sender, Number.POSITIVE_INFINITY]).keys()) as unknown as [
    string,
    number,
  ][];
  return Math.max(peer?.appliedSeq ?? 0, ...held.map(([, seq]) => seq));
}

export const emptyHubPeer = (deviceId: string): SyncPeer => ({
  id: deviceId,
  sentSeq: 0,
  appliedSeq: 0,
  through: null,
  lastSentAt: null,
  lastAppliedAt: null,
  outboxAcknowledged: 0,
  auditAcknowledged: 0,
  auditHead: null,
  linkageAcknowledged: 0,
  appliedHubSeq: 0,
  receipts: [],
  digest: null,
  erased: [],
  skewMs: null,
  auditProblems: [],
});

class Refused extends Error {
  constructor(readonly reasons: string[]) {
    super(reasons.join('\n'));
  }
}

const mergedTables: TableName[] = [...syncedTables, 'syncPeers', 'syncConflicts', 'syncQuarantine', 'deviceAudit'];

/** Imports one device bundle on the hub (the administrator's sync run). See the module comment for the order. */
export async function applyDeviceBundle(store: DataStore, session: Session, bundle: DeviceBundle): Promise<BundleReport> {
  assertSession(store, session);
  if (store.device.profile !== 'hub') throw new AccessDeniedError('端末の同期ファイルはハブ端末でだけ取り込めます');
  if (session.role !== 'systemAdmin') throw new AccessDeniedError('同期の取り込みはシステム管理者が行います');
  const { header, sender } = bundle;
  const base = { sender: sender.id, seq: header.seq };
  try {
    return await writeTransaction(store, mergedTables, async (writer) => {
      const peer = await peerOf(store, sender.id);
      const dealt = await lastDealtWith(store, sender.id, peer);
      if (header.seq <= dealt) return { status: 'duplicate', ...base, message: `重複: 同期ファイル ${header.seq} はすでに取り込み済みです（変更なし）` };
      if (header.seq > dealt + 1)
        return { status: 'waiting', ...base, message: `待機: 同期ファイル ${dealt + 1} がまだ届いていないため、${header.seq} は取り込まずに待ちます` };
      return checkAndMerge(store, session, writer, bundle, peer);
    });
  } catch (error) {
    if (!(error instanceof Refused)) throw error;
    const quarantineId = await quarantineBundle(store, session, bundle, error.reasons);
    return {
      status: 'quarantined',
      ...base,
      quarantineId,
      reasons: error.reasons,
      message: `保留: 同期ファイル ${header.seq} は取り込まず保留にしました — ${error.reasons[0]}`,
    };
  }
}

async function peerOf(store: DataStore, deviceId: string): Promise<SyncPeer | undefined> {
  const peer = await store.db.syncPeers.get(deviceId);
  if (isDamaged(peer)) throw new Refused(['ハブの同期状態が破損しています']);
  return peer;
}

async function checkAndMerge(
  store: DataStore,
  session: Session,
  writer: ChangeWriter,
  bundle: DeviceBundle,
  peer: SyncPeer | undefined,
): Promise<BundleReport & { status: 'applied' }> {
  const stored = await readStored(store, bundle.payload.changes);
  const reasons = refusals(store, bundle, stored, schemasFor(deviceToday()), new Set(peer?.sentScope ?? []));
  if (reasons.length > 0) throw new Refused(reasons);
  return merge(store, session, writer, bundle, peer ?? emptyHubPeer(bundle.sender.id), stored);
}

/**
 * Applies a held bundle again after the administrator fixed what stopped it (a caseload assigned, a device's
 * registry row corrected): the same checks, in one transaction with the entry marked released. Still refused: an
 * InvalidRecordError with the reasons, and nothing changes. Later bundles of the sender may have been applied
 * meanwhile: the peer's numbers only move forward, and a row version already merged changes nothing.
 */
export async function releaseHeldBundle(store: DataStore, session: Session, entryId: string): Promise<BundleReport & { status: 'applied' }> {
  assertSession(store, session);
  if (store.device.profile !== 'hub' || session.role !== 'systemAdmin') throw new AccessDeniedError('保留の解除はハブ端末のシステム管理者が行います');
  try {
    return await writeTransaction(store, mergedTables, async (writer) => {
      const entry = await store.db.syncQuarantine.get(entryId);
      if (!entry || isDamaged(entry)) throw new InvalidRecordError('id', '保留の記録が見つかりません');
      if (entry.status === 'released') throw new InvalidRecordError('id', 'この保留はすでに解除されています');
      if (!entry.payload) throw new InvalidRecordError('id', '読めなかった同期ファイルは解除できません（端末から送り直してください）');
      const sender = await store.db.devices.get(entry.sender);
      if (!sender || isDamaged(sender)) throw new InvalidRecordError('sender', '送信元の端末が登録にありません');
      const peer = await peerOf(store, sender.id);
      const report = await checkAndMerge(store, session, writer, { header: entry.header as BundleHeader, payload: entry.payload, sender }, peer);
      const now = new Date(store.now()).toISOString();
      await store.db.syncQuarantine.put({ ...entry, status: 'released', handledBy: session.userId, handledAt: now });
      return report;
    });
  } catch (error) {
    if (error instanceof Refused) throw new InvalidRecordError('payload', `まだ取り込めません: ${error.reasons.join(' / ')}`);
    throw error;
  }
}

/** The hub's current rows of every (table, id) the changes name and of the households they belong to: one bulkGet per table. */
async function readStored(store: DataStore, changes: readonly SyncChange[]): Promise<Stored> {
  const ids = new Map<string, Set<string>>();
  const want = (table: string, rowId: string) => ids.set(table, (ids.get(table) ?? new Set()).add(rowId));
  for (const change of changes) if ((syncedTables as readonly string[]).includes(change.table)) want(change.table, change.id);
  for (const change of changes) if (typeof change.row?.householdId === 'string') want('households', change.row.householdId);
  const stored: Stored = new Map();
  await Promise.all(
    [...ids].map(async ([table, set]) => {
      const list = [...set];
      const rows = await store.db.table(table).bulkGet(list);
      stored.set(table, new Map(list.map((rowId, i) => [rowId, rows[i] as Row | undefined])));
    }),
  );
  // A stored row's household (a member moving out, a tombstone) is judged too.
  const more = [...stored]
    .filter(([table]) => table !== 'households')
    .flatMap(([, rows]) => [...rows.values()].map((row) => row?.householdId))
    .filter((householdId): householdId is string => typeof householdId === 'string' && !stored.get('households')?.has(householdId));
  if (more.length > 0) {
    const rows = await store.db.households.bulkGet(more);
    const households = stored.get('households') ?? new Map<string, Row | undefined>();
    for (const [i, householdId] of more.entries()) households.set(householdId, rows[i] as Row | undefined);
    stored.set('households', households);
  }
  for (const [table, rows] of stored)
    for (const [rowId, row] of rows) if (isDamaged(row)) throw new Refused([`ハブの${tableLabels[table] ?? table} ${rowId} が破損しているため統合できません`]);
  return stored;
}

async function merge(
  store: DataStore,
  session: Session,
  writer: ChangeWriter,
  bundle: DeviceBundle,
  peer: SyncPeer,
  stored: Stored,
): Promise<BundleReport & { status: 'applied' }> {
  const { db } = store;
  const { header, payload, sender } = bundle;
  const now = new Date(store.now()).toISOString();
  const counts: Counts = { inserted: 0, updated: 0, kept: 0, deleted: 0 };
  const tables: Record<string, number> = {};
  const newest = payload.changes
    .map((change) => change.hlc)
    .sort()
    .at(-1);
  if (newest) store.clock.receive(newest);

  const actors = actorsOf(payload.audit);
  const open = (await db.syncConflicts.where('status').equals('open').toArray()).filter((row): row is SyncConflict => !isDamaged(row));
  const recorded = new Set(open.map((c) => `${c.table}:${c.rowId}:${c.field}:${c.incoming.hlc}`));
  const nodes = new Map([store.device, ...(await db.devices.toArray()).filter((d) => !isDamaged(d))].map((d) => [hlcNodeFromId(d.id), d.id]));
  const side = (value: unknown, hlc: string, actor: string | null): ConflictSide => ({
    value,
    hlc,
    deviceId: nodes.get(hlc.slice(-16)) ?? hlc.slice(-16),
    actor,
  });
  const conflicts: SyncConflict[] = [];

  // Puts grouped by table in the order of the tables (households before their rows), one bulk request each.
  const puts = new Map<SyncedTable, { row: Row; inserted: boolean }[]>();
  for (const change of payload.changes) {
    const table = change.table as SyncedTable;
    tables[table] = (tables[table] ?? 0) + 1;
    const hub = stored.get(table)?.get(change.id);
    if (change.op === 'delete') {
      if (!hub) counts.kept += 1;
      else if ((hub.hlc as string) > change.hlc && !payload.changes.some((c) => c !== change && c.id === change.id)) {
        // Changed on the hub after the device deleted it: kept, and the deletion asked of the SV.
        conflicts.push(
          conflictOf(table, change.id, hub, '（削除）', side(hub, hub.hlc as string, null), side(null, change.hlc, actors.get(change.id) ?? null), 'kept'),
        );
        counts.kept += 1;
      } else {
        await writer.delete(table, change.id, { previous: hub as never });
        counts.deleted += 1;
      }
      continue;
    }
    const merged = mergeChange(change, hub);
    const fresh = merged.conflicts.filter((c) => !recorded.has(`${table}:${change.id}:${c.field}:${change.hlc}`));
    const keptBy = fresh.length > 0 && hub ? await hubActorOf(store, change.id, hub) : null;
    for (const c of fresh) {
      conflicts.push(
        conflictOf(
          table,
          change.id,
          hub ?? change.row!,
          c.field,
          side(c.kept, hub!.hlc as string, keptBy),
          side(c.incoming, change.hlc, actors.get(change.id) ?? null),
          c.winner,
        ),
      );
    }
    if (!merged.row) {
      counts.kept += 1;
      continue;
    }
    const { hlc: _theirs, ...row } = merged.row;
    const list = puts.get(table) ?? [];
    list.push({ row, inserted: !hub });
    puts.set(table, list);
  }
  for (const table of syncedTables) {
    const list = puts.get(table);
    if (!list) continue;
    await writer.putMany(table, list.map((p) => p.row) as never);
    for (const { inserted } of list) counts[inserted ? 'inserted' : 'updated'] += 1;
  }
  if (conflicts.length > 0) await db.syncConflicts.bulkAdd(conflicts);

  const audit = verifyDeviceAudit(store, peer, payload.audit as Record<string, unknown>[]);
  if (audit.stored.length > 0)
    await db.deviceAudit.bulkPut(
      audit.stored.map((entry) => ({
        id: deviceAuditId(sender.id, entry.seq as number),
        deviceId: sender.id,
        seq: entry.seq as number,
        entry,
        receivedAt: now,
      })),
    );

  let relayed = 0;
  const linkageAfter = peer.linkageAcknowledged ?? 0;
  for (const entry of [...payload.linkage].sort((a, b) => a.seq - b.seq)) {
    if (entry.seq <= linkageAfter) continue;
    if (await writer.relayLinkage({ id: entry.id, idempotencyKey: entry.idempotencyKey, kind: entry.kind as never, payload: entry.payload })) relayed += 1;
  }

  const erased = new Map(peer.erased.map((e) => [e.householdId, e]));
  for (const householdId of payload.erased) if (!erased.has(householdId)) erased.set(householdId, { householdId, at: now });
  const skewMs = payload.sentAt - store.now();
  await db.syncPeers.put({
    ...peer,
    appliedSeq: Math.max(peer.appliedSeq, header.seq),
    lastAppliedAt: now,
    outboxAcknowledged: Math.max(peer.outboxAcknowledged, payload.outboxThrough),
    auditAcknowledged: audit.seq,
    auditHead: audit.stored.length > 0 ? audit.head : peer.auditHead,
    linkageAcknowledged: Math.max(linkageAfter, ...payload.linkage.map((e) => e.seq)),
    appliedHubSeq: Math.max(peer.appliedHubSeq, payload.appliedHubSeq),
    receipts: [...peer.receipts.filter((r) => r.seq !== header.seq), { seq: header.seq, status: 'applied', reason: null }],
    digest: payload.digest,
    erased: [...erased.values()],
    skewMs,
    auditProblems: [...peer.auditProblems, ...audit.problems.map((message) => ({ seq: header.seq, message, at: now }))],
  });
  // One entry for the bundle, as for an exchange result file: who changed each row is in the device's own chain.
  writer.audit(session.userId, { kind: 'import', detail: { what: `syncBundle:${sender.id}:${header.seq}`, count: payload.changes.length } });
  const changed = counts.inserted + counts.updated + counts.deleted;
  return {
    status: 'applied',
    sender: sender.id,
    seq: header.seq,
    message: `取込: 同期ファイル ${header.seq}（変更 ${changed} 件、競合 ${conflicts.length} 件${audit.problems.length > 0 ? `、監査ログの異常 ${audit.problems.length} 件` : ''}）`,
    rows: counts,
    tables,
    conflicts: conflicts.length,
    audit: { stored: audit.stored.length, problems: audit.problems },
    linkage: relayed,
    skewMs,
    digest: payload.digest,
  };
}

function conflictOf(
  table: SyncedTable,
  rowId: string,
  row: Row,
  field: string,
  kept: ConflictSide,
  incoming: ConflictSide,
  winner: 'kept' | 'incoming',
): SyncConflict {
  const householdId = table === 'households' ? rowId : ((row.householdId as string | undefined) ?? null);
  return { id: uuidv7(), hlc: incoming.hlc, status: 'open', table, rowId, householdId, field, kept, incoming, winner, resolution: null };
}

/** Keeps the whole bundle, with why, and one audit entry; nothing else is written. */
export async function quarantineBundle(
  store: DataStore,
  session: Session,
  { header, payload, sender }: DeviceBundle,
  reasons: readonly string[],
): Promise<string> {
  return writeTransaction(store, ['syncQuarantine'], async (writer) => {
    const entry: SyncQuarantineEntry = {
      id: uuidv7(),
      hlc: store.clock.stamp(),
      status: 'held',
      sender: sender.id,
      seq: header.seq,
      reason: reasons.join('\n'),
      receivedAt: new Date(store.now()).toISOString(),
      header,
      payload,
      note: null,
      householdId: null,
      handledBy: null,
      handledAt: null,
    };
    await store.db.syncQuarantine.add(entry);
    writer.audit(session.userId, { kind: 'import', detail: { what: `syncQuarantined:${sender.id}:${header.seq}`, count: payload.changes.length } });
    return entry.id;
  });
}
