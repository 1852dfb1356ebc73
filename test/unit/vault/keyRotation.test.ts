import * as fsp from 'node:fs/promises';
import { describe, expect, test } from 'vitest';
import { createInlineKdf } from '../../../main/vault/kdf.js';
import { keystorePath } from '../../../main/vault/keystoreFile.js';
import type { Keystore } from '../../../main/vault/keystoreFormat.js';
import { openSlot, sealKey, keyCheck } from '../../../main/vault/keySlot.js';
import { passphraseBytes } from '../../../main/vault/passphrase.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import type { UnlockResult } from '../../../main/vault/vault.js';
import { ADMIN, CASEWORKER_PROFILE, initializedVault, STAFF } from './vaultFixtures.js';

const readStore = async (dataDir: string) => JSON.parse(await fsp.readFile(keystorePath(dataDir), 'utf8')) as Keystore;
const writeStore = (dataDir: string, store: unknown) => fsp.writeFile(keystorePath(dataDir), JSON.stringify(store));
const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');

function opened(result: UnlockResult) {
  if (!result.ok) throw new Error(`unlock failed: ${result.code} ${result.message}`);
  return result;
}

const SECOND = { userId: 'u-cw2', loginId: 'cw.suzuki', passphrase: 'green-window-by-the-river', profile: { ...CASEWORKER_PROFILE, displayName: '鈴木 次郎' } };

/** An office with an administrator and two caseworkers, all with slots made by this version (with key pairs). */
async function office() {
  const setup = await initializedVault();
  const first = opened(await setup.vault.unlock(ADMIN.loginId, ADMIN.passphrase));
  await setup.vault.addUser(STAFF);
  await setup.vault.addUser(SECOND);
  return { ...setup, originalDek: first.dek, originalKeyId: first.keyId };
}

describe('data key rotation', () => {
  test('every active user unlocks with the new key (and the previous one until the re-seal ends); slots are re-wrapped at that unlock', async () => {
    const { vault, dataDir, events, originalDek, originalKeyId } = await office();
    const rotated = await vault.rotateKey();
    expect(rotated.keyId).not.toBe(originalKeyId);
    expect(hex(rotated.dek)).not.toBe(hex(originalDek));
    expect(hex(rotated.previous.dek)).toBe(hex(originalDek));
    const store = await readStore(dataDir);
    expect(store.keyId).toBe(rotated.keyId);
    expect(store.rotation?.fromKeyId).toBe(originalKeyId);
    const text = JSON.stringify(store);
    for (const key of [rotated.dek, originalDek]) expect(text).not.toContain(Buffer.from(key).toString('base64'));
    // Nobody's passphrase was at hand: every slot still wraps the previous key and waits with a pending key.
    for (const user of store.users) expect(user.slot?.keyId).toBe(originalKeyId);
    expect(events.at(-1)).toMatchObject({
      type: 'keyRotationStarted',
      userId: ADMIN.userId,
      fromKeyId: originalKeyId,
      toKeyId: rotated.keyId,
      reason: 'manual',
    });

    for (const user of [STAFF, SECOND, ADMIN]) {
      const unlocked = opened(await vault.unlock(user.loginId, user.passphrase));
      expect(unlocked.keyId).toBe(rotated.keyId);
      expect(hex(unlocked.dek)).toBe(hex(rotated.dek));
      expect(unlocked.previous && { keyId: unlocked.previous.keyId, dek: hex(unlocked.previous.dek) }).toEqual({ keyId: originalKeyId, dek: hex(originalDek) });
    }
    const after = await readStore(dataDir);
    for (const user of after.users) {
      expect(user.slot?.keyId).toBeUndefined();
      expect(user.pendingKeys).toBeUndefined();
    }

    await vault.finishRotation({ keyId: rotated.keyId, rowsResealed: 42 });
    expect((await readStore(dataDir)).rotation).toBeUndefined();
    expect(events.at(-1)).toMatchObject({ type: 'keyRotationFinished', fromKeyId: originalKeyId, toKeyId: rotated.keyId, rowsResealed: 42 });
    const later = opened(await vault.unlock(STAFF.loginId, STAFF.passphrase));
    expect(later.previous).toBeNull();
    expect(hex(later.dek)).toBe(hex(rotated.dek));
  });

  test('the blind-index key and the office keys do not change with the data key', async () => {
    const { vault } = await office();
    const before = opened(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    const officeBefore = (await vault.officeKeys('admin')).keys;
    await vault.rotateKey();
    const after = opened(await vault.unlock(STAFF.loginId, STAFF.passphrase));
    expect(hex(after.blindKey)).toBe(hex(before.blindKey));
    opened(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    expect(JSON.stringify((await vault.officeKeys('admin')).keys)).toBe(JSON.stringify(officeBefore));
  });

  test('a user deactivated with rotation: their old slot never yields the new key; the choice is audited', async () => {
    const { vault, dataDir, events, originalDek, originalKeyId } = await office();
    const leaver = (await readStore(dataDir)).users.find((u) => u.userId === STAFF.userId)!;
    const rotated = await vault.deactivateUser(STAFF.userId, { rotateKey: true });
    expect(rotated).not.toBeNull();
    expect(events.slice(-2)).toMatchObject([
      { type: 'userDeactivated', userId: STAFF.userId, by: ADMIN.userId, rotateKey: true },
      { type: 'keyRotationStarted', fromKeyId: originalKeyId, toKeyId: rotated!.keyId, reason: 'deactivation' },
    ]);
    const store = await readStore(dataDir);
    expect(store.users.find((u) => u.userId === STAFF.userId)).toMatchObject({ status: 'deactivated', slot: null });
    expect(store.users.find((u) => u.userId === STAFF.userId)?.pendingKeys).toBeUndefined();

    // Their kept copy of the slot opens only the key they already had.
    const sodium = await loadSodium();
    const kept = await openSlot(sodium, createInlineKdf(), leaver.slot!, passphraseBytes(STAFF.passphrase), {
      userId: STAFF.userId,
      keyId: originalKeyId,
    });
    expect(hex(kept!.dek)).toBe(hex(originalDek));
    expect(hex(kept!.dek)).not.toBe(hex(rotated!.dek));
    // Planted back into the rotated key store, the old slot opens nothing: it is bound to the previous key id
    // and no pending key was sealed to it.
    store.users = store.users.map((u) => (u.userId === STAFF.userId ? leaver : u));
    await writeStore(dataDir, store);
    const attempt = await vault.unlock(STAFF.loginId, STAFF.passphrase);
    expect(attempt.ok).toBe(false);
    const planted = { ...leaver, slot: { ...leaver.slot!, keyId: originalKeyId } };
    store.users = store.users.map((u) => (u.userId === STAFF.userId ? planted : u));
    await writeStore(dataDir, store);
    expect(await vault.unlock(STAFF.loginId, STAFF.passphrase)).toMatchObject({ ok: false, code: 'KEYSTORE_DAMAGED' });

    // The other caseworker still gets the new key.
    expect(hex(opened(await vault.unlock(SECOND.loginId, SECOND.passphrase)).dek)).toBe(hex(rotated!.dek));
  });

  test('deactivation without rotation keeps the key; the choice is audited', async () => {
    const { vault, dataDir, events, originalKeyId } = await office();
    expect(await vault.deactivateUser(STAFF.userId)).toBeNull();
    expect((await readStore(dataDir)).keyId).toBe(originalKeyId);
    expect(events.at(-1)).toMatchObject({ type: 'userDeactivated', userId: STAFF.userId, rotateKey: false });
  });

  test('the recovery key opens the new key, and a reset passphrase unlocks with it', async () => {
    const { vault, dataDir, recoveryKey } = await office();
    const rotated = await vault.rotateKey();
    vault.lock();
    await vault.resetPassphraseWithRecovery(recoveryKey, STAFF.userId, 'a-brand-new-passphrase-2026');
    const staff = (await readStore(dataDir)).users.find((u) => u.userId === STAFF.userId)!;
    expect(staff.pendingKeys).toBeUndefined();
    expect(staff.slot?.keyId).toBeUndefined();
    const unlocked = opened(await vault.unlock(STAFF.loginId, 'a-brand-new-passphrase-2026'));
    expect(hex(unlocked.dek)).toBe(hex(rotated.dek));
  });

  test('a user who missed two rotations follows the chain of pending keys to the current key', async () => {
    const { vault, dataDir } = await office();
    const first = await vault.rotateKey();
    await vault.finishRotation({ keyId: first.keyId, rowsResealed: 0 });
    const second = await vault.rotateKey();
    expect((await readStore(dataDir)).users.find((u) => u.userId === STAFF.userId)?.pendingKeys).toHaveLength(2);
    const unlocked = opened(await vault.unlock(STAFF.loginId, STAFF.passphrase));
    expect(unlocked.keyId).toBe(second.keyId);
    expect(hex(unlocked.dek)).toBe(hex(second.dek));
    expect(unlocked.previous?.keyId).toBe(first.keyId);
  });

  test('a second rotation waits for the first re-seal; a slot without a key pair blocks it until that user unlocks; nothing changes on refusal', async () => {
    const { vault, dataDir } = await office();
    // A slot made before rotation existed has no key pair.
    const store = await readStore(dataDir);
    const legacy = store.users.find((u) => u.userId === SECOND.userId)!;
    delete legacy.slot!.box;
    await writeStore(dataDir, store);
    const before = await fsp.readFile(keystorePath(dataDir), 'utf8');
    await expect(vault.rotateKey()).rejects.toMatchObject({ code: 'ROTATION_BLOCKED', message: expect.stringContaining(SECOND.loginId) });
    await expect(vault.deactivateUser(STAFF.userId, { rotateKey: true })).rejects.toMatchObject({ code: 'ROTATION_BLOCKED' });
    expect(await fsp.readFile(keystorePath(dataDir), 'utf8')).toBe(before);

    opened(await vault.unlock(SECOND.loginId, SECOND.passphrase));
    expect((await readStore(dataDir)).users.find((u) => u.userId === SECOND.userId)?.slot?.box).toBeDefined();
    opened(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    const rotated = await vault.rotateKey();
    await expect(vault.rotateKey()).rejects.toMatchObject({ code: 'ROTATION_IN_PROGRESS' });
    expect(hex(opened(await vault.unlock(SECOND.loginId, SECOND.passphrase)).dek)).toBe(hex(rotated.dek));
  });

  test('a pending key forged without the previous key is refused', async () => {
    const { vault, dataDir } = await office();
    await vault.rotateKey();
    const sodium = await loadSodium();
    const store = await readStore(dataDir);
    const staff = store.users.find((u) => u.userId === STAFF.userId)!;
    // Anyone can seal to the slot's public key and write a matching key check, but not prove the previous key.
    const forged = sodium.randombytes_buf(32);
    staff.pendingKeys = [{ ...staff.pendingKeys![0]!, sealedKey: sealKey(sodium, forged, staff.slot!.box!.publicKey) }];
    store.keyCheck = keyCheck(sodium, forged);
    await writeStore(dataDir, store);
    expect(await vault.unlock(STAFF.loginId, STAFF.passphrase)).toMatchObject({ ok: false, code: 'KEYSTORE_DAMAGED' });
  });
});
