import type { Household } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { assertMayAudit, assertSession } from '../access.js';
import {
  appendAudit,
  auditEntries,
  auditHouseholdId,
  auditTimePage,
  matchingAuditIds,
  verifyAuditChain,
  type AuditEntry,
  type AuditEvent,
  type AuditFilter,
  type ChainVerdict,
} from '../audit.js';
import type { DataStore } from '../db.js';
import { InvalidRecordError, isDamaged, type DamagedRecord } from '../errors.js';
import { normalizeText } from '../../../shared/text/kana.js';

/** Sign-in, lock, print and export events come from screens and main; these kinds may be recorded directly. */
type ScreenEvent = Extract<AuditEvent, { kind: 'login' | 'unlock' | 'failedUnlock' | 'lock' | 'print' | 'export' }>;

type Rows = (AuditEntry | DamagedRecord)[];

/** Entries as the auditor reads them: with the ケース番号 of each household they name (household id → number). */
export interface AuditPage {
  /** How many entries match the filter in all, and where in them this page starts. */
  total: number;
  offset: number;
  rows: Rows;
  caseNumbers: Record<string, string>;
}

export const AUDIT_PAGE_SIZE = 100;

/**
 * The auditor may not read case files (access.ts gives the role no household table), but an entry must say which
 * case it is about, and the case number is how the office names a case: it carries no personal data (schema.ts
 * keeps it clear for that reason). So this repository — and nothing else — opens the households an entry names and
 * hands the auditor their case numbers only; never a name, an address or a member.
 */
async function caseNumbersOf(store: DataStore, rows: Rows): Promise<Record<string, string>> {
  const ids = [...new Set(rows.flatMap((row) => (isDamaged(row) ? [] : [auditHouseholdId(row)]).filter((id) => id !== null)))];
  const households = (await store.db.households.bulkGet(ids)) as (Household | DamagedRecord | undefined)[];
  return Object.fromEntries(households.flatMap((household) => (household && !isDamaged(household) ? [[household.id, household.caseNumber]] : [])));
}

/** The households with this case number (opened, so the number is authenticated); refused, naming the field, if none. */
async function householdsNumbered(store: DataStore, typed: string): Promise<Set<string>> {
  // Normalized as a case number is when typed at registration; not judged by its form, as training cases (研修…) are not.
  const caseNumber = normalizeText(typed);
  const candidates = (await store.db.households.where('caseNumber').equals(caseNumber).toArray()) as (Household | DamagedRecord)[];
  const ids = candidates.flatMap((household) => (isDamaged(household) || household.caseNumber !== caseNumber ? [] : [household.id]));
  if (ids.length === 0) throw new InvalidRecordError('caseNumber', `ケース番号: ${typed} のケースはこの端末にありません`);
  return new Set(ids);
}

async function matching(store: DataStore, filter: AuditFilter): Promise<string[]> {
  return matchingAuditIds(store, filter, filter.caseNumber ? await householdsNumbered(store, filter.caseNumber) : undefined);
}

export function auditLogRepository(store: DataStore) {
  return {
    async record(session: Session, event: ScreenEvent): Promise<AuditEntry> {
      assertSession(store, session);
      return appendAudit(store, session.userId, event);
    },
    /** The auditor's screen: one page of the entries matching the filter, newest first. */
    async query(session: Session, filter: AuditFilter, page: { offset: number; limit?: number } = { offset: 0 }): Promise<AuditPage> {
      assertMayAudit(store, session);
      const limit = page.limit ?? AUDIT_PAGE_SIZE;
      let found: { total: number; rows: Rows };
      if (filter.actor || filter.kind || filter.caseNumber) {
        const ids = await matching(store, filter);
        found = { total: ids.length, rows: await auditEntries(store, ids.slice(page.offset, page.offset + limit)) };
      } else {
        found = await auditTimePage(store, filter, page.offset, limit);
      }
      return { ...found, offset: page.offset, caseNumbers: await caseNumbersOf(store, found.rows) };
    },
    /** The auditor's export: every entry matching the filter, newest first. The export itself is logged. */
    async export(session: Session, filter: AuditFilter): Promise<AuditPage> {
      assertMayAudit(store, session);
      const rows = await auditEntries(store, await matching(store, filter));
      await appendAudit(store, session.userId, { kind: 'export', detail: { what: 'audit', householdId: null, count: rows.length } });
      return { total: rows.length, offset: 0, rows, caseNumbers: await caseNumbersOf(store, rows) };
    },
    async verify(session: Session): Promise<ChainVerdict> {
      assertMayAudit(store, session);
      return verifyAuditChain(store);
    },
  };
}
