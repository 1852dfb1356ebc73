import type { Session } from '../../../shared/domain/staff.js';
import { localIsoDate } from '../../../shared/casework/calendarDate.js';
import { assertTableAccess } from '../access.js';
import type { DataStore } from '../db.js';
import { IntegrityError, InvalidRecordError, isDamaged, type DamagedRecord } from '../errors.js';
import { writeTransaction } from '../outbox.js';
import type { TableName, TableRows } from '../schema.js';

/**
 * What the four PIA registers (開示等請求, 漏えい等事案, 研修, 評価) share: role checks (access.ts), whole-table reads
 * (a few rows a year, every field sealed, so there is no index to narrow by), and writes that put the row and its
 * audit entry in one transaction. They stay on the device that holds them (sync/policy.ts: localOnly).
 */
export type PiaTable = 'privacyRequests' | 'incidents' | 'trainingRecords' | 'piaAssessment';

export function privacyLedger<K extends PiaTable>(store: DataStore, table: K) {
  type Row = TableRows[K];
  const rows = () => store.db.table<Row | DamagedRecord, string>(table);
  const today = () => localIsoDate(store.now());

  return {
    today,
    async list(session: Session): Promise<(Row | DamagedRecord)[]> {
      assertTableAccess(store, session, table, 'read');
      return rows().toArray();
    },
    /** The stored row for a change, or a refusal; `field` names the form field for an unknown id. */
    async stored(session: Session, id: string): Promise<Row> {
      assertTableAccess(store, session, table, 'write');
      const row = await rows().get(id);
      if (isDamaged(row)) throw new IntegrityError(table, id);
      if (!row) throw new InvalidRecordError('id', '記録が見つかりません');
      return row;
    },
    /**
     * Puts the row and its audit entry (by field name, never value) in one transaction; `check` runs inside it, so
     * what it reads (from the tables named in `reads`) cannot change before the write.
     */
    write(
      session: Session,
      row: Row,
      change: { kind: 'create' | 'update'; fields: string[]; householdId?: string | null; check?: () => Promise<void>; reads?: readonly TableName[] },
    ) {
      assertTableAccess(store, session, table, 'write');
      return writeTransaction(store, [table, ...(change.reads ?? [])], async (writer) => {
        await change.check?.();
        await rows().put(row);
        writer.audit(session.userId, {
          kind: change.kind,
          detail: { table, recordId: row.id, householdId: change.householdId ?? null, fields: change.fields },
        });
        return row;
      });
    },
  };
}

/** A date that must have happened by today (on this device). */
export function notAfterToday(date: string, today: string, field: string): void {
  if (date > today) throw new InvalidRecordError(field, '未来の日付は入力できません');
}
