import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { createRouter } from '../../../main/ipc/router.js';
import { createHandlers } from '../../../main/services/handlers.js';
import { argon2idPresets, createInlineKdf } from '../../../main/vault/kdf.js';
import type { MethodName } from '../../../shared/ipc/contract.js';
import { fakeClock, tempDir } from '../vault/vaultFixtures.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import { devicePayload, hubPayload } from './syncFixtures.js';

/** One machine: the real services behind the real router, with a cheap Argon2id (the enrolment code's too). */
async function machine(dataDir?: string) {
  const dir = dataDir ?? (await tempDir());
  const clock = fakeClock();
  const { handlers } = createHandlers({
    dataDir: dir,
    host: 'browser',
    appVersion: 't',
    platform: 'linux',
    emit: () => {},
    clock,
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
    vaultOptions: { kdf: createInlineKdf(), policy: { kdfCost: argon2idPresets.MIN } },
  });
  const router = createRouter(handlers, () => true);
  const call = (method: MethodName, request: unknown = {}) => router.dispatch(method, request, { senderOrigin: 'app://seiho' });
  const value = async <T = Record<string, unknown>>(method: MethodName, request: unknown = {}): Promise<T> => {
    const result = await call(method, request);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as T;
  };
  return { dataDir: dir, clock, call, value };
}

const admin = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'さくら並木の朝は早い-2026' };
const caseworker = {
  loginId: 'cw.tanaka',
  passphrase: 'blue-kettle-on-the-stove',
  profile: { displayName: '田中 一郎', role: 'caseworker', teamId: 'team-1' },
};
const laptopPassphrase = '訪問かばんの中の青いノート';

/** A hub with an administrator, a caseworker and a sync folder; the administrator unlocked. */
async function hubOffice() {
  const hub = await machine();
  const syncFolder = await tempDir();
  await hub.value('officeSetup', { officeName: '加須市福祉事務所', municipality: '加須市', deviceProfile: 'hub', admin });
  await hub.value('vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
  const { userId } = await hub.value<{ userId: string }>('userCreate', caseworker);
  await hub.value('settingsUpdate', { syncFolder });
  return { hub, syncFolder, caseworkerId: userId };
}

async function enrolLaptop() {
  const office = await hubOffice();
  const enrolment = await office.hub.value<{ deviceId: string; file: string; code: string; signPublicKey: string; boxPublicKey: string }>('syncEnrol', {
    profile: 'field',
    name: '訪問用PC 1',
    userIds: [office.caseworkerId],
    caseloadUserIds: [office.caseworkerId],
  });
  return { ...office, enrolment };
}

const listing = async (dir: string) => (await readdir(dir).catch(() => [] as string[])).sort();

test('the hub enrols a laptop; the laptop is set up from the file and the code, with the office blind key and its own keys', async () => {
  const { hub, syncFolder, caseworkerId, enrolment } = await enrolLaptop();
  expect(enrolment.file).toBe(join(syncFolder, `${enrolment.deviceId}.seihoenrol`));
  expect(enrolment.code).toMatch(/^([0-9A-Z]{4}-){6}[0-9A-Z]{4}$/);
  const hubIdentity = await hub.value<{ deviceId: string; officeId: string }>('syncIdentity');
  expect(hubIdentity).toMatchObject({ profile: 'hub', hubDeviceId: null, syncFolder });
  expect(await readFile(enrolment.file, 'utf8')).not.toContain(enrolment.code.replaceAll('-', ''));

  const laptop = await machine();
  const inspected = await laptop.value('syncInspectEnrolment', { path: enrolment.file });
  expect(inspected).toMatchObject({
    officeName: '加須市福祉事務所',
    deviceId: enrolment.deviceId,
    profile: 'field',
    name: '訪問用PC 1',
    hubDeviceId: hubIdentity.deviceId,
    device: { signPublicKey: enrolment.signPublicKey, boxPublicKey: enrolment.boxPublicKey },
    users: [{ userId: caseworkerId, loginId: caseworker.loginId, displayName: '田中 一郎', role: 'caseworker', teamId: 'team-1' }],
    caseloadUserIds: [caseworkerId],
  });
  expect(JSON.stringify(inspected)).not.toMatch(/seed|blind/i);

  const setUp = await laptop.value<{ recoveryKey: string; deviceId: string; notSetUp: string[] }>('syncSetupFromEnrolment', {
    path: enrolment.file,
    // Typed the way a person does: lower case, spaces for hyphens.
    code: enrolment.code.toLowerCase().replaceAll('-', ' '),
    users: [{ userId: caseworkerId, passphrase: laptopPassphrase }],
  });
  expect(setUp).toMatchObject({ deviceId: enrolment.deviceId, notSetUp: [] });
  expect(setUp.recoveryKey.split('-')).toHaveLength(14);
  expect(await laptop.value('vaultStatus')).toMatchObject({
    state: 'ready',
    office: { id: hubIdentity.officeId },
    device: { id: enrolment.deviceId, profile: 'field' },
  });
  const session = await laptop.value<{ blindKey: string; profile: { role: string }; mustChangePassphrase: boolean }>('vaultUnlock', {
    loginId: caseworker.loginId,
    passphrase: laptopPassphrase,
  });
  expect(session).toMatchObject({ profile: { role: 'caseworker' }, mustChangePassphrase: false });
  const hubSession = await hub.value<{ blindKey: string }>('vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
  expect(session.blindKey).toBe(hubSession.blindKey);

  const laptopIdentity = await laptop.value('syncIdentity');
  expect(laptopIdentity).toEqual({
    deviceId: enrolment.deviceId,
    profile: 'field',
    officeId: hubIdentity.officeId,
    hubDeviceId: hubIdentity.deviceId,
    // The folder the enrolment file came in.
    syncFolder,
    signPublicKey: enrolment.signPublicKey,
    boxPublicKey: enrolment.boxPublicKey,
  });
  const events = async (m: Awaited<ReturnType<typeof machine>>) =>
    (await m.value<{ events: { type: string; userId: string | null; detail: Record<string, unknown> }[] }>('vaultEventsPending')).events;
  expect((await events(laptop))[0]).toMatchObject({
    type: 'setUpFromEnrolment',
    userId: caseworkerId,
    detail: { deviceId: enrolment.deviceId, hubDeviceId: hubIdentity.deviceId },
  });
  expect((await events(hub)).find((e) => e.type === 'deviceEnrolled')).toMatchObject({
    detail: {
      deviceId: enrolment.deviceId,
      profile: 'field',
      name: '訪問用PC 1',
      users: caseworkerId,
      caseloads: caseworkerId,
      signPublicKey: enrolment.signPublicKey,
    },
  });
});

test('enrolment is the administrator’s, on the hub, for the office’s active users', async () => {
  const { hub, caseworkerId, enrolment } = await enrolLaptop();
  expect(await hub.call('syncEnrol', { profile: 'field', name: 'x', userIds: ['nobody'], caseloadUserIds: [] })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', message: expect.stringContaining('userIds.0') },
  });
  expect(await hub.call('syncEnrol', { profile: 'hub', name: 'x', userIds: [caseworkerId], caseloadUserIds: [] })).toMatchObject({
    ok: false,
    error: { code: 'INVALID_REQUEST' },
  });
  await hub.value('vaultUnlock', { loginId: caseworker.loginId, passphrase: caseworker.passphrase });
  expect(await hub.call('syncEnrol', { profile: 'field', name: 'x', userIds: [caseworkerId], caseloadUserIds: [] })).toMatchObject({
    ok: false,
    error: { code: 'NOT_AUTHORIZED' },
  });
  // An enrolled device cannot enrol others, even with an administrator of its own.
  const desktop = await machine();
  await desktop.value('syncSetupFromEnrolment', {
    path: enrolment.file,
    code: enrolment.code,
    users: [{ userId: caseworkerId, passphrase: laptopPassphrase }],
  });
  await desktop.value('vaultUnlock', { loginId: caseworker.loginId, passphrase: laptopPassphrase });
  expect(await desktop.call('syncEnrol', { profile: 'field', name: 'x', userIds: [caseworkerId], caseloadUserIds: [] })).toMatchObject({
    ok: false,
    error: { code: 'NOT_AUTHORIZED' },
  });
});

test('a wrong code, a typo, a changed byte, a re-signed file, another office: refused in Japanese, nothing made', async () => {
  const { hub, caseworkerId, enrolment } = await enrolLaptop();
  const other = await hub.value<{ code: string }>('syncEnrol', { profile: 'office', name: '事務所PC', userIds: [caseworkerId], caseloadUserIds: [] });
  const laptop = await machine();
  const setup = (path: string, code: string) =>
    laptop.call('syncSetupFromEnrolment', { path, code, users: [{ userId: caseworkerId, passphrase: laptopPassphrase }] });

  expect(await setup(enrolment.file, other.code)).toMatchObject({
    ok: false,
    error: { code: 'ENROL_WRONG_CODE', message: expect.stringContaining('登録コードが違う') },
  });
  const typo = enrolment.code.replace(/^./, (c) => (c === '7' ? '8' : '7'));
  expect(await setup(enrolment.file, typo)).toMatchObject({ ok: false, error: { code: 'ENROL_WRONG_CODE', message: expect.stringContaining('確認用の文字') } });

  const original = await readFile(enrolment.file, 'utf8');
  const lines = original.split('\n');
  const changed = join(await tempDir(), `changed-${enrolment.deviceId}.seihoenrol`);
  await writeFile(changed, original.replace('"profile":"field"', '"profile":"office"'));
  expect(await setup(changed, enrolment.code)).toMatchObject({ ok: false, error: { code: 'ENROL_INVALID', message: expect.stringContaining('署名') } });
  expect(await laptop.call('syncInspectEnrolment', { path: changed })).toMatchObject({ ok: false, error: { code: 'ENROL_INVALID' } });

  // Someone changes the clear part and signs it with a key of their own, naming it as the hub's: the code's
  // encryption binds the clear part, so the right code no longer opens it.
  const sodium = await loadSodium();
  const forger = sodium.crypto_sign_keypair();
  const clear = JSON.parse(lines[1]!) as { hub: { signPublicKey: string }; profile: string };
  clear.hub.signPublicKey = Buffer.from(forger.publicKey).toString('base64');
  clear.profile = 'office';
  const body = `${lines[0]}\n${JSON.stringify(clear)}\n${lines[2]}\n`;
  const signature = sodium.crypto_sign_detached(Buffer.concat([Buffer.from('seiho-desk/enrolment/v1\0'), Buffer.from(body)]), forger.privateKey);
  await writeFile(changed, `${body}${Buffer.from(signature).toString('base64')}\n`);
  expect(await laptop.value('syncInspectEnrolment', { path: changed })).toMatchObject({ profile: 'office' });
  expect(await setup(changed, enrolment.code)).toMatchObject({ ok: false, error: { code: 'ENROL_WRONG_CODE' } });

  await writeFile(changed, original.slice(0, original.length - 30));
  expect(await setup(changed, enrolment.code)).toMatchObject({ ok: false, error: { code: 'ENROL_INVALID' } });
  expect(await listing(laptop.dataDir)).toEqual([]);

  // Set up for this office, the laptop refuses another office's file and keeps its key store.
  await setup(enrolment.file, enrolment.code);
  const keystore = await readFile(join(laptop.dataDir, 'keystore.json'), 'utf8');
  const elsewhere = await hubOffice();
  const foreign = await elsewhere.hub.value<{ file: string; code: string }>('syncEnrol', {
    profile: 'field',
    name: '他事務所PC',
    userIds: [elsewhere.caseworkerId],
    caseloadUserIds: [],
  });
  expect(
    await laptop.call('syncSetupFromEnrolment', {
      path: foreign.file,
      code: foreign.code,
      users: [{ userId: elsewhere.caseworkerId, passphrase: laptopPassphrase }],
    }),
  ).toMatchObject({
    ok: false,
    error: { code: 'ALREADY_INITIALIZED' },
  });
  expect(await readFile(join(laptop.dataDir, 'keystore.json'), 'utf8')).toBe(keystore);
});

test('bundles both ways: device to hub checked against the registry, hub to device against the key the device holds', async () => {
  const { hub, syncFolder, caseworkerId, enrolment } = await enrolLaptop();
  const hubIdentity = await hub.value<{ deviceId: string; boxPublicKey: string }>('syncIdentity');
  const laptop = await machine();
  await laptop.value('syncSetupFromEnrolment', { path: enrolment.file, code: enrolment.code, users: [{ userId: caseworkerId, passphrase: laptopPassphrase }] });
  await laptop.value('vaultUnlock', { loginId: caseworker.loginId, passphrase: laptopPassphrase });

  const bundle = { seq: 1, payload: devicePayload(3), hlcFrom: null, hlcTo: null, counts: { caseRecords: 2, incomes: 1 } };
  expect(await laptop.call('syncWriteBundle', { ...bundle, recipient: '0190a0b4-0000-7000-8000-000000000000' })).toMatchObject({
    ok: false,
    error: { code: 'SYNC_WRONG_RECIPIENT' },
  });
  const written = await laptop.value<{ file: string; bytes: number; header: Record<string, unknown> }>('syncWriteBundle', {
    ...bundle,
    recipient: hubIdentity.deviceId,
  });
  expect(written.header).toMatchObject({ sender: enrolment.deviceId, recipient: hubIdentity.deviceId, seq: 1, counts: bundle.counts });
  expect(written.header).not.toHaveProperty('body');

  const registry = (revoked: boolean) => [{ deviceId: enrolment.deviceId, signPublicKey: enrolment.signPublicKey, revoked }];
  const read = await hub.value<{ bundles: { file: string; payload?: unknown; refused?: { code: string } }[] }>('syncReadBundles', { senders: registry(false) });
  expect(read.bundles).toHaveLength(1);
  expect(read.bundles[0]!.payload).toEqual(bundle.payload);
  expect((await hub.value<{ bundles: unknown[] }>('syncReadBundles', { senders: registry(false), skipThrough: { [enrolment.deviceId]: 1 } })).bundles).toEqual(
    [],
  );
  const revoked = await hub.value<{ bundles: { refused?: { code: string; message: string } }[] }>('syncReadBundles', { senders: registry(true) });
  expect(revoked.bundles[0]!.refused).toMatchObject({ code: 'SYNC_REVOKED_SENDER', message: expect.stringContaining('取り消されて') });
  expect((await hub.value<{ bundles: { refused?: { code: string } }[] }>('syncReadBundles', {})).bundles[0]!.refused?.code).toBe('SYNC_UNKNOWN_SENDER');
  expect((await listing(join(hub.dataDir, 'sync-quarantine'))).filter((n) => n.endsWith('.seihosync'))).toHaveLength(1);
  expect(await listing(syncFolder)).toContain(written.file.split('/').pop());

  // Hub → laptop, sealed to the key in the hub's registry; the laptop trusts only its hub.
  const back = { recipient: enrolment.deviceId, seq: 1, payload: hubPayload(enrolment.deviceId), hlcFrom: null, hlcTo: null, counts: { caseRecords: 2 } };
  expect(await hub.call('syncWriteBundle', back)).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  await hub.value('syncWriteBundle', { ...back, recipientBoxPublicKey: enrolment.boxPublicKey });
  const onLaptop = await laptop.value<{ bundles: { header: { sender: string }; payload?: unknown }[] }>('syncReadBundles', {
    senders: [{ deviceId: 'someone-else', signPublicKey: enrolment.signPublicKey, revoked: false }],
  });
  expect(onLaptop.bundles).toHaveLength(1);
  expect(onLaptop.bundles[0]).toMatchObject({ header: { sender: hubIdentity.deviceId }, payload: back.payload });

  // On the hub, bundles are the administrator's.
  await hub.value('vaultUnlock', { loginId: caseworker.loginId, passphrase: caseworker.passphrase });
  expect(await hub.call('syncReadBundles', { senders: registry(false) })).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORIZED' } });
  expect(await hub.value('syncIdentity')).toMatchObject({ deviceId: hubIdentity.deviceId });
});

test('set-up: a weak passphrase or a user not in the file changes nothing; users who set none are reported, not added', async () => {
  const { hub, caseworkerId } = await hubOffice();
  const { userId: secondId } = await hub.value<{ userId: string }>('userCreate', {
    loginId: 'cw.suzuki',
    passphrase: 'green-window-by-the-river',
    profile: { displayName: '鈴木 次郎', role: 'caseworker', teamId: 'team-1' },
  });
  const enrolment = await hub.value<{ file: string; code: string }>('syncEnrol', {
    profile: 'office',
    name: '事務所PC 2',
    userIds: [caseworkerId, secondId],
    caseloadUserIds: [caseworkerId, secondId],
  });
  const desktop = await machine();
  const setup = (users: { userId: string; passphrase: string }[]) =>
    desktop.call('syncSetupFromEnrolment', { path: enrolment.file, code: enrolment.code, users });
  expect(await setup([{ userId: caseworkerId, passphrase: 'short' }])).toMatchObject({ ok: false, error: { code: 'WEAK_PASSPHRASE' } });
  expect(await setup([{ userId: 'someone', passphrase: laptopPassphrase }])).toMatchObject({
    ok: false,
    error: { code: 'INVALID_INPUT', message: expect.stringContaining('users.0') },
  });
  expect(await listing(desktop.dataDir)).toEqual([]);
  expect(await setup([{ userId: secondId, passphrase: laptopPassphrase }])).toMatchObject({ ok: true, value: { notSetUp: [caseworkerId] } });
  expect(await desktop.call('vaultUnlock', { loginId: caseworker.loginId, passphrase: caseworker.passphrase })).toMatchObject({ ok: false });
  expect(await desktop.value('vaultUnlock', { loginId: 'cw.suzuki', passphrase: laptopPassphrase })).toMatchObject({ profile: { displayName: '鈴木 次郎' } });
});
