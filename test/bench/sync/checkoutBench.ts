import type { Device } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { type BundleHeader, type HubPayload, SYNC_FORMAT, SYNC_FORMAT_VERSION } from '../../../shared/sync/bundleFormat.js';
import { type DataStore, openDatabase } from '../../../renderer/data/db.js';
import { applyHubBundle } from '../../../renderer/data/sync/deviceApply.js';
import { scopeDigest } from '../../../renderer/data/sync/digest.js';
import { buildHubPayload, hubPayloadCounts, recordHubBundleSent } from '../../../renderer/data/sync/returnBundle.js';

/**
 * A field laptop's first checkout of a caseload with 3 years of records, then an incremental round: the hub builds
 * the return (returnBundle.ts), the laptop applies it (deviceApply.ts). Runs wherever Dexie does: under
 * fake-indexeddb in Node (../sync-checkout.bench.ts) and in Chromium against real IndexedDB
 * (../sync-checkout-chromium.bench.ts). `gzip` gives the compressed size of a payload's JSON (node:zlib, or the
 * page's CompressionStream), what main compresses before sealing.
 */
export interface DexieEnvironment {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export interface RoundFigures {
  rows: number;
  buildMs: number;
  applyMs: number;
  status: string;
  jsonBytes: number;
  gzipBytes: number;
}

export interface CheckoutBenchResult {
  households: number;
  hubRows: number;
  seedMs: number;
  first: RoundFigures;
  incremental: RoundFigures;
}

const MONTHS = 36;
const key = () => Uint8Array.from({ length: 32 }, (_, i) => i + 7);

type Rows = Record<string, Record<string, unknown>[]>;
const append = (rows: Rows, table: string, ...added: Record<string, unknown>[]) => {
  rows[table] = [...(rows[table] ?? []), ...added];
};
const monthOf = (i: number) => `${2023 + Math.floor(i / 12)}-${String((i % 12) + 1).padStart(2, '0')}`;

/** One case with 3 years of records: 2 members, monthly calculations, payments and case records, quarterly visits, tickets, decisions, a debt. */
function caseRows(store: DataStore, assignedTo: string, n: number, records: boolean) {
  const stamp = () => store.clock.stamp();
  const householdId = uuidv7();
  const rows: Rows = {};
  const add = (table: string, row: Record<string, unknown>) => append(rows, table, { id: uuidv7(), hlc: stamp(), ...row });
  add('households', {
    id: householdId,
    officeId: 'o',
    caseNumber: `K-${n}`,
    assignedTo,
    status: 'active',
    address: `埼玉県加須市三俣${n}番地`,
    phone: '0480-00-0000',
  });
  const memberIds = [uuidv7(), uuidv7()];
  for (const [j, id] of memberIds.entries()) {
    add('members', {
      id,
      householdId,
      name: `世帯員 ${n}-${j}`,
      kana: `セタイイン ${n}-${j}`,
      birthDate: '1970-01-01',
      sex: j === 0 ? 'male' : 'female',
      relation: j === 0 ? 'head' : '妻',
      myNumber: '123456789018',
      atenaNumber: String(100000 + n),
      nonDisclosure: false,
    });
  }
  if (!records) return rows;
  add('visitPlans', { householdId, grade: 'B', nextDueOn: '2026-12-01', note: '' });
  add('debts', {
    householdId,
    kind: 'refund63',
    status: 'open',
    principal: 50000,
    schedule: [],
    decidedOn: '2024-04-01',
    basis: '63条',
    receipts: [],
    offsetRequest: null,
  });
  for (let m = 0; m < MONTHS; m += 1) {
    const month = monthOf(m);
    add('calculations', {
      householdId,
      month,
      minimumCost: 120000,
      recognizedIncome: 30000,
      benefit: 90000,
      breakdown: { lines: [{ label: '生活扶助', amount: 75000 }] },
    });
    add('payments', { householdId, month, payOn: `${month}-05`, status: 'paid', amount: 90000, method: 'transfer' });
    add('caseRecords', {
      householdId,
      authorId: assignedTo,
      recordedOn: `${month}-15`,
      kind: 'call',
      body: `${month} 電話連絡。体調と就労状況を確認。特記事項なし。`,
    });
    if (m % 3 === 0)
      add('caseRecords', {
        householdId,
        authorId: assignedTo,
        recordedOn: `${month}-20`,
        kind: 'visit',
        body: `${month} 家庭訪問。生活状況を確認し、今後の方針を説明した。`,
      });
    if (m % 2 === 0)
      add('medicalTickets', {
        householdId,
        memberId: memberIds[0],
        month,
        kind: 'medical',
        status: 'issued',
        institution: '加須市立病院',
        payerNumber: '12110000',
        recipientNumber: '1234567',
        copayment: 0,
        validUntil: `${month}-28`,
      });
    if (m % 6 === 0)
      add('decisions', {
        householdId,
        applicationId: null,
        kind: m === 0 ? 'start' : 'change',
        stage: 'approved',
        draftedBy: assignedTo,
        history: [],
        effectiveOn: `${month}-01`,
        supersedes: null,
        calculationId: null,
        aids: ['living', 'housing'],
        reasons: '収入認定額の変更',
      });
  }
  return rows;
}

async function seed(hub: DataStore, caseworker: string, households: number) {
  let count = 0;
  await hub.db.users.bulkPut([
    { id: caseworker, officeId: 'o', teamId: 't1', role: 'caseworker', status: 'active', name: '担当A', hlc: hub.clock.stamp() },
    { id: 'cw-other', officeId: 'o', teamId: 't2', role: 'caseworker', status: 'active', name: '担当B', hlc: hub.clock.stamp() },
  ]);
  for (let from = 0; from < households * 2; from += 25) {
    const batch: Rows = {};
    for (let n = from; n < Math.min(from + 25, households * 2); n += 1) {
      const mine = n < households;
      for (const [table, rows] of Object.entries(caseRows(hub, mine ? caseworker : 'cw-other', n, mine))) append(batch, table, ...rows);
    }
    for (const [table, rows] of Object.entries(batch)) {
      await hub.db.table(table).bulkPut(rows);
      count += rows.length;
    }
  }
  return count;
}

async function timed<T>(task: () => Promise<T>): Promise<[T, number]> {
  const start = performance.now();
  const result = await task();
  return [result, performance.now() - start];
}

/** Seeds `households` cases for the laptop's caseworker and as many for another, then times both rounds. */
export async function runCheckoutBench(env: DexieEnvironment, households: number, gzip: (text: string) => Promise<number>): Promise<CheckoutBenchResult> {
  const open = (profile: 'hub' | 'field') => openDatabase(key(), { kid: 'k1', device: { id: uuidv7(), profile }, name: `bench-sync-${uuidv7()}`, ...env });
  const hub = await open('hub');
  const laptop = await open('field');
  try {
    const caseworker = uuidv7();
    const [hubRows, seedMs] = await timed(() => seed(hub, caseworker, households));
    const device: Device = {
      id: laptop.device.id,
      officeId: 'o',
      profile: 'field',
      status: 'active',
      name: '訪問用PC',
      signPublicKey: 'AAAA',
      boxPublicKey: 'AAAA',
      userIds: [caseworker],
      caseloadUserIds: [caseworker],
      enrolledBy: 'admin',
      enrolledAt: new Date().toISOString(),
      revoked: null,
      hlc: hub.clock.stamp(),
    };
    await hub.db.devices.put(device);
    const admin = { userId: 'admin', role: 'systemAdmin' as const, teamId: null, deviceProfile: 'hub' as const };
    const worker = { userId: caseworker, role: 'caseworker' as const, teamId: 't1', deviceProfile: 'field' as const };
    const header = (seq: number, payload: HubPayload): BundleHeader => ({
      format: SYNC_FORMAT,
      version: SYNC_FORMAT_VERSION,
      officeId: 'o',
      sender: hub.device.id,
      recipient: laptop.device.id,
      seq,
      createdAt: new Date().toISOString(),
      hlcFrom: payload.since,
      hlcTo: payload.through,
      counts: hubPayloadCounts(payload),
      compression: 'gzip',
    });

    const round = async (seq: number): Promise<RoundFigures> => {
      const peer = (await hub.db.syncPeers.get(device.id)) ?? null;
      const [{ payload }, buildMs] = await timed(() => buildHubPayload(hub, admin, device, peer));
      await recordHubBundleSent(hub, admin, device.id, seq, payload);
      const json = JSON.stringify(payload);
      const gzipBytes = await gzip(json);
      const [result, applyMs] = await timed(() => applyHubBundle(laptop, worker, { header: header(seq, payload), payload }));
      // What the laptop's next bundle tells the hub: the cases it holds.
      const held = (await laptop.db.households.toCollection().primaryKeys()) as string[];
      const digest = await scopeDigest(laptop, 'field', held);
      const after = (await hub.db.syncPeers.get(device.id))!;
      await hub.db.syncPeers.put({ ...after, digest });
      const status = result.status === 'applied' ? `applied, digest ${result.digest.state}` : result.status;
      return { rows: payload.changes.length, buildMs, applyMs, status, jsonBytes: new TextEncoder().encode(json).length, gzipBytes };
    };

    const first = await round(1);
    // One case record per household edited on the hub.
    const notes = (await hub.db.caseRecords.limit(households * 4).toArray()).filter((_, i) => i % 4 === 0);
    await hub.db.caseRecords.bulkPut(notes.map((note) => ({ ...note, body: `${note.body}（追記）`, hlc: hub.clock.stamp() })));
    const incremental = await round(2);
    return { households, hubRows, seedMs, first, incremental };
  } finally {
    hub.close();
    laptop.close();
  }
}

const s = (value: number) => `${(value / 1000).toFixed(2)} s`;
const mib = (bytes: number) => `${(bytes / 1024 / 1024).toFixed(1)} MiB`;

export function formatCheckoutBench(r: CheckoutBenchResult, where: string): string[] {
  const line = (label: string, f: RoundFigures) => [
    `${label}: ${f.rows} rows; hub build ${s(f.buildMs)}, laptop apply ${s(f.applyMs)} (${f.status})`,
    ...(f.rows > 0
      ? [`  payload ${mib(f.jsonBytes)} JSON, ${mib(f.gzipBytes)} gzip: ${(f.gzipBytes / 1024 / (f.rows / 1000)).toFixed(0)} KiB per 1,000 rows`]
      : []),
  ];
  return [
    `sync checkout (${where}): ${r.hubRows} rows on the hub (${r.households} households in the laptop's scope with ${MONTHS} months of records, ${r.households} outside it), seeded in ${s(r.seedMs)}`,
    ...line(`  first checkout (${r.households} households)`, r.first),
    ...line('  incremental (one changed case record per household)', r.incremental),
  ];
}
