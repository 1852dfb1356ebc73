import { runWritePathBench, type WritePathResult } from '../data/writePathBench';
import { reportOutcome } from './benchOutcome';

/** The write-path bench against Chromium's IndexedDB, `rounds` times in a row (the launcher prints min and median). */
const params = new URLSearchParams(location.search);
const n = Number(params.get('n') ?? 10_000);
const single = Number(params.get('single') ?? 500);
const batch = Number(params.get('batch') ?? 100);
const rounds = Number(params.get('rounds') ?? 3);

reportOutcome(async () => {
  const results: WritePathResult[] = [];
  for (let i = 0; i < rounds; i += 1) results.push(await runWritePathBench(n, single, batch));
  return results;
});
