import type { Household } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { assertSession, scopedHousehold, sessionScope } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError, isDamaged } from '../errors.js';
import { writeTransaction } from '../outbox.js';
import type { SyncConflict, TableRows } from '../schema.js';

/**
 * The SV's 同期の競合 work list (issue 12): a field two devices changed since they last agreed, both values with
 * who, when and on which device (hubMerge.ts records them; the later HLC holds the row meanwhile). Listing: 査察指導員
 * (their team's cases) and 課長 (every case). Choosing is the SV's, a recorded change: the chosen value written
 * through the writer (so it travels to the devices at the next sync), the conflict marked resolved, audited.
 */

/** The field name a deletion conflict carries: the device deleted the row, the hub changed it after. */
export const DELETION_FIELD = '（削除）';

const mayList = (session: Session) => session.role === 'supervisor' || session.role === 'manager';

/** Open conflicts of the households in the session's scope, oldest first. */
export async function listConflicts(store: DataStore, session: Session): Promise<SyncConflict[]> {
  assertSession(store, session);
  if (!mayList(session)) throw new AccessDeniedError('同期の競合は査察指導員・課長が確認します');
  const open = (await store.db.syncConflicts.where('status').equals('open').sortBy('hlc')).filter((row): row is SyncConflict => !isDamaged(row));
  const { test } = await sessionScope(store, session);
  const ids = [...new Set(open.flatMap((c) => (c.householdId ? [c.householdId] : [])))];
  const households = await store.db.households.bulkGet(ids);
  const visible = new Set(households.flatMap((h) => (h && !isDamaged(h) && test(h as Household) ? [h.id] : [])));
  return open.filter((c) => c.householdId !== null && visible.has(c.householdId));
}

/** Resolves one open conflict with the kept (hub's) or the incoming (device's) value. */
export async function resolveConflict(store: DataStore, session: Session, conflictId: string, choice: 'kept' | 'incoming'): Promise<SyncConflict> {
  assertSession(store, session);
  if (session.role !== 'supervisor') throw new AccessDeniedError('同期の競合を解決できるのは査察指導員です');
  if (choice !== 'kept' && choice !== 'incoming') throw new InvalidRecordError('choice', '採用する値を選択してください');
  const found = await store.db.syncConflicts.get(conflictId);
  if (!found || isDamaged(found)) throw new InvalidRecordError('id', '競合の記録が見つかりません');
  return writeTransaction(store, [found.table, 'syncConflicts', 'households', 'users'], async (writer) => {
    const conflict = await store.db.syncConflicts.get(conflictId);
    if (!conflict || isDamaged(conflict)) throw new InvalidRecordError('id', '競合の記録が見つかりません');
    if (conflict.status !== 'open') throw new InvalidRecordError('id', 'この競合はすでに解決されています');
    if (!conflict.householdId) throw new AccessDeniedError('世帯に属さない記録の競合はハブで扱います');
    await scopedHousehold(store, session, conflict.householdId, 'write');
    const { table, rowId, field } = conflict;
    const current = (await store.db.table(table).get(rowId)) as Record<string, unknown> | undefined;
    if (isDamaged(current)) throw new InvalidRecordError('id', '記録が破損しているため解決できません');
    const value = conflict[choice].value;
    if (field === DELETION_FIELD) {
      if (choice === 'incoming' && current) {
        await writer.delete(table, rowId, { previous: current as never });
      }
    } else if (current) {
      const { hlc: _hlc, ...row } = current;
      if (value === undefined) delete row[field];
      else row[field] = value;
      if (JSON.stringify(row[field]) !== JSON.stringify(current[field])) {
        await writer.put(table, row as unknown as Omit<TableRows[typeof table], 'hlc'>, { previous: current as never });
      }
    }
    const resolved: SyncConflict = { ...conflict, status: 'resolved', resolution: { choice, by: session.userId, at: new Date(store.now()).toISOString() } };
    await store.db.syncConflicts.put(resolved);
    writer.audit(session.userId, {
      kind: 'update',
      detail: { table, recordId: rowId, householdId: conflict.householdId, fields: [`競合の解決:${field}:${choice}`] },
    });
    return resolved;
  });
}
