import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { LinkageRecord } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { bodySchemaOf } from '../../../shared/linkage/exchangeFormat.js';
import type { LinkageKind, LinkageStatus } from '../../../shared/linkage/linkageKinds.js';
import type { DataStore } from '../db.js';
import { IntegrityError, isDamaged } from '../errors.js';
import { linkageKeyHashOf } from '../schema.js';
import { linkageIdempotencyKey, type ChangeWriter, type Unstamped } from '../outbox.js';

/**
 * The linkage ledger (LinkageRecord): one row per natural key — a person's 副本 for one period, a 資格情報
 * registration, a ticket, an inquiry — found again by the same idempotency key the outbox entry carries. Queueing
 * writes the row and, unless it is held back (不開示, a missing 宛名番号), the outbox entry, in the caller's
 * transaction; an unchanged body is not queued again unless the caller asks to resend (a retry).
 */

/**
 * The primary key a new ledger row takes: derived from its idempotency key (the blind index in it, shaped as a
 * UUID), so that an export or an import finds thousands of rows by primary key (`bulkGet`) instead of walking the
 * idempotency-key index. It reveals nothing the clear `idempotencyKey` does not. A row keeps its id when a held
 * message moves to another key (`replaces`), and rows written before ids were derived have random ones: a miss
 * falls back to the index.
 */
export function ledgerIdOf(idempotencyKey: string): string {
  const hex = linkageKeyHashOf(idempotencyKey).padEnd(32, '0');
  return `${hex.slice(0, 8)}-${hex.slice(8, 12)}-${hex.slice(12, 16)}-${hex.slice(16, 20)}-${hex.slice(20, 32)}`;
}

const refuseDamaged = (rows: readonly unknown[]) => {
  const damaged = rows.find(isDamaged);
  if (damaged) throw new IntegrityError('linkageRecords', damaged.id);
};

/**
 * The ledger rows of these idempotency keys, by key: read by derived id (`bulkGet`, exactly the rows asked for), and
 * only the keys still missing — rows written before ids were derived, or moved by `replaces` — through the keyed-hash
 * index. Not a range read of a whole queue: in transactions of 2,000 that read the queue again for every chunk (an
 * export of 10,000 read 30,000 rows), and a hub's `sent` queue holds every exchange still unanswered, not only the
 * one being applied. A damaged row is an IntegrityError rather than a second registration.
 */
export async function ledgerRowsByKey(store: DataStore, keys: Iterable<string>): Promise<Map<string, LinkageRecord>> {
  const { linkageRecords } = store.db;
  const wanted = new Set(keys);
  const found = new Map<string, LinkageRecord>();
  const take = (rows: readonly (LinkageRecord | undefined)[]) => {
    refuseDamaged(rows);
    for (const row of rows) if (row && wanted.has(row.idempotencyKey)) found.set(row.idempotencyKey, row);
  };
  take(await linkageRecords.bulkGet([...wanted].map(ledgerIdOf)));
  const rest = [...wanted].filter((key) => !found.has(key)).map(linkageKeyHashOf);
  if (rest.length > 0)
    take(await (rest.length === 1 ? linkageRecords.where('keyHash').equals(rest[0]!) : linkageRecords.where('keyHash').anyOf(rest)).toArray());
  return found;
}

/** The ledger row of an idempotency key; a damaged row is an IntegrityError rather than a second registration. */
export async function ledgerRow(store: DataStore, idempotencyKey: string): Promise<LinkageRecord | undefined> {
  return (await lookUp(store, idempotencyKey)).row;
}

/**
 * One key's row, by derived id and through the index at once (one round trip), and whether another key's row holds
 * the derived id (a row that moved by `replaces`), which a new row of this key must then not take.
 */
async function lookUp(store: DataStore, idempotencyKey: string): Promise<{ row: LinkageRecord | undefined; derivedTaken: boolean }> {
  const { linkageRecords } = store.db;
  const [derived, indexed] = await Promise.all([
    linkageRecords.get(ledgerIdOf(idempotencyKey)),
    linkageRecords.where('keyHash').equals(linkageKeyHashOf(idempotencyKey)).toArray(),
  ]);
  refuseDamaged([derived, ...indexed]);
  const row = derived?.idempotencyKey === idempotencyKey ? derived : indexed.find((r) => r.idempotencyKey === idempotencyKey);
  return { row, derivedTaken: derived !== undefined && derived.idempotencyKey !== idempotencyKey };
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
  const own = await lookUp(store, idempotencyKey);
  const before = own.row ?? (request.replaces ? await ledgerRow(store, request.replaces) : undefined);
  const at = new Date(store.now()).toISOString();
  const id = before?.id ?? (own.derivedTaken ? uuidv7() : ledgerIdOf(idempotencyKey));
  if (request.hold) {
    const { status, code, reason } = request.hold;
    if (before?.status === status && before.problem?.code === code) return before;
    return writer.put('linkageRecords', {
      ...base(id, before, request, idempotencyKey),
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
    ...base(id, before, request, idempotencyKey),
    status: 'pending',
    body,
    lastRecordId: entry.id,
    problem: null,
    history: [...(before?.history ?? []), { at, status: 'pending', note: null }],
  };
  return writer.put('linkageRecords', row);
}

function base(
  id: string,
  before: LinkageRecord | undefined,
  request: QueueRequest,
  idempotencyKey: string,
): Omit<Unstamped<LinkageRecord>, 'status' | 'problem' | 'history'> {
  return {
    id,
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
