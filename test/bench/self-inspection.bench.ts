// `npx tsx test/bench/self-inspection.bench.ts [entries]`: the 自己点検 over a year of audit log (issue 14: ≈ 500,000
// entries, goal < 10 s) under fake-indexeddb in Node — our work, libsodium's and Dexie's, not Chromium's IndexedDB.
// The entries are written through the real write path (sealed, hash-chained), spread over 365 days, by 30 staff.
// Prints figures; no thresholds.
import 'fake-indexeddb/auto';
import type { Session } from '../../shared/domain/staff.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { AuditEvent } from '../../renderer/data/audit.js';
import { openDatabase } from '../../renderer/data/db.js';
import { writeInChunks } from '../../renderer/data/outbox.js';
import { runSelfInspection } from '../../renderer/data/selfInspection.js';

const entries = Number(process.argv[2] ?? 500_000);
const END = Date.parse('2026-12-04T03:00:00.000Z');
const step = (365 * 86_400_000) / entries;
let clock = END - 365 * 86_400_000;
const store = await openDatabase(new Uint8Array(32).fill(9), {
  kid: 'bench',
  device: { id: uuidv7(), profile: 'hub' },
  name: `bench-self-inspection-${uuidv7()}`,
  now: () => clock,
});
const staff = Array.from({ length: 30 }, () => uuidv7());
await store.db.users.bulkPut(
  staff.map((id, i) => ({
    id,
    officeId: 'bench',
    teamId: null,
    role: 'caseworker' as const,
    status: 'active' as const,
    name: `職員${i}`,
    hlc: store.clock.stamp(),
  })),
);
const auditor: Session = { userId: staff[0]!, role: 'auditor', teamId: null, deviceProfile: 'hub' };
const households = Array.from({ length: 300 }, () => uuidv7());
const eventAt = (i: number): AuditEvent => {
  const householdId = households[i % households.length]!;
  switch (i % 20) {
    case 0:
      return { kind: 'reveal', detail: { householdId, memberId: uuidv7(), reason: '副本の確認' } };
    case 1:
      return {
        kind: 'vaultEvent',
        detail: { eventId: uuidv7(), type: 'unlock', at: new Date(clock).toISOString(), userId: staff[i % staff.length]!, data: {} },
      };
    case 2:
      return i % 1000 === 2
        ? { kind: 'export', detail: { what: 'backup', householdId: null, count: 1 } }
        : { kind: 'search', detail: { query: '加須', resultCount: 3 } };
    case 3:
    case 4:
    case 5:
      return { kind: 'update', detail: { table: 'members', recordId: uuidv7(), householdId, fields: ['address'] } };
    default:
      return { kind: 'caseOpened', detail: { householdId } };
  }
};

let start = performance.now();
await writeInChunks(
  store,
  ['audit'],
  Array.from({ length: entries }, (_, i) => i),
  2_000,
  async (writer, chunk) => {
    for (const i of chunk) {
      clock += step;
      writer.audit(staff[i % staff.length]!, eventAt(i));
    }
  },
);
console.log(`seeded ${entries.toLocaleString()} audit entries in ${((performance.now() - start) / 1000).toFixed(1)} s`);

clock = END;
start = performance.now();
let lastShown = 0;
const report = await runSelfInspection(store, auditor, {
  period: { from: '2025-12-05', to: '2026-12-04' },
  keyStore: null,
  progress: (done, total) => {
    if (done - lastShown >= total / 4 || done === total) {
      lastShown = done;
      console.log(`  progress ${done.toLocaleString()} / ${total.toLocaleString()} at ${((performance.now() - start) / 1000).toFixed(1)} s`);
    }
  },
});
const ms = performance.now() - start;
console.log(`自己点検 over ${report.scanned.toLocaleString()} entries (fake-indexeddb in Node): ${(ms / 1000).toFixed(1)} s (goal < 10 s)`);
console.log(`  findings: ${report.checks.map((c) => `${c.kind} ${c.count}`).join(', ')}`);
store.close();
