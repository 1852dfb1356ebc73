import type { DecisionKind } from '../casework/caseStatus.js';
import { addDays, monthOf, type IsoDate } from '../casework/calendarDate.js';
import { addMonths, lastDayOf } from '../calc/dates.js';
import type { Aid } from '../domain/aids.js';
import type { HouseholdType } from '../figures/householdTypes.js';
import { startReasons, terminationReasons } from '../figures/reasonCodes.js';
import type { CaseStatus } from '../casework/caseStatus.js';
import type { SeededRandom } from './seededRandom.js';

/**
 * A training household's protection history over a window of months ending in `today`'s month, built from its
 * periods — when protection started and ended and why, its suspensions, the 扶助 in force — and written out as the
 * approved decisions and applications that produce it. A figures test checks the figures computed from the
 * decisions against these periods: two representations of the same history, made independently.
 */

export interface TrainingPeriod {
  startedOn: IsoDate;
  startReason: string | null;
  /** The 廃止's effective date; null while protected. */
  endedOn: IsoDate | null;
  endReason: string | null;
  /** Each suspension from its 停止 to the 変更 that lifts it (null: still suspended). */
  suspensions: { from: IsoDate; to: IsoDate | null }[];
  /** The 扶助 in force from each date (the 開始, then each 変更 that changes them). */
  aids: { from: IsoDate; aids: Aid[] }[];
}

export interface TrainingApplication {
  appliedOn: IsoDate;
  /** started: answered by a period's 開始; rejected on `decidedOn`; withdrawn on `decidedOn`; pending. */
  outcome: 'started' | 'rejected' | 'withdrawn' | 'pending';
  decidedOn: IsoDate | null;
}

export interface TrainingDecision {
  kind: DecisionKind;
  effectiveOn: IsoDate;
  aids: Aid[];
  reasonCode: string | null;
}

export interface TrainingHistory {
  /** The 世帯類型 the household was built to be in every month of the window (its members were made to fit). */
  builtAs: HouseholdType;
  periods: TrainingPeriod[];
  applications: TrainingApplication[];
  /** Approved decisions, oldest first. */
  decisions: TrainingDecision[];
}

export interface TrainingHistoryOptions {
  /** Months in the window, the last being `today`'s. */
  months: number;
}

const reasonOf = (random: SeededRandom, codes: readonly { code: string }[]) => (random.chance(0.1) ? null : random.pick(codes).code);

/** The window's months, oldest first. */
export function historyMonths(today: IsoDate, months: number): string[] {
  return Array.from({ length: months }, (_, k) => addMonths(monthOf(today), k - months + 1));
}

function dayIn(random: SeededRandom, month: string, today: IsoDate): IsoDate {
  const last = Number((month === monthOf(today) ? today : lastDayOf(month)).slice(8));
  return `${month}-${String(random.int(1, last)).padStart(2, '0')}`;
}

/** `count` distinct months of the window between positions `from` and `to` (inclusive), in order. */
function distinctMonths(random: SeededRandom, window: readonly string[], from: number, to: number, count: number): string[] {
  const chosen = new Set<number>();
  while (chosen.size < Math.min(count, to - from + 1)) chosen.add(random.int(from, to));
  return [...chosen].sort((a, b) => a - b).map((k) => window[k]!);
}

function startingAids(random: SeededRandom): Aid[] {
  return ['living', ...(random.chance(0.7) ? (['housing'] as const) : []), ...(random.chance(0.8) ? (['medical'] as const) : [])];
}

/**
 * A protection period started on `startedOn` with, after it, a possible change of 扶助 and a possible suspension
 * (lifted, or left standing when `endSuspended`), each in a month of its own after the start's.
 */
function period(random: SeededRandom, window: readonly string[], today: IsoDate, startedOn: IsoDate, endSuspended: boolean): TrainingPeriod {
  const aids = startingAids(random);
  const result: TrainingPeriod = {
    startedOn,
    startReason: reasonOf(random, startReasons),
    endedOn: null,
    endReason: null,
    suspensions: [],
    aids: [{ from: startedOn, aids }],
  };
  const first = Math.max(0, window.indexOf(monthOf(startedOn)) + 1);
  const last = window.length - 1;
  const change = random.chance(0.2) && !aids.includes('care');
  const suspension = endSuspended || random.chance(0.1);
  const events = distinctMonths(random, window, first, last, Number(change) + (suspension ? (endSuspended ? 1 : 2) : 0));
  if (events.length < Number(change) + (suspension ? (endSuspended ? 1 : 2) : 0)) return result;
  if (change) result.aids.push({ from: dayIn(random, events.shift()!, today), aids: [...aids, 'care'] });
  if (suspension) {
    const from = dayIn(random, events.shift()!, today);
    result.suspensions.push({ from, to: endSuspended ? null : dayIn(random, events.shift()!, today) });
  }
  return result;
}

/** The construction: periods and applications for the household's current status, then the decisions they make. */
export function buildTrainingHistory(
  random: SeededRandom,
  status: CaseStatus,
  builtAs: HouseholdType,
  today: IsoDate,
  { months }: TrainingHistoryOptions,
): { status: CaseStatus; history: TrainingHistory } {
  const window = historyMonths(today, months);
  const windowStart = `${window[0]}-01`;
  const before = () => addDays(windowStart, -random.int(1, 3000));
  const periods: TrainingPeriod[] = [];
  const applications: TrainingApplication[] = [];
  const startPeriod = (startedOn: IsoDate, endSuspended: boolean) => {
    const appliedOn = addDays(startedOn, -random.int(0, 13));
    applications.push({ appliedOn, outcome: 'started', decidedOn: startedOn });
    periods.push(period(random, window, today, startedOn, endSuspended));
  };
  let finalStatus = status;

  if (status === 'active' || status === 'suspended') {
    if (random.chance(0.1) && window.length >= 6) {
      // An earlier period ended in the window, and protection started again later.
      const [ended, restarted] = distinctMonths(random, window, 1, window.length - 3, 2);
      startPeriod(before(), false);
      const previous = periods[0]!;
      previous.suspensions = [];
      previous.aids = previous.aids.slice(0, 1);
      previous.endedOn = dayIn(random, ended!, today);
      previous.endReason = reasonOf(random, terminationReasons);
      startPeriod(dayIn(random, restarted!, today), status === 'suspended');
    } else {
      const inWindow = random.chance(0.35) && window.length >= 3;
      startPeriod(inWindow ? dayIn(random, window[random.int(1, window.length - 2)]!, today) : before(), status === 'suspended');
    }
    if (status === 'suspended' && periods.at(-1)!.suspensions.length === 0) finalStatus = 'active';
  } else if (status === 'application') {
    if (random.chance(0.3) && window.length >= 3) {
      startPeriod(before(), false);
      const previous = periods[0]!;
      previous.suspensions = [];
      previous.aids = previous.aids.slice(0, 1);
      previous.endedOn = dayIn(random, window[random.int(1, window.length - 2)]!, today);
      previous.endReason = reasonOf(random, terminationReasons);
    }
    applications.push({ appliedOn: dayIn(random, window.at(-1)!, today), outcome: 'pending', decidedOn: null });
  } else if (status === 'consultation' && window.length >= 3) {
    if (random.chance(0.25)) {
      const appliedOn = dayIn(random, window[random.int(1, window.length - 2)]!, today);
      applications.push({ appliedOn, outcome: 'rejected', decidedOn: addDays(appliedOn, random.int(3, 14)) });
      finalStatus = 'rejected';
    } else if (random.chance(0.1)) {
      const appliedOn = dayIn(random, window[random.int(1, window.length - 2)]!, today);
      applications.push({ appliedOn, outcome: 'withdrawn', decidedOn: addDays(appliedOn, random.int(1, 10)) });
    }
  }
  return { status: finalStatus, history: { builtAs, periods, applications, decisions: decisionsOf(periods, applications) } };
}

/** The approved decisions that produce the periods (and answer the rejected applications), in effective order. */
function decisionsOf(periods: readonly TrainingPeriod[], applications: readonly TrainingApplication[]): TrainingDecision[] {
  const decisions: TrainingDecision[] = [];
  for (const p of periods) {
    const [first, ...changes] = p.aids;
    decisions.push({ kind: 'start', effectiveOn: p.startedOn, aids: first!.aids, reasonCode: p.startReason });
    const aidsOn = (date: IsoDate) => p.aids.filter((a) => a.from <= date).at(-1)!.aids;
    for (const change of changes) decisions.push({ kind: 'change', effectiveOn: change.from, aids: change.aids, reasonCode: null });
    for (const s of p.suspensions) {
      decisions.push({ kind: 'suspend', effectiveOn: s.from, aids: aidsOn(s.from), reasonCode: null });
      if (s.to) decisions.push({ kind: 'change', effectiveOn: s.to, aids: aidsOn(s.to), reasonCode: null });
    }
    if (p.endedOn) decisions.push({ kind: 'terminate', effectiveOn: p.endedOn, aids: [], reasonCode: p.endReason });
  }
  for (const a of applications) {
    if (a.outcome === 'rejected') decisions.push({ kind: 'reject', effectiveOn: a.decidedOn!, aids: [], reasonCode: null });
  }
  return decisions.sort((a, b) => (a.effectiveOn < b.effectiveOn ? -1 : a.effectiveOn > b.effectiveOn ? 1 : 0));
}
