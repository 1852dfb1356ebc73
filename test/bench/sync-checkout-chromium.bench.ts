// `npx tsx test/bench/sync-checkout-chromium.bench.ts [households]`: the sync checkout bench (sync/checkoutBench.ts)
// in Debian's Chromium against real IndexedDB (on disk), both stores in one page; gzip by the page's
// CompressionStream. Prints figures; no thresholds.
import { runBenchPage } from './browser/chromiumBench.js';
import { type CheckoutBenchResult, formatCheckoutBench } from './sync/checkoutBench.js';

const households = Number(process.argv[2] ?? 300);
const { results, chromiumVersion } = await runBenchPage<CheckoutBenchResult>({ html: 'syncCheckout.html', outDir: 'bench-sync', query: { households } });
for (const line of formatCheckoutBench(results, `Chromium ${chromiumVersion}, real IndexedDB, gzip by CompressionStream`)) console.log(line);
