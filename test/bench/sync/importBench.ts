import type { Device, Household } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { SYNC_FORMAT, SYNC_FORMAT_VERSION, type SyncChange } from '../../../shared/sync/bundleFormat.js';
import { openDatabase } from '../../../renderer/data/db.js';
import { writeTransaction } from '../../../renderer/data/outbox.js';
import { applyDeviceBundle } from '../../../renderer/data/sync/hubMerge.js';
import type { DexieEnvironment } from './checkoutBench.js';

/**
 * The hub's import and merge of device bundles (issue 12's goal: 10,000 changed rows from 5 devices in < 5 s): each
 * device sends new case records (union) and changed households (field merge) of its own caseload of 100. Runs
 * wherever Dexie does: under fake-indexeddb in Node (../sync-import.bench.ts) and in Chromium against real
 * IndexedDB (../sync-import-chromium.bench.ts). Real libsodium; the bundles are built in memory (the file's
 * reading and opening is main's, measured by sync-bundle.bench.ts).
 */
export interface ImportBenchResult {
  devices: number;
  /** Per device: changes carried, ms to import. */
  perDevice: { changes: number; ms: number }[];
  rows: number;
  totalMs: number;
}

const key = () => Uint8Array.from({ length: 32 }, (_, i) => i + 1);
const HOUSEHOLDS_PER_DEVICE = 100;

export async function runImportBench(env: DexieEnvironment, devices: number, rowsPerDevice: number): Promise<ImportBenchResult> {
  const hub = await openDatabase(key(), { kid: 'k1', device: { id: uuidv7(), profile: 'hub' }, name: `bench-import-${uuidv7()}`, ...env });
  const admin: Session = { userId: uuidv7(), role: 'systemAdmin', teamId: null, deviceProfile: 'hub' };
  try {
    const senders = Array.from({ length: devices }, () => ({ device: { id: uuidv7() }, worker: uuidv7(), households: [] as Household[] }));
    for (const sender of senders) {
      const rows = Array.from({ length: HOUSEHOLDS_PER_DEVICE }, (_, i) => ({
        id: uuidv7(),
        officeId: 'office-1',
        caseNumber: `K-${sender.worker.slice(-4)}-${i}`,
        assignedTo: sender.worker,
        status: 'active' as const,
        address: '埼玉県加須市三俣二丁目1番地1',
        phone: '0480-00-0000',
      }));
      sender.households = await writeTransaction(hub, ['households'], (w) => w.putMany('households', rows, { fresh: true }));
    }
    const registry = (sender: (typeof senders)[number]): Device => ({
      id: sender.device.id,
      hlc: hub.clock.stamp(),
      officeId: 'office-1',
      profile: 'field',
      status: 'active',
      name: 'bench',
      signPublicKey: 's',
      boxPublicKey: 'b',
      userIds: [sender.worker],
      caseloadUserIds: [sender.worker],
      enrolledBy: admin.userId,
      enrolledAt: new Date().toISOString(),
      revoked: null,
    });
    await hub.db.devices.bulkPut(senders.map(registry));

    // A device's HLC: its own node, a little after the hub's.
    const stamp = (device: string, i: number) => `${new Date(Date.now() + i).toISOString()}-0000-${device.replace(/-/g, '').slice(-16)}`;
    const bundles = senders.map((sender) => {
      const changes: SyncChange[] = [];
      for (let i = 0; i < rowsPerDevice; i += 1) {
        const hlc = stamp(sender.device.id, i);
        const household = sender.households[i % HOUSEHOLDS_PER_DEVICE]!;
        if (i < HOUSEHOLDS_PER_DEVICE) {
          changes.push({ table: 'households', id: household.id, op: 'put', hlc, row: { ...household, phone: '0480-11-1111', hlc }, base: household as never });
          continue;
        }
        const id = uuidv7();
        const row = {
          id,
          hlc,
          householdId: household.id,
          authorId: sender.worker,
          recordedOn: '2026-11-20',
          kind: 'visit',
          body: '家庭訪問。長男の就労について相談あり。',
        };
        changes.push({ table: 'caseRecords', id, op: 'put', hlc, row });
      }
      return { sender, changes };
    });

    const started = performance.now();
    const perDevice: ImportBenchResult['perDevice'] = [];
    let rows = 0;
    for (const { sender, changes } of bundles) {
      const t0 = performance.now();
      const report = await applyDeviceBundle(hub, admin, {
        header: {
          format: SYNC_FORMAT,
          version: SYNC_FORMAT_VERSION,
          officeId: 'office-1',
          sender: sender.device.id,
          recipient: hub.device.id,
          seq: 1,
          createdAt: new Date().toISOString(),
          hlcFrom: null,
          hlcTo: null,
          counts: {},
          compression: 'gzip',
        },
        payload: {
          kind: 'device',
          sentAt: Date.now(),
          changes,
          outboxThrough: changes.length,
          audit: [],
          linkage: [],
          appliedHubSeq: 0,
          erased: [],
          digest: { scope: '0'.repeat(64), cases: {} },
        },
        sender: registry(sender),
      });
      if (report.status !== 'applied') throw new Error(report.message);
      rows += report.rows.inserted + report.rows.updated;
      perDevice.push({ changes: changes.length, ms: performance.now() - t0 });
    }
    return { devices, perDevice, rows, totalMs: performance.now() - started };
  } finally {
    hub.close();
  }
}

export function formatImportBench(r: ImportBenchResult, where: string): string[] {
  return [
    ...r.perDevice.map((d, i) => `device ${i + 1}: ${d.changes} changes in ${(d.ms / 1000).toFixed(2)} s`),
    `hub import: ${r.rows} rows from ${r.devices} devices in ${(r.totalMs / 1000).toFixed(2)} s (${where})`,
  ];
}
