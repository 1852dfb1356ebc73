import { caseStatusLabels, type CaseStatus } from '../../../shared/casework/caseStatus';
import type { CaseEntry, CaseRow } from '../../data/caseListRows';

/**
 * The caseload list as data: the lines (the data layer's projection, read once by services.caseList) sorted by a
 * column. Search is the data layer's.
 */
export { buildCaseEntries, type CaseEntry, type CaseRow } from '../../data/caseListRows';
export { PAGE_SIZE, WHOLE_LIST_LIMIT, type CaseListing } from '../../services/caseList';

export type SortKey = 'caseNumber' | 'status' | 'headKana' | 'address' | 'caseworkerName' | 'nextVisitDue';
export interface Sort {
  key: SortKey;
  ascending: boolean;
}

const statusOrder = Object.keys(caseStatusLabels) as CaseStatus[];
const collator = new Intl.Collator('ja');

function compareBy(key: SortKey): (a: CaseRow, b: CaseRow) => number {
  if (key === 'status') return (a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status);
  // Cases without a plan sort after every date.
  if (key === 'nextVisitDue') return (a, b) => (a.nextVisitDue ?? '9999').localeCompare(b.nextVisitDue ?? '9999');
  return (a, b) => collator.compare(a[key], b[key]);
}

/** Sorted by the column, ties by case number; damaged rows last, whatever the direction. */
export function sortCases(entries: readonly CaseEntry[], { key, ascending }: Sort): CaseEntry[] {
  const byKey = compareBy(key);
  const byNumber = compareBy('caseNumber');
  const cases = entries.flatMap((e) => (e.kind === 'case' ? [e] : []));
  const damaged = entries.filter((e) => e.kind === 'damaged');
  cases.sort((a, b) => (ascending ? 1 : -1) * byKey(a.row, b.row) || byNumber(a.row, b.row));
  return [...cases, ...damaged];
}
