import { isProtected, protectionOn, type ProtectionTimeline } from './statusHistory.js';

/**
 * 現業員 (ケースワーカー) の標準数 as data: 社会福祉法第16条 sets, per kind of office, a base number of caseworkers
 * for up to a number of protected households and one more for each further block of households. The figures below
 * are background knowledge (shared/reference/mission-anchors.md marks them ⚪), not read from the statute's text
 * here: 要確認 until someone checks them against e-Gov.
 */
export interface CaseworkerStandard {
  office: string;
  source: string;
  /** Households per caseworker: each further block of this many adds one caseworker. */
  householdsPerWorker: number;
  /** Up to `baseHouseholds` households, `baseWorkers` caseworkers. */
  baseHouseholds: number;
  baseWorkers: number;
  unverified: string | null;
}

export const cityCaseworkerStandard: CaseworkerStandard = {
  office: '市の設置する福祉事務所',
  source: '社会福祉法第16条第2号（市の設置する事務所の現業員の標準数）',
  householdsPerWorker: 80,
  baseHouseholds: 240,
  baseWorkers: 3,
  unverified: '要確認: 社会福祉法第16条の条文と照合していません（一般に知られた数値によります）',
};

/** The standard number of caseworkers for `households` protected households. */
export function standardCaseworkers(standard: CaseworkerStandard, households: number): number {
  if (households <= standard.baseHouseholds) return standard.baseWorkers;
  return standard.baseWorkers + Math.ceil((households - standard.baseHouseholds) / standard.householdsPerWorker);
}

export interface CaseloadRow {
  caseworkerId: string;
  /** Protected households (停止中を含む) assigned to the caseworker. */
  households: number;
  /** households − the standard per caseworker (positive: over it). */
  overStandard: number;
}

export interface Caseload {
  asOf: string;
  standard: CaseworkerStandard;
  rows: CaseloadRow[];
  /** Protected households with no caseworker assigned. */
  unassigned: number;
  /** All protected households, and the caseworkers the standard calls for. */
  households: number;
  standardWorkers: number;
}

/**
 * Caseload per caseworker on `asOf`: the households protected then (from their decision history), under the
 * caseworker they are assigned to now — assignments carry no dates, so a past month shows today's assignment.
 */
export function caseloadOn(
  households: readonly { timeline: ProtectionTimeline; assignedTo: string | null }[],
  asOf: string,
  standard: CaseworkerStandard = cityCaseworkerStandard,
): Caseload {
  const byWorker = new Map<string, number>();
  let unassigned = 0;
  let total = 0;
  for (const household of households) {
    if (!isProtected(protectionOn(household.timeline, asOf))) continue;
    total++;
    if (household.assignedTo === null) unassigned++;
    else byWorker.set(household.assignedTo, (byWorker.get(household.assignedTo) ?? 0) + 1);
  }
  const rows = [...byWorker]
    .map(([caseworkerId, count]) => ({ caseworkerId, households: count, overStandard: count - standard.householdsPerWorker }))
    .sort((a, b) => b.households - a.households || a.caseworkerId.localeCompare(b.caseworkerId));
  return { asOf, standard, rows, unassigned, households: total, standardWorkers: standardCaseworkers(standard, total) };
}
