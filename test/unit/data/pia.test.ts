import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { AccessDeniedError, InvalidRecordError } from '../../../renderer/data/errors.js';
import { localIsoDate } from '../../../shared/casework/calendarDate.js';
import { judgeThresholds } from '../../../shared/pia/thresholds.js';
import { openTestStore, rawRows, seedOffice, session, VALID_MY_NUMBER } from './fixtures.js';

/** The PIA's registers in the data layer: who may keep them, what is checked, what is audited, what is sealed. */

async function office() {
  const t = await openTestStore('office');
  const seeded = await seedOffice(t.store);
  return { ...t, ...seeded, admin: session('systemAdmin', seeded.ids.admin), manager: session('manager', seeded.ids.manager) };
}

const today = localIsoDate(Date.now());

const requestFor = (householdId: string, memberId: string, checkedBy: string) => ({
  kind: 'disclosure',
  person: { kind: 'member', householdId, memberId },
  requester: { type: 'legalAgent', name: '加須 一郎' },
  identityCheck: { document: 'driversLicense', otherDocument: '', checkedBy },
  authorityCheck: { document: 'familyRegister', otherDocument: '' },
  receivedOn: today,
  asked: '保護決定に関する記録一式の開示',
});

describe('開示等請求', () => {
  test('registered by the 課長, read by the 監査担当, refused to a caseworker and to the auditor writing', async () => {
    const { repos, ids, hA, mA, manager } = await office();
    const saved = await repos.privacyRequests.register(manager, requestFor(hA.id, mA.id, ids.cwA));
    expect(saved).toMatchObject({ status: 'open', extension: null, recordedBy: ids.manager });
    const auditor = session('auditor', ids.auditor);
    expect((await repos.privacyRequests.list(auditor)).map((r) => r.id)).toEqual([saved.id]);
    await expect(repos.privacyRequests.register(auditor, requestFor(hA.id, mA.id, ids.cwA))).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(repos.privacyRequests.list(session('caseworker', ids.cwA, 'team-1'))).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(repos.incidents.list(session('accounting', ids.cwB))).rejects.toBeInstanceOf(AccessDeniedError);
  });

  test('a member of another household, an unknown checker, a future date: refused naming the field, nothing written', async () => {
    const { repos, ids, hA, mB, mA, admin } = await office();
    const refusedField = async (input: unknown) => {
      const error = await repos.privacyRequests.register(admin, input).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRecordError);
      return (error as InvalidRecordError).field;
    };
    expect(await refusedField(requestFor(hA.id, mB.id, ids.cwA))).toBe('person.memberId');
    expect(await refusedField(requestFor(hA.id, mA.id, 'nobody'))).toBe('identityCheck.checkedBy');
    expect(await refusedField({ ...requestFor(hA.id, mA.id, ids.cwA), receivedOn: '2999-01-01' })).toBe('receivedOn');
    expect(await repos.privacyRequests.list(admin)).toEqual([]);
  });

  test('the extension: within the law, once, audited by field name; the row is sealed at rest', async () => {
    const { repos, ids, hA, mA, admin, name, store } = await office();
    const saved = await repos.privacyRequests.register(admin, requestFor(hA.id, mA.id, ids.cwA));
    await expect(repos.privacyRequests.extend(admin, saved.id, { days: 45, reason: '大量', notifiedOn: today })).rejects.toMatchObject({ field: 'days' });
    const extended = await repos.privacyRequests.extend(admin, saved.id, { days: 30, reason: '対象記録が大量のため', notifiedOn: today });
    expect(extended.extension).toEqual({ days: 30, reason: '対象記録が大量のため', notifiedOn: today });
    await expect(repos.privacyRequests.extend(admin, saved.id, { days: 10, reason: '再延長', notifiedOn: today })).rejects.toMatchObject({ field: 'days' });

    const audit = await store.db.audit.orderBy('seq').toArray();
    const entries = audit.filter((e) => 'detail' in e && (e.detail as { table?: string }).table === 'privacyRequests');
    expect(entries.map((e) => [e.kind, (e.detail as { fields: string[] }).fields])).toEqual([
      ['create', ['kind', 'person', 'requester', 'identityCheck', 'authorityCheck', 'receivedOn', 'asked']],
      ['update', ['extension']],
    ]);
    expect(entries[0]!.detail).toMatchObject({ householdId: hA.id });

    const [raw] = await rawRows(name, 'privacyRequests');
    expect(Object.keys(raw!).sort()).toEqual(['c', 'id', 'kid', 'v']);
    expect(JSON.stringify(raw)).not.toContain('加須');
  });
  test('a member is found by ケース番号 and 氏名 (kana folded) within scope; the list names them only to staff who read members', async () => {
    const { repos, ids, hA, mA, admin } = await office();
    expect(await repos.privacyRequests.findMember(admin, hA.caseNumber, 'やまだ たろう')).toEqual({ householdId: hA.id, memberId: mA.id });
    await expect(repos.privacyRequests.findMember(admin, hA.caseNumber, '佐藤 花子')).rejects.toMatchObject({ field: 'person.name' });
    await expect(repos.privacyRequests.findMember(admin, 'K-none', '山田 太郎')).rejects.toMatchObject({ field: 'person.caseNumber' });
    await expect(repos.privacyRequests.findMember(session('auditor', ids.auditor), hA.caseNumber, '山田 太郎')).rejects.toBeInstanceOf(AccessDeniedError);
    const saved = await repos.privacyRequests.register(admin, requestFor(hA.id, mA.id, ids.cwA));
    expect(await repos.privacyRequests.personLabels(admin, [saved])).toEqual({ [saved.id]: `山田 太郎（ケース番号 ${hA.caseNumber}）` });
    expect(await repos.privacyRequests.personLabels(session('auditor', ids.auditor), [saved])).toEqual({ [saved.id]: '世帯員' });
  });

  test('closing stops the countdown; a closed request is neither closed again nor extended', async () => {
    const { repos, ids, hA, mA, admin } = await office();
    const saved = await repos.privacyRequests.register(admin, requestFor(hA.id, mA.id, ids.cwA));
    expect(await repos.privacyRequests.close(admin, saved.id, { status: 'decided', on: today })).toMatchObject({ status: 'decided', decidedOn: today });
    await expect(repos.privacyRequests.close(admin, saved.id, { status: 'withdrawn', on: today })).rejects.toMatchObject({ field: 'status' });
    await expect(repos.privacyRequests.extend(admin, saved.id, { days: 10, reason: '理由', notifiedOn: today })).rejects.toMatchObject({ field: 'days' });
  });
});

describe('漏えい等事案・研修・しきい値', () => {
  test('an incident names a registered device, and shows it revoked once the registry says so', async () => {
    const { repos, admin, store } = await office();
    const deviceId = 'device-laptop-1';
    const device = { id: deviceId, officeId: 'office-1', profile: 'field', status: 'active', name: '訪問用PC 3号機', hlc: store.clock.stamp() };
    await store.db.devices.put({ ...device, signPublicKey: '', boxPublicKey: '', userIds: [], caseloadUserIds: [], enrolledBy: 'x', enrolledAt: '' } as never);
    const input = {
      summary: '訪問用PCを紛失',
      occurredOn: null,
      foundOn: today,
      peopleAffected: 12,
      dataKinds: '氏名・住所',
      deviceId,
      unlawfulPurpose: false,
      serious: true,
    };
    await expect(repos.incidents.record(admin, { ...input, deviceId: 'unknown' })).rejects.toMatchObject({ field: 'deviceId' });
    const saved = await repos.incidents.record(admin, input);
    await store.db.devices.update(deviceId, { status: 'revoked', revoked: { by: 'x', at: '2026-12-01T00:00:00Z', reason: '紛失' } } as never);
    const [line] = await repos.incidents.list(admin);
    expect(line).toMatchObject({ id: saved.id, device: { name: '訪問用PC 3号機', status: 'revoked', revokedReason: '紛失' } });
    await expect(repos.incidents.reportSent(admin, saved.id, 'final', today)).rejects.toMatchObject({ field: 'finalSentOn' });
    expect((await repos.incidents.reportSent(admin, saved.id, 'preliminary', today)).preliminarySentOn).toBe(today);
  });

  test('a training is recorded for a known user only', async () => {
    const { repos, ids, manager } = await office();
    const input = { userId: ids.cwA, heldOn: today, content: '特定個人情報の取扱い', provider: '生活福祉課' };
    await expect(repos.trainingRecords.record(manager, { ...input, userId: 'nobody' })).rejects.toMatchObject({ field: 'userId' });
    await repos.trainingRecords.record(manager, input);
    expect(await repos.trainingRecords.list(session('auditor', ids.auditor))).toMatchObject([input]);
  });

  test('the live figures count distinct 個人番号, the accounts that reach them, and serious incidents', async () => {
    const { repos, ids, hA, store, admin } = await office();
    // mA and mB hold the same number (one person on two cases): one subject. Add a second person.
    await store.db.members.put({ ...(await store.db.members.where('householdId').equals(hA.id).first())!, id: 'm-2', myNumber: '000000000019' } as never);
    await store.db.users.put({
      id: ids.admin,
      officeId: 'office-1',
      role: 'systemAdmin',
      teamId: null,
      status: 'active',
      name: '管理',
      hlc: store.clock.stamp(),
    });
    const figures = await repos.piaAssessment.figures(admin);
    // The seeded caseworkers A and B and supervisor S reach 個人番号; the administrator does not.
    expect(figures).toMatchObject({ subjects: 2, handlers: 3, seriousIncidentDates: [], countedOn: today });
    expect(VALID_MY_NUMBER).not.toBe('000000000019');
    await expect(repos.piaAssessment.figures(session('caseworker', ids.cwA, 'team-1'))).rejects.toBeInstanceOf(AccessDeniedError);
    expect(judgeThresholds(figures).required).toBe('none');
  });
});
