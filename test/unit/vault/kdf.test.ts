import { describe, expect, test } from 'vitest';
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

describe('the warm standby', () => {
  test('derives the same key, in a standby that was warm before the passphrase arrived', async () => {
    const kdf = createWorkerKdf({ standby: argon2idPresets.MIN });
    try {
      expect(kdf.diagnostics().standbyThreadId).toBeNull(); // nothing starts until the host asks
      await kdf.prepare();
      expect(kdf.diagnostics().standbyThreadId).not.toBeNull();
      const key = await kdf.derive(passphrase(), params(argon2idPresets.MIN));
      expect(key).toEqual(await createInlineKdf().derive(passphrase(), params(argon2idPresets.MIN)));
      expect(kdf.diagnostics().last?.warm).toBe(true);
    } finally {
      kdf.close();
    }
  });

  test('reserves enough heap that Argon2id never grows it while the user waits', async () => {
    const kdf = createWorkerKdf({ standby: argon2idPresets.INTERACTIVE });
    try {
      expect(await kdf.prepare()).toBeGreaterThanOrEqual(argon2idPresets.INTERACTIVE.memlimit);
      await kdf.derive(passphrase(), params(argon2idPresets.INTERACTIVE));
      const { last } = kdf.diagnostics();
      expect(last?.warm).toBe(true);
      expect(last?.heapAfter).toBe(last?.heapBefore);
    } finally {
      kdf.close();
    }
  });

  test('serves one derivation only: a new standby replaces it, so no Argon2id memory outlives its derivation', async () => {
    const kdf = createWorkerKdf({ standby: argon2idPresets.MIN, restandbyMs: 10 });
    try {
      await kdf.prepare();
      const first = kdf.diagnostics().standbyThreadId;
      await kdf.derive(passphrase(), params(argon2idPresets.MIN));
      expect(kdf.diagnostics().standbyThreadId).toBeNull();
      await new Promise((resolve) => setTimeout(resolve, 50));
      await kdf.prepare();
      const second = kdf.diagnostics().standbyThreadId;
      expect(second).not.toBeNull();
      expect(second).not.toBe(first);
      // A second derivation runs in the new standby and agrees with the first.
      expect(await kdf.derive(passphrase(), params(argon2idPresets.MIN))).toEqual(await createInlineKdf().derive(passphrase(), params(argon2idPresets.MIN)));
      expect(kdf.diagnostics().last?.warm).toBe(true);
    } finally {
      kdf.close();
    }
  });

  test('a derivation costlier than the standby runs in a fresh worker', async () => {
    const kdf = createWorkerKdf({ standby: argon2idPresets.MIN });
    try {
      await kdf.prepare();
      await kdf.derive(passphrase(), params(argon2idPresets.INTERACTIVE));
      expect(kdf.diagnostics().last?.warm).toBe(false);
    } finally {
      kdf.close();
    }
  });
});
