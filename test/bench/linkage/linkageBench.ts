import type { DataStore } from '../../../renderer/data/db.js';
import { queueLinkage } from '../../../renderer/data/linkage/ledger.js';
import { writeTransaction } from '../../../renderer/data/outbox.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { replicaRequest } from '../../linkage/replicaRequests.js';
import type { RequestRecord, ResultRecord } from '../../../shared/linkage/exchangeFormat.js';
import { defaultLinkageItems } from '../../../shared/linkage/legalReferences.js';

/**
 * The data-layer half of the linkage bench, run in Chromium next to real IndexedDB. The file half (signing,
 * writing, verifying — main's job in the app) is the launcher's, reached through `files` as the app reaches main
 * through IPC, so each figure covers the whole export or import as the administrator waits for it.
 */

export interface ExchangeFilesPort {
  /** main: sign and write the request exchange; returns its id. */
  write(records: RequestRecord[]): Promise<string>;
  /** The 中間サーバー simulator answers (not the app's time). */
  answer(): Promise<void>;
  /** main: verify and read the result exchange. */
  read(): Promise<{ exchangeId: string; records: ResultRecord[] }>;
}

export interface LinkageBenchResult {
  records: number;
  seedMs: number;
  export: { totalMs: number; prepareMs: number; fileMs: number; markMs: number };
  import: { totalMs: number; fileMs: number; applyMs: number; applied: number };
  /** The floor under load: the n ledger rows rewritten with one sealed bulkPut (no outbox, §23 records or audit). */
  floorMs: number;
}

export const atenaOf = (i: number) => String(2_000_000_000 + i);
const admin = { userId: 'u-admin', role: 'systemAdmin' as const, teamId: null, deviceProfile: 'hub' as const };

export async function runLinkageBench(store: DataStore, files: ExchangeFilesPort, n: number): Promise<LinkageBenchResult> {
  const repos = createRepositories(store);
  // What n approved 開始 would have queued (one 副本 each), in transactions of 500.
  const s0 = performance.now();
  for (let from = 0; from < n; from += 500) {
    await writeTransaction(store, ['linkageRecords'], async (writer) => {
      for (let i = from; i < Math.min(n, from + 500); i++) {
        await queueLinkage(store, writer, replicaRequest(atenaOf(i), { householdId: `h-${i}`, memberId: `m-${i}`, requestedBy: 'u-cw' }));
      }
    });
  }
  const seedMs = performance.now() - s0;

  const e0 = performance.now();
  const plan = await repos.linkageExchange.prepareExport(admin, { items: defaultLinkageItems, payerNumber: '12110010' });
  const e1 = performance.now();
  const exchangeId = await files.write(plan.records);
  const e2 = performance.now();
  await repos.linkageExchange.markExported(admin, exchangeId, plan.records, defaultLinkageItems);
  const e3 = performance.now();

  await files.answer();

  const i0 = performance.now();
  const results = await files.read();
  const i1 = performance.now();
  const report = await repos.linkageExchange.applyResults(admin, results.exchangeId, results.records, defaultLinkageItems);
  const i2 = performance.now();
  const ledger = await store.db.linkageRecords.toArray();
  const f0 = performance.now();
  await store.db.transaction('rw', store.db.linkageRecords, () => store.db.linkageRecords.bulkPut(ledger));
  const floorMs = performance.now() - f0;
  return {
    floorMs,
    records: plan.records.length,
    seedMs,
    export: { totalMs: e3 - e0, prepareMs: e1 - e0, fileMs: e2 - e1, markMs: e3 - e2 },
    import: { totalMs: i2 - i0, fileMs: i1 - i0, applyMs: i2 - i1, applied: report.results.filter((r) => r.application === 'applied').length },
  };
}
