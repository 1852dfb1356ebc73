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

  /** Every 8-byte stretch of these: a part of a secret left in the heap is as bad as the whole. */
  const partsOf = (...secrets: Uint8Array[]) => secrets.flatMap((bytes) => Array.from({ length: bytes.length >> 3 }, (_, i) => bytes.slice(i * 8, i * 8 + 8)));

  test('serves every derivation in the same warm thread, and wipes what each left in its heap: Argon2id’s blocks, the passphrase, the key', async () => {
    const kdf = createWorkerKdf({ standby: argon2idPresets.INTERACTIVE });
    const secret = new TextEncoder().encode('a passphrase to look for afterwards');
    try {
      await kdf.prepare();
      const thread = kdf.diagnostics().standbyThreadId;
      const before = (await kdf.inspectStandby([]))!.nonZero;
      const key = await kdf.derive(secret.slice(), params(argon2idPresets.INTERACTIVE));
      expect(key).toEqual(await createInlineKdf().derive(secret.slice(), params(argon2idPresets.INTERACTIVE)));
      // Argon2id filled 64 MiB with blocks derived from the passphrase; after the wipe the heap is as it was but for
      // a few KiB (the scrubbing call's own frames and the allocator's bookkeeping).
      const left = (await kdf.inspectStandby(partsOf(secret, key)))!;
      expect(left.nonZero - before).toBeLessThan(16 * 1024);
      expect(left.found).not.toContain(true);
      // The retry after a mistyped passphrase: warm, in the same thread, with no heap growth.
      expect(await kdf.derive(passphrase(), params(argon2idPresets.INTERACTIVE))).toEqual(
        await createInlineKdf().derive(passphrase(), params(argon2idPresets.INTERACTIVE)),
      );
      expect(kdf.diagnostics()).toMatchObject({ standbyThreadId: thread, last: { warm: true } });
      expect(kdf.diagnostics().last?.heapAfter).toBe(kdf.diagnostics().last?.heapBefore);
    } finally {
      kdf.close();
    }
  }, 90_000);

  test('the inspection finds what a derivation leaves when nothing wipes it (the check above can fail)', async () => {
    // The library's own crypto_pwhash, as the worker called it before it wiped: the blocks and the key stay in the heap.
    const sodium = await loadSodium();
    const { opslimit, memlimit } = argon2idPresets.INTERACTIVE;
    const key = sodium.crypto_pwhash(32, passphrase(), new Uint8Array(16).fill(7), opslimit, memlimit, sodium.crypto_pwhash_ALG_ARGON2ID13);
    const heap = (sodium as unknown as { libsodium: { HEAPU8: Uint8Array } }).libsodium.HEAPU8;
    let nonZero = 0;
    for (const byte of heap) if (byte !== 0) nonZero++;
    expect(nonZero).toBeGreaterThan(memlimit / 2);
    expect(Buffer.from(heap.buffer, heap.byteOffset, heap.length).includes(Buffer.from(key.slice(0, 8)))).toBe(true);
  });

  test('derivations back to back, or at once, all run warm in the standby: each waits for the one before and its wipe', async () => {
    const kdf = createWorkerKdf({ standby: argon2idPresets.MIN });
    try {
      await kdf.prepare();
      const thread = kdf.diagnostics().standbyThreadId;
      const expected = await createInlineKdf().derive(passphrase(), params(argon2idPresets.MIN));
      // A passphrase change: the second derivation asked for the moment the first answers, while its heap is wiped.
      expect(await kdf.derive(passphrase(), params(argon2idPresets.MIN))).toEqual(expected);
      expect(await kdf.derive(passphrase(), params(argon2idPresets.MIN))).toEqual(expected);
      expect(kdf.diagnostics()).toMatchObject({ standbyThreadId: thread, last: { warm: true } });
      const both = await Promise.all([kdf.derive(passphrase(), params(argon2idPresets.MIN)), kdf.derive(passphrase(), params(argon2idPresets.MIN))]);
      expect(both).toEqual([expected, expected]);
      expect(kdf.diagnostics()).toMatchObject({ standbyThreadId: thread, last: { warm: true } });
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
