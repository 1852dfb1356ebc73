// `npx tsx test/bench/data/data.bench.ts [n]`: the data-layer bench under fake-indexeddb (in-memory, so it
// measures our work and Dexie's, not disk). Chromium runs the same `runDataBench` from a page.
import 'fake-indexeddb/auto';
import { formatDataBench, runDataBench } from './dataBench.js';

const n = Number(process.argv[2] ?? 10_000);
const result = await runDataBench({}, n);
for (const line of formatDataBench(result)) console.log(line);
console.log(`data: ${result.members} members alongside`);
