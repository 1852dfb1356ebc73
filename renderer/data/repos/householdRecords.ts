import type { Session } from '../../../shared/domain/staff.js';
import { assertTableAccess, assertWritableHouseholds, scopedHousehold } from '../access.js';
import type { DataStore } from '../db.js';
import { householdRowsOf } from '../blindFields.js';
import { AccessDeniedError, IntegrityError, isDamaged, type DamagedRecord } from '../errors.js';
import type { Unstamped } from '../outbox.js';
import type { HouseholdTable, TableRows } from '../schema.js';
import { removeRecord, saveRecord } from './recordWriter.js';
import { assertValidRow } from './rowSchemas.js';

/**
 * The repository of any table whose rows belong to one household (applications, decisions, case records …).
 * Every call checks the role's access to the table and the session's scope over the household — on reads, on
 * the row's current household and on its new one when written — before any row leaves or enters the database.
 */

export interface HouseholdRecords<T> {
  list(session: Session, householdId: string): Promise<(T | DamagedRecord)[]>;
  get(session: Session, id: string): Promise<T | undefined>;
  save(session: Session, row: Unstamped<T>): Promise<T>;
  remove(session: Session, id: string): Promise<void>;
}

export interface HouseholdRecordsOptions {
  /** Decisions are never deleted (a later decision supersedes): such tables refuse `remove`. */
  deletable: boolean;
}

export function householdRecords<K extends HouseholdTable>(store: DataStore, table: K, { deletable }: HouseholdRecordsOptions): HouseholdRecords<TableRows[K]> {
  type Row = TableRows[K];
  const rows = () => store.db.table<Row, string>(table);

  return {
    async list(session, householdId) {
      assertTableAccess(store, session, table, 'read');
      await scopedHousehold(store, session, householdId, 'read');
      const found = await householdRowsOf(store, table, householdId).toArray();
      // The index found them (by the household id or its blinded form); only rows that opened (so their householdId is authentic) are returned as records.
      return found.filter((row) => isDamaged(row) || row.householdId === householdId);
    },
    async get(session, id) {
      assertTableAccess(store, session, table, 'read');
      const row = await rows().get(id);
      if (isDamaged(row)) throw new IntegrityError(table, id);
      if (row) await scopedHousehold(store, session, row.householdId, 'read');
      return row;
    },
    async save(session, row) {
      assertValidRow(table, row);
      assertTableAccess(store, session, table, 'write');
      return saveRecord(store, session, {
        table,
        id: row.id,
        build: () => row,
        authorize: (before, after) => assertWritableHouseholds(store, session, after.householdId, ...(before ? [before.householdId] : [])),
        householdOf: (saved) => saved.householdId,
      });
    },
    async remove(session, id) {
      assertTableAccess(store, session, table, 'write');
      if (!deletable) throw new AccessDeniedError('この記録は削除できません（後の記録で取り消してください）');
      return removeRecord(store, session, {
        table,
        id,
        householdOf: (row) => row.householdId,
        authorize: (before) => assertWritableHouseholds(store, session, before.householdId),
      });
    },
  };
}
