import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { Device, User } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { PrivacyRequest } from '../../../shared/pia/records.js';
import { appendAudit, type AuditEntry } from '../../../renderer/data/audit.js';
import { AccessDeniedError } from '../../../renderer/data/errors.js';
import {
  checkKinds,
  listSelfInspections,
  runSelfInspection,
  signOffSelfInspection,
  type CheckKind,
  type KeyStoreUser,
} from '../../../renderer/data/selfInspection.js';
import { deviceAuditId } from '../../../renderer/data/sync/deviceAudit.js';
import { chainVaultEvents } from '../../../renderer/data/vaultEvents.js';
import { openTestStore, session } from './fixtures.js';

/**
 * 自己点検 over a hub with one device: a clean office has no finding in any check; the same office with each finding
 * planted once shows every one of them, naming the planted record.
 */

const DAY = 86_400_000;
// Friday 2026-12-04, 12:00 in Japan.
const NOW = Date.parse('2026-12-04T03:00:00.000Z');
/** `days` before NOW at `hhmm` Japan time. */
const jst = (days: number, hhmm = '10:00') => Date.parse(`${new Date(NOW - days * DAY).toISOString().slice(0, 10)}T${hhmm}:00.000+09:00`);
const period = { from: '2025-12-05', to: '2026-12-04' };

async function office(plant: boolean) {
  let clock = NOW;
  const at = (moment: number) => {
    clock = moment;
  };
  const hub = await openTestStore('hub', { now: () => clock });
  const field = await openTestStore('field', { now: () => clock });
  const ids = { cw: uuidv7(), auditor: uuidv7(), accounting: uuidv7(), departed: uuidv7(), idle: uuidv7() };
  const user = (id: string, name: string, role: User['role'], status: User['status'] = 'active'): User => ({
    id,
    officeId: 'office-1',
    teamId: null,
    role,
    status,
    name,
    hlc: hub.store.clock.stamp(),
  });
  const users = [user(ids.cw, '担当A', 'caseworker'), user(ids.auditor, '監査K', 'auditor'), user(ids.accounting, '経理E', 'accounting')];
  if (plant) users.push(user(ids.departed, '退職D', 'caseworker', 'deactivated'), user(ids.idle, '休眠I', 'caseworker'));
  await hub.store.db.users.bulkPut(users);
  const keyStore: KeyStoreUser[] = users.map((u) => ({ userId: u.id, loginId: u.name, status: 'active', createdAt: '2025-01-01T00:00:00.000Z' }));

  // Everyone signed in this week during office hours; the idle account last did 91 days ago.
  const unlock = (userId: string, moment: number) => ({ id: uuidv7(), at: new Date(moment).toISOString(), type: 'unlock', userId, detail: {} });
  at(jst(1, '09:00'));
  await chainVaultEvents(hub.store, [
    ...users.filter((u) => u.status === 'active' && u.id !== ids.idle).map((u) => unlock(u.id, jst(1, '09:00'))),
    ...(plant ? [unlock(ids.idle, jst(91, '09:00'))] : []),
  ]);
  // This year's training for everyone active (the idle one's missing when planted).
  await hub.store.db.trainingRecords.bulkPut(
    users
      .filter((u) => u.status === 'active' && !(plant && u.id === ids.idle))
      .map((u) => ({ id: uuidv7(), userId: u.id, heldOn: '2026-06-01', content: '番号法研修', provider: '市', recordedBy: ids.auditor })),
  );
  // Two ordinary reveals on two days, in office hours.
  for (const day of [3, 2]) {
    at(jst(day, '11:00'));
    await appendAudit(hub.store, ids.cw, { kind: 'reveal', detail: { householdId: 'h1', memberId: 'm1', reason: '副本の確認' } });
  }
  // Backed up yesterday, or (planted) ten days ago.
  at(plant ? jst(10, '09:00') : jst(1, '16:00'));
  await appendAudit(hub.store, ids.auditor, { kind: 'export', detail: { what: 'backup', householdId: null, count: 1 } });

  // The field device synced two days ago; its chain is stored on the hub.
  const device: Device = {
    id: field.store.device.id,
    officeId: 'office-1',
    profile: 'field',
    status: 'active',
    name: '訪問用PC-1',
    signPublicKey: 'AAAA',
    boxPublicKey: 'AAAA',
    userIds: [ids.cw],
    caseloadUserIds: [ids.cw],
    enrolledBy: ids.auditor,
    enrolledAt: '2026-01-01T00:00:00.000Z',
    revoked: null,
    hlc: hub.store.clock.stamp(),
  };
  at(jst(2, '10:00'));
  for (const kind of ['caseOpened', 'caseOpened', 'caseOpened'] as const) await appendAudit(field.store, ids.cw, { kind, detail: { householdId: 'h1' } });
  const fieldChain = (await field.store.db.audit.toArray()) as AuditEntry[];
  await hub.store.db.deviceAudit.bulkPut(
    fieldChain.map((entry) => ({ id: deviceAuditId(device.id, entry.seq), deviceId: device.id, seq: entry.seq, entry: { ...entry }, receivedAt: entry.at })),
  );
  const peer = (id: string, lastAppliedAt: string | null) => ({
    id,
    sentSeq: 1,
    appliedSeq: 1,
    through: null,
    lastSentAt: lastAppliedAt,
    lastAppliedAt,
    outboxAcknowledged: 0,
    auditAcknowledged: fieldChain.length,
    auditHead: fieldChain.at(-1)!.hash,
    appliedHubSeq: 1,
    receipts: [],
    digest: null,
    erased: [],
    skewMs: null,
    auditProblems: [],
  });
  const devices = [device];
  const peers = [peer(device.id, new Date(jst(2)).toISOString())];
  const planted = { silent: uuidv7(), revoked: uuidv7(), request: uuidv7() };

  if (plant) {
    // The departed caseworker is still on the laptop (and main still lists their slot, keyStore above).
    device.userIds = [ids.cw, ids.departed];
    devices.push(
      { ...device, id: planted.silent, name: '事務所PC-7', profile: 'office', userIds: [ids.cw], caseloadUserIds: [] },
      { ...device, id: planted.revoked, name: '紛失PC', status: 'revoked', revoked: { by: ids.auditor, at: new Date(jst(5)).toISOString(), reason: '紛失' } },
    );
    peers.push(peer(planted.silent, new Date(jst(60)).toISOString()));
    // A reveal at 3 a.m.; 25 reveals in one afternoon; one by the accounting clerk, whose role reaches no 個人番号.
    at(jst(4, '03:00'));
    await appendAudit(hub.store, ids.cw, { kind: 'reveal', detail: { householdId: 'h1', memberId: 'm1', reason: '夜間の確認' } });
    at(jst(7, '14:00'));
    for (let i = 0; i < 25; i++) await appendAudit(hub.store, ids.cw, { kind: 'reveal', detail: { householdId: 'h1', memberId: 'm1', reason: '一括確認' } });
    await appendAudit(hub.store, ids.accounting, { kind: 'reveal', detail: { householdId: 'h1', memberId: 'm1', reason: '口座確認' } });
    // An export, and a failed login that locked the account.
    await appendAudit(hub.store, ids.cw, { kind: 'export', detail: { what: '月次統計 2026-11', householdId: null, count: 12 } });
    await chainVaultEvents(hub.store, [
      { id: uuidv7(), at: new Date(jst(7, '14:05')).toISOString(), type: 'failedUnlock', userId: ids.cw, detail: { loginId: 'cw-a', code: 'WRONG' } },
      { id: uuidv7(), at: new Date(jst(7, '14:06')).toISOString(), type: 'accountLocked', userId: ids.cw, detail: { failedAttempts: 5 } },
    ]);
    // The laptop's second entry edited on the hub after it was stored.
    const stored = (await hub.store.db.deviceAudit.get(deviceAuditId(device.id, 2)))!;
    await hub.store.db.deviceAudit.put({ ...stored, entry: { ...stored.entry, actor: ids.auditor } });
    // And this hub's own first entry edited in place.
    const first = (await hub.store.db.audit.where('seq').equals(1).first()) as AuditEntry;
    await hub.store.db.audit.put({ ...first, actor: ids.auditor });
    // A 開示 request received 60 days ago and still open.
    const request = {
      id: planted.request,
      kind: 'disclosure',
      person: { kind: 'other', description: '加須 太郎' },
      requester: { type: 'self', name: '' },
      identityCheck: { document: 'driversLicense', otherDocument: '', checkedBy: ids.cw },
      authorityCheck: null,
      receivedOn: new Date(jst(60)).toISOString().slice(0, 10),
      asked: '記録の開示',
      status: 'open',
      extension: null,
      decidedOn: null,
      recordedBy: ids.auditor,
    } as PrivacyRequest;
    await hub.store.db.privacyRequests.put(request);
  }
  await hub.store.db.devices.bulkPut(devices);
  await hub.store.db.syncPeers.bulkPut(peers);
  at(NOW);
  return { store: hub.store, ids, planted, keyStore, device, auditor: session('auditor', ids.auditor, null, 'hub') };
}

describe('自己点検', () => {
  test('a clean office: every check says 指摘なし, and the report is kept, signed once and listed', async () => {
    const { store, auditor, keyStore } = await office(false);
    const seen: number[] = [];
    const report = await runSelfInspection(store, auditor, { period, keyStore, progress: (done) => seen.push(done) });
    expect(report.checks.map((c) => c.kind)).toEqual([...checkKinds]);
    expect(report.checks.filter((c) => c.status !== 'clear').map((c) => [c.kind, c.refs])).toEqual([]);
    expect(report.reveals.map((r) => r.count)).toEqual([2]);
    expect(report.scanned).toBeGreaterThan(0);
    expect(seen.at(-1)).toBe(report.scanned);

    const signed = await signOffSelfInspection(store, auditor, report.id);
    expect(signed.signOff?.name).toBe('監査K');
    await expect(signOffSelfInspection(store, auditor, report.id)).rejects.toThrow('すでに署名');
    expect((await listSelfInspections(store, auditor)).map((r) => [r.id, r.signOff?.by])).toEqual([[report.id, auditor.userId]]);
  });

  test('each planted finding appears, naming its record', async () => {
    const { store, auditor, keyStore, ids, planted, device } = await office(true);
    const report = await runSelfInspection(store, auditor, { period, keyStore });
    const check = (kind: CheckKind) => report.checks.find((c) => c.kind === kind)!;
    const refIds = (kind: CheckKind) => check(kind).refs.map((ref) => ref.id);
    for (const kind of checkKinds) expect([kind, check(kind).status]).toEqual([kind, 'found']);
    expect(refIds('departedWithKeySlot')).toEqual([ids.departed]);
    expect(refIds('departedOnDevice')).toEqual([ids.departed]);
    expect(refIds('unusedAccount')).toEqual([ids.idle]);
    expect(check('myNumberRole').refs.map((ref) => ref.detail)).toEqual(['経理E（経理）']);
    expect(check('revealVolume').refs).toEqual([expect.objectContaining({ id: ids.cw, detail: expect.stringContaining(': 25件') })]);
    expect(check('offHours').refs.map((ref) => ref.detail)).toEqual(['個人番号の表示: 担当A']);
    expect(check('exportsPrints').refs.map((ref) => ref.detail)).toEqual(['出力: 月次統計 2026-11（12件）']);
    expect(check('failedLogins').count).toBe(2);
    expect(refIds('silentDevice')).toEqual([planted.silent]);
    expect(refIds('revokedDevice')).toEqual([planted.revoked]);
    expect(check('auditChain').refs).toEqual([
      expect.objectContaining({ id: store.device.id, detail: '監査ログ 1 番は書き換えられています' }),
      expect.objectContaining({ id: device.id, detail: expect.stringContaining('2 番') }),
    ]);
    expect(check('backup').refs[0]?.detail).toContain('10日前');
    expect(refIds('overdueRequest')).toEqual([planted.request]);
    expect(refIds('untrainedStaff')).toEqual([ids.idle]);
    // Every audit reference names the device and seq of its entry.
    for (const ref of check('exportsPrints').refs) expect(ref.id).toMatch(new RegExp(`^${store.device.id}:\\d+$`));
  });

  test('without main’s key store (the auditor’s session) the slot is judged from the key store’s events in the log', async () => {
    const { store, auditor, ids } = await office(true);
    await chainVaultEvents(store, [{ id: uuidv7(), at: new Date(NOW).toISOString(), type: 'userAdded', userId: ids.departed, detail: {} }]);
    const report = await runSelfInspection(store, auditor, { period, keyStore: null });
    const slot = report.checks.find((c) => c.kind === 'departedWithKeySlot')!;
    expect(slot.refs.map((ref) => ref.id)).toEqual([ids.departed]);
    expect(slot.note).toContain('監査ログ');
    await chainVaultEvents(store, [{ id: uuidv7(), at: new Date(NOW).toISOString(), type: 'userDeactivated', userId: ids.departed, detail: {} }]);
    const after = await runSelfInspection(store, auditor, { period, keyStore: null });
    expect(after.checks.find((c) => c.kind === 'departedWithKeySlot')!.status).toBe('clear');
  });

  test('the auditor runs and signs; the administrator may read; anyone else is refused', async () => {
    const { store, auditor, keyStore, ids } = await office(false);
    const admin = session('systemAdmin', uuidv7(), null, 'hub');
    await expect(runSelfInspection(store, admin, { period, keyStore })).rejects.toThrow(AccessDeniedError);
    const report = await runSelfInspection(store, auditor, { period, keyStore });
    expect((await listSelfInspections(store, admin)).map((r) => r.id)).toEqual([report.id]);
    await expect(signOffSelfInspection(store, admin, report.id)).rejects.toThrow(AccessDeniedError);
    await expect(listSelfInspections(store, session('caseworker', ids.cw, null, 'hub'))).rejects.toThrow(AccessDeniedError);
  });
});
