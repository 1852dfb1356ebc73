import { Dexie } from 'dexie';
import { openDatabase } from '../../../renderer/data/db.js';
import { applySchema } from '../../../renderer/data/schema.js';
import { type Sodium, sodiumModule } from '../../../shared/crypto/sodium.js';
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
  /**
   * CPU time so far of the page's main thread, in ms (Chromium: read by the launcher from /proc). Wall times on a
   * shared machine mostly measure the wait for CPU; this shows what each read costs the page itself.
   */
  cpuMs?: () => Promise<number>;
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
  /** The main thread's CPU time of the same four reads, and of the AEAD floor the cipher alone (no UTF-8, no JSON). */
  cpu?: { encryptedMs: number; plainMs: number; rawIndexedDbMs: number; rawAeadMs: number; cipherMs: number };
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

/** Wall time of `work`, and its main-thread CPU time where the environment can tell. */
async function timed<T>(env: DexieEnvironment, work: () => Promise<T> | T): Promise<{ ms: number; cpuMs: number; value: T }> {
  const cpu0 = await env.cpuMs?.();
  const start = performance.now();
  const value = await work();
  const ms = performance.now() - start;
  const cpu1 = await env.cpuMs?.();
  return { ms: Math.round(ms), cpuMs: cpu0 === undefined || cpu1 === undefined ? Number.NaN : Math.round(cpu1 - cpu0), value };
}

async function measure(env: DexieEnvironment, db: Dexie & Tables, data: ReturnType<typeof fixtures>) {
  const start = performance.now();
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
  const read = await timed(env, () => Promise.all([db.households.toArray(), db.members.toArray()]));
  const [households, members] = read.value;
  if (households.length !== data.households.length || members.length !== data.members.length) throw new Error('bench read back the wrong count');
  return { writeMs: Math.round(writeMs), readMs: read.ms, readCpuMs: read.cpuMs };
}

export async function runDataBench(env: DexieEnvironment = {}, n = 10_000): Promise<DataBenchResult> {
  const data = fixtures(n);
  const suffix = uuidv7();
  const dexieEnv = { ...(env.indexedDB && { indexedDB: env.indexedDB }), ...(env.IDBKeyRange && { IDBKeyRange: env.IDBKeyRange }) };
  const plainDb = new Dexie(`bench-plain-${suffix}`, dexieEnv) as Dexie & Tables;
  applySchema(plainDb);
  await plainDb.open();
  const { readCpuMs: plainCpuMs, ...plain } = await measure(env, plainDb, data);
  plainDb.close();
  await Dexie.delete(plainDb.name);

  const key = new Uint8Array(32).fill(7);
  const store = await openDatabase(key, { kid: 'bench', device: { id: uuidv7(), profile: 'office' }, name: `bench-enc-${suffix}`, ...dexieEnv });
  const { readCpuMs: encryptedCpuMs, ...encrypted } = await measure(env, store.db, data);
  const rawIndexedDb = await timed(env, () => rawGetAll(store.db.backendDB(), ['households', 'members']));
  store.close();
  await store.db.delete();
  const rows = [...data.households, ...data.members];
  const rawAead = await timed(env, rawAeadOpen(store.sodium, rows, true));
  const cipher = await timed(env, rawAeadOpen(store.sodium, rows, false));
  return {
    households: n,
    members: data.members.length,
    encrypted,
    plain,
    floor: { rawIndexedDbMs: rawIndexedDb.ms, rawAeadMs: rawAead.ms },
    ...(env.cpuMs && {
      cpu: { encryptedMs: encryptedCpuMs, plainMs: plainCpuMs, rawIndexedDbMs: rawIndexedDb.cpuMs, rawAeadMs: rawAead.cpuMs, cipherMs: cipher.cpuMs },
    }),
  };
}

/** Both stores read whole with IndexedDB's own API, in one transaction, as the encrypted read reads them. */
function rawGetAll(idb: IDBDatabase, stores: string[]): Promise<number[]> {
  const tx = idb.transaction(stores, 'readonly');
  const reads = stores.map(
    (name) =>
      new Promise<number>((resolve, reject) => {
        const request = tx.objectStore(name).getAll();
        request.onsuccess = () => resolve(request.result.length);
        request.onerror = () => reject(request.error);
      }),
  );
  return Promise.all(reads);
}

/**
 * The rows' JSON sealed here (untimed); the returned work opens them (and, with `parse`, decodes and parses each) by
 * calling libsodium's WebAssembly export directly, one buffer for the run and the associated data already in bytes:
 * the cipher with no wrapper around it, whatever the data layer does.
 */
function rawAeadOpen(sodium: Sodium, rows: readonly object[], parse: boolean): () => void {
  const key = new Uint8Array(32).fill(9);
  const utf8 = new TextEncoder();
  const fromUtf8 = new TextDecoder();
  const sealed = rows.map((row, i) => {
    const associatedData = utf8.encode(JSON.stringify(['members', `id-${i}`, 'bench', 1, ['h']]));
    const nonce = crypto.getRandomValues(new Uint8Array(24));
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(utf8.encode(JSON.stringify(row)), associatedData, null, nonce, key);
    return { associatedData, sealed: Uint8Array.from([...nonce, ...ciphertext]) };
  });
  return () => {
    const lib = sodiumModule(sodium);
    const largest = sealed.reduce((most, s) => Math.max(most, s.sealed.length + s.associatedData.length), 0);
    const base = lib._malloc(32 + 2 * largest);
    const heap = lib.HEAPU8;
    heap.set(key, base);
    const sealedAt = base + 32;
    try {
      for (const { associatedData, sealed: message } of sealed) {
        const dataAt = sealedAt + message.length;
        const plainAt = dataAt + associatedData.length;
        heap.set(message, sealedAt);
        heap.set(associatedData, dataAt);
        const length = message.length - 24;
        if (lib._crypto_aead_xchacha20poly1305_ietf_decrypt(plainAt, 0, 0, sealedAt + 24, length, 0, dataAt, associatedData.length, 0, sealedAt, base) !== 0)
          throw new Error('bench: a sealed row did not open');
        if (parse) JSON.parse(fromUtf8.decode(heap.subarray(plainAt, plainAt + length - 16)));
      }
    } finally {
      heap.fill(0, base, base + 32 + 2 * largest);
      lib._free(base);
    }
  };
}

export function formatDataBench({ households, encrypted, plain, floor, cpu }: DataBenchResult): string[] {
  const overhead = (enc: number, pl: number) => `${pl > 0 ? Math.round(((enc - pl) / pl) * 100) : 0}%`;
  const ratio = (a: number, b: number) => (b > 0 ? (a / b).toFixed(2) : '—');
  const physical = floor.rawIndexedDbMs + floor.rawAeadMs;
  return [
    `data: write ${households} households encrypted ${encrypted.writeMs} ms / plain ${plain.writeMs} ms (overhead ${overhead(encrypted.writeMs, plain.writeMs)})`,
    `data: read ${households} households encrypted ${encrypted.readMs} ms / plain Dexie ${plain.readMs} ms / raw IndexedDB getAll ${floor.rawIndexedDbMs} ms / raw AEAD open ${floor.rawAeadMs} ms` +
      ` — encrypted ${ratio(encrypted.readMs, plain.readMs)} × plain (goal ≤ 1.3), ${ratio(encrypted.readMs, physical)} × (raw IndexedDB + raw AEAD) (goal ≤ 1.5)`,
    ...(cpu
      ? [
          `data: read, the page's main-thread CPU: encrypted ${cpu.encryptedMs} ms / plain Dexie ${cpu.plainMs} ms / raw IndexedDB getAll ${cpu.rawIndexedDbMs} ms / raw AEAD open ${cpu.rawAeadMs} ms (cipher alone ${cpu.cipherMs} ms)` +
            ` — encrypted ${ratio(cpu.encryptedMs, cpu.plainMs)} × plain, ${ratio(cpu.encryptedMs, cpu.rawIndexedDbMs + cpu.rawAeadMs)} × (raw IndexedDB + raw AEAD)`,
        ]
      : []),
  ];
}
