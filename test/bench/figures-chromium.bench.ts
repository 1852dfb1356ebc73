// `npx tsx test/bench/figures-chromium.bench.ts [households] [rounds]`: the office's 月次 figures in Debian's Chromium
// against real IndexedDB (sealed rows, real libsodium): 10,000 training households with 36 months of history on a hub,
// one month and all 36 as the 課長's 統計 screen asks them. Prints medians and every round; no thresholds.
import { runBenchPage } from './browser/chromiumBench.js';
import { formatFiguresBench, type FiguresResult } from './figures/figuresBench.js';

const [households = 10_000, rounds = 3] = process.argv.slice(2).map(Number);
const { results, chromiumVersion } = await runBenchPage<FiguresResult>({ html: 'figures.html', outDir: 'bench-figures', query: { households, rounds } });
for (const line of formatFiguresBench(results)) console.log(line);
console.log(`figures (Chromium): Chromium ${chromiumVersion}`);
