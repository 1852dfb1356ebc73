import { Dexie } from 'dexie';
import { openDatabase } from '../../../renderer/data/db.js';
import { applySchema } from '../../../renderer/data/schema.js';
import type { Sodium } from '../../../shared/crypto/sodium.js';
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
  /**
   * The floor under the encrypted read: IndexedDB's own `getAll` of the same stored (sealed) rows, no Dexie; and
   * XChaCha20-Poly1305 opening the same rows' JSON, sealed in this page, plus JSON.parse — no IndexedDB.
   */
  floor: { rawIndexedDbMs: number; rawAeadMs: number };
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
  const rawIndexedDbMs = await rawGetAll(store.db.backendDB(), ['households', 'members']);
  store.close();
  await store.db.delete();
  const rawAeadMs = rawAeadOpen(store.sodium, [...data.households, ...data.members]);
  return { households: n, members: data.members.length, encrypted, plain, floor: { rawIndexedDbMs, rawAeadMs } };
}

/** Both stores read whole with IndexedDB's own API, in one transaction, as the encrypted read reads them. */
function rawGetAll(idb: IDBDatabase, stores: string[]): Promise<number> {
  const start = performance.now();
  const tx = idb.transaction(stores, 'readonly');
  const reads = stores.map(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = tx.objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result.length);
        request.onerror = () => reject(request.error);
      }),
  );
  return Promise.all(reads).then(() => Math.round(performance.now() - start));
}

/** The rows' JSON sealed here (untimed), then opened and parsed (timed): the cipher's share of a read. */
function rawAeadOpen(sodium: Sodium, rows: readonly object[]): number {
  const key = new Uint8Array(32).fill(9);
  const utf8 = new TextEncoder();
  const fromUtf8 = new TextDecoder();
  const sealed = rows.map((row, i) => {
    const associatedData = utf8.encode(JSON.stringify(['members', `id-${i}`, 'bench', 1, ['h']]));
    const nonce = crypto.getRandomValues(new Uint8Array(24));
    return { nonce, associatedData, c: sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(utf8.encode(JSON.stringify(row)), associatedData, null, nonce, key) };
  });
  const start = performance.now();
  for (const { nonce, associatedData, c } of sealed)
    JSON.parse(fromUtf8.decode(sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, c, associatedData, nonce, key)));
  return Math.round(performance.now() - start);
}

export function formatDataBench({ households, encrypted, plain, floor }: DataBenchResult): string[] {
  const overhead = (enc: number, pl: number) => `${pl > 0 ? Math.round(((enc - pl) / pl) * 100) : 0}%`;
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
  const physical = floor.rawIndexedDbMs + floor.rawAeadMs;
  return [
    `data: write ${households} households encrypted ${encrypted.writeMs} ms / plain ${plain.writeMs} ms (overhead ${overhead(encrypted.writeMs, plain.writeMs)})`,
    `data: read ${households} households encrypted ${encrypted.readMs} ms / plain Dexie ${plain.readMs} ms / raw IndexedDB getAll ${floor.rawIndexedDbMs} ms / raw AEAD open ${floor.rawAeadMs} ms` +
      ` — encrypted ${ratio(encrypted.readMs, plain.readMs)} × plain (goal ≤ 1.3), ${ratio(encrypted.readMs, physical)} × (raw IndexedDB + raw AEAD) (goal ≤ 1.5)`,
  ];
}
