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
const workerSource = `
const { parentPort, workerData } = require('node:worker_threads');
const sodium = require(workerData.sodiumPath);
sodium.ready.then(() => {
  const { passphrase, salt, opslimit, memlimit, keyBytes } = workerData;
  try {
    const key = sodium.crypto_pwhash(keyBytes, passphrase, salt, opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    sodium.memzero(passphrase);
    parentPort.postMessage({ key }, [key.buffer]);
  } catch (error) {
    sodium.memzero(passphrase);
    parentPort.postMessage({ error: String(error && error.message || error) });
  }
});
`;

/**
 * Runs each derivation in a short-lived worker thread: the main process stays responsive during the ~0.6 s
 * MODERATE derivation, and the 256 MiB of WebAssembly memory Argon2id grows (which never shrinks) goes away
 * with the worker instead of staying in the main process.
 */
export function createWorkerKdf(): Kdf {
  const sodiumPath = createRequire(import.meta.url).resolve('libsodium-wrappers-sumo');
  return {
    derive(passphrase, params) {
      return new Promise((resolve, reject) => {
        // workerData is a structured clone: the worker wipes its copy, the caller wipes the original.
        const worker = new Worker(workerSource, {
          eval: true,
          workerData: { sodiumPath, passphrase, salt: params.salt, opslimit: params.opslimit, memlimit: params.memlimit, keyBytes: KEK_BYTES },
        });
        let settled = false;
        const finish = (action: () => void) => {
          if (settled) return;
          settled = true;
          void worker.terminate();
          action();
        };
        worker.once('message', (reply: { key?: Uint8Array; error?: string }) =>
          finish(() => (reply.key ? resolve(reply.key) : reject(new Error(`鍵の導出に失敗しました: ${reply.error ?? '不明な理由'}`)))),
        );
        worker.once('error', (error) => finish(() => reject(error)));
        worker.once('exit', (code) => finish(() => reject(new Error(`鍵導出のワーカーが終了しました (code ${code})`))));
      });
    },
  };
}
