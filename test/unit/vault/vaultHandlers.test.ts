import { copyFile, mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createRouter } from '../../../main/ipc/router.js';
import { createHandlers } from '../../../main/services/handlers.js';
import { argon2idPresets, createInlineKdf } from '../../../main/vault/kdf.js';
import type { MethodName } from '../../../shared/ipc/contract.js';
import { fakeClock, tempDir } from './vaultFixtures.js';

/** The real services behind the real router, as either host runs them, with a fast KDF and fake timers. */
async function office() {
  const dataDir = await tempDir();
  const clock = fakeClock();
  const timers: { callback: () => void; at: number }[] = [];
  const emitted: unknown[] = [];
  const { handlers, suspend } = createHandlers({
    dataDir,
    host: 'browser',
    appVersion: 't',
    platform: 'linux',
    emit: (event, payload) => emitted.push({ event, payload }),
    clock,
    timers: { setTimeout: (callback, ms) => timers.push({ callback, at: clock.now() + ms }), clearTimeout: () => {} },
    vaultOptions: { kdf: createInlineKdf(), policy: { kdfCost: argon2idPresets.MIN } },
  });
  const router = createRouter(handlers, () => true);
  const call = async (method: MethodName, request: unknown = {}) => router.dispatch(method, request, { senderOrigin: 'app://seiho' });
  const value = async (method: MethodName, request: unknown = {}) => {
    const result = await call(method, request);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as never;
  };
  const fireTimers = () => {
    const due = timers.filter((t) => clock.now() >= t.at);
    timers.splice(0, timers.length, ...timers.filter((t) => !due.includes(t)));
    for (const t of due) t.callback();
  };
  return { dataDir, clock, call, value, emitted, suspend, fireTimers };
}

const admin = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'さくら並木の朝は早い-2026' };
const setup = { officeName: '加須市福祉事務所', municipality: '加須市', deviceProfile: 'office', admin };

test('first run: set up the office, get the recovery key once, and unlock as the administrator', async () => {
  const o = await office();
  expect(await o.value('vaultStatus')).toMatchObject({ state: 'uninitialized', device: null });
  const { recoveryKey } = (await o.value('officeSetup', setup)) as { recoveryKey: string };
  expect(recoveryKey.split('-').length).toBeGreaterThanOrEqual(10);
  expect(await o.value('vaultStatus')).toMatchObject({ state: 'ready', office: { name: '加須市福祉事務所' }, device: { profile: 'office' } });
  expect(await readFile(join(o.dataDir, 'keystore.json'), 'utf8')).not.toContain(recoveryKey.replaceAll('-', ''));
  const again = await o.call('officeSetup', setup);
  expect(again).toMatchObject({ ok: false, error: { code: 'ALREADY_INITIALIZED' } });

  const session = (await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase })) as Record<string, unknown>;
  expect(session).toMatchObject({ profile: { role: 'systemAdmin', displayName: '管理 花子' }, device: { profile: 'office' }, idleLockMinutes: 10 });
  expect(Buffer.from(session.dataKey as string, 'base64')).toHaveLength(32);
  expect(await o.value('settingsGet')).toMatchObject({ officeName: '加須市福祉事務所', defaultMunicipality: '加須市' });
});

test('a wrong passphrase gives no key and leaves an event for the audit log; events are kept until acknowledged', async () => {
  const o = await office();
  await o.value('officeSetup', setup);
  const wrong = await o.call('vaultUnlock', { loginId: 'kanri01', passphrase: 'まちがったパスフレーズです' });
  expect(wrong).toMatchObject({ ok: false, error: { code: 'WRONG_PASSPHRASE' } });
  expect(JSON.stringify(wrong)).not.toContain('dataKey');
  expect(await o.call('vaultEventsPending')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  o.clock.advance(60_000);
  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  const { events } = (await o.value('vaultEventsPending')) as { events: { id: string; type: string }[] };
  expect(events.map((e) => e.type)).toEqual(['initialized', 'failedUnlock', 'unlock']);
  expect(JSON.stringify(events)).not.toContain('まちがった');
  await o.value('vaultEventsAck', { ids: events.slice(0, 2).map((e) => e.id) });
  expect(((await o.value('vaultEventsPending')) as { events: { type: string }[] }).events.map((e) => e.type)).toEqual(['unlock']);
});

test('idle time and suspend lock the vault from main and tell the renderer', async () => {
  const o = await office();
  await o.value('officeSetup', setup);
  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  o.clock.advance(9 * 60_000);
  await o.value('vaultActivity');
  o.fireTimers();
  expect(o.emitted).toEqual([]);
  o.clock.advance(10 * 60_000);
  o.fireTimers();
  expect(o.emitted).toEqual([{ event: 'vaultLocked', payload: { reason: 'idle' } }]);
  expect(await o.call('vaultEventsPending')).toMatchObject({ ok: false, error: { code: 'LOCKED' } });
  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  o.suspend();
  expect(o.emitted.at(-1)).toEqual({ event: 'vaultLocked', payload: { reason: 'suspend' } });
});

test('only an administrator manages users; a new caseworker unlocks with their role; a deactivated one cannot', async () => {
  const o = await office();
  await o.value('officeSetup', setup);
  const caseworker = {
    loginId: 'cw.tanaka',
    passphrase: 'blue-kettle-on-the-stove',
    profile: { displayName: '田中 一郎', role: 'caseworker', teamId: 'team-1' },
  };
  expect(await o.call('userCreate', caseworker)).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORIZED' } });
  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  const { userId } = (await o.value('userCreate', caseworker)) as { userId: string };
  const weak = await o.call('userCreate', { ...caseworker, loginId: 'cw.short', passphrase: 'short' });
  expect(weak).toMatchObject({ ok: false, error: { code: 'WEAK_PASSPHRASE' } });
  expect(((await o.value('usersList')) as { users: { loginId: string }[] }).users.map((u) => u.loginId)).toEqual(['kanri01', 'cw.tanaka']);

  await o.value('vaultLock', { reason: 'manual' });
  const cw = (await o.value('vaultUnlock', { loginId: 'cw.tanaka', passphrase: caseworker.passphrase })) as Record<string, unknown>;
  expect(cw).toMatchObject({ profile: { role: 'caseworker', teamId: 'team-1' }, mustChangePassphrase: true });
  expect(await o.call('usersList')).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORIZED' } });
  expect(await o.call('backupCreate', { databaseExport: '' })).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORIZED' } });

  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  await o.value('userDeactivate', { userId });
  expect(await o.call('vaultUnlock', { loginId: 'cw.tanaka', passphrase: caseworker.passphrase })).toMatchObject({ ok: false, error: { code: 'DEACTIVATED' } });
});

test('backup, then restore with the recovery key on a replacement machine', async () => {
  const o = await office();
  const { recoveryKey } = (await o.value('officeSetup', setup)) as { recoveryKey: string };
  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  const exported = Buffer.from('{"households":[]}').toString('base64');
  const { fileName } = (await o.value('backupCreate', { databaseExport: exported })) as { fileName: string };
  const listed = (await o.value('backupList')) as { backups: { fileName: string; officeName: string }[] };
  expect(listed.backups).toMatchObject([{ fileName, officeName: '加須市福祉事務所' }]);
  expect(await o.call('backupRestore', { fileName: '../keystore.json', recoveryKey })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  const wrongKey = await o.call('backupRestore', { fileName, recoveryKey: recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A')) });
  expect(wrongKey.ok).toBe(false);
  const restored = (await o.value('backupRestore', { fileName, recoveryKey })) as { databaseExport: string };
  expect(restored.databaseExport).toBe(exported);
  expect(o.emitted.at(-1)).toEqual({ event: 'vaultLocked', payload: { reason: 'manual' } });
  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
});

test('a replacement machine that was never set up is restored from a copied backup and takes the chosen profile', async () => {
  const old = await office();
  const { recoveryKey } = (await old.value('officeSetup', setup)) as { recoveryKey: string };
  await old.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  const { fileName } = (await old.value('backupCreate', { databaseExport: Buffer.from('{}').toString('base64') })) as { fileName: string };

  const fresh = await office();
  expect(await fresh.value('vaultStatus')).toMatchObject({ state: 'uninitialized' });
  await mkdir(join(fresh.dataDir, 'backups'));
  await copyFile(join(old.dataDir, 'backups', fileName), join(fresh.dataDir, 'backups', fileName));
  await fresh.value('backupRestore', { fileName, recoveryKey, deviceProfile: 'hub' });
  expect(await fresh.value('vaultStatus')).toMatchObject({ state: 'ready', office: { name: '加須市福祉事務所' }, device: { profile: 'hub' } });
  expect(await fresh.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase })).toMatchObject({ profile: { role: 'systemAdmin' } });
});

test('an office without an attestation lists its backups as unsigned until the administrator enters the recovery key (audited)', async () => {
  const o = await office();
  const { recoveryKey } = (await o.value('officeSetup', setup)) as { recoveryKey: string };
  // As an office set up before backups were signed: no attestation in the key store.
  const path = join(o.dataDir, 'keystore.json');
  const { backupSigner: _attested, ...older } = JSON.parse(await readFile(path, 'utf8')) as Record<string, unknown>;
  await writeFile(path, JSON.stringify(older));
  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  const databaseExport = Buffer.from('{}').toString('base64');
  const early = (await o.value('backupCreate', { databaseExport })) as { fileName: string };
  type Listed = { backups: { fileName: string; signed: boolean }[] };
  expect(((await o.value('backupList')) as Listed).backups).toMatchObject([{ fileName: early.fileName, signed: false }]);

  expect(await o.call('backupAttest', { recoveryKey: '' })).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  await o.value('backupAttest', { recoveryKey });
  const { events } = (await o.value('vaultEventsPending')) as { events: { type: string }[] };
  expect(events.map((e) => e.type)).toContain('backupSignerAttested');
  o.clock.advance(1000);
  const late = (await o.value('backupCreate', { databaseExport })) as { fileName: string };
  const listed = ((await o.value('backupList')) as Listed).backups;
  expect(listed.find((b) => b.fileName === late.fileName)).toMatchObject({ signed: true });
  // The earlier file names the key this key store now attests: restorable on this device.
  expect(listed.find((b) => b.fileName === early.fileName)).toMatchObject({ signed: true });

  await o.value('vaultLock', { reason: 'manual' });
  expect(await o.call('backupAttest', { recoveryKey })).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORIZED' } });
});

test('set-up takes 市町村 only from the calculation’s list: another name is refused and nothing is set up', async () => {
  const o = await office();
  const refused = await o.call('officeSetup', { ...setup, municipality: '架空市' });
  expect(refused).toMatchObject({ ok: false, error: { message: expect.stringContaining('市町村は一覧から選択してください') } });
  expect(await o.value('vaultStatus')).toMatchObject({ state: 'uninitialized' });
  await o.value('officeSetup', { ...setup, municipality: '熊谷市' });
  await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase });
  expect(await o.value('settingsGet')).toMatchObject({ defaultMunicipality: '熊谷市' });
});

test('the administrator changes a user’s 役割 and 班 in the key store; their own role and the last administrator stay', async () => {
  const o = await office();
  await o.value('officeSetup', setup);
  const me = (await o.value('vaultUnlock', { loginId: 'kanri01', passphrase: admin.passphrase })) as { userId: string };
  const { userId } = (await o.value('userCreate', {
    loginId: 'cw01',
    passphrase: 'はじめのパスフレーズ-2026',
    profile: { displayName: '佐藤 一郎', role: 'caseworker', teamId: '第1班' },
  })) as { userId: string };
  await o.value('userUpdateProfile', { userId, profile: { displayName: '佐藤 一郎', role: 'supervisor', teamId: '第2班' } });
  const { users } = (await o.value('usersList')) as { users: { userId: string; profile: unknown }[] };
  expect(users.find((u) => u.userId === userId)?.profile).toEqual({ displayName: '佐藤 一郎', role: 'supervisor', teamId: '第2班' });
  const pending = (await o.value('vaultEventsPending')) as { events: { type: string; detail: Record<string, unknown> }[] };
  expect(pending.events.find((e) => e.type === 'userProfileChanged')?.detail).toMatchObject({ fields: 'role,teamId', by: me.userId });
  expect(await o.call('userUpdateProfile', { userId: me.userId, profile: { displayName: '管理 花子', role: 'caseworker', teamId: null } })).toMatchObject({
    ok: false,
    error: { message: '自分の役割は変更できません。別のシステム管理者が変更します' },
  });
});
