import type { Session } from '../../../shared/domain/staff.js';
import { assertMayAudit, assertSession } from '../access.js';
import { appendAudit, queryAudit, verifyAuditChain, type AuditEntry, type AuditEvent, type AuditFilter, type ChainVerdict } from '../audit.js';
import type { DataStore } from '../db.js';
import type { DamagedRecord } from '../errors.js';

/** Sign-in, lock, print and export events come from screens and main; these kinds may be recorded directly. */
type ScreenEvent = Extract<AuditEvent, { kind: 'login' | 'unlock' | 'failedUnlock' | 'lock' | 'print' | 'export' }>;

export function auditLogRepository(store: DataStore) {
  return {
    async record(session: Session, event: ScreenEvent): Promise<AuditEntry> {
      assertSession(store, session);
      return appendAudit(store, session.userId, event);
    },
    /** The auditor's screen: the rows matching the filter, read without leaving the device. */
    async query(session: Session, filter: AuditFilter): Promise<(AuditEntry | DamagedRecord)[]> {
      assertMayAudit(store, session);
      return queryAudit(store, filter);
    },
    /** The auditor's export: the rows matching the filter. The export itself is logged. */
    async export(session: Session, filter: AuditFilter): Promise<(AuditEntry | DamagedRecord)[]> {
      assertMayAudit(store, session);
      const rows = await queryAudit(store, filter);
      await appendAudit(store, session.userId, { kind: 'export', detail: { what: 'audit', householdId: null, count: rows.length } });
      return rows;
    },
    async verify(session: Session): Promise<ChainVerdict> {
      assertMayAudit(store, session);
      return verifyAuditChain(store);
    },
  };
}
