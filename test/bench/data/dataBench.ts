import { Dexie } from 'dexie';
import { openDatabase } from '../../../renderer/data/db.js';
import { applySchema } from '../../../renderer/data/schema.js';
import type { Household, Member } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { createHlcClock } from '../../../shared/sync/hlc.js';

/**
 * Writes and reads n households (2–3 members each) through the encryption middleware and through the same
 * schema without it. Runs wherever Dexie does: under fake-indexeddb (data.bench.ts) and in Chromium (pass
 * nothing, or the page's own `indexedDB`/`IDBKeyRange`).
 */
export interface DexieEnvironment {
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
}

export interface DataBenchResult {
  households: number;
  members: number;
  encrypted: { writeMs: number; readMs: number };
  plain: { writeMs: number; readMs: number };
}

const CHUNK = 1000;

function fixtures(n: number) {
  const clock = createHlcClock({ node: '00000000000000be' });
  const households: Household[] = [];
  const members: Member[] = [];
  for (let i = 0; i < n; i += 1) {
    const id = uuidv7();
    households.push({
      id,
      hlc: clock.stamp(),
      officeId: 'o',
      caseNumber: `K-${i}`,
      assignedTo: `cw-${i % 40}`,
      status: 'active',
      address: `埼玉県加須市三俣${i}番地`,
      phone: null,
    });
    for (let j = 0; j < 2 + (i % 2); j += 1) {
      members.push({
        id: uuidv7(),
        hlc: clock.stamp(),
        householdId: id,
        name: `世帯員 ${i}-${j}`,
        kana: `セタイイン ${i}-${j}`,
        birthDate: '1980-01-01',
        sex: 'female',
        relation: j === 0 ? 'head' : '子',
        myNumber: '123456789018',
        atenaNumber: String(100000 + i),
        nonDisclosure: false,
      });
    }
  }
  return { households, members };
}

type Tables = { households: Dexie.Table; members: Dexie.Table };

async function measure(db: Dexie & Tables, data: ReturnType<typeof fixtures>) {
  let start = performance.now();
  // Chunked transactions, as an import or a bulk recalculation would write.
  for (let i = 0; i < data.households.length; i += CHUNK) {
    const households = data.households.slice(i, i + CHUNK);
    const ids = new Set(households.map((h) => h.id));
    await db.transaction('rw', db.households, db.members, async () => {
      await db.households.bulkPut(households);
      await db.members.bulkPut(data.members.filter((m) => ids.has(m.householdId)));
    });
  }
  const writeMs = performance.now() - start;
  start = performance.now();
  const [households, members] = await Promise.all([db.households.toArray(), db.members.toArray()]);
  const readMs = performance.now() - start;
  if (households.length !== data.households.length || members.length !== data.members.length) throw new Error('bench read back the wrong count');
  return { writeMs: Math.round(writeMs), readMs: Math.round(readMs) };
}

export async function runDataBench(env: DexieEnvironment = {}, n = 10_000): Promise<DataBenchResult> {
  const data = fixtures(n);
  const suffix = uuidv7();
  const plainDb = new Dexie(`bench-plain-${suffix}`, env) as Dexie & Tables;
  applySchema(plainDb);
  await plainDb.open();
  const plain = await measure(plainDb, data);
  plainDb.close();
  await Dexie.delete(plainDb.name);

  const key = new Uint8Array(32).fill(7);
  const store = await openDatabase(key, { kid: 'bench', device: { id: uuidv7(), profile: 'office' }, name: `bench-enc-${suffix}`, ...env });
  const encrypted = await measure(store.db, data);
  store.close();
  await store.db.delete();
  return { households: n, members: data.members.length, encrypted, plain };
}

export function formatDataBench({ households, encrypted, plain }: DataBenchResult): string[] {
  const overhead = (enc: number, pl: number) => `${pl > 0 ? Math.round(((enc - pl) / pl) * 100) : 0}%`;
  return [
    `data: write ${households} households encrypted ${encrypted.writeMs} ms / plain ${plain.writeMs} ms (overhead ${overhead(encrypted.writeMs, plain.writeMs)})`,
    `data: read ${households} households encrypted ${encrypted.readMs} ms / plain ${plain.readMs} ms (overhead ${overhead(encrypted.readMs, plain.readMs)})`,
  ];
}
