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
import { deriveOfficeKeys } from '../../../main/linkage/exchangeSigner.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import { forgerOf, legacyBackup } from './forgery.js';
import { ADMIN, initializedVault, OFFICE, tempDir, testVault } from '../vault/vaultFixtures.js';

/** A backup of the office's device, signed in an administrator's session. */
async function signedBackup(office: Awaited<ReturnType<typeof testVault>>, database: Uint8Array, name = 'seiho-2026-04-01.sdbak') {
  if (!(await office.vault.unlock(ADMIN.loginId, ADMIN.passphrase)).ok) throw new Error('unlock failed');
  const signing = await office.vault.backupSigner();
  office.vault.lock();
  const backups = createBackupService({ dataDir: office.dataDir, clock: office.clock });
  const file = join(await tempDir(), name);
  const summary = await backups.createBackup(file, database, signing);
  return { backups, file, summary, signing };
}

/** An office device with a key store, a database export and a backup of both. */
async function backedUp(databaseBytes = 200_000) {
  const office = await initializedVault();
  const database = new Uint8Array(randomBytes(databaseBytes));
  return { ...office, database, ...(await signedBackup(office, database)) };
}

/** A device to restore onto, already holding a key store of the same office (the "target") and its settings. */
async function target(source: Awaited<ReturnType<typeof backedUp>>) {
  const dataDir = await tempDir();
  await fsp.copyFile(keystorePath(source.dataDir), keystorePath(dataDir));
  await fsp.writeFile(join(dataDir, 'settings.json'), '{"sealed":"opaque settings of this device"}');
  // Make the target's key store differ from the backup's so "untouched" is observable.
  const setup = await testVault({ dataDir });
  expect((await setup.vault.unlock(ADMIN.loginId, 'wrong-passphrase-x')).ok).toBe(false);
  const before = await snapshot(dataDir);
  return { dataDir, before, service: createBackupService({ dataDir, clock: source.clock }) };
}

/** Every file of the data folder, byte for byte. */
async function snapshot(dataDir: string): Promise<Record<string, Buffer>> {
  const names = (await fsp.readdir(dataDir)).sort();
  return Object.fromEntries(await Promise.all(names.map(async (name) => [name, await fsp.readFile(join(dataDir, name))] as const)));
}

async function expectUntouched(dataDir: string, before: Record<string, Buffer>) {
  expect(await snapshot(dataDir)).toEqual(before);
}

describe('round trip', () => {
  test('restores the key store and returns the database export; the DEK still unlocks', async () => {
    const source = await backedUp();
    expect(source.summary).toMatchObject({ format: 'seiho-desk/backup', version: 2, office: OFFICE, createdAt: '2026-04-01T09:00:00.000Z' });
    expect(source.summary.signer.attestation).not.toBeNull();
    const dek = await source.vault.unlock(ADMIN.loginId, ADMIN.passphrase);

    const fresh = await tempDir();
    const service = createBackupService({ dataDir: fresh, clock: source.clock });
    expect(await service.inspectBackup(source.file)).toMatchObject({
      header: { office: OFFICE, recoveryFingerprint: source.recoveryFingerprint },
      signed: true,
    });
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
  test('a backup made by a newer release (a later database schema) is refused before the key store is replaced', async () => {
    const exportAt = (schemaVersion: number) =>
      new TextEncoder().encode(
        JSON.stringify({ format: 'seiho-desk-database', version: 1, schemaVersion, exportedAt: '2026-04-01T09:00:00.000Z', tables: {} }),
      );
    const office = await initializedVault();
    const newer = { ...office, database: exportAt(9), ...(await signedBackup(office, exportAt(9))) };
    const { dataDir, before, service } = await target(newer);
    await expect(service.restoreBackup(newer.file, newer.recoveryKey, { newestSchemaVersion: 5 })).rejects.toMatchObject({
      code: 'BACKUP_TOO_NEW',
      message: expect.stringContaining('データベースの版 9、この端末は版 5 まで'),
    });
    await expectUntouched(dataDir, before);
    // Bytes that are not a database export at all, when the caller asks for the check.
    const junk = await backedUp(500);
    const second = await target(junk);
    await expect(second.service.restoreBackup(junk.file, junk.recoveryKey, { newestSchemaVersion: 5 })).rejects.toMatchObject({ code: 'BACKUP_UNREADABLE' });
    await expectUntouched(second.dataDir, second.before);
    // The same release's and an older release's backups restore.
    const restored = await service.restoreBackup(newer.file, newer.recoveryKey, { newestSchemaVersion: 9 });
    expect(restored.database).toEqual(newer.database);
  });

  test('truncated anywhere: refused with a Japanese message', async () => {
    const source = await backedUp();
    const { dataDir, before, service } = await target(source);
    const bytes = await fsp.readFile(source.file);
    const cut = join(await tempDir(), 'cut.sdbak');
    // Inside the header, the sealed key, a frame length, a frame body, the signature, and just before the final frame.
    for (const length of [20, 150, 300, 400, 70_000, bytes.length - 1, bytes.length - 64 - 17 - 4]) {
      await fsp.writeFile(cut, bytes.subarray(0, length));
      await expect(service.restoreBackup(cut, source.recoveryKey)).rejects.toMatchObject({
        code: expect.stringMatching(/^BACKUP_(TRUNCATED|TAMPERED)$/),
        message: expect.stringContaining('現在のデータは変更されていません'),
      });
    }
    await fsp.writeFile(cut, bytes.subarray(0, bytes.length - 64 - 17 - 4));
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
    const before = await snapshot(other.dataDir);
    await expect(createBackupService({ dataDir: other.dataDir, clock: other.clock }).restoreBackup(source.file, source.recoveryKey)).rejects.toMatchObject({
      code: 'OFFICE_MISMATCH',
    });
    await expectUntouched(other.dataDir, before);
  });

  test('a key store whose recovery slot the recovery key cannot open is refused (the office could not recover)', async () => {
    const source = await backedUp(100);
    const { dataDir, before, service } = await target(source);
    const sodium = await loadSodium();
    // Same office id, but set up with another recovery key; sealed to this office's public recovery key and
    // signed by the office itself (so only the contents give it away).
    const stranger = await initializedVault();
    const { bytes: _bytes, ...header } = source.summary;
    const contents = { keystore: await fsp.readFile(keystorePath(stranger.dataDir)), database: new Uint8Array(10) };
    const forged = sealBackup(sodium, header, contents, await recoveryPublicKeyOf(source.dataDir), source.signing.privateKey);
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
    const signing = { officeId: OFFICE.id, ...(await loadSodium()).crypto_sign_keypair(), attestation: null };
    await expect(createBackupService({ dataDir, clock }).createBackup(join(dataDir, 'b.sdbak'), new Uint8Array(1), signing)).rejects.toMatchObject({
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
    await expect(service.createBackup(source.file, new Uint8Array(5000), source.signing)).rejects.toThrow('EIO');
    expect(await fsp.readFile(source.file)).toEqual(previous);
  });
});

async function recoveryPublicKeyOf(dataDir: string): Promise<Uint8Array> {
  return new Uint8Array(Buffer.from((JSON.parse(await fsp.readFile(keystorePath(dataDir), 'utf8')) as Keystore).recovery.publicKey, 'base64'));
}

async function forger(victimDataDir: string) {
  return forgerOf(victimDataDir, await tempDir());
}

async function writeFile(bytes: Uint8Array, name = 'forged.seihobak') {
  const file = join(await tempDir(), name);
  await fsp.writeFile(file, bytes);
  return file;
}

describe('signatures: a backup made without the office is refused and changes nothing', () => {
  test('a forged file in the old unsigned format: refused as 未署名, on this device and on a fresh one', async () => {
    const source = await backedUp(100);
    const { dataDir, before, service } = await target(source);
    const forged = await forger(source.dataDir);
    const { bytes: _bytes, signer: _signer, ...header } = source.summary;
    const contents = { keystore: forged.keystore, database: Buffer.from('{"forged":true}') };
    const file = await writeFile(legacyBackup(forged.sodium, { ...header, version: 1 }, contents, forged.recoveryPublicKey));
    expect(await service.inspectBackup(file)).toMatchObject({ header: { version: 1 }, signed: false });
    const refusal = { code: 'BACKUP_UNSIGNED', message: expect.stringContaining('未署名') };
    await expect(service.restoreBackup(file, source.recoveryKey)).rejects.toMatchObject(refusal);
    await expectUntouched(dataDir, before);
    const fresh = await tempDir();
    await expect(createBackupService({ dataDir: fresh, clock: source.clock }).restoreBackup(file, source.recoveryKey)).rejects.toMatchObject(refusal);
    expect(await fsp.readdir(fresh)).toEqual([]);
  });

  test('signed with the forger’s own key: with the genuine attestation copied, without one, or claiming the office’s key', async () => {
    const source = await backedUp(100);
    const { dataDir, before, service } = await target(source);
    const forged = await forger(source.dataDir);
    const { bytes: _bytes, ...genuine } = source.summary;
    const contents = () => ({ keystore: forged.keystore, database: Buffer.from('{"forged":true}') });
    const ownKey = Buffer.from(forged.signing.publicKey).toString('base64');
    const seal = (signer: { publicKey: string; attestation: string | null }) =>
      writeFile(sealBackup(forged.sodium, { ...genuine, signer }, contents(), forged.recoveryPublicKey, forged.signing.privateKey));
    const fresh = async () => createBackupService({ dataDir: await tempDir(), clock: source.clock });

    const copied = await seal({ publicKey: ownKey, attestation: genuine.signer.attestation });
    await expect(service.restoreBackup(copied, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_FORGED', message: expect.stringContaining('偽造') });
    await expect((await fresh()).restoreBackup(copied, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_FORGED' });

    // No attestation: this device's key store knows the office's key, a fresh machine has only the paper.
    const bare = await seal({ publicKey: ownKey, attestation: null });
    await expect(service.restoreBackup(bare, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_FORGED' });
    await expect((await fresh()).restoreBackup(bare, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_UNSIGNED' });

    // The office's key and attestation named, but the signature is the forger's.
    const claimed = await seal(genuine.signer);
    await expect(service.restoreBackup(claimed, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_TAMPERED' });
    await expect((await fresh()).restoreBackup(claimed, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_TAMPERED' });
    await expectUntouched(dataDir, before);
  });

  test('a header whose signer is not an Ed25519 key is refused as altered, not as an error', async () => {
    const source = await backedUp(100);
    const { dataDir, before, service } = await target(source);
    const forged = await forger(source.dataDir);
    const { bytes: _bytes, ...genuine } = source.summary;
    const contents = { keystore: forged.keystore, database: Buffer.from('{}') };
    const header = { ...genuine, signer: { publicKey: Buffer.alloc(16).toString('base64'), attestation: null } };
    const file = await writeFile(legacyBackup(forged.sodium, header, contents, forged.recoveryPublicKey));
    await expect(service.restoreBackup(file, source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_TAMPERED' });
    await expectUntouched(dataDir, before);
  });

  test('a genuine backup with its signature altered, or its signer swapped in the header, is refused', async () => {
    const source = await backedUp(100);
    const { dataDir, before, service } = await target(source);
    const bytes = await fsp.readFile(source.file);
    for (const at of [bytes.length - 64, bytes.length - 1]) {
      const altered = Buffer.from(bytes);
      altered[at]! ^= 0x01;
      await expect(service.restoreBackup(await writeFile(altered), source.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_TAMPERED' });
    }
    await expectUntouched(dataDir, before);
  });
});

describe('the recovery key attests the office’s backup signing key', () => {
  /** An office that brought its own recovery public key: nothing could attest at setup (like offices set up before signing). */
  async function unattestedOffice() {
    const sodium = await loadSodium();
    const recovery = sodium.crypto_box_keypair();
    const office = await testVault();
    await office.vault.initialize({ office: OFFICE, admin: ADMIN, recoveryPublicKey: recovery.publicKey });
    return { ...office, recoveryKey: formatRecoveryKey(recovery.privateKey) };
  }

  test('until the administrator enters the recovery key, backups are 未署名 and restore nowhere; then they restore', async () => {
    const office = await unattestedOffice();
    const early = await signedBackup(office, Buffer.from('{"early":true}'), 'early.seihobak');
    expect(early.summary.signer.attestation).toBeNull();
    expect(await early.backups.inspectBackup(early.file)).toMatchObject({ signed: false });
    await expect(early.backups.restoreBackup(early.file, office.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_UNSIGNED' });

    expect((await office.vault.unlock(ADMIN.loginId, ADMIN.passphrase)).ok).toBe(true);
    const sodium = await loadSodium();
    await expect(office.vault.attestBackupSigner(formatRecoveryKey(sodium.crypto_box_keypair().privateKey))).rejects.toMatchObject({
      code: 'RECOVERY_KEY_MISMATCH',
    });
    await office.vault.attestBackupSigner(office.recoveryKey);
    expect(office.events.at(-1)).toMatchObject({ type: 'backupSignerAttested', userId: ADMIN.userId });
    office.vault.lock();

    // The earlier file names the key this key store now attests: restorable here, still not on a fresh machine.
    expect(await early.backups.inspectBackup(early.file)).toMatchObject({ signed: true });
    const fresh = createBackupService({ dataDir: await tempDir(), clock: office.clock });
    await expect(fresh.restoreBackup(early.file, office.recoveryKey)).rejects.toMatchObject({ code: 'BACKUP_UNSIGNED' });
    const here = createBackupService({ dataDir: office.dataDir, clock: office.clock });
    expect(Buffer.from((await here.restoreBackup(early.file, office.recoveryKey)).database).toString()).toBe('{"early":true}');

    const late = await signedBackup(office, Buffer.from('{"late":true}'), 'late.seihobak');
    expect(late.summary.signer.attestation).not.toBeNull();
    expect(Buffer.from((await fresh.restoreBackup(late.file, office.recoveryKey)).database).toString()).toBe('{"late":true}');
  });

  test('a reset with the recovery key attests too', async () => {
    const office = await unattestedOffice();
    await office.vault.resetPassphraseWithRecovery(office.recoveryKey, ADMIN.userId, 'new-passphrase-for-kanri-01');
    const keystore = JSON.parse(await fsp.readFile(keystorePath(office.dataDir), 'utf8')) as Keystore;
    expect(keystore.backupSigner?.attestation).toEqual(expect.any(String));
  });

  test('the office keys do not change when the data key rotates: a backup made after a rotation restores on a fresh machine', async () => {
    const office = await initializedVault();
    expect((await office.vault.unlock(ADMIN.loginId, ADMIN.passphrase)).ok).toBe(true);
    const before = await office.vault.backupSigner();
    const exchange = await office.vault.officeKeys('admin');
    const rotated = await office.vault.rotateKey();
    expect(rotated.keyId).not.toBe(rotated.previous.keyId);
    const after = await office.vault.backupSigner();
    const exchangeAfter = await office.vault.officeKeys('admin');
    expect(Buffer.from(after.publicKey)).toEqual(Buffer.from(before.publicKey));
    expect(after.attestation).not.toBeNull();
    expect(exchangeAfter.keys.signer.keyId).toBe(exchange.keys.signer.keyId);
    const database = Buffer.from('{"after":"rotation"}');
    const { file } = await signedBackup(office, database);
    const fresh = createBackupService({ dataDir: await tempDir(), clock: office.clock });
    expect(Buffer.from((await fresh.restoreBackup(file, office.recoveryKey)).database)).toEqual(database);
  });

  test('a new office’s root secret is its own, not the data key', async () => {
    const office = await initializedVault();
    const unlocked = await office.vault.unlock(ADMIN.loginId, ADMIN.passphrase);
    if (!unlocked.ok) throw new Error('unlock failed');
    const sodium = await loadSodium();
    const { keys } = await office.vault.officeKeys('admin');
    expect(keys.signer.keyId).not.toBe(deriveOfficeKeys(sodium, unlocked.dek).signer.keyId);
  });
});
