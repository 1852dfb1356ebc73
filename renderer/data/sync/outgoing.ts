import type { Session } from '../../../shared/domain/staff.js';
import type { DevicePayload, ScopeDigest, SyncChange } from '../../../shared/sync/bundleFormat.js';
import { assertSession } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, IntegrityError, isDamaged } from '../errors.js';
import type { OutboxEntry } from '../outbox.js';
import type { SyncPeer, SyncedTable } from '../schema.js';
import { scopeDigest } from './digest.js';
import { keepsBase } from './policy.js';

/**
 * Device → hub: what the next bundle carries (issue 12). Every `hub` outbox entry still pending — the hub has
 * not acknowledged it, so a bundle lost on the way is covered by the next one — with the row as it is now (opened,
 * without derived clear fields: the hub seals it again) and, for a field-merged table, the base it was changed
 * from; deletions as tombstones; the device's own audit entries after those the hub holds; the linkage entries an
 * office desktop queued (they leave through the hub's exchange); the households erased here; and the digest.
 * Sending an entry again is harmless: the hub applies a row version once (hubMerge.ts).
 */

export interface OutgoingBundle {
  payload: DevicePayload;
  /** The HLC range of the changes carried, for the bundle's header (null: no change). */
  hlcFrom: string | null;
  hlcTo: string | null;
  /** Rows per table, and `audit`, `linkage`, `erased`: the header's counts. */
  counts: Record<string, number>;
}

/** What this device's state for the hub (its SyncPeer, undefined before the first sync) says the bundle starts from. */
export type PeerState = Pick<SyncPeer, 'appliedSeq' | 'outboxAcknowledged' | 'auditAcknowledged' | 'erased'> & { linkageAcknowledged?: number };

/** Audit entries the hub acknowledged through `afterSeq`, and the rest of the chain, in order. */
async function auditAfter(store: DataStore, afterSeq: number): Promise<Record<string, unknown>[]> {
  const entries = await store.db.audit.where('seq').above(afterSeq).toArray();
  const damaged = entries.find(isDamaged);
  if (damaged) throw new IntegrityError('audit', damaged.id);
  return entries as unknown as Record<string, unknown>[];
}

/** Every pending entry of a stream, in seq order; a damaged one stops the bundle (it would be a change lost). */
async function pending(store: DataStore, stream: OutboxEntry['stream'], afterSeq: number): Promise<OutboxEntry[]> {
  const entries = await store.db.outbox.where('[stream+seq]').between([stream, afterSeq], [stream, Number.POSITIVE_INFINITY], false, true).toArray();
  const damaged = entries.find(isDamaged);
  if (damaged) throw new IntegrityError('outbox', damaged.id);
  return entries;
}

/**
 * The changes of the pending hub entries. A row with several entries (one written before entries became
 * references, beside its current one) is sent once, as it is now; a put whose row is gone has a tombstone after it.
 */
async function changesOf(store: DataStore, entries: readonly OutboxEntry[]): Promise<SyncChange[]> {
  const latest = new Map<string, OutboxEntry>();
  for (const entry of entries) if (entry.table && entry.rowId) latest.set(`${entry.table}:${entry.rowId}`, entry);
  const byTable = new Map<SyncedTable, OutboxEntry[]>();
  for (const entry of latest.values()) byTable.set(entry.table!, [...(byTable.get(entry.table!) ?? []), entry]);
  const changes: SyncChange[] = [];
  await Promise.all(
    [...byTable].map(async ([table, list]) => {
      const puts = list.filter((entry) => entry.op === 'put');
      const rows = await store.db.table(table).bulkGet(puts.map((entry) => entry.rowId!));
      const current = new Map(puts.map((entry, i) => [entry.rowId!, rows[i] as Record<string, unknown> | undefined]));
      for (const entry of list) {
        const row = current.get(entry.rowId!);
        if (isDamaged(row)) throw new IntegrityError(table, entry.rowId!);
        const base = keepsBase(table) && entry.base !== undefined ? { base: entry.base } : {};
        if (entry.op === 'delete') changes.push({ table, id: entry.rowId!, op: 'delete', hlc: entry.hlc, row: null });
        else if (row) changes.push({ table, id: entry.rowId!, op: 'put', hlc: row.hlc as string, row, ...base });
      }
    }),
  );
  return changes.sort((a, b) => (a.hlc < b.hlc ? -1 : a.hlc > b.hlc ? 1 : 0));
}

/**
 * Builds the payload of this device's next bundle to the hub. `digest` is the device's scope digest when the
 * caller has it; otherwise it is computed over every household this device holds (digest.ts).
 */
export async function buildDevicePayload(store: DataStore, session: Session, peer: PeerState | undefined, digest?: ScopeDigest): Promise<OutgoingBundle> {
  assertSession(store, session);
  if (store.device.profile === 'hub') throw new AccessDeniedError('ハブ端末は端末の同期ファイルを作りません（各端末への返送ファイルを作ります）');
  if (session.role === 'auditor') throw new AccessDeniedError('監査担当は同期を実行できません');
  const state = peer ?? { appliedSeq: 0, outboxAcknowledged: 0, auditAcknowledged: 0, erased: [] };
  const { db } = store;
  const [hub, audit, linkage, scope] = await db.transaction('r', [db.outbox, db.audit, ...(digest ? [] : [db.households])], async () =>
    Promise.all([
      pending(store, 'hub', state.outboxAcknowledged),
      auditAfter(store, state.auditAcknowledged),
      store.device.profile === 'office' ? pending(store, 'linkage', state.linkageAcknowledged ?? 0) : [],
      digest ? null : db.households.toCollection().primaryKeys(),
    ]),
  );
  const changes = await changesOf(store, hub);
  const payload: DevicePayload = {
    kind: 'device',
    sentAt: store.now(),
    changes,
    outboxThrough: hub.at(-1)?.seq ?? state.outboxAcknowledged,
    audit: audit as DevicePayload['audit'],
    linkage: linkage.map(({ id, seq, idempotencyKey, kind, payload, hlc, createdAt }) => ({ id, seq, idempotencyKey, kind, payload, hlc, createdAt })),
    appliedHubSeq: state.appliedSeq,
    erased: state.erased.map((entry) => entry.householdId),
    digest: digest ?? (await scopeDigest(store, store.device.profile, scope as string[])),
  };
  const counts: Record<string, number> = { audit: payload.audit.length, linkage: payload.linkage.length, erased: payload.erased.length };
  for (const change of changes) counts[change.table] = (counts[change.table] ?? 0) + 1;
  return { payload, hlcFrom: changes[0]?.hlc ?? null, hlcTo: changes.at(-1)?.hlc ?? null, counts };
}
