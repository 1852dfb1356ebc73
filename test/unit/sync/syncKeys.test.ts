import { readFile } from 'node:fs/promises';
import { expect, test } from 'vitest';
import { keystorePath } from '../../../main/vault/keystoreFile.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import type { EnrolmentSetup, UnlockResult } from '../../../main/vault/vault.js';
import { ADMIN, CASEWORKER_PROFILE, initializedVault, OFFICE, STAFF, testVault } from '../vault/vaultFixtures.js';
import { DESKTOP_ID, HUB_ID } from './syncFixtures.js';

const hex = (bytes: Uint8Array) => Buffer.from(bytes).toString('hex');
function opened(result: UnlockResult) {
  if (!result.ok) throw new Error(`unlock failed: ${result.code} ${result.message}`);
  return result;
}

async function publicOf(keys: Awaited<ReturnType<Awaited<ReturnType<typeof initializedVault>>['vault']['syncKeys']>>) {
  const copy = {
    sign: hex(keys.sign.publicKey),
    box: hex(keys.box.publicKey),
    signSecret: hex(keys.sign.privateKey),
    hub: keys.hub && hex(keys.hub.signPublicKey),
  };
  keys.wipe();
  return copy;
}

test("the hub's sync keys derive from the office root: the same in every session, through a rotation, and apart from its other keys", async () => {
  const { vault } = await initializedVault();
  opened(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
  await vault.addUser(STAFF);
  const first = await vault.syncKeys();
  expect(first.deviceId).toBeNull();
  expect(first.hub).toBeNull();
  const sodium = await loadSodium();
  // The pairs are real pairs: a signature verifies, a sealed box opens.
  const signature = sodium.crypto_sign_detached('probe', first.sign.privateKey);
  expect(sodium.crypto_sign_verify_detached(signature, 'probe', first.sign.publicKey)).toBe(true);
  expect(sodium.to_string(sodium.crypto_box_seal_open(sodium.crypto_box_seal('probe', first.box.publicKey), first.box.publicKey, first.box.privateKey))).toBe(
    'probe',
  );
  const before = await publicOf(first);
  expect(hex(first.sign.privateKey)).toBe('0'.repeat(128));

  const backup = await vault.backupSigner();
  const { keys: office } = await vault.officeKeys('admin');
  expect([hex(backup.publicKey), hex(office.signer.publicKey)]).not.toContain(before.sign);
  office.wipe();

  await vault.rotateKey();
  expect(await publicOf(await vault.syncKeys())).toEqual(before);
  vault.lock();
  opened(await vault.unlock(STAFF.loginId, STAFF.passphrase));
  expect(await publicOf(await vault.syncKeys())).toEqual(before);
  vault.lock();
  await expect(vault.syncKeys()).rejects.toMatchObject({ code: 'NOT_AUTHORIZED' });
});

test('a device set up from an enrolment keeps its keys, the hub and the blind key under the DEK, through a rotation', async () => {
  const sodium = await loadSodium();
  const { vault: hub } = await initializedVault();
  opened(await hub.unlock(ADMIN.loginId, ADMIN.passphrase));
  const material = await hub.enrolmentKeys();
  expect(material.office).toEqual(OFFICE);

  const signSeed = sodium.randombytes_buf(32);
  const boxSeed = sodium.randombytes_buf(32);
  const setup: EnrolmentSetup = {
    office: material.office,
    users: [
      {
        userId: 'u-desk-admin',
        loginId: 'desk.kanri',
        passphrase: 'とおくの山に雪がふる-2026',
        profile: { displayName: '端末 管理', role: 'systemAdmin', teamId: null },
      },
      { userId: STAFF.userId, loginId: STAFF.loginId, passphrase: STAFF.passphrase, profile: CASEWORKER_PROFILE },
    ],
    blindKey: material.blindKey.slice(),
    sync: {
      deviceId: DESKTOP_ID,
      hubDeviceId: HUB_ID,
      signSeed,
      boxSeed,
      hubSignPublicKey: material.hub.sign.publicKey,
      hubBoxPublicKey: material.hub.box.publicKey,
    },
  };
  const { vault: device, dataDir, events } = await testVault();
  const made = await device.initializeFromEnrolment(setup);
  expect(made.recoveryKey.split('-')).toHaveLength(14);
  expect(events.map((e) => e.type)).toEqual(['setUpFromEnrolment']);
  expect(events[0]).toMatchObject({ deviceId: DESKTOP_ID, hubDeviceId: HUB_ID, users: `u-desk-admin,${STAFF.userId}`, officeId: OFFICE.id });

  const stored = await readFile(keystorePath(dataDir), 'utf8');
  for (const secret of [signSeed, boxSeed, material.blindKey, material.hub.sign.publicKey]) {
    expect(stored).not.toContain(Buffer.from(secret).toString('base64'));
  }
  const session = opened(await device.unlock(STAFF.loginId, STAFF.passphrase));
  expect(session.mustChangePassphrase).toBe(false);
  expect(hex(session.blindKey)).toBe(hex(material.blindKey));
  const hubBlind = opened(await hub.unlock(ADMIN.loginId, ADMIN.passphrase)).blindKey;
  expect(hex(hubBlind)).toBe(hex(material.blindKey));

  const keys = await device.syncKeys();
  const expected = { sign: hex(sodium.crypto_sign_seed_keypair(signSeed).publicKey), box: hex(sodium.crypto_box_seed_keypair(boxSeed).publicKey) };
  expect({ sign: hex(keys.sign.publicKey), box: hex(keys.box.publicKey) }).toEqual(expected);
  expect(keys).toMatchObject({ officeId: OFFICE.id, deviceId: DESKTOP_ID, hub: { deviceId: HUB_ID } });
  expect(hex(keys.hub!.signPublicKey)).toBe(hex(material.hub.sign.publicKey));
  const before = await publicOf(keys);

  // The device's administrator rotates its data key: the sync record is re-wrapped, the keys stay the same.
  device.lock();
  opened(await device.unlock('desk.kanri', 'とおくの山に雪がふる-2026'));
  await device.rotateKey();
  expect(await publicOf(await device.syncKeys())).toEqual(before);
  await expect(device.enrolmentKeys()).rejects.toMatchObject({ code: 'NOT_AUTHORIZED', message: expect.stringContaining('ハブ端末') });
  device.lock();
  const afterRotation = opened(await device.unlock(STAFF.loginId, STAFF.passphrase));
  expect(hex(afterRotation.blindKey)).toBe(hex(material.blindKey));
  expect(await publicOf(await device.syncKeys())).toEqual(before);
  material.hub.wipe();
});

test('a set-up from an enrolment refuses a weak passphrase or a key store already there, before writing anything', async () => {
  const sodium = await loadSodium();
  const { vault, dataDir } = await testVault();
  const sync = {
    deviceId: DESKTOP_ID,
    hubDeviceId: HUB_ID,
    signSeed: sodium.randombytes_buf(32),
    boxSeed: sodium.randombytes_buf(32),
    hubSignPublicKey: sodium.randombytes_buf(32),
    hubBoxPublicKey: sodium.randombytes_buf(32),
  };
  const user = { userId: STAFF.userId, loginId: STAFF.loginId, passphrase: 'short', profile: CASEWORKER_PROFILE };
  await expect(vault.initializeFromEnrolment({ office: OFFICE, users: [user], blindKey: sodium.randombytes_buf(32), sync })).rejects.toMatchObject({
    code: 'WEAK_PASSPHRASE',
  });
  await expect(readFile(keystorePath(dataDir))).rejects.toMatchObject({ code: 'ENOENT' });
  await vault.initializeFromEnrolment({ office: OFFICE, users: [{ ...user, passphrase: STAFF.passphrase }], blindKey: sodium.randombytes_buf(32), sync });
  await expect(
    vault.initializeFromEnrolment({ office: OFFICE, users: [{ ...user, passphrase: STAFF.passphrase }], blindKey: sodium.randombytes_buf(32), sync }),
  ).rejects.toMatchObject({
    code: 'ALREADY_INITIALIZED',
  });
});
