import { Dexie } from 'dexie';
import { verifyAuditChain } from '../../../renderer/data/audit.js';
import { openDatabase, type DataStore } from '../../../renderer/data/db.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { applySchema } from '../../../renderer/data/schema.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { generateTrainingHouseholds, type TrainingHousehold } from '../../../shared/training/trainingHouseholds.js';

/**
 * Households through the app's real write path, beside the raw bulk writes of the same rows. Runs in Chromium
 * against real IndexedDB (data-writes-chromium.bench.ts). Three figures for the same n training households:
 * - raw: `bulkPut` of the households, members, case notes and visit plans in transactions of 1,000 households —
 *   plain (no encryption middleware) and encrypted (sealed, but no outbox, audit or search tokens);
 * - real: `repos.training.seed` in batches as the 研修用データ panel writes them (row + hub outbox + audit + tokens);
 * and the single-row path (`repos.households.save`, `repos.members.save`, each its own transaction) for `single`
 * households, as the new-case form writes them. Prints figures; no thresholds.
 */

export interface WritePathResult {
  households: number;
  rows: number;
  rawPlainMs: number;
  rawEncryptedMs: number;
  trainingMs: number;
  trainingBatch: number;
  single: { households: number; householdSaveMs: number; memberSaveMs: number };
  /** After the real path: the audit chain verified, the outbox and audit sizes, a search that finds a training name. */
  checks: { chainOk: boolean; audit: number; hubOutbox: number; searchHits: number };
}

const ASSIGNEES = Array.from({ length: 40 }, (_, i) => `cw-${i}`);
const RAW_CHUNK = 1000;

function rawRows(households: readonly TrainingHousehold[]) {
  const clockless = { hlc: '0' };
  const rows = { households: [] as object[], members: [] as object[], caseRecords: [] as object[], visitPlans: [] as object[] };
  for (const { caseNumber, status, address, phone, assignedTo, members, records, visit } of households) {
    const householdId = uuidv7();
    rows.households.push({ id: householdId, ...clockless, officeId: 'office-bench', caseNumber, assignedTo, status, address, phone });
    for (const { name, kana, birthDate, sex, relation } of members) {
      rows.members.push({
        id: uuidv7(),
        ...clockless,
        householdId,
        name,
        kana,
        birthDate,
        sex,
        relation,
        myNumber: null,
        atenaNumber: null,
        nonDisclosure: false,
      });
    }
    for (const record of records) rows.caseRecords.push({ id: uuidv7(), ...clockless, householdId, authorId: assignedTo ?? 'admin', ...record });
    rows.visitPlans.push({ id: uuidv7(), ...clockless, householdId, grade: visit.grade, nextDueOn: visit.nextDueOn, note: '' });
  }
  return rows;
}

async function writeRaw(db: Dexie, households: readonly TrainingHousehold[]): Promise<number> {
  const started = performance.now();
  for (let i = 0; i < households.length; i += RAW_CHUNK) {
    const rows = rawRows(households.slice(i, i + RAW_CHUNK));
    await db.transaction('rw', ['households', 'members', 'caseRecords', 'visitPlans'], async () => {
      for (const [table, values] of Object.entries(rows)) await db.table(table).bulkPut(values);
    });
  }
  return performance.now() - started;
}

const open = (profile: 'hub' | 'office') =>
  openDatabase(crypto.getRandomValues(new Uint8Array(32)), { kid: 'bench', device: { id: uuidv7(), profile }, name: `bench-writes-${uuidv7()}` });

async function dropped(store: DataStore) {
  store.close();
  await store.db.delete();
}

export async function runWritePathBench(n: number, single: number, trainingBatch: number): Promise<WritePathResult> {
  const households = generateTrainingHouseholds({ seed: 16, count: n, assignees: ASSIGNEES, today: '2026-11-30' });
  const rows = households.reduce((sum, h) => sum + 2 + h.members.length + h.records.length, 0);

  const plain = new Dexie(`bench-writes-plain-${uuidv7()}`);
  applySchema(plain);
  await plain.open();
  const rawPlainMs = await writeRaw(plain, households);
  plain.close();
  await plain.delete();

  const sealed = await open('hub');
  const rawEncryptedMs = await writeRaw(sealed.db, households);
  await dropped(sealed);

  const hub = await open('hub');
  const admin: Session = { userId: 'admin-bench', role: 'systemAdmin', teamId: null, deviceProfile: 'hub' };
  const repos = createRepositories(hub);
  const t0 = performance.now();
  for (let i = 0; i < n; i += trainingBatch) await repos.training.seed(admin, 'office-bench', households.slice(i, i + trainingBatch));
  const trainingMs = performance.now() - t0;
  const verdict = await verifyAuditChain(hub);
  const audit = await hub.db.audit.count();
  const hubOutbox = await hub.db.outbox.where('stream').equals('hub').count();
  const manager: Session = { userId: 'manager-bench', role: 'manager', teamId: null, deviceProfile: 'hub' };
  const searchHits = (await repos.households.search(manager, households[Math.floor(n / 2)]!.members[0]!.kana)).length;
  await dropped(hub);

  const office = await open('office');
  const officeRepos = createRepositories(office);
  const cw: Session = { userId: 'cw-0', role: 'caseworker', teamId: null, deviceProfile: 'office' };
  let householdSaveMs = 0;
  let memberSaveMs = 0;
  for (const [i, { status, address, phone, members }] of households.slice(0, single).entries()) {
    const id = uuidv7();
    const s0 = performance.now();
    // A case number as an office issues them (the 研修 prefix is the training generator's alone).
    await officeRepos.households.save(cw, { id, officeId: 'office-bench', caseNumber: `K-${i + 1}`, assignedTo: cw.userId, status, address, phone });
    const s1 = performance.now();
    for (const { name, kana, birthDate, sex, relation } of members) {
      await officeRepos.members.save(cw, { id: uuidv7(), householdId: id, name, kana, birthDate, sex, relation, atenaNumber: null, nonDisclosure: false });
    }
    householdSaveMs += s1 - s0;
    memberSaveMs += performance.now() - s1;
  }
  await dropped(office);

  return {
    households: n,
    rows,
    rawPlainMs,
    rawEncryptedMs,
    trainingMs,
    trainingBatch,
    single: { households: single, householdSaveMs, memberSaveMs },
    checks: { chainOk: verdict.ok, audit, hubOutbox, searchHits },
  };
}
