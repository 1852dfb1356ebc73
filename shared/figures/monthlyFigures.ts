import { addMonths, lastDayOf } from '../calc/dates.js';
import { aids, type Aid } from '../domain/aids.js';
import { classifyHousehold, householdTypes, type HouseholdType, type TypedMember } from './householdTypes.js';
import { startReasons, terminationReasons, UNRECORDED_REASON } from './reasonCodes.js';
import {
  decisionsInForce,
  isProtected,
  protectionOn,
  protectionTimeline,
  type FigureDecision,
  type Protection,
  type ProtectionTimeline,
} from './statusHistory.js';

/**
 * 被保護者調査 月次 figures of one month, from each case's decision history as of the month's last day. Every figure
 * keeps the households behind it, so a figure drills down to its cases. Pure: the same households and month give
 * the same figures, whatever the cases' current status.
 *
 * Counting basis (要確認: the survey's own 記入要領 was not read): a household counts as 被保護 when protected
 * (保護中 or 停止中) at the end of the month; 世帯類型 and 扶助別人員 count those not suspended; 人員 are the
 * household's members born by then (members' moving in or out is not recorded with dates).
 */

export interface FigureHousehold {
  id: string;
  members: readonly TypedMember[];
  /** Approved decisions only. */
  decisions: readonly FigureDecision[];
  /** 申請, with the date it was withdrawn (取下げ) if it was. */
  applications: readonly { appliedOn: string; withdrawnOn: string | null }[];
}

/** Households made ready once (their decisions in force sorted) for any number of months. */
export interface FigureOffice {
  households: readonly (FigureHousehold & { inForce: readonly FigureDecision[]; timeline: ProtectionTimeline })[];
}

export function prepareOffice(households: readonly FigureHousehold[]): FigureOffice {
  return {
    households: households.map((h) => {
      const inForce = decisionsInForce(h.decisions);
      return { ...h, inForce, timeline: protectionTimeline(inForce) };
    }),
  };
}

/** A number and the households behind it (a household count, or the persons of those households). */
export interface Figure {
  value: number;
  householdIds: readonly string[];
}

export interface ReconciliationCheck {
  id: 'typesSum' | 'aidsCover' | 'flow';
  label: string;
  /** What the rule says the figure should be (or at least be), and what it is. */
  expected: number;
  actual: number;
  ok: boolean;
  /** The households that make the difference. */
  mismatched: readonly string[];
}

export interface MonthlyFigures {
  month: string;
  asOf: string;
  /** total = 被保護 (停止中を含む); receiving = 停止中を除く; suspended = 保護停止中. */
  households: { total: Figure; receiving: Figure; suspended: Figure };
  persons: { total: Figure; receiving: Figure; suspended: Figure };
  /** 世帯類型別世帯数 (停止中を除く). */
  types: Record<HouseholdType, Figure>;
  /** 扶助別人員 (停止中を除く; a person counts under every 扶助 they receive). */
  aids: Record<Aid, Figure>;
  starts: { total: Figure; byReason: Record<string, Figure> };
  terminations: { total: Figure; byReason: Record<string, Figure> };
  applications: Figure;
  rejections: Figure;
  withdrawals: Figure;
  /** 保護率 (‰, 人口千対) of 被保護実人員 (停止中を含む) against the office's population figure; null without one. */
  rate: { population: number | null; perMille: number | null };
  reconciliation: ReconciliationCheck[];
}

class Tally {
  value = 0;
  readonly householdIds: string[] = [];
  add(householdId: string, amount = 1) {
    this.value += amount;
    this.householdIds.push(householdId);
  }
  get figure(): Figure {
    return { value: this.value, householdIds: this.householdIds };
  }
}

const tallies = <K extends string>(keys: readonly K[]) => Object.fromEntries(keys.map((k) => [k, new Tally()])) as Record<K, Tally>;
const figures = <K extends string>(t: Record<K, Tally>) => Object.fromEntries(Object.entries<Tally>(t).map(([k, v]) => [k, v.figure])) as Record<K, Figure>;

/** An unknown code (a code removed from the table, say) gets its own line rather than being hidden. */
const tallyOf = (group: Record<string, Tally>, code: string): Tally => {
  group[code] ??= new Tally();
  return group[code];
};

export function monthlyFigures(office: FigureOffice, month: string, population: number | null): MonthlyFigures {
  const asOf = lastDayOf(month);
  const previousEnd = lastDayOf(addMonths(month, -1));
  const households = tallies(['total', 'receiving', 'suspended']);
  const persons = tallies(['total', 'receiving', 'suspended']);
  const types = tallies(householdTypes);
  const aidPersons = tallies(aids);
  const starts = tallies([...startReasons.map((r) => r.code), UNRECORDED_REASON]);
  const terminations = tallies([...terminationReasons.map((r) => r.code), UNRECORDED_REASON]);
  const startTotal = new Tally();
  const terminationTotal = new Tally();
  const applications = new Tally();
  const rejections = new Tally();
  const withdrawals = new Tally();
  const untyped: string[] = [];
  const withoutAid: string[] = [];
  const unexplained: string[] = [];
  let previousTotal = 0;
  const prefix = `${month}-`;
  const inMonth = (date: string | null) => date?.startsWith(prefix) === true;

  for (const household of office.households) {
    const { id } = household;
    const now: Protection = protectionOn(household.timeline, asOf);
    const before = isProtected(protectionOn(household.timeline, previousEnd));
    if (before) previousTotal++;
    let started = 0;
    let ended = 0;
    for (const decision of household.inForce) {
      if (!inMonth(decision.effectiveOn)) continue;
      const reason = decision.reasonCode ?? UNRECORDED_REASON;
      if (decision.kind === 'start') {
        started++;
        startTotal.add(id);
        tallyOf(starts, reason).add(id);
      } else if (decision.kind === 'terminate') {
        ended++;
        terminationTotal.add(id);
        tallyOf(terminations, reason).add(id);
      } else if (decision.kind === 'reject') rejections.add(id);
    }
    for (const application of household.applications) {
      if (inMonth(application.appliedOn)) applications.add(id);
      if (inMonth(application.withdrawnOn)) withdrawals.add(id);
    }
    if (Number(before) + started - ended !== Number(isProtected(now))) unexplained.push(id);
    if (!isProtected(now)) continue;

    const living = household.members.filter((m) => m.birthDate <= asOf);
    households.total.add(id);
    persons.total.add(id, living.length);
    if (now.status === 'suspended') {
      households.suspended.add(id);
      persons.suspended.add(id, living.length);
      continue;
    }
    households.receiving.add(id);
    persons.receiving.add(id, living.length);
    const type = classifyHousehold(living, asOf);
    if (type) types[type].add(id);
    else untyped.push(id);
    if (now.aids.length === 0) withoutAid.push(id);
    for (const aid of now.aids) aidPersons[aid].add(id, living.length);
  }

  const typed = figures(types);
  const aidFigures = figures(aidPersons);
  const typeSum = householdTypes.reduce((sum, t) => sum + typed[t].value, 0);
  const aidSum = aids.reduce((sum, a) => sum + aidFigures[a].value, 0);
  const flowExpected = previousTotal + startTotal.value - terminationTotal.value;
  const reconciliation: ReconciliationCheck[] = [
    {
      id: 'typesSum',
      label: '世帯類型別世帯数の合計 ＝ 被保護世帯数（停止中を除く）',
      expected: households.receiving.value,
      actual: typeSum,
      ok: typeSum === households.receiving.value,
      mismatched: untyped,
    },
    {
      id: 'aidsCover',
      label: '扶助別人員の合計 ≧ 被保護実人員（停止中を除く）',
      expected: persons.receiving.value,
      actual: aidSum,
      ok: aidSum >= persons.receiving.value && withoutAid.length === 0,
      mismatched: withoutAid,
    },
    {
      id: 'flow',
      label: '前月の被保護世帯数 ＋ 保護開始 − 保護廃止 ＝ 当月の被保護世帯数',
      expected: flowExpected,
      actual: households.total.value,
      ok: flowExpected === households.total.value && unexplained.length === 0,
      mismatched: unexplained,
    },
  ];

  return {
    month,
    asOf,
    households: figures(households),
    persons: figures(persons),
    types: typed,
    aids: aidFigures,
    starts: { total: startTotal.figure, byReason: figures(starts) },
    terminations: { total: terminationTotal.figure, byReason: figures(terminations) },
    applications: applications.figure,
    rejections: rejections.figure,
    withdrawals: withdrawals.figure,
    rate: {
      population,
      perMille: population && population > 0 ? Math.round((persons.total.value / population) * 1000 * 100) / 100 : null,
    },
    reconciliation,
  };
}
