// `npx tsx test/bench/casework-chromium.bench.ts [caseload] [hub] [rounds]`: the case list and kana search in Debian's
// Chromium against real IndexedDB, with training data — 300 households for one caseworker on an office device and
// 10,000 over 40 caseworkers on the hub, opened by the 課長 (scope: all). Prints medians and every round; no thresholds.
import { runBenchPage } from './browser/chromiumBench.js';
import { formatCaseworkBench, type CaseworkResult } from './casework/caseworkBench.js';

const [caseload = 300, hub = 10_000, rounds = 5] = process.argv.slice(2).map(Number);
const { results, chromiumVersion } = await runBenchPage<CaseworkResult[]>({
  html: 'casework.html',
  outDir: 'bench-casework',
  query: { caseload, hub, rounds },
});
for (const line of formatCaseworkBench(results)) console.log(line);
console.log(`casework (Chromium): Chromium ${chromiumVersion}`);
