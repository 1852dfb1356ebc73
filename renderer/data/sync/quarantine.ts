import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { BundleHeader, BundleReceipt } from '../../../shared/sync/bundleFormat.js';
import { assertSession } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError, isDamaged, type DamagedRecord } from '../errors.js';
import { writeTransaction } from '../outbox.js';
import type { SyncQuarantineEntry } from '../schema.js';

export { releaseHeldBundle } from './hubMerge.js';

/**
 * The hub's 同期の保留 list (issue 12: rejected is quarantined, never lost). A bundle the merge refused is held whole
 * with its reasons (hubMerge.ts); a file main could not trust or open is listed by its copy in `sync-quarantine/`.
 * The administrator sees them, releases a bundle once what stopped it is fixed (`releaseHeldBundle`: applied with
 * the same checks), or assigns it to a case for its caseworker to take up. Nothing here deletes an entry.
 */

function assertAdministrator(store: DataStore, session: Session): void {
  assertSession(store, session);
  if (store.device.profile !== 'hub' || session.role !== 'systemAdmin') throw new AccessDeniedError('同期の保留はハブ端末のシステム管理者が扱います');
}

/** Every entry, newest first; a damaged one comes back as such so the list can say so. */
export async function listQuarantine(store: DataStore, session: Session): Promise<(SyncQuarantineEntry | DamagedRecord)[]> {
  assertAdministrator(store, session);
  const rows = await store.db.syncQuarantine.orderBy('hlc').reverse().toArray();
  // A damaged row has no hlc left to order by: the index still holds its clear one, so it keeps its place.
  return rows;
}

/**
 * A bundle file main refused (signature, recipient, office, a flipped byte …): listed with main's reason and where
 * the copy is. Reading the same folder again finds the same file: an entry for it is not made twice.
 */
export async function holdRefusedFile(
  store: DataStore,
  session: Session,
  refused: { file: string; header: BundleHeader | null; reason: string },
): Promise<string> {
  assertAdministrator(store, session);
  return writeTransaction(store, ['syncQuarantine'], async (writer) => {
    const sender = refused.header?.sender ?? '';
    const existing = (await store.db.syncQuarantine.where('[sender+seq]').equals([sender, 0]).toArray()).find(
      (row) => !isDamaged(row) && (row.note as { file?: unknown } | null)?.file === refused.file && row.reason === refused.reason,
    );
    if (existing) return existing.id;
    const entry: SyncQuarantineEntry = {
      id: uuidv7(),
      hlc: store.clock.stamp(),
      status: 'held',
      sender,
      seq: 0,
      reason: refused.reason,
      receivedAt: new Date(store.now()).toISOString(),
      header: refused.header,
      payload: null,
      note: { file: refused.file },
      householdId: null,
      handledBy: null,
      handledAt: null,
    };
    await store.db.syncQuarantine.add(entry);
    writer.audit(session.userId, { kind: 'import', detail: { what: `syncRefused:${refused.file}`, count: 0 } });
    return entry.id;
  });
}

/** Hands a held entry to the case it concerns (by ケース番号): recorded, audited; the entry itself is kept. */
export async function assignQuarantined(store: DataStore, session: Session, entryId: string, caseNumber: string): Promise<SyncQuarantineEntry> {
  assertAdministrator(store, session);
  return writeTransaction(store, ['syncQuarantine', 'households'], async (writer) => {
    const entry = await store.db.syncQuarantine.get(entryId);
    if (!entry || isDamaged(entry)) throw new InvalidRecordError('id', '保留の記録が見つかりません');
    if (entry.status === 'released') throw new InvalidRecordError('id', '解除済みの保留はケースに割り当てられません');
    const households = (await store.db.households.where('caseNumber').equals(caseNumber.trim()).toArray()).filter((row) => !isDamaged(row));
    if (households.length !== 1) throw new InvalidRecordError('caseNumber', `ケース番号 ${caseNumber} の世帯が見つかりません`);
    const assigned: SyncQuarantineEntry = {
      ...entry,
      status: 'assigned',
      householdId: households[0]!.id,
      handledBy: session.userId,
      handledAt: new Date(store.now()).toISOString(),
    };
    await store.db.syncQuarantine.put(assigned);
    writer.audit(session.userId, {
      kind: 'update',
      detail: { table: 'syncQuarantine', recordId: entry.id, householdId: households[0]!.id, fields: ['status', 'householdId'] },
    });
    return assigned;
  });
}

/**
 * The receipts of a device's bundles held here (the return bundle tells the device, so its screen says why its
 * changes have not arrived): carried every time while held — receiving one twice changes nothing.
 */
export async function heldReceiptsOf(store: DataStore, deviceId: string): Promise<BundleReceipt[]> {
  const rows = await store.db.syncQuarantine.where('status').anyOf(['held', 'assigned']).toArray();
  return rows
    .filter((row): row is SyncQuarantineEntry => !isDamaged(row) && row.sender === deviceId && row.payload !== null)
    .map((row) => ({ seq: row.seq, status: 'quarantined' as const, reason: row.reason.slice(0, 2000) }))
    .sort((a, b) => a.seq - b.seq);
}
