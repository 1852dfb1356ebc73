// `npx tsx test/bench/sync-import.bench.ts [devices] [rowsPerDevice]`: the hub's import and merge of device bundles
// (sync/importBench.ts) under fake-indexeddb in Node (in-memory: our work, libsodium's and Dexie's, not Chromium's
// IndexedDB — sync-import-chromium.bench.ts is that). Prints figures; no thresholds.
import 'fake-indexeddb/auto';
import { formatImportBench, runImportBench } from './sync/importBench.js';

const result = await runImportBench({}, Number(process.argv[2] ?? 5), Number(process.argv[3] ?? 2000));
for (const line of formatImportBench(result, 'fake-indexeddb in Node')) console.log(line);
