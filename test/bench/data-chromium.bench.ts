// `npx tsx test/bench/data-chromium.bench.ts [n] [rounds]`: the data-layer bench in Debian's Chromium against real
// IndexedDB (on disk), served from 127.0.0.1 with the app's CSP. Prints the median of the rounds and each round;
// no thresholds.
import { runBenchPage } from './browser/chromiumBench.js';
import { formatDataBench, type DataBenchResult } from './data/dataBench.js';

const n = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);

const { results, chromiumVersion } = await runBenchPage<DataBenchResult[]>({ html: 'index.html', outDir: 'bench', query: { n, rounds } });
const median = (pick: (r: DataBenchResult) => number) => results.map(pick).sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
const typical: DataBenchResult = {
  ...results[0]!,
  encrypted: { writeMs: median((r) => r.encrypted.writeMs), readMs: median((r) => r.encrypted.readMs) },
  plain: { writeMs: median((r) => r.plain.writeMs), readMs: median((r) => r.plain.readMs) },
  floor: { rawIndexedDbMs: median((r) => r.floor.rawIndexedDbMs), rawAeadMs: median((r) => r.floor.rawAeadMs) },
};
for (const line of formatDataBench(typical)) console.log(line.replace(/^data:/, `data (Chromium, median of ${results.length}):`));
for (const [i, result] of results.entries()) for (const line of formatDataBench(result)) console.log(line.replace(/^data:/, `  round ${i + 1}:`));
console.log(`data (Chromium): ${typical.members} members alongside; Chromium ${chromiumVersion}`);
