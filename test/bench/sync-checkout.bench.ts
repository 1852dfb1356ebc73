// `npx tsx test/bench/sync-checkout.bench.ts [households]`: a field laptop's first checkout of a 300-household
// caseload with 3 years of records (issue 12's goal: < 10 s to build on the hub, < 10 s to apply on the laptop), then
// an incremental round, under fake-indexeddb in Node (in-memory: our work, libsodium's and Dexie's, not Chromium's
// IndexedDB — sync-checkout-chromium.bench.ts is that); real libsodium. Prints figures; no thresholds.
import 'fake-indexeddb/auto';
import { gzipSync } from 'node:zlib';
import { formatCheckoutBench, runCheckoutBench } from './sync/checkoutBench.js';

const households = Number(process.argv[2] ?? 300);
const result = await runCheckoutBench({}, households, async (text) => gzipSync(text).length);
for (const line of formatCheckoutBench(result, 'fake-indexeddb in Node, gzip by node:zlib level 6')) console.log(line);
