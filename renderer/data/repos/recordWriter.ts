import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { Session } from '../../../shared/domain/staff.js';
import type { DataStore } from '../db.js';
import { IntegrityError, isDamaged } from '../errors.js';
import { writeTransaction, type Unstamped } from '../outbox.js';
import type { SyncedTable, TableRows } from '../schema.js';

/**
 * The one write path of the repositories: in a single transaction, read the current row, let the repository
 * build the new one and authorize the change against both, write it with its hub outbox entry, and log the change
 * by field name. An unchanged save writes nothing. The row is the only request awaited after the read: the outbox
 * entry, the audit entry, the counters and the search tokens are written together when the transaction ends
 * (outbox.ts), and the row read here is handed to the writer so nothing is read twice.
 */

type Row<K extends SyncedTable> = TableRows[K];

/** Names of the fields whose values differ; never the values. */
export function changedFields(before: object | undefined, after: object): string[] {
  const b = (before ?? {}) as Record<string, unknown>;
  const a = after as Record<string, unknown>;
  const names = new Set([...Object.keys(b), ...Object.keys(a)]);
  names.delete('hlc');
  return [...names].filter((name) => canonicalJson(b[name]) !== canonicalJson(a[name])).sort();
}

export interface SaveSpec<K extends SyncedTable> {
  table: K;
  id: string;
  build: (before: Row<K> | undefined) => Unstamped<Row<K>>;
  authorize: (before: Row<K> | undefined, after: Unstamped<Row<K>>) => Promise<void>;
  householdOf: (row: Unstamped<Row<K>>) => string | null;
}

async function current<K extends SyncedTable>(store: DataStore, table: K, id: string): Promise<Row<K> | undefined> {
  const row = (await store.db.table(table).get(id)) as Row<K> | undefined;
  if (isDamaged(row)) throw new IntegrityError(table, id);
  return row;
}

export function saveRecord<K extends SyncedTable>(store: DataStore, session: Session, spec: SaveSpec<K>): Promise<Row<K>> {
  return writeTransaction(store, [spec.table, 'households', 'users'], async (writer) => {
    const before = await current(store, spec.table, spec.id);
    const after = spec.build(before);
    await spec.authorize(before, after);
    const fields = changedFields(before, after);
    let saved = before;
    if (!saved || fields.length > 0) {
      // The row read above is what the writer would read again (a member's old household for the search index).
      saved = await writer.put(spec.table, after, { previous: before });
      const detail = { table: spec.table, recordId: spec.id, householdId: spec.householdOf(after), fields };
      writer.audit(session.userId, { kind: before ? 'update' : 'create', detail });
    }
    return saved;
  });
}

export function removeRecord<K extends SyncedTable>(
  store: DataStore,
  session: Session,
  spec: Pick<SaveSpec<K>, 'table' | 'id' | 'householdOf'> & { authorize: (before: Row<K>) => Promise<void> },
): Promise<void> {
  return writeTransaction(store, [spec.table, 'households', 'users'], async (writer) => {
    const before = await current(store, spec.table, spec.id);
    if (!before) return;
    await spec.authorize(before);
    await writer.delete(spec.table, spec.id, { previous: before });
    const detail = { table: spec.table, recordId: spec.id, householdId: spec.householdOf(before), fields: changedFields(undefined, before) };
    writer.audit(session.userId, { kind: 'delete', detail });
  });
}
