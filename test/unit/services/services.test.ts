import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { SeihoApi } from '../../../shared/ipc/api.js';
import { InvalidRecordError } from '../../../renderer/data/errors.js';
import { createServices } from '../../../renderer/services/index.js';
import { registerGroups } from '../../../renderer/services/registry.js';
import { bindSession } from '../../../renderer/services/sessionBound.js';
import { cardVerification, openTestStore, seedOffice, session, VALID_MY_NUMBER } from '../data/fixtures.js';

/** main's side, for the workflows that reach it: every call refused, as when main is unreachable. */
const refusingApi = new Proxy({} as SeihoApi, {
  get: () => async () => ({ ok: false, error: { code: 'UNAVAILABLE', message: 'メインプロセスに接続できません' } }),
});

async function servicesFor(role: 'caseworker' | 'intakeOfficer' | 'systemAdmin', profile: 'office' | 'field' = 'office') {
  const t = await openTestStore(profile);
  const seeded = await seedOffice(t.store);
  const userId = role === 'caseworker' ? seeded.ids.cwA : role === 'systemAdmin' ? seeded.ids.admin : seeded.ids.cwB;
  const s = session(role, userId, role === 'caseworker' ? 'team-1' : null, profile);
  return { ...t, ...seeded, session: s, services: createServices({ store: t.store, session: s, api: refusingApi, officeId: 'office-1' }) };
}

describe('the service registry', () => {
  test('a group registered twice is refused, so no module silently shadows another', () => {
    expect(() => registerGroups({ cases: {} }, { visits: {} }, { cases: {} })).toThrow('サービス「cases」が二重に登録されています');
    expect(Object.keys(registerGroups({ a: {} }, { b: {} }))).toEqual(['a', 'b']);
  });

  test('a bound repository passes the bound session first, and nothing else changes', async () => {
    const calls: unknown[][] = [];
    const repository = { read: async (...args: unknown[]) => calls.push(args), label: 'not a function' };
    const s = session('caseworker', 'u1');
    const bound = bindSession(repository, s);
    await bound.read('id-1', 2);
    expect(calls).toEqual([[s, 'id-1', 2]]);
    expect('label' in bound).toBe(false);
  });
});

describe('the services a screen gets', () => {
  test('offer no generic write for tables whose rows change only through rules', async () => {
    const { services } = await servicesFor('caseworker');
    for (const group of [services.applications, services.medicalTickets, services.debts, services.payments])
      expect(Object.keys(group).sort()).toEqual(['get', 'list']);
    expect('save' in services.households).toBe(false);
    expect('save' in services.members).toBe(false);
    expect('remove' in services.decisions).toBe(false);
    expect(Object.keys(services.caseRecords).sort()).toEqual(['get', 'list', 'record']);
  });

  test('a case record is always the session user’s, whatever the form says', async () => {
    const { services, hA, session: s } = await servicesFor('caseworker');
    const saved = await services.caseRecords.record(hA.id, { kind: 'call', recordedOn: '2026-11-21', body: '電話連絡', authorId: 'someone-else' } as never);
    expect(saved.authorId).toBe(s.userId);
  });

  test('registering a case is one transaction: a refused member leaves no household, and names the member’s field', async () => {
    const { services, store, session: s, ids } = await servicesFor('caseworker');
    const before = await store.db.households.count();
    const head = { name: '新規 太郎', kana: 'シンキ タロウ', birthDate: '1970-01-01', sex: 'male' as const, relation: '世帯主' };
    const error = await services.cases
      .create({
        caseNumber: 'N-0001',
        assignedTo: s.userId,
        status: 'consultation',
        address: '加須市1番地',
        phone: '',
        members: [head, { ...head, name: '新規 花子', relation: '妻', myNumber: '123456789012', verification: cardVerification('x', s.userId, ids.sv1) }],
      })
      .catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect((error as InvalidRecordError).field).toMatch(/^members\.1\./);
    expect(await store.db.households.count()).toBe(before);
    const id = await services.cases.create({
      caseNumber: 'N-0002',
      assignedTo: s.userId,
      status: 'consultation',
      address: '加須市2番地',
      phone: '',
      members: [head, { ...head, name: '新規 花子', relation: '妻', myNumber: VALID_MY_NUMBER, verification: cardVerification('x', s.userId, ids.sv1) }],
    });
    const members = await services.members.list(id);
    expect(members).toHaveLength(2);
  });

  test('registration keeps each member’s 宛名番号 (linkage needs it from the first approval); a malformed one is refused on its field', async () => {
    const { services, store, session: s } = await servicesFor('caseworker');
    const head = { name: '宛名 太郎', kana: 'アテナ タロウ', birthDate: '1970-01-01', sex: 'male' as const, relation: '世帯主' };
    const household = { assignedTo: s.userId, status: 'consultation' as const, address: '加須市3番地', phone: '' };
    const before = await store.db.households.count();
    const refused = await services.cases
      .create({ ...household, caseNumber: 'N-0003', members: [head, { ...head, name: '宛名 花子', relation: '妻', atenaNumber: '宛名？' }] })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ field: 'members.1.atenaNumber', message: '宛名番号は英数字（20文字以内）で入力してください' });
    expect(await store.db.households.count()).toBe(before);
    const id = await services.cases.create({
      ...household,
      caseNumber: 'N-0004',
      members: [
        { ...head, atenaNumber: 'A-100200300' },
        { ...head, name: '宛名 花子', relation: '妻', atenaNumber: null },
      ],
    });
    const members = await services.members.list(id);
    expect(Object.fromEntries(members.map((m) => ('name' in m ? [m.name, m.atenaNumber] : [m.id, m.__integrityError])))).toEqual({
      '宛名 太郎': 'A-100200300',
      '宛名 花子': null,
    });
  });

  test('an administrator’s workflow that needs main says main’s refusal, and writes nothing', async () => {
    const { services, store } = await servicesFor('systemAdmin');
    const before = await store.db.users.count();
    await expect(
      services.users.create({ loginId: 'new01', passphrase: 'x', profile: { displayName: '新 職員', role: 'caseworker', teamId: null } }),
    ).rejects.toThrow('メインプロセスに接続できません');
    expect(await store.db.users.count()).toBe(before);
  });

  test('what the session may do is the data layer’s answer', async () => {
    const field = await servicesFor('caseworker', 'field');
    expect(field.services.access.deviceProfile).toBe('field');
    expect(field.services.access.mayWrite('households')).toBe(true);
    expect(field.services.access.mayWrite('debts')).toBe(false);
    const admin = await servicesFor('systemAdmin');
    expect(admin.services.access.myNumber).toBe('none');
    expect(admin.services.access.handlesMyNumber('caseworker')).toBe(true);
    expect(admin.services.access.handlesMyNumber('accounting')).toBe(false);
  });
});
