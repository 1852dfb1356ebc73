import type { CaseStatus } from '../../shared/casework/caseStatus.js';
import type { Household, Member } from '../../shared/domain/records.js';
import { isDamaged, type DamagedRecord } from './errors.js';

/**
 * The case list's projection: what one line of ケース一覧 shows, built from the rows read once for it (households,
 * their 世帯主, the staff directory, visit plans). Never a 個人番号: only the head's name fields are taken.
 */
export interface CaseRow {
  id: string;
  caseNumber: string;
  status: CaseStatus;
  headName: string;
  headKana: string;
  address: string;
  caseworkerName: string;
  /** The visit plan's next due date, or null without a plan. */
  nextVisitDue: string | null;
}

export type CaseEntry = { kind: 'case'; row: CaseRow } | { kind: 'damaged'; id: string; message: string };

/** Members as read for the list: only their name fields matter here. */
export type HeadCandidate = Pick<Member, 'name' | 'kana' | 'relation'> | DamagedRecord;

/** Member['relation'] of the 世帯主. */
const HEAD = 'head';

export const UNASSIGNED = '未割当';
export const UNKNOWN_STAFF = '（不明な職員）';

export function buildCaseEntries(
  households: readonly (Household | DamagedRecord)[],
  membersOf: (householdId: string) => readonly HeadCandidate[],
  staffName: (userId: string) => string,
  nextVisitOf: (householdId: string) => string | null = () => null,
): CaseEntry[] {
  return households.map((household) => {
    if (isDamaged(household)) return { kind: 'damaged', id: household.id, message: household.__integrityError };
    const head = membersOf(household.id).find((m): m is Exclude<HeadCandidate, DamagedRecord> => !isDamaged(m) && m.relation === HEAD);
    const row: CaseRow = {
      id: household.id,
      caseNumber: household.caseNumber,
      status: household.status,
      headName: head?.name ?? '',
      headKana: head?.kana ?? '',
      address: household.address,
      caseworkerName: household.assignedTo ? staffName(household.assignedTo) : UNASSIGNED,
      nextVisitDue: nextVisitOf(household.id),
    };
    return { kind: 'case', row };
  });
}
