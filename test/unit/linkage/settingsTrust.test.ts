import 'fake-indexeddb/auto';
import { readFile, rm, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { exchangeKeyFingerprint } from '../../../main/linkage/exchangeSigner.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import { chainVaultEvents } from '../../../renderer/data/vaultEvents.js';
import { settingsServices } from '../../../renderer/services/settings.js';
import { openTestStore } from '../data/fixtures.js';
import { ADMIN, inProcessMain } from '../shell/inProcessMain.js';

/**
 * The trust anchors in settings.json (the peer key above all) through main's real handlers over real files: a file
 * changed on disk without the office's key is refused, and a change made through the service is journaled with the
 * fingerprints before and after, then chained into the hash-chained audit log.
 */

const sodium = await loadSodium();
const cleanups: (() => Promise<void>)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

async function office() {
  const main = await inProcessMain();
  cleanups.push(() => rm(main.dataDir, { recursive: true, force: true }));
  return { main, file: join(main.dataDir, 'settings.json'), settings: settingsServices({ api: main.api() }).settings };
}
const keyOf = () => Buffer.from(sodium.crypto_sign_keypair().publicKey).toString('base64');

describe('settings.json carries trust, so it is sealed', () => {
  test('a peer key swapped on disk is refused with a clear message — by settings, by linkage, after a restart — and never replaced by defaults', async () => {
    const { main, file, settings } = await office();
    const peer = keyOf();
    await settings.update({ linkage: { peerPublicKey: peer, officeCode: '112101' } });
    expect((await main.value('linkageInfo')).peerFingerprint).toBe(exchangeKeyFingerprint(Buffer.from(peer, 'base64')));

    const attacker = keyOf();
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { settings: { linkage: { peerPublicKey: string } } };
    onDisk.settings.linkage.peerPublicKey = attacker;
    const swapped = JSON.stringify(onDisk, null, 2);
    await writeFile(file, swapped);

    const refusal = {
      ok: false,
      error: { code: 'SETTINGS_TAMPERED', message: expect.stringMatching(/^設定ファイルが改ざんされています（署名が一致しません）/) },
    };
    expect(await main.dispatch('settingsGet', {})).toMatchObject(refusal);
    expect(await main.dispatch('linkageInfo', {})).toMatchObject(refusal);
    expect(await main.dispatch('linkageIncoming', {})).toMatchObject(refusal);
    expect(await main.dispatch('settingsUpdate', { idleLockMinutes: 5 })).toMatchObject(refusal);
    // Locked, nothing can be verified: the settings come without their trust anchors.
    await main.value('vaultLock', { reason: 'manual' });
    expect(await main.value('settingsGet')).not.toHaveProperty('linkage');
    // Unlocked again, still refused; the file is left as the attacker wrote it for the administrator to look into.
    await main.value('vaultUnlock', { loginId: ADMIN.loginId, passphrase: ADMIN.passphrase });
    expect(await main.dispatch('settingsGet', {})).toMatchObject(refusal);
    expect(await readFile(file, 'utf8')).toBe(swapped);
  });

  test('the MAC stripped (a file made to look unsealed) is refused too while it holds linkage settings', async () => {
    const { main, file, settings } = await office();
    await settings.update({ linkage: { peerPublicKey: keyOf() } });
    const onDisk = JSON.parse(await readFile(file, 'utf8')) as { mac: string | null; settings: { linkage: { peerPublicKey: string } } };
    onDisk.mac = null;
    onDisk.settings.linkage.peerPublicKey = keyOf();
    await writeFile(file, JSON.stringify(onDisk));
    expect(await main.dispatch('linkageInfo', {})).toMatchObject({ ok: false, error: { code: 'SETTINGS_UNSEALED' } });
    // A settings file from before sealing (the bare object) is read the same way.
    await writeFile(file, JSON.stringify(onDisk.settings));
    expect(await main.dispatch('settingsGet', {})).toMatchObject({ ok: false, error: { code: 'SETTINGS_UNSEALED' } });
  });

  test('a change through the service is journaled with the fingerprints before and after, and chained into the audit log', async () => {
    const { main, settings } = await office();
    const first = keyOf();
    const second = keyOf();
    await settings.update({ linkage: { peerPublicKey: first } });
    await settings.update({ linkage: { peerPublicKey: second }, defaultMunicipality: '行田市' });
    const fp = (key: string) => exchangeKeyFingerprint(Buffer.from(key, 'base64'));
    const { events } = await main.value('vaultEventsPending');
    const changes = events.filter((e) => e.type === 'settingsChanged' && e.detail.field === 'linkage.peerPublicKey');
    expect(changes.map((e) => e.detail)).toEqual([
      { field: 'linkage.peerPublicKey', before: null, after: fp(first) },
      { field: 'linkage.peerPublicKey', before: fp(first), after: fp(second) },
    ]);
    // Who changed it; the municipality is no trust anchor and is not journaled; no key itself is in the journal.
    const adminId = events.find((e) => e.type === 'unlock')!.userId;
    expect(changes.every((e) => e.userId === adminId)).toBe(true);
    expect(events.some((e) => e.detail.field === 'defaultMunicipality')).toBe(false);
    expect(JSON.stringify(events)).not.toContain(second);

    const { store } = await openTestStore();
    await chainVaultEvents(store, events);
    const audited = (await store.db.audit.where('kind').equals('vaultEvent').toArray()) as { detail: { type: string; data: Record<string, unknown> } }[];
    expect(audited.filter((e) => e.detail.type === 'settingsChanged').map((e) => e.detail.data)).toContainEqual({
      field: 'linkage.peerPublicKey',
      before: fp(first),
      after: fp(second),
    });
  });

  test('an office key generation moves one step at a time, and the change is audited', async () => {
    const { main, settings } = await office();
    const before = await main.value('linkageInfo');
    await expect(settings.update({ linkage: { officeKeys: { signing: 3, decryption: 1 } } })).rejects.toMatchObject({ code: 'INVALID_REQUEST' });
    await settings.update({ linkage: { officeKeys: { signing: 1, decryption: 2 } } });
    const after = await main.value('linkageInfo');
    expect(after.fingerprint).toBe(before.fingerprint);
    expect(after.decryptionKey.fingerprint).not.toBe(before.decryptionKey.fingerprint);
    const { events } = await main.value('vaultEventsPending');
    expect(events.filter((e) => e.detail.field === 'linkage.officeKeys')).toHaveLength(1);
  });
});
