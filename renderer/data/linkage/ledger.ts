import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { LinkageRecord } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { bodySchemaOf } from '../../../shared/linkage/exchangeFormat.js';
import type { LinkageKind, LinkageStatus } from '../../../shared/linkage/linkageKinds.js';
import type { DataStore } from '../db.js';
import { IntegrityError, isDamaged } from '../errors.js';
import { linkageIdempotencyKey, type ChangeWriter, type Unstamped } from '../outbox.js';

/**
 * The linkage ledger (LinkageRecord): one row per natural key — a person's 副本 for one period, a 資格情報
 * registration, a ticket, an inquiry — found again by the same idempotency key the outbox entry carries. Queueing
 * writes the row and, unless it is held back (不開示, a missing 宛名番号), the outbox entry, in the caller's
 * transaction; an unchanged body is not queued again unless the caller asks to resend (a retry).
 */

/** The ledger row of an idempotency key; a damaged row is an IntegrityError rather than a second registration. */
export async function ledgerRow(store: DataStore, idempotencyKey: string): Promise<LinkageRecord | undefined> {
  const rows = await store.db.linkageRecords.where('idempotencyKey').equals(idempotencyKey).toArray();
  const damaged = rows.find(isDamaged);
  if (damaged) throw new IntegrityError('linkageRecords', damaged.id);
  return rows.find((row) => row.idempotencyKey === idempotencyKey);
}

export interface QueueRequest {
  householdId: string;
  memberId: string | null;
  kind: LinkageKind;
  itemCode: string;
  naturalKey: unknown;
  requestedBy: string;
  /** What to send; checked against the exchange format before anything is written. */
  body: unknown;
  /** Held back instead of sent: the row says why, and nothing is queued. */
  hold?: { status: Extract<LinkageStatus, 'suppressed' | 'blocked'>; code: string; reason: string };
  /** Queue even if the body is what was queued last (a retry after a rejection). */
  resend?: boolean;
  /** The key of a row held back under another key (no 宛名番号 yet) that this message now takes over. */
  replaces?: string;
}

export async function queueLinkage(store: DataStore, writer: ChangeWriter, request: QueueRequest): Promise<LinkageRecord> {
  const idempotencyKey = linkageIdempotencyKey(store, request.kind, request.naturalKey);
  const before = (await ledgerRow(store, idempotencyKey)) ?? (request.replaces ? await ledgerRow(store, request.replaces) : undefined);
  const at = new Date(store.now()).toISOString();
  if (request.hold) {
    const { status, code, reason } = request.hold;
    if (before?.status === status && before.problem?.code === code) return before;
    return writer.put('linkageRecords', {
      ...base(before, request, idempotencyKey),
      status,
      problem: { code, reason },
      history: [...(before?.history ?? []), { at, status, note: reason }],
    });
  }
  const body = bodySchemaOf(request.kind).parse(request.body);
  const unchanged = before && before.status !== 'blocked' && before.status !== 'suppressed' && canonicalJson(before.body) === canonicalJson(body);
  if (unchanged && !request.resend) return before;
  const entry = await writer.linkage({ kind: request.kind, naturalKey: request.naturalKey, payload: body });
  const row: Unstamped<LinkageRecord> = {
    ...base(before, request, idempotencyKey),
    status: 'pending',
    body,
    lastRecordId: entry.id,
    problem: null,
    history: [...(before?.history ?? []), { at, status: 'pending', note: null }],
  };
  return writer.put('linkageRecords', row);
}

function base(before: LinkageRecord | undefined, request: QueueRequest, idempotencyKey: string): Omit<Unstamped<LinkageRecord>, 'status' | 'problem' | 'history'> {
  return {
    id: before?.id ?? uuidv7(),
    householdId: request.householdId,
    memberId: request.memberId,
    kind: request.kind,
    idempotencyKey,
    naturalKey: request.naturalKey,
    itemCode: request.itemCode,
    body: before?.body ?? null,
    lastRecordId: before?.lastRecordId ?? null,
    requestedBy: request.requestedBy,
    registered: before?.registered ?? false,
    exchangeId: before?.exchangeId ?? null,
    answer: before?.answer ?? null,
  };
}
