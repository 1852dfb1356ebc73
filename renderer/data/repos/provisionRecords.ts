import type { ProvisionRecord } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { assertSession, assertTableAccess } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, isDamaged, type DamagedRecord } from '../errors.js';

/**
 * 番号法§23 の提供・照会記録: the auditor reads and exports them (the export is logged); once their 7 years are
 * over they are deleted, in one transaction with a log entry saying how many and up to when.
 */

export interface ProvisionFilter {
  /** Inclusive ISO dates (YYYY-MM-DD) of `at`. */
  from?: string;
  to?: string;
  kind?: ProvisionRecord['kind'];
}

export function provisionRecordsRepository(store: DataStore) {
  const { db } = store;

  async function query(filter: ProvisionFilter): Promise<(ProvisionRecord | DamagedRecord)[]> {
    const lower = filter.from ?? '';
    const upper = filter.to ? `${filter.to}\uffff` : '\uffff';
    const rows: (ProvisionRecord | DamagedRecord)[] = await db.provisionRecords.where('at').between(lower, upper, true, true).toArray();
    return rows.filter((row) => isDamaged(row) || !filter.kind || row.kind === filter.kind);
  }

  return {
    async query(session: Session, filter: ProvisionFilter): Promise<(ProvisionRecord | DamagedRecord)[]> {
      assertTableAccess(store, session, 'provisionRecords', 'read');
      return query(filter);
    },

    async export(session: Session, filter: ProvisionFilter): Promise<(ProvisionRecord | DamagedRecord)[]> {
      assertTableAccess(store, session, 'provisionRecords', 'read');
      return db.transaction('rw', [db.provisionRecords, db.audit, db.counters], async () => {
        const rows = await query(filter);
        await appendAudit(store, session.userId, { kind: 'export', detail: { what: 'provisionRecords', householdId: null, count: rows.length } });
        return rows;
      });
    },

    /** Deletes the records whose retention ended before `today` (the administrator's periodic sweep). */
    async purgeExpired(session: Session, today: string): Promise<number> {
      assertSession(store, session);
      if (session.role !== 'systemAdmin') throw new AccessDeniedError('保存期間を過ぎた記録の削除はシステム管理者が行います');
      return db.transaction('rw', [db.provisionRecords, db.audit, db.counters], async () => {
        const expired = await db.provisionRecords.where('retainUntil').below(today).primaryKeys();
        if (expired.length === 0) return 0;
        await db.provisionRecords.bulkDelete(expired);
        await appendAudit(store, session.userId, { kind: 'retentionPurge', detail: { table: 'provisionRecords', count: expired.length, before: today } });
        return expired.length;
      });
    },
  };
}
