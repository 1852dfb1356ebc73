import { runDataBench, type DataBenchResult } from '../data/dataBench';

/**
 * Runs the data bench against Chromium's real IndexedDB, `rounds` times in a row (the launcher takes medians: disk
 * timings on a shared machine wander), and leaves the figures for the launcher to collect.
 */
declare global {
  interface Window {
    benchOutcome?: { ok: true; results: DataBenchResult[] } | { ok: false; error: string };
  }
}

const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 10_000);
const rounds = Number(params.get('rounds') ?? 3);

async function run(): Promise<DataBenchResult[]> {
  const results: DataBenchResult[] = [];
  for (let i = 0; i < rounds; i += 1) results.push(await runDataBench({}, n));
  return results;
}

run().then(
  (results) => (window.benchOutcome = { ok: true, results }),
  (error: unknown) => (window.benchOutcome = { ok: false, error: error instanceof Error ? (error.stack ?? error.message) : String(error) }),
);
