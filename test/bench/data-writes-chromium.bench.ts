// `npx tsx test/bench/data-writes-chromium.bench.ts [n] [single] [batch] [rounds]`: n training households through
// the app's real write path (repos.training.seed on the hub: rows + audit chain + search tokens; the hub queues no put entry) beside the raw
// bulk writes of the same rows, and the single-row path (households.save, members.save) per household — in
// Debian's Chromium against real IndexedDB. Prints min and median of the rounds, and each round; no thresholds.
import { runBenchPage } from './browser/chromiumBench.js';
import type { WritePathResult } from './data/writePathBench.js';

const [n = 10_000, single = 500, batch = 100, rounds = 3] = process.argv.slice(2).map(Number);
const { results, chromiumVersion } = await runBenchPage<WritePathResult[]>({
  html: 'writes.html',
  outDir: 'bench-writes',
  query: { n, single, batch, rounds },
});

const s = (ms: number) => `${(ms / 1000).toFixed(2)} s`;
const sorted = (pick: (r: WritePathResult) => number) => results.map(pick).sort((a, b) => a - b);
const stat = (pick: (r: WritePathResult) => number, format: (v: number) => string) => {
  const values = sorted(pick);
  return `min ${format(values[0]!)} / median ${format(values[Math.floor(values.length / 2)]!)}`;
};
const perHousehold = (ms: number, count: number) => `${(ms / count).toFixed(2)} ms`;
const first = results[0]!;
console.log(`writes (Chromium, ${results.length} rounds): ${n} training households = ${first.rows} rows`);
console.log(
  `  real path (training.seed, ${batch} per batch: rows + audit + search tokens; on the hub no outbox entry for a put): ${stat((r) => r.trainingMs, s)}`,
);
console.log(`  raw bulkPut, encrypted (no outbox/audit/tokens):                    ${stat((r) => r.rawEncryptedMs, s)}`);
console.log(`  raw bulkPut, plain (no encryption):                                ${stat((r) => r.rawPlainMs, s)}`);
console.log(
  `  single-row path, households.save per household (${single}):           ${stat(
    (r) => r.single.householdSaveMs / r.single.households,
    (v) => `${v.toFixed(2)} ms`,
  )}`,
);
console.log(
  `  single-row path, members.save per household (${single}):              ${stat(
    (r) => r.single.memberSaveMs / r.single.households,
    (v) => `${v.toFixed(2)} ms`,
  )}`,
);
for (const [i, r] of results.entries()) {
  console.log(
    `  round ${i + 1}: real ${s(r.trainingMs)}, encrypted ${s(r.rawEncryptedMs)}, plain ${s(r.rawPlainMs)}, households.save ${perHousehold(r.single.householdSaveMs, r.single.households)}, members.save ${perHousehold(r.single.memberSaveMs, r.single.households)}; ` +
      `chain ${r.checks.chainOk ? 'verified' : 'BROKEN'} (${r.checks.audit} entries), hub outbox ${r.checks.hubOutbox}, search hits ${r.checks.searchHits}`,
  );
}
console.log(`writes (Chromium): Chromium ${chromiumVersion}`);
