// `npx tsx test/bench/sync-import-chromium.bench.ts [devices] [rowsPerDevice]`: the hub import bench
// (sync/importBench.ts) in Debian's Chromium against real IndexedDB (on disk). Prints figures; no thresholds.
import { runBenchPage } from './browser/chromiumBench.js';
import { formatImportBench, type ImportBenchResult } from './sync/importBench.js';

const query = { devices: Number(process.argv[2] ?? 5), rows: Number(process.argv[3] ?? 2000) };
const { results, chromiumVersion } = await runBenchPage<ImportBenchResult>({ html: 'syncImport.html', outDir: 'bench-sync-import', query });
for (const line of formatImportBench(results, `Chromium ${chromiumVersion}, real IndexedDB`)) console.log(line);
