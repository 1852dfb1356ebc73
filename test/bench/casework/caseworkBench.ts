import type { Role } from '../../../shared/auth/roles.js';
import type { DeviceProfile } from '../../../shared/auth/roles.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { generateTrainingHouseholds } from '../../../shared/training/trainingHouseholds.js';
import { openDatabase } from '../../../renderer/data/db.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { caseListServices } from '../../../renderer/services/caseList.js';

/**
 * One casework scenario: a device holding `households` training households spread over `caseworkers`
 * caseworkers, written as the 研修用データ panel writes them, then the case list opened and a kana search run by
 * `viewer` — with the same calls the screen makes (services.caseList.open: the whole scope, or its first page when the
 * scope is large; services.caseList.search).
 */
export interface CaseworkScenario {
  name: string;
  households: number;
  caseworkers: number;
  viewer: 'caseworker' | 'manager';
  device: DeviceProfile;
  /** Typed as staff type it: hiragana for a katakana フリガナ. */
  query: string;
}

export interface CaseworkResult {
  scenario: CaseworkScenario;
  /** Rows the list opened (the whole scope, or the first page) of `total` in scope. */
  listed: number;
  total: number;
  found: number;
  writeMs: number;
  /** Each round: [list ms, search ms]; the first is the screen opening cold after the writes. */
  rounds: [number, number][];
}

const BATCH = 500;
const officeId = 'training-office';

export async function runCaseworkScenario(scenario: CaseworkScenario, rounds: number): Promise<CaseworkResult> {
  const store = await openDatabase(new Uint8Array(32).fill(9), {
    kid: 'bench',
    device: { id: uuidv7(), profile: scenario.device },
    name: `bench-casework-${uuidv7()}`,
  });
  try {
    const repos = createRepositories(store);
    const as = (role: Role, userId: string, teamId: string | null = null): Session => ({ userId, role, teamId, deviceProfile: scenario.device });
    const admin = as('systemAdmin', uuidv7());
    const caseworkers = Array.from({ length: scenario.caseworkers }, () => uuidv7());
    for (const [i, id] of caseworkers.entries()) {
      await repos.staff.record(admin, officeId, id, { displayName: `職員 ${i + 1}`, role: 'caseworker', teamId: `team-${i % 8}` }, 'active');
    }
    const managerId = uuidv7();
    await repos.staff.record(admin, officeId, managerId, { displayName: '課長', role: 'manager', teamId: null }, 'active');

    let start = performance.now();
    for (let offset = 0; offset < scenario.households; offset += BATCH) {
      const count = Math.min(BATCH, scenario.households - offset);
      await repos.training.seed(admin, officeId, generateTrainingHouseholds({ seed: 2026, count, offset, assignees: caseworkers, today: '2026-11-30' }));
    }
    const writeMs = performance.now() - start;

    const viewer = scenario.viewer === 'caseworker' ? as('caseworker', caseworkers[0]!, 'team-0') : as('manager', managerId);
    const times: [number, number][] = [];
    let listed = 0;
    let total = 0;
    let found = 0;
    for (let i = 0; i < rounds; i += 1) {
      start = performance.now();
      const listing = await caseListServices({ session: viewer, repos }).caseList.open();
      listed = listing.entries.length;
      total = listing.total;
      const listMs = performance.now() - start;
      start = performance.now();
      found = (await caseListServices({ session: viewer, repos }).caseList.search(scenario.query)).length;
      times.push([Math.round(listMs), Math.round(performance.now() - start)]);
    }
    return { scenario, listed, total, found, writeMs: Math.round(writeMs), rounds: times };
  } finally {
    store.close();
    await store.db.delete();
  }
}

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;

export function formatCaseworkBench(results: readonly CaseworkResult[]): string[] {
  const summary = results.map(({ scenario, listed, total, rounds }) => {
    const list = median(rounds.map(([l]) => l));
    const search = median(rounds.map(([, s]) => s));
    const shown = listed === total ? `${listed} households` : `first ${listed} of ${total} households`;
    return `${scenario.name} list ${shown} ${list} ms / search ${search} ms`;
  });
  return [
    `casework (Chromium, median of ${results[0]?.rounds.length ?? 0}): ${summary.join('; ')} (goal under 200 ms each)`,
    ...results.map(
      ({ scenario, found, writeMs, rounds }) =>
        `  ${scenario.name}: ${scenario.households} households over ${scenario.caseworkers} caseworkers written in ${writeMs} ms; ` +
        `search 「${scenario.query}」 found ${found}; rounds (list/search ms): ${rounds.map(([l, s]) => `${l}/${s}`).join(', ')}`,
    ),
  ];
}
