import type { Session } from '../../../shared/domain/staff.js';
import type { Application, Decision } from '../../../shared/domain/records.js';
import type { SeihoApi } from '../../../shared/ipc/api.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { defaultOfficeSettings } from '../../../shared/settings/officeSettings.js';
import { historyMonths } from '../../../shared/training/trainingHistory.js';
import { generateTrainingHouseholds } from '../../../shared/training/trainingHouseholds.js';
import { openDatabase } from '../../../renderer/data/db.js';
import { readFigureFacts } from '../../../renderer/data/figureFacts.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { officeFiguresServices } from '../../../renderer/services/officeFigures.js';
import { monthlyFigures, prepareOffice } from '../../../shared/figures/monthlyFigures.js';

/**
 * The office's figures on a hub: `households` training households with 36 months of history (their decisions and
 * applications sealed in the database like any), then the 課長's figures for one month and for all 36 — the same
 * service call the 統計 screen makes — and, apart, the read and the computation; then the 36-month dashboard (which
 * also reads the households, visit plans and visits).
 */

export interface FiguresResult {
  households: number;
  decisions: number;
  months: number;
  writeMs: number;
  /** Each round: [one month ms, 36 months ms, read ms, compute 36 months ms, the 36-month dashboard ms]. */
  rounds: [number, number, number, number, number][];
  totals: { month: string; households: number; persons: number };
}

const BATCH = 500;
const officeId = 'training-office';
const today = '2026-11-20';
const MONTHS = 36;
/** About 80 households each (assignment takes nothing from the generator's random stream: the households are the same). */
const CASEWORKERS = 125;

const api = new Proxy({} as SeihoApi, {
  get: (_, name) => async () =>
    name === 'settingsGet'
      ? { ok: true, value: { ...defaultOfficeSettings, officeName: '研修用事務所', population: { count: 110_000, asOf: '2026-01-01' } } }
      : { ok: false, error: { code: 'UNAVAILABLE', message: '—' } },
});

export async function runFiguresBench(households: number, rounds: number): Promise<FiguresResult> {
  const store = await openDatabase(new Uint8Array(32).fill(7), { kid: 'bench', device: { id: uuidv7(), profile: 'hub' }, name: `bench-figures-${uuidv7()}` });
  try {
    const repos = createRepositories(store);
    const admin: Session = { userId: uuidv7(), role: 'systemAdmin', teamId: null, deviceProfile: 'hub' };
    const manager: Session = { userId: uuidv7(), role: 'manager', teamId: null, deviceProfile: 'hub' };
    const caseworkers = Array.from({ length: CASEWORKERS }, () => uuidv7());
    let decisionCount = 0;
    let start = performance.now();
    for (let offset = 0; offset < households; offset += BATCH) {
      const batch = generateTrainingHouseholds({
        seed: 2026,
        count: Math.min(BATCH, households - offset),
        offset,
        assignees: caseworkers,
        today,
        history: { months: MONTHS },
      });
      const ids = await repos.training.seed(admin, officeId, batch);
      // Setup, not under test: the history's rows written straight through the sealing middleware.
      const decisions: Decision[] = [];
      const applications: Application[] = [];
      batch.forEach((h, i) => {
        const householdId = ids[i]!;
        for (const d of h.history!.decisions) {
          decisions.push({
            id: uuidv7(),
            householdId,
            applicationId: null,
            stage: 'approved',
            draftedBy: admin.userId,
            history: [],
            supersedes: null,
            calculationId: null,
            reasons: '研修',
            hlc: store.clock.stamp(),
            ...d,
          });
        }
        for (const a of h.history!.applications) {
          const status = a.outcome === 'pending' ? 'received' : a.outcome === 'withdrawn' ? 'withdrawn' : 'decided';
          applications.push({ id: uuidv7(), householdId, appliedOn: a.appliedOn, dueOn: a.appliedOn, status, extensionReason: null, hlc: store.clock.stamp() });
        }
      });
      decisionCount += decisions.length;
      await store.db.decisions.bulkPut(decisions);
      await store.db.applications.bulkPut(applications);
    }
    const writeMs = performance.now() - start;

    const months = historyMonths(today, MONTHS);
    const service = officeFiguresServices({ store, session: manager, repos, api }).officeFigures;
    const times: [number, number, number, number, number][] = [];
    let totals = { month: '', households: 0, persons: 0 };
    for (let r = 0; r < rounds; r += 1) {
      start = performance.now();
      const one = await service.months([months.at(-1)!]);
      const oneMs = performance.now() - start;
      start = performance.now();
      const all = await service.months(months);
      const allMs = performance.now() - start;
      start = performance.now();
      const facts = await readFigureFacts(store, manager);
      const readMs = performance.now() - start;
      start = performance.now();
      const office = prepareOffice(facts.households);
      for (const month of months) monthlyFigures(office, month, null);
      const computeMs = performance.now() - start;
      start = performance.now();
      const dashboard = await service.dashboard(months.at(-1)!, MONTHS);
      const dashboardMs = performance.now() - start;
      times.push([Math.round(oneMs), Math.round(allMs), Math.round(readMs), Math.round(computeMs), Math.round(dashboardMs)]);
      if (dashboard.caseload.households !== all.figures.at(-1)!.households.total.value) throw new Error('the dashboard and the months disagree');
      const last = one.figures[0]!;
      if (all.figures.at(-1)!.households.total.value !== last.households.total.value) throw new Error('one month and 36 months disagree');
      totals = { month: last.month, households: last.households.total.value, persons: last.persons.total.value };
    }
    return { households, decisions: decisionCount, months: MONTHS, writeMs: Math.round(writeMs), rounds: times, totals };
  } finally {
    store.close();
    await store.db.delete();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function formatFiguresBench(r: FiguresResult): string[] {
  const column = (k: number) => median(r.rounds.map((round) => round[k]!));
  return [
    `figures (Chromium, median of ${r.rounds.length}): one month ${column(0)} ms (goal < 1000); ${r.months} months ${column(1)} ms (goal < 3000) — ` +
      `of which the read ${column(2)} ms and the computation of ${r.months} months ${column(3)} ms; ` +
      `the dashboard (${r.months}-month trend, caseload, visits) ${column(4)} ms`,
    `  ${r.households} households, ${r.decisions} approved decisions, written in ${r.writeMs} ms; ${r.totals.month}: ${r.totals.households} households, ${r.totals.persons} persons`,
    `  rounds (one/all/read/compute/dashboard ms): ${r.rounds.map((x) => x.join('/')).join(', ')}`,
  ];
}
