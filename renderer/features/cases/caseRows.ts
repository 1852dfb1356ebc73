import { caseStatusLabels, type CaseStatus } from '../../../shared/casework/caseStatus';
import type { Household, Member } from '../../../shared/domain/records';
import { isDamaged, type DamagedRecord } from '../../data/errors';
import type { Services } from '../../services';
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
  /** The visit plan's next due date, or null without a plan. */
  nextVisitDue: string | null;
}

export type CaseEntry = { kind: 'case'; row: CaseRow } | { kind: 'damaged'; id: string; message: string };

export type SortKey = 'caseNumber' | 'status' | 'headKana' | 'address' | 'caseworkerName' | 'nextVisitDue';
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
  nextVisitOf: (householdId: string) => string | null = () => null,
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
      nextVisitDue: nextVisitOf(household.id),
    };
    return { kind: 'case', row };
  });
}

/** Up to this many households (a caseload, a team) the list is whole and sortable; above it (the hub's office) it is paged. */
export const WHOLE_LIST_LIMIT = 500;
export const PAGE_SIZE = 100;

export interface CaseListing {
  entries: CaseEntry[];
  /** Households in the scope, counted from the indexes. */
  total: number;
  /** The first row's position when the list is paged; null when it is whole. */
  offset: number | null;
}

/**
 * What the list screen reads (and the casework bench times): the whole scope when it is small, else page `page`
 * in case-number order — counted and ordered from the clear indexes, with only that page's rows opened.
 */
/** What the list reads from: the session-bound services (or, in tests and benches, repositories bound the same way). */
export type CaseListSource = Pick<Services, 'households' | 'staff' | 'visits'>;

export async function loadCaseListing(services: CaseListSource, page = 0): Promise<CaseListing> {
  const offset = page * PAGE_SIZE;
  const { ids, total } = await services.households.page(offset, PAGE_SIZE);
  if (total <= WHOLE_LIST_LIMIT) return { entries: await loadCaseEntries(services), total, offset: null };
  return { entries: await loadCaseEntries(services, ids), total, offset };
}

/** The scope's households (or those of `ids` within it, e.g. a page or search results) with their heads, staff names and next visits. */
export async function loadCaseEntries(services: CaseListSource, ids?: readonly string[]): Promise<CaseEntry[]> {
  const [{ households, heads }, staff, nextVisits] = await Promise.all([
    services.households.listWithHeads(ids),
    services.staff.list(),
    services.visits.nextDueByHousehold(ids),
  ]);
  const names = new Map(staff.map((user) => [user.id, user.name]));
  const headOf = (id: string) => {
    const head = heads.get(id);
    return head ? [head] : [];
  };
  return buildCaseEntries(households, headOf, (id) => names.get(id) ?? '（不明な職員）', (id) => nextVisits.get(id) ?? null);
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
