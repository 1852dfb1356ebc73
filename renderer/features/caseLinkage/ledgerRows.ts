import type { LinkageRecord } from '../../../shared/domain/records';
import type { LinkageStatus } from '../../../shared/linkage/linkageKinds';
import { isDamaged, type DamagedRecord } from '../../data/errors';

/** What 再送 is offered for: a refusal. A blocked row goes by itself once the member is saved with what it lacks. */
export const retryableStatuses: readonly LinkageStatus[] = ['rejected'];

/** Held back or refused: the row is set apart and its reason is shown. */
const attentionClass: Partial<Record<LinkageStatus, string>> = {
  rejected: 'needs-confirmation',
  blocked: 'needs-confirmation',
  suppressed: 'superseded',
};
export const statusClassOf = (status: LinkageStatus): string | undefined => attentionClass[status];

/** When the row last changed: a 副本 re-registered today belongs at the top even though its row is old. */
const lastChange = (row: LinkageRecord): string => row.history.at(-1)?.at ?? '';

/** Newest change first; rows that failed to open go last, so they never push the readable ones down. */
export function newestFirst(rows: readonly (LinkageRecord | DamagedRecord)[]): (LinkageRecord | DamagedRecord)[] {
  return [...rows].sort((a, b) => (isDamaged(a) ? (isDamaged(b) ? 0 : 1) : isDamaged(b) ? -1 : lastChange(b).localeCompare(lastChange(a))));
}
