import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { openBackup, sealBackup } from '../../../main/backup/backupFile.js';
import { createBackupService } from '../../../main/backup/backupService.js';
import type { AtomicWriteFs } from '../../../main/fs/atomicWrite.js';
import { keystorePath } from '../../../main/vault/keystoreFile.js';
import type { Keystore } from '../../../main/vault/keystoreFormat.js';
import { formatRecoveryKey, parseRecoveryKey } from '../../../main/vault/recoveryKey.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import { ADMIN, initializedVault, OFFICE, tempDir, testVault } from '../vault/vaultFixtures.js';

/** An office device with a key store, a database export and a backup of both. */
async function backedUp(databaseBytes = 200_000) {
  const office = await initializedVault();
  const database = new Uint8Array(randomBytes(databaseBytes));
  const backups = createBackupService({ dataDir: office.dataDir, clock: office.clock });
  const file = join(await tempDir(), 'seiho-2026-04-01.sdbak');
  const summary = await backups.createBackup(file, database);
  return { ...office, database, backups, file, summary };
}

/** A device to restore onto, already holding a key store of the same office (the "target"). */
async function target(source: Awaited<ReturnType<typeof backedUp>>) {
  const dataDir = await tempDir();
  await fsp.copyFile(keystorePath(source.dataDir), keystorePath(dataDir));
  // Make the target's key store differ from the backup's so "untouched" is observable.
  const setup = await testVault({ dataDir });
  expect((await setup.vault.unlock(ADMIN.loginId, 'wrong-passphrase-x')).ok).toBe(false);
  const before = await fsp.readFile(keystorePath(dataDir));
  return { dataDir, before, service: createBackupService({ dataDir, clock: source.clock }) };
}

async function expectUntouched(dataDir: string, before: Uint8Array) {
  expect(await fsp.readFile(keystorePath(dataDir))).toEqual(Buffer.from(before));
  expect(await fsp.readdir(dataDir)).toEqual(['keystore.json']);
}

describe('round trip', () => {
  test('restores the key store and returns the database export; the DEK still unlocks', async () => {
    const source = await backedUp();
    expect(source.summary).toMatchObject({ format: 'seiho-desk/backup', version: 1, office: OFFICE, createdAt: '2026-04-01T09:00:00.000Z' });
    const dek = await source.vault.unlock(ADMIN.loginId, ADMIN.passphrase);

    const fresh = await tempDir();
    const service = createBackupService({ dataDir: fresh, clock: source.clock });
    expect(await service.inspectBackup(source.file)).toMatchObject({ office: OFFICE, recoveryFingerprint: source.recoveryFingerprint });
    const restored = await service.restoreBackup(source.file, source.recoveryKey);
    expect(restored.database).toEqual(source.database);
    expect(await fsp.readFile(keystorePath(fresh))).toEqual(await fsp.readFile(keystorePath(source.dataDir)));
    const { vault } = await testVault({ dataDir: fresh });
    const again = await vault.unlock(ADMIN.loginId, ADMIN.passphrase);
    expect(again.ok && dek.ok && Buffer.from(again.dek).equals(Buffer.from(dek.dek))).toBe(true);
  });

  test('an empty database export round trips too', async () => {
    const source = await backedUp(0);
    const restored = await createBackupService({ dataDir: await tempDir(), clock: source.clock }).restoreBackup(source.file, source.recoveryKey);
    expect(restored.database).toHaveLength(0);
  });

  test('the file holds no plaintext', async () => {
    const source = await backedUp(1000);
    const file = await fsp.readFile(source.file);
    expect(file.includes(Buffer.from(source.database.subarray(0, 32)))).toBe(false);
    expect(file.includes(Buffer.from('wrappedKey'))).toBe(false);
  });
});

describe('refusals leave the device untouched', () => {
  test('truncated anywhere: refused with a Japanese message', async () => {
    const source = await backedUp();
    const { dataDir, before, service } = await target(source);
    const bytes = await fsp.readFile(source.file);
    const cut = join(await tempDir(), 'cut.sdbak');
    // Inside the header, the sealed key, a frame length, a frame body, and just before the final frame.
    for (const length of [20, 150, 300, 400, 70_000, bytes.length - 1, bytes.length - 17 - 4]) {
      await fsp.writeFile(cut, bytes.subarray(0, length));
      await expect(service.restoreBackup(cut, source.recoveryKey)).rejects.toMatchObject({
        code: expect.stringMatching(/^BACKUP_(TRUNCATED|TAMPERED)$/),
        message: expect.stringContaining('現在のデータは変更されていません'),
      });
    }
    await fsp.writeFile(cut, bytes.subarray(0, bytes.length - 17 - 4));
    await expect(service.restoreBackup(cut, source.recoveryKey)).rejects.toMatchObject({
      code: 'BACKUP_TRUNCATED',
      message: expect.stringContaining('途中で切れています'),
    });
    await expectUntouched(dataDir, before);
  });

  test('one altered byte anywhere in a (small) file is refused', async () => {
    const source = await backedUp(100);
    const sodium = await loadSodium();
    const bytes = new Uint8Array(await fsp.readFile(source.file));
    const parsed = parseRecoveryKey(source.recoveryKey);
    if (!parsed.ok) throw new Error(parsed.message);
    expect(openBackup(sodium, bytes, parsed.secretKey).ok).toBe(true);
    for (let i = 0; i < bytes.length; i++) {
      const altered = bytes.slice();
      altered[i] = altered[i]! ^ 0x01;
      expect(openBackup(sodium, altered, parsed.secretKey), `byte ${i} of ${bytes.length}`).toMatchObject({ ok: false });
    }
  });

  test('an altered byte in the middle of a large file, or bytes appended, are refused by restore', async () => {
    const source = await backedUp();
    const { dataDir, before, service } = await target(source);
    const bytes = await fsp.readFile(source.file);
    const altered = join(await tempDir(), 'altered.sdbak');
    const middle = Buffer.from(bytes);
    middle[Math.floor(bytes.length / 2)]! ^= 0x80;
    await fsp.writeFile(altered, middle);
    await expect(service.restoreBackup(altered, source.recoveryKey)).rejects.toMatchObject({
      code: 'BACKUP_TAMPERED',
      message: expect.stringContaining('改変'),
    });
    await fsp.writeFile(altered, Buffer.concat([bytes, Buffer.from([0])]));
    await expect(service.restoreBackup(altered, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_TAMPERED' });
    await expectUntouched(dataDir, before);
  });

  test('another recovery key, a mistyped one, or a file that is no backup', async () => {
    const source = await backedUp(100);
    const { dataDir, before, service } = await target(source);
    const sodium = await loadSodium();
    await expect(service.restoreBackup(source.file, formatRecoveryKey(sodium.crypto_box_keypair().privateKey))).rejects.toMatchObject({
      code: 'RECOVERY_KEY_MISMATCH',
      message: expect.stringContaining(source.recoveryFingerprint),
    });
    // One character changed (never to itself: a key ending in 0 would otherwise be "mistyped" into itself).
    const mistyped = source.recoveryKey.slice(0, -1) + (source.recoveryKey.endsWith('0') ? '1' : '0');
    await expect(service.restoreBackup(source.file, mistyped)).rejects.toMatchObject({ code: 'RECOVERY_KEY_INVALID' });
    await expect(service.restoreBackup(keystorePath(source.dataDir), source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_UNREADABLE' });
    await expect(service.restoreBackup(join(dataDir, 'missing.sdbak'), source.recoveryKey)).rejects.toMatchObject({ code: 'FILE_ERROR' });
    await expectUntouched(dataDir, before);
  });

  test('a backup of another office is not restored over this office’s key store', async () => {
    const source = await backedUp(100);
    const other = await testVault();
    await other.vault.initialize({ office: { id: 'office-27100', name: '大阪市福祉事務所' }, admin: ADMIN });
    const before = await fsp.readFile(keystorePath(other.dataDir));
    await expect(createBackupService({ dataDir: other.dataDir, clock: other.clock }).restoreBackup(source.file, source.recoveryKey)).rejects.toMatchObject({
      code: 'OFFICE_MISMATCH',
    });
    expect(await fsp.readFile(keystorePath(other.dataDir))).toEqual(before);
  });

  test('a key store whose recovery slot the recovery key cannot open is refused (the office could not recover)', async () => {
    const source = await backedUp(100);
    const { dataDir, before, service } = await target(source);
    const sodium = await loadSodium();
    // Same office id, but set up with another recovery key; sealed to this office's public recovery key.
    const stranger = await initializedVault();
    const publicKey = new Uint8Array(
      Buffer.from((JSON.parse(await fsp.readFile(keystorePath(source.dataDir), 'utf8')) as Keystore).recovery.publicKey, 'base64'),
    );
    const { bytes: _bytes, ...header } = source.summary;
    const forged = sealBackup(sodium, header, { keystore: await fsp.readFile(keystorePath(stranger.dataDir)), database: new Uint8Array(10) }, publicKey);
    const file = join(await tempDir(), 'forged.sdbak');
    await fsp.writeFile(file, forged);
    await expect(service.restoreBackup(file, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_TAMPERED' });
    await expectUntouched(dataDir, before);
  });

  test('a damaged key store on the device does not prevent restoring (that is when it is needed)', async () => {
    const source = await backedUp(100);
    const dataDir = await tempDir();
    await fsp.writeFile(keystorePath(dataDir), '{"trunc');
    await createBackupService({ dataDir, clock: source.clock }).restoreBackup(source.file, source.recoveryKey);
    expect(await fsp.readFile(keystorePath(dataDir))).toEqual(await fsp.readFile(keystorePath(source.dataDir)));
  });
});

describe('writing backups', () => {
  test('refuses to back up a damaged key store', async () => {
    const { dataDir, clock } = await initializedVault();
    await fsp.writeFile(keystorePath(dataDir), '{}');
    await expect(createBackupService({ dataDir, clock }).createBackup(join(dataDir, 'b.sdbak'), new Uint8Array(1))).rejects.toMatchObject({
      code: 'KEYSTORE_DAMAGED',
    });
  });

  test('a failed write keeps the previous backup file intact', async () => {
    const source = await backedUp(100);
    const previous = await fsp.readFile(source.file);
    const failingRename: AtomicWriteFs = {
      ...fsp,
      rename: async () => {
        throw Object.assign(new Error('EIO: i/o error'), { code: 'EIO' });
      },
    };
    const service = createBackupService({ dataDir: source.dataDir, clock: source.clock, fs: failingRename });
    await expect(service.createBackup(source.file, new Uint8Array(5000))).rejects.toThrow('EIO');
    expect(await fsp.readFile(source.file)).toEqual(previous);
  });
});
