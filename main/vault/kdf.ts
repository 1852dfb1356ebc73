import { createRequire } from 'node:module';
import { Worker } from 'node:worker_threads';
import { loadSodium } from './sodium.js';

/**
 * Argon2id cost presets, libsodium's values (checked against the library in the tests). They are constants
 * here because the library only exposes them after `ready`, and policies are built before that.
 */
export const argon2idPresets = {
  MIN: { opslimit: 1, memlimit: 8192 },
  INTERACTIVE: { opslimit: 2, memlimit: 64 * 1024 * 1024 },
  MODERATE: { opslimit: 3, memlimit: 256 * 1024 * 1024 },
  SENSITIVE: { opslimit: 4, memlimit: 1024 * 1024 * 1024 },
} as const;
export type Argon2idCost = { opslimit: number; memlimit: number };

/** Everything needed to derive the same key again; stored beside each wrapped key. */
export type KdfParams = Argon2idCost & { alg: 'argon2id13'; salt: Uint8Array };

const KEK_BYTES = 32;
export const SALT_BYTES = 16;

/**
 * Derives a key-encryption key from passphrase bytes. A port so that the vault can be driven by the worker
 * implementation in the app and, where a test wants it, by the in-thread one.
 */
export type Kdf = { derive(passphrase: Uint8Array, params: KdfParams): Promise<Uint8Array> };

/** Runs Argon2id on the calling thread. Blocks it for the whole derivation: tests and benchmarks only. */
export function createInlineKdf(): Kdf {
  return {
    async derive(passphrase, params) {
      const sodium = await loadSodium();
      return sodium.crypto_pwhash(KEK_BYTES, passphrase, params.salt, params.opslimit, params.memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    },
  };
}

// The worker's source travels as a string (`eval: true`) so that the same code runs from compiled JS in
// dist/node, under tsx and under vitest, with no separate worker file to build, copy or resolve. It loads
// libsodium from the absolute path resolved here, so the worker's working folder does not matter.
//
// Before a job arrives it may prepare: load libsodium, then reserve and touch `reserveBytes` of heap so that
// Argon2id's allocation needs no growth and no first-touch page faults while the user waits (on these machines the
// faults cost as much as the derivation). Argon2id leaves its memory blocks in the heap (libsodium does not wipe them,
// and knowing them gives the key), and the wrapper's `crypto_pwhash` frees its copy of the passphrase unwiped; so the
// worker calls the C function with copies of its own, zeroes them and the key, and after replying zeroes the whole
// reserve, in which Argon2id's blocks were. It then says whether it can vouch for that: the allocator handed back the
// same reserve (so the blocks, allocated from the same free memory, lay inside it) and the heap did not grow.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
sodium.ready.then(() => {
  const heap = sodium.libsodium;
  const { reserveBytes } = workerData;
  const zeroed = (length) => {
    const at = heap._malloc(length);
    if (at) {
      heap.HEAPU8.fill(0, at, at + length);
      heap._free(at);
    }
    return at;
  };
  // Warming needs only each page written once (fresh WebAssembly memory is already zero): the page faults are the
  // cost to take before the user waits; a full fill would add a 256 MiB memset.
  const touched = (length) => {
    const at = heap._malloc(length);
    if (at) {
      for (let page = at; page < at + length; page += 4096) heap.HEAPU8[page] = 0;
      heap._free(at);
    }
    return at;
  };
  const reserveAt = reserveBytes > 0 ? touched(reserveBytes) : 0;
  const copyIn = (bytes) => {
    const at = heap._malloc(Math.max(1, bytes.length));
    heap.HEAPU8.set(bytes, at);
    return at;
  };
  const scrub = () => {
    const dummy = heap._malloc(64);
    heap.HEAPU8.fill(0, dummy, dummy + 64);
    heap._crypto_pwhash(dummy + 32, 32, 0, dummy, 16, 0, dummy + 16, 1, 0, 8192, sodium.crypto_pwhash_ALG_ARGON2ID13);
    heap.HEAPU8.fill(0, dummy, dummy + 64);
    heap._free(dummy);
  };
  parentPort.postMessage({ ready: true, heapBytes: heap.HEAPU8.length });
  parentPort.on('message', (job) => {
    if (job.inspect) {
      // Tests: what a derivation left in the heap — bytes not zero, and which of the given byte strings occur in it.
      const bytes = heap.HEAPU8;
      let nonZero = 0;
      for (let i = 0; i < bytes.length; i++) if (bytes[i] !== 0) nonZero++;
      const all = Buffer.from(bytes.buffer, bytes.byteOffset, bytes.length);
      parentPort.postMessage({ nonZero, found: job.inspect.map((needle) => all.includes(Buffer.from(needle))) });
      return;
    }
    const { passphrase, salt, opslimit, memlimit, keyBytes } = job;
    const heapBefore = heap.HEAPU8.length;
    const buffers = [[copyIn(passphrase), passphrase.length], [copyIn(salt), salt.length], [heap._malloc(keyBytes), keyBytes]];
    sodium.memzero(passphrase);
    const [[pw, pwLength], [saltAt], [out]] = buffers;
    let reply;
    try {
      // 64-bit arguments as (low, high) pairs; the memory limit is a size_t.
      const failed = heap._crypto_pwhash(out, keyBytes, 0, pw, pwLength, 0, saltAt, opslimit, 0, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13) !== 0;
      reply = failed ? { error: 'crypto_pwhash が失敗しました' } : { key: heap.HEAPU8.slice(out, out + keyBytes) };
    } catch (error) {
      reply = { error: String((error && error.message) || error) };
    }
    for (const [at, length] of buffers) {
      heap.HEAPU8.fill(0, at, at + length);
      heap._free(at);
    }
    reply.heapBytes = heap.HEAPU8.length;
    parentPort.postMessage(reply, reply.key ? [reply.key.buffer] : []);
    // The same call path once more with nothing secret (MIN cost) overwrites the stack frames the derivation left
    // behind (BLAKE2b's final block, which held the key, is not wiped by libsodium); then the reserve is zeroed.
    scrub();
    const wiped = reserveAt !== 0 && zeroed(reserveBytes) === reserveAt && heap.HEAPU8.length === heapBefore;
    parentPort.postMessage({ wiped });
  });
});
`;

/** Argon2id's allocation is memlimit plus a little (alignment, allocator headers); reserved with room to spare. */
const reserveFor = (cost: Argon2idCost) => cost.memlimit + 4 * 1024 * 1024;

type KdfWorker = {
  worker: Worker;
  /** Resolves with the worker's WebAssembly heap size once libsodium is loaded and the reserve touched. */
  ready: Promise<number>;
  broken: boolean;
};

function startWorker(sodiumPath: string, reserveBytes: number): KdfWorker {
  const worker = new Worker(workerSource, { eval: true, workerData: { sodiumPath, reserveBytes } });
  const entry: KdfWorker = { worker, ready: Promise.resolve(0), broken: false };
  entry.ready = new Promise((resolve, reject) => {
    worker.once('message', (reply: { heapBytes: number }) => resolve(reply.heapBytes));
    worker.once('error', reject);
    worker.once('exit', (code) => reject(new Error(`鍵導出のワーカーが終了しました (code ${code})`)));
  });
  entry.ready.catch(() => (entry.broken = true));
  // A standby that dies while waiting (it should not) is never handed a job.
  worker.once('exit', () => (entry.broken = true));
  return entry;
}

/**
 * One derivation in `entry`. `kept`: the worker stays for the next one if it then vouches that its heap is wiped;
 * otherwise (a one-off worker, or a wipe it cannot vouch for) it is ended, which returns its memory to the system.
 * `released` resolves once the worker is free again or ended.
 */
function runJob(
  entry: KdfWorker,
  passphrase: Uint8Array,
  params: KdfParams,
  kept: boolean,
): { result: Promise<{ key: Uint8Array; heapBytes: number }>; released: Promise<boolean> } {
  const { worker } = entry;
  let release: (keptAlive: boolean) => void = () => {};
  const released = new Promise<boolean>((resolve) => (release = resolve));
  const end = () => {
    worker.removeAllListeners();
    entry.broken = true;
    void worker.terminate();
    release(false);
  };
  const result = new Promise<{ key: Uint8Array; heapBytes: number }>((resolve, reject) => {
    let answered = false;
    const fail = (error: unknown) => {
      end();
      if (!answered) reject(error);
      answered = true;
    };
    const onExit = (code: number) => fail(new Error(`鍵導出のワーカーが終了しました (code ${code})`));
    const onMessage = (reply: { key?: Uint8Array; heapBytes?: number; error?: string; wiped?: boolean }) => {
      if ('wiped' in reply) {
        if (!reply.wiped) return end();
        worker.off('message', onMessage).off('error', fail).off('exit', onExit);
        return release(true);
      }
      answered = true;
      if (reply.key) resolve({ key: reply.key, heapBytes: reply.heapBytes ?? 0 });
      else reject(new Error(`鍵の導出に失敗しました: ${reply.error ?? '不明な理由'}`));
      if (!kept) end();
    };
    entry.ready.then(() => {
      worker.on('message', onMessage).once('error', fail).once('exit', onExit);
      // A structured clone: the worker wipes its copy, the caller wipes the original.
      worker.postMessage({ passphrase, salt: params.salt, opslimit: params.opslimit, memlimit: params.memlimit, keyBytes: KEK_BYTES });
    }, fail);
  });
  return { result, released };
}

/** The worker KDF, plus its warm standby (see createWorkerKdf). */
export type WorkerKdf = Kdf & {
  /**
   * Starts the standby worker now if there is none (idempotent); resolves once it is warm, with its WebAssembly heap
   * size in bytes. Hosts call it at start-up, once the window has loaded, so it is warm before the user has typed.
   */
  prepare(): Promise<number>;
  /** Ends the standby (tests, shutdown). */
  close(): void;
  /** For the bench and tests: the standby's thread, and how the last derivation ran (heap sizes in bytes). */
  diagnostics(): { standbyThreadId: number | null; last: { /** ran in the standby */ warm: boolean; heapBefore: number; heapAfter: number } | null };
  /**
   * Tests: once the standby is free again, what the last derivation left in its heap — how many bytes are not zero,
   * and which of `needles` occur anywhere in it. Null without a standby.
   */
  inspectStandby(needles: readonly Uint8Array[]): Promise<{ nonZero: number; found: boolean[] } | null>;
};

/**
 * Runs each derivation in a worker thread: the main process stays responsive during the ~0.6 s MODERATE derivation,
 * and Argon2id's memory is never in the main process.
 *
 * With `standby`, one worker is kept warm for the whole app run: libsodium loaded and compiled, and its heap grown
 * and touched to the standby cost's memlimit, so no unlock pays the worker start, libsodium's start or the heap's
 * growth — not the first after the host prepares it, nor a retry after a mistyped passphrase, nor the two derivations
 * of a passphrase change. After each derivation it wipes what the derivation left in its heap (see the worker source)
 * and is kept only if it vouches for the wipe; otherwise it is ended and a new standby is warmed `restandbyMs` later
 * (not at once, so as not to compete with opening the database just after unlock). It costs the standby's resident
 * memory for the app run: at MODERATE ≈ 275 MiB (a 260 MiB WebAssembly heap, 256 MiB of it for Argon2id, plus the
 * worker's isolate), at INTERACTIVE ≈ 80 MiB; the vault bench prints the measured figures. A derivation that arrives
 * while the standby is busy waits for it; one that does not fit its reserve runs in a one-off worker, ended after it.
 */
export function createWorkerKdf(options: { standby?: Argon2idCost; restandbyMs?: number } = {}): WorkerKdf {
  const sodiumPath = createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
  const { standby: standbyCost, restandbyMs = 5_000 } = options;
  let standby: KdfWorker | null = null;
  /** Settles when the standby has finished the last derivation handed to it (and wiped, or been ended). */
  let released: Promise<unknown> = Promise.resolve();
  let timer: NodeJS.Timeout | undefined;
  let last: ReturnType<WorkerKdf['diagnostics']>['last'] = null;

  const prepare = (): Promise<number> => {
    if (!standbyCost) return Promise.resolve(0);
    clearTimeout(timer);
    if (!standby || standby.broken) {
      standby = startWorker(sodiumPath, reserveFor(standbyCost));
      const { worker } = standby;
      // Once warm, a standby waiting for a job must not keep a process (the CLI, a test run) alive on its own.
      standby.ready.then(
        () => worker.unref(),
        () => {},
      );
    }
    return standby.ready;
  };

  /** A new standby, not at once: just after an unlock the database is opening. */
  const restandbyLater = () => {
    if (!standbyCost) return;
    clearTimeout(timer);
    timer = setTimeout(() => void prepare().catch(() => {}), restandbyMs);
    timer.unref();
  };

  return {
    prepare,
    close() {
      clearTimeout(timer);
      if (standby) void standby.worker.terminate();
      standby = null;
    },
    diagnostics: () => ({ standbyThreadId: standby && !standby.broken ? standby.worker.threadId : null, last }),
    async inspectStandby(needles) {
      await released;
      const entry = standby;
      if (!entry || entry.broken) return null;
      await entry.ready;
      return new Promise((resolve) => {
        entry.worker.once('message', resolve);
        entry.worker.postMessage({ inspect: needles });
      });
    },
    derive(passphrase, params) {
      const run = (entry: KdfWorker, kept: boolean) => {
        entry.worker.ref();
        const job = runJob(entry, passphrase, params, kept);
        return {
          released: job.released,
          key: Promise.all([entry.ready.catch(() => 0), job.result]).then(([heapBefore, { key, heapBytes }]) => {
            last = { warm: kept, heapBefore, heapAfter: heapBytes };
            return key;
          }),
        };
      };
      const entry = standby;
      if (entry === null || entry.broken || !standbyCost || reserveFor(standbyCost) < params.memlimit) {
        if (!standby || standby.broken) restandbyLater();
        return run(startWorker(sodiumPath, 0), false).key;
      }
      // In the standby, after whatever it is doing (warming, a derivation, the wipe after one): even a wait behind
      // a whole derivation costs less than a cold worker.
      const turn = released.then(() => {
        if (entry.broken) return run(startWorker(sodiumPath, 0), false);
        const job = run(entry, true);
        void job.released.then((keptAlive) => {
          if (keptAlive) return entry.worker.unref();
          if (standby === entry) standby = null;
          restandbyLater();
        });
        return job;
      });
      released = turn.then((job) => job.released);
      return turn.then((job) => job.key);
    },
  };
}
