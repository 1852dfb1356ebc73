import type { AuditFilter, AuditKind } from '../../data/audit';
import { localDayBounds } from './DateRangeFields';
import { auditKindLabels, type NameOf } from './auditLabels';

/** The auditor's filter as typed: a 期間 of local days, a staff member, a kind, a ケース番号, and the page's start. */
export interface AuditCriteria {
  from: string;
  to: string;
  actor: string;
  kind: AuditKind | '';
  caseNumber: string;
  offset: number;
}

/** The criteria as the log's query: local days become the inclusive ISO bounds of its `at` index; blanks filter nothing. */
export function auditFilterOf({ from, to, actor, kind, caseNumber }: AuditCriteria): AuditFilter {
  const typedCase = caseNumber.trim();
  return { ...localDayBounds(from, to), ...(actor && { actor }), ...(kind && { kind }), ...(typedCase && { caseNumber: typedCase }) };
}

/** The criteria in words, for the export (the file says which entries it holds) and the notice after it. */
export function describeCriteria({ from, to, actor, kind, caseNumber }: AuditCriteria, nameOf: NameOf): string {
  const parts = [
    from || to ? `期間 ${from || '（最初）'}〜${to || '（最新）'}` : '',
    actor ? `職員 ${nameOf(actor)}` : '',
    kind ? `種類 ${auditKindLabels[kind]}` : '',
    caseNumber.trim() ? `ケース番号 ${caseNumber.trim()}` : '',
  ].filter(Boolean);
  return parts.length ? parts.join('・') : 'すべての記録';
}
