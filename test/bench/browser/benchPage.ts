import { runDataBench, type DataBenchResult } from '../data/dataBench';
import { reportOutcome } from './benchOutcome';

/**
 * Runs the data bench against Chromium's real IndexedDB, `rounds` times in a row (the launcher takes medians: disk
 * timings on a shared machine wander), and leaves the figures for the launcher to collect.
 */
const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 10_000);
const rounds = Number(params.get('rounds') ?? 3);

reportOutcome(async () => {
  const results: DataBenchResult[] = [];
  // The launcher's reading of this page's main-thread CPU time (data-chromium.bench.ts).
  const cpuMs = (window as unknown as { rendererMainThreadCpuMs?: () => Promise<number> }).rendererMainThreadCpuMs;
  for (let i = 0; i < rounds; i += 1) results.push(await runDataBench({ ...(cpuMs && { cpuMs }) }, n));
  return results;
});
