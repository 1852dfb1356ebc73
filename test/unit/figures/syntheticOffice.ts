import { lastDayOf } from '../../../shared/calc/dates.js';
import { aids, type Aid } from '../../../shared/domain/aids.js';
import { householdTypes, type HouseholdType } from '../../../shared/figures/householdTypes.js';
import type { FigureHousehold } from '../../../shared/figures/monthlyFigures.js';
import { UNRECORDED_REASON } from '../../../shared/figures/reasonCodes.js';
import { generateTrainingHouseholds, type TrainingHousehold } from '../../../shared/training/trainingHouseholds.js';

/**
 * A synthetic office for the figures tests: training households with 36 months of history, given to the figures as
 * decisions, and the figures expected from how they were built (their periods), counted without the decisions.
 */

export const today = '2026-11-20';
export const office = generateTrainingHouseholds({ seed: 2026, count: 800, assignees: [], today, history: { months: 36 } });

/** What the figures read of a training household: its decisions (approved), members and applications. */
export function asFigureHousehold(h: TrainingHousehold): FigureHousehold {
  return {
    id: h.caseNumber,
    members: h.members.map((m) => ({
      birthDate: m.birthDate,
      sex: m.sex,
      relation: m.relation,
      disability: m.disability !== undefined,
      sick: m.sick === true,
    })),
    decisions: h.history!.decisions.map((d, i) => ({ ...d, id: `${h.caseNumber}-${i}`, supersedes: null, order: String(i).padStart(4, '0') })),
    applications: h.history!.applications.map((a) => ({ appliedOn: a.appliedOn, withdrawnOn: a.outcome === 'withdrawn' ? a.decidedOn : null })),
  };
}

const within = (date: string | null, month: string) => date?.startsWith(`${month}-`) ?? false;
const count = (keys: readonly string[]) => Object.fromEntries(keys.map((k) => [k, 0])) as Record<string, number>;

/** The month's tables as the construction says they must be. */
export function expectedTables(month: string) {
  const end = lastDayOf(month);
  const households = { total: 0, receiving: 0, suspended: 0 };
  const persons = { total: 0, receiving: 0, suspended: 0 };
  const types = count(householdTypes) as Record<HouseholdType, number>;
  const aidPersons = count(aids) as Record<Aid, number>;
  const starts: Record<string, number> = { total: 0 };
  const terminations: Record<string, number> = { total: 0 };
  let applications = 0;
  let rejections = 0;
  let withdrawals = 0;
  for (const h of office) {
    const { periods, applications: applied, builtAs } = h.history!;
    for (const p of periods) {
      if (within(p.startedOn, month)) {
        starts.total!++;
        const reason = p.startReason ?? UNRECORDED_REASON;
        starts[reason] = (starts[reason] ?? 0) + 1;
      }
      if (within(p.endedOn, month)) {
        terminations.total!++;
        const reason = p.endReason ?? UNRECORDED_REASON;
        terminations[reason] = (terminations[reason] ?? 0) + 1;
      }
    }
    for (const a of applied) {
      if (within(a.appliedOn, month)) applications++;
      if (a.outcome === 'rejected' && within(a.decidedOn, month)) rejections++;
      if (a.outcome === 'withdrawn' && within(a.decidedOn, month)) withdrawals++;
    }
    const current = periods.find((p) => p.startedOn <= end && (p.endedOn === null || p.endedOn > end));
    if (!current) continue;
    const people = h.members.length;
    households.total++;
    persons.total += people;
    if (current.suspensions.some((s) => s.from <= end && (s.to === null || s.to > end))) {
      households.suspended++;
      persons.suspended += people;
      continue;
    }
    households.receiving++;
    persons.receiving += people;
    types[builtAs]++;
    for (const aid of current.aids.filter((a) => a.from <= end).at(-1)!.aids) aidPersons[aid] += people;
  }
  return { households, persons, types, aids: aidPersons, starts, terminations, applications, rejections, withdrawals };
}
