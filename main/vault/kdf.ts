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
// A worker serves exactly one derivation, then is terminated: Argon2id leaves its memory blocks in the WebAssembly
// heap (libsodium does not wipe them, and knowing them gives the key), and only ending the worker returns that
// memory to the system. Before the job arrives it may prepare: load libsodium, then reserve and touch `reserveBytes`
// of heap so Argon2id's allocation needs no growth and no first-touch page faults while the user waits.
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
sodium.ready.then(() => {
  const heap = sodium.libsodium;
  if (workerData.reserveBytes > 0) {
    const at = heap._malloc(workerData.reserveBytes);
    if (at) {
      heap.HEAPU8.fill(0, at, at + workerData.reserveBytes);
      heap._free(at);
    }
  }
  parentPort.postMessage({ ready: true, heapBytes: heap.HEAPU8.length });
  parentPort.once('message', ({ passphrase, salt, opslimit, memlimit, keyBytes }) => {
    try {
      const key = sodium.crypto_pwhash(keyBytes, passphrase, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
      sodium.memzero(passphrase);
      parentPort.postMessage({ key, heapBytes: heap.HEAPU8.length }, [key.buffer]);
    } catch (error) {
      sodium.memzero(passphrase);
      parentPort.postMessage({ error: String(error && error.message || error) });
    }
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

function runJob(entry: KdfWorker, passphrase: Uint8Array, params: KdfParams): Promise<{ key: Uint8Array; heapBytes: number }> {
  const { worker } = entry;
  return new Promise((resolve, reject) => {
    let settled = false;
    const finish = (action: () => void) => {
      if (settled) return;
      settled = true;
      worker.removeAllListeners();
      void worker.terminate();
      action();
    };
    entry.ready.then(
      () => {
        worker.on('message', (reply: { key?: Uint8Array; heapBytes?: number; error?: string }) =>
          finish(() =>
            reply.key
              ? resolve({ key: reply.key, heapBytes: reply.heapBytes ?? 0 })
              : reject(new Error(`鍵の導出に失敗しました: ${reply.error ?? '不明な理由'}`)),
          ),
        );
        worker.once('error', (error) => finish(() => reject(error)));
        worker.once('exit', (code) => finish(() => reject(new Error(`鍵導出のワーカーが終了しました (code ${code})`))));
        // A structured clone: the worker wipes its copy, the caller wipes the original.
        worker.postMessage({ passphrase, salt: params.salt, opslimit: params.opslimit, memlimit: params.memlimit, keyBytes: KEK_BYTES });
      },
      (error: unknown) => finish(() => reject(error)),
    );
  });
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
};

/**
 * Runs each derivation in its own worker thread: the main process stays responsive during the ~0.6 s MODERATE
 * derivation, and the Argon2id memory goes away with the worker instead of staying in the main process.
 *
 * With `standby`, one worker is kept warm for the next derivation: libsodium loaded and compiled, and its heap grown
 * and touched to the standby cost's memlimit. That takes the worker start, libsodium's start and the heap's growth
 * out of unlock, and costs the standby's resident memory for the whole app run: at MODERATE ≈ 275 MiB (a 260 MiB
 * WebAssembly heap, 256 MiB of it for Argon2id, plus the worker's isolate), at INTERACTIVE ≈ 75 MiB; the vault bench
 * prints the measured figures. Nothing secret is ever in a standby: it is replaced by a new one `restandbyMs` after
 * each derivation (not at once, so as not to compete with opening the database just after unlock).
 */
export function createWorkerKdf(options: { standby?: Argon2idCost; restandbyMs?: number } = {}): WorkerKdf {
  const sodiumPath = createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
  const { standby: standbyCost, restandbyMs = 5_000 } = options;
  let standby: KdfWorker | null = null;
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

  return {
    prepare,
    close() {
      clearTimeout(timer);
      if (standby) void standby.worker.terminate();
      standby = null;
    },
    diagnostics: () => ({ standbyThreadId: standby && !standby.broken ? standby.worker.threadId : null, last }),
    derive(passphrase, params) {
      // The standby if it is warm or warming and its reserve fits this derivation; a new worker otherwise.
      const fits = standby !== null && !standby.broken && standbyCost !== undefined && reserveFor(standbyCost) >= params.memlimit;
      const entry = fits ? standby! : startWorker(sodiumPath, 0);
      if (fits) standby = null;
      entry.worker.ref();
      const done = Promise.all([entry.ready.catch(() => 0), runJob(entry, passphrase, params)]).then(([heapBefore, { key, heapBytes }]) => {
        last = { warm: fits, heapBefore, heapAfter: heapBytes };
        return key;
      });
      if (standbyCost) {
        clearTimeout(timer);
        timer = setTimeout(() => void prepare().catch(() => {}), restandbyMs);
        timer.unref();
      }
      return done;
    },
  };
}
