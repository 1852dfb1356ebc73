import { expect, test } from 'vitest';
import { argon2idPresets, createInlineKdf, createWorkerKdf, type KdfParams } from '../../../main/vault/kdf.js';
import { loadSodium } from '../../../main/vault/sodium.js';

test('the presets are libsodium’s', async () => {
  const sodium = await loadSodium();
  for (const level of ['MIN', 'INTERACTIVE', 'MODERATE', 'SENSITIVE'] as const) {
    expect(argon2idPresets[level]).toEqual({
      opslimit: sodium[`crypto_pwhash_OPSLIMIT_${level}`],
      memlimit: sodium[`crypto_pwhash_MEMLIMIT_${level}`],
    });
  }
});

const params = (cost: { opslimit: number; memlimit: number }): KdfParams => ({ alg: 'argon2id13', salt: new Uint8Array(16).fill(7), ...cost });
const passphrase = () => new TextEncoder().encode('correct horse battery staple');

test('the worker derives the same key as the library on this thread', async () => {
  const inThread = await createInlineKdf().derive(passphrase(), params(argon2idPresets.MIN));
  const inWorker = await createWorkerKdf().derive(passphrase(), params(argon2idPresets.MIN));
  expect(inWorker).toEqual(inThread);
  expect(inWorker).toHaveLength(32);
});

test('the worker keeps the main thread free during an INTERACTIVE derivation', async () => {
  let ticks = 0;
  const timer = setInterval(() => ticks++, 5);
  try {
    await createWorkerKdf().derive(passphrase(), params(argon2idPresets.INTERACTIVE));
  } finally {
    clearInterval(timer);
  }
  expect(ticks).toBeGreaterThan(5);
});

test('a derivation the library refuses is a rejection, not a hang', async () => {
  await expect(createWorkerKdf().derive(passphrase(), params({ opslimit: 0, memlimit: 8192 }))).rejects.toThrow('鍵の導出に失敗しました');
});
