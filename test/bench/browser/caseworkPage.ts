import { runCaseworkScenario, type CaseworkResult, type CaseworkScenario } from '../casework/caseworkBench';
import { reportOutcome } from './benchOutcome';

/** The casework bench in Chromium: a caseworker's device, then the hub, one after the other. */
const params = new URLSearchParams(location.search);
const rounds = Number(params.get('rounds') ?? 5);
const scenarios: CaseworkScenario[] = [
  { name: 'caseload', households: Number(params.get('caseload') ?? 300), caseworkers: 1, viewer: 'caseworker', device: 'office', query: 'さとう' },
  { name: 'hub', households: Number(params.get('hub') ?? 10_000), caseworkers: 40, viewer: 'manager', device: 'hub', query: 'さとう' },
];

reportOutcome(async () => {
  const results: CaseworkResult[] = [];
  for (const scenario of scenarios) results.push(await runCaseworkScenario(scenario, rounds));
  return results;
});
