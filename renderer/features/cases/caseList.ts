import { caseStatusLabels, type CaseStatus } from '../../../shared/casework/caseStatus';
import type { Household, Member } from '../../../shared/domain/records';
import { isDamaged, type DamagedRecord } from '../../data/errors';
import { HEAD_RELATION } from './caseLabels';

/** The caseload list as data: one row per household, sorted by a column. (Search is the data layer's.) */

export interface CaseRow {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  headName: string;
  headKana: string;
  address: string;
  caseworkerName: string;
}

export type CaseEntry = { kind: 'case'; row: CaseRow } | { kind: 'damaged'; id: string; message: string };

export type SortKey = 'caseNumber' | 'status' | 'headKana' | 'address' | 'caseworkerName';
export interface Sort {
  key: SortKey;
  ascending: boolean;
}

/** Members as read for the list: only their name fields matter here. */
type HeadCandidate = Pick<Member, 'name' | 'kana' | 'relation'> | DamagedRecord;

export function buildCaseEntries(
  households: readonly (Household | DamagedRecord)[],
  membersOf: (householdId: string) => readonly HeadCandidate[],
  staffName: (userId: string) => string,
): CaseEntry[] {
  return households.map((household) => {
    if (isDamaged(household)) return { kind: 'damaged', id: household.id, message: household.__integrityError };
    const head = membersOf(household.id).find((m): m is Exclude<HeadCandidate, DamagedRecord> => !isDamaged(m) && m.relation === HEAD_RELATION);
    const row: CaseRow = {
      id: household.id,
      caseNumber: household.caseNumber,
      status: household.status,
      headName: head?.name ?? '',
      headKana: head?.kana ?? '',
      address: household.address,
      caseworkerName: household.assignedTo ? staffName(household.assignedTo) : '未割当',
    };
    return { kind: 'case', row };
  });
}

const statusOrder = Object.keys(caseStatusLabels) as CaseStatus[];
const collator = new Intl.Collator('ja');

function compareBy(key: SortKey): (a: CaseRow, b: CaseRow) => number {
  if (key === 'status') return (a, b) => statusOrder.indexOf(a.status) - statusOrder.indexOf(b.status);
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
