import 'fake-indexeddb/auto';
import { mkdtempSync, readFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createSettingsStore } from '../../../main/settings/settingsStore.js';
import { defaultLinkageItems } from '../../../shared/linkage/legalReferences.js';
import type { OfficeSettings } from '../../../shared/settings/officeSettings.js';
import { settingsServices } from '../../../renderer/services/settings.js';
import { inProcessMain } from './inProcessMain.js';

const base = { officeName: '加須市福祉事務所', defaultMunicipality: '加須市', idleLockMinutes: 10 };
const grades = [{ code: 'A', label: '毎月', intervalMonths: 1 }];

async function storeWith(settings: OfficeSettings = base) {
  const dir = mkdtempSync(join(tmpdir(), 'seiho-settings-'));
  const key = new Uint8Array(32).fill(7);
  const store = createSettingsStore(dir, { fileKey: async () => key.slice(), actor: () => 'admin-1', record: async () => undefined });
  await store.write(settings);
  return { store, file: () => (JSON.parse(readFileSync(join(dir, 'settings.json'), 'utf8')) as { settings: OfficeSettings }).settings };
}

describe('the settings store applies patches one at a time', () => {
  test('two saves in parallel both survive, and so do twenty', async () => {
    const { store, file } = await storeWith();
    await Promise.all([store.update({ idleLockMinutes: 5 }), store.update({ linkage: { officeCode: '112101' } })]);
    expect(file()).toEqual({ ...base, idleLockMinutes: 5, linkage: { officeCode: '112101', payerNumber: null, exchangeDir: null, peerPublicKey: null } });

    const saves = [
      store.update({ defaultMunicipality: '行田市' }),
      store.update({ visitGrades: grades }),
      store.update({ linkage: { payerNumber: '12110010' } }),
      ...Array.from({ length: 17 }, (_, i) => store.update({ linkage: { exchangeDir: `/share/exchange-${i}` } })),
    ];
    await Promise.all(saves);
    expect(file()).toEqual({
      ...base,
      idleLockMinutes: 5,
      defaultMunicipality: '行田市',
      visitGrades: grades,
      linkage: { officeCode: '112101', payerNumber: '12110010', exchangeDir: '/share/exchange-16', peerPublicKey: null },
    });
  });

  test('only the fields given change; null puts the grades or the items back to the defaults', async () => {
    const { store, file } = await storeWith({
      ...base,
      visitGrades: grades,
      linkage: { officeCode: '112101', payerNumber: null, exchangeDir: null, peerPublicKey: null, items: defaultLinkageItems.slice(0, 2) },
    });
    await store.update({ linkage: { items: null } });
    expect(file().linkage).toEqual({ officeCode: '112101', payerNumber: null, exchangeDir: null, peerPublicKey: null });
    expect(file().visitGrades).toEqual(grades);
    await store.update({ visitGrades: null });
    expect(file()).toEqual({ ...base, linkage: { officeCode: '112101', payerNumber: null, exchangeDir: null, peerPublicKey: null } });
  });

  test('a refused patch writes nothing, names the field, and does not hold up the saves queued after it', async () => {
    const { store, file } = await storeWith();
    const [refused, unknown, saved] = await Promise.allSettled([
      store.update({ idleLockMinutes: 0 }),
      store.update({ linkage: { officeCode: '112101', colour: 'red' } } as never),
      store.update({ officeName: '行田市福祉事務所' }),
    ]);
    expect(refused).toMatchObject({
      status: 'rejected',
      reason: { code: 'INVALID_REQUEST', message: 'idleLockMinutes: 自動ロックまでの時間は1分以上にしてください' },
    });
    expect(unknown).toMatchObject({ status: 'rejected', reason: { code: 'INVALID_REQUEST' } });
    expect(saved.status).toBe('fulfilled');
    expect(file()).toEqual({ ...base, officeName: '行田市福祉事務所' });
  });
});

describe('settingsUpdate through main and the service', () => {
  test('two windows saving different fields at once both keep their change, and each hears both', async () => {
    const main = await inProcessMain();
    const [first, second] = [settingsServices({ api: main.api() }).settings, settingsServices({ api: main.api() }).settings];
    const heardBySecond: OfficeSettings[] = [];
    const stop = second.subscribe((s) => heardBySecond.push(s));
    await Promise.all([first.update({ defaultMunicipality: '行田市' }), second.update({ linkage: { officeCode: '112101' } })]);
    const stored = await first.get();
    expect(stored).toMatchObject({ officeName: '加須市福祉事務所', defaultMunicipality: '行田市', linkage: { officeCode: '112101' } });
    // main announced each save, the last one being the settings as stored.
    expect(main.emitted.map((e) => e.event)).toEqual(['settingsChanged', 'settingsChanged']);
    expect(main.emitted.at(-1)!.payload).toEqual(stored);
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect(heardBySecond.at(-1)).toEqual(stored);
    expect(heardBySecond.some((s) => s.defaultMunicipality === '行田市' && s.linkage === undefined)).toBe(true);
    stop();
    // The window's one subscription to main goes with its last listener.
    expect(main.listenerCount('settingsChanged')).toBe(0);
  });

  test('screens share one subscription to main, and a change saved through main reaches them all', async () => {
    const main = await inProcessMain();
    const { settings } = settingsServices({ api: main.api() });
    const a: string[] = [];
    const b: string[] = [];
    const stopA = settings.subscribe((s) => a.push(s.defaultMunicipality));
    const stopB = settings.subscribe((s) => b.push(s.defaultMunicipality));
    expect(main.listenerCount('settingsChanged')).toBe(1);
    await main.value('settingsUpdate', { defaultMunicipality: '羽生市' });
    await new Promise((resolve) => setTimeout(resolve, 0));
    expect([a, b]).toEqual([['羽生市'], ['羽生市']]);
    stopA();
    expect(main.listenerCount('settingsChanged')).toBe(1);
    stopB();
    expect(main.listenerCount('settingsChanged')).toBe(0);
  });

  test('only the administrator changes settings, and a refusal is thrown in Japanese with nothing written', async () => {
    const main = await inProcessMain();
    await main.value('userCreate', {
      loginId: 'cw.tanaka',
      passphrase: 'blue-kettle-on-the-stove',
      profile: { displayName: '田中 一郎', role: 'caseworker', teamId: 'team-1' },
    });
    await main.value('vaultLock', { reason: 'manual' });
    await main.value('vaultUnlock', { loginId: 'cw.tanaka', passphrase: 'blue-kettle-on-the-stove' });
    const { settings } = settingsServices({ api: main.api() });
    await expect(settings.update({ idleLockMinutes: 60 })).rejects.toMatchObject({
      name: 'MainRefusal',
      code: 'NOT_AUTHORIZED',
      message: '設定の変更はシステム管理者だけが行えます',
    });
    expect((await settings.get()).idleLockMinutes).toBe(10);
    expect(main.emitted.filter((e) => e.event === 'settingsChanged')).toEqual([]);
  });
});
