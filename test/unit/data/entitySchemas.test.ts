import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { makePayerNumber, makeRecipientNumber } from '../../../shared/casework/publicPayerNumber.js';
import { addDays, localIsoDate } from '../../../shared/casework/calendarDate.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { DataStore } from '../../../renderer/data/db.js';
import { InvalidRecordError } from '../../../renderer/data/errors.js';
import { household, medicalAidFrom, member, openTestStore, seedOffice, session } from './fixtures.js';

/**
 * The entity schemas of shared/casework — the ones the forms use — asked of the repositories directly, with input
 * no form would give: each refusal is an InvalidRecordError naming the field, and nothing is written.
 */

async function office() {
  const t = await openTestStore();
  const seeded = await seedOffice(t.store);
  return { ...t, ...seeded, cwA: session('caseworker', seeded.ids.cwA, 'team-1') };
}

const tables = [
  'households',
  'members',
  'consultations',
  'caseRecords',
  'medicalTickets',
  'householdSearch',
  'linkageRecords',
  'outbox',
  'audit',
  'counters',
] as const;
const snapshot = async (store: DataStore) => Object.fromEntries(await Promise.all(tables.map(async (t) => [t, await store.db.table(t).toArray()] as const)));

/** The write is refused with InvalidRecordError on `field` (and `message`), and no table changed. */
async function refused(store: DataStore, write: () => Promise<unknown>, field: string, message: RegExp) {
  const before = await snapshot(store);
  const error = await write().catch((e: unknown) => e);
  expect(error).toBeInstanceOf(InvalidRecordError);
  expect(error).toMatchObject({ field });
  expect((error as Error).message).toMatch(message);
  expect(await snapshot(store)).toEqual(before);
}

const today = localIsoDate(Date.now());

describe('households', () => {
  test('a negative rent, a floor area of 0, a rent for an owned home, an unknown municipality or status: refused by field', async () => {
    const { repos, store, hA, cwA } = await office();
    const rented = (housing: object) => ({ ...hA, housing: { kind: 'rented', rent: 42_000, floorAreaSqm: 18.5, ...housing } }) as never;
    await refused(store, () => repos.households.save(cwA, rented({ rent: -1 })), 'housing.rent', /家賃は0円以上/);
    await refused(store, () => repos.households.save(cwA, rented({ floorAreaSqm: 0 })), 'housing.floorAreaSqm', /床面積は0より大きい/);
    await refused(store, () => repos.households.save(cwA, rented({ floorAreaSqm: 18.555 })), 'housing.floorAreaSqm', /小数点以下2桁/);
    await refused(store, () => repos.households.save(cwA, rented({ kind: 'owned' })), 'housing.rent', /持家・住居なしでは家賃を空欄/);
    await refused(store, () => repos.households.save(cwA, { ...hA, municipality: '東京都新宿区' }), 'municipality', /市町村を一覧から/);
    await refused(store, () => repos.households.save(cwA, { ...hA, status: 'closed' as never }), 'status', /状態を選択/);
    await refused(store, () => repos.households.save(cwA, { ...hA, address: '　' }), 'address', /住所を入力/);
    await refused(store, () => repos.households.save(cwA, household(cwA.userId, { caseNumber: 'ケース1' })), 'caseNumber', /英数字とハイフン/);
    // The same change through update (the 世帯 tab's path) is refused inside the write.
    await refused(
      store,
      () => repos.households.update(cwA, hA.id, { housing: { kind: 'public', rent: 30_000, floorAreaSqm: 0 } }),
      'housing.floorAreaSqm',
      /床面積/,
    );
    // What the form would give is stored.
    const saved = await repos.households.update(cwA, hA.id, { housing: { kind: 'rented', rent: 42_000, floorAreaSqm: 18.5 }, municipality: '川口市' });
    expect(saved).toMatchObject({ housing: { kind: 'rented', rent: 42_000, floorAreaSqm: 18.5 }, municipality: '川口市' });
  });
});

describe('members', () => {
  test('a future birth date, a bad sex or 宛名番号, 妊娠 months out of range, a 第1号 under 65: refused by field', async () => {
    const { repos, store, hA, mA, cwA } = await office();
    const { hlc: _, myNumber: __, ...stored } = mA;
    await refused(store, () => repos.members.save(cwA, member(hA.id, { birthDate: addDays(today, 1) })), 'birthDate', /未来の日付/);
    await refused(store, () => repos.members.save(cwA, member(hA.id, { birthDate: '1960-02-30' })), 'birthDate', /実在する日付/);
    await refused(store, () => repos.members.save(cwA, member(hA.id, { sex: 'x' as never })), 'sex', /性別/);
    await refused(store, () => repos.members.save(cwA, { ...stored, atenaNumber: '宛名' }), 'atenaNumber', /宛名番号は英数字/);
    await refused(store, () => repos.members.save(cwA, { ...stored, kana: 'Yamada' }), 'kana', /カタカナ/);
    await refused(store, () => repos.members.save(cwA, { ...stored, sex: 'female', pregnancy: { months: 11 } }), 'pregnancy.months', /妊娠月数は1〜10/);
    await refused(store, () => repos.members.save(cwA, { ...stored, birthDate: '2000-01-01', careInsurance: 'primary' }), 'careInsurance', /65歳以上/);
    await expect(repos.members.save(cwA, { ...stored, workCapacity: 'limited', pregnancy: null })).resolves.toMatchObject({ workCapacity: 'limited' });
  });
});

describe('medical tickets', () => {
  test('a bad 公費負担者番号 or 受給者番号, a negative 本人支払額, a blank institution or a bad month: refused by field', async () => {
    const { repos, store, hA, mA, cwA, ids } = await office();
    await medicalAidFrom(store, hA.id, '2026-04-01', ids.cwA);
    const ticket = {
      memberId: mA.id,
      month: '2026-11',
      kind: 'medical' as const,
      institution: '加須中央病院',
      payerNumber: makePayerNumber({ prefecture: 11, agency: 201 }),
      recipientNumber: makeRecipientNumber(123456),
      copayment: 0,
    };
    await refused(store, () => repos.tickets.issue(cwA, hA.id, { ...ticket, payerNumber: '12345678' }), 'payerNumber', /公費負担者番号/);
    await refused(store, () => repos.tickets.issue(cwA, hA.id, { ...ticket, recipientNumber: '1234567' }), 'recipientNumber', /受給者番号/);
    await refused(store, () => repos.tickets.issue(cwA, hA.id, { ...ticket, copayment: -100 }), 'copayment', /本人支払額は0円以上/);
    await refused(store, () => repos.tickets.issue(cwA, hA.id, { ...ticket, copayment: 10.5 }), 'copayment', /円単位の整数/);
    await refused(store, () => repos.tickets.issue(cwA, hA.id, { ...ticket, institution: '  ' }), 'institution', /医療機関・薬局を入力/);
    await refused(store, () => repos.tickets.issue(cwA, hA.id, { ...ticket, month: '2026-13' }), 'month', /年-月/);
    // Full width, as an IME gives it, is what the form accepts too.
    const fullWidth = (s: string) => s.replace(/\d/gu, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0));
    await expect(repos.tickets.issue(cwA, hA.id, { ...ticket, recipientNumber: fullWidth(ticket.recipientNumber) })).resolves.toMatchObject({
      recipientNumber: ticket.recipientNumber,
    });
  });
});

describe('consultations and case records', () => {
  test('a future date, an empty 主訴 or body, an unknown kind: refused by field', async () => {
    const { repos, store, hA, cwA, ids } = await office();
    const intake = session('intakeOfficer', uuidv7());
    const hC = await repos.households.save(intake, household(null, { status: 'consultation' }));
    const consultation = {
      id: uuidv7(),
      householdId: hC.id,
      intakeOfficerId: intake.userId,
      consultedOn: today,
      status: 'open' as const,
      purpose: '失職',
      situation: '家賃滞納',
      advice: '',
    };
    await refused(store, () => repos.consultations.save(intake, { ...consultation, consultedOn: addDays(today, 1) }), 'consultedOn', /未来の日付/);
    await refused(store, () => repos.consultations.save(intake, { ...consultation, purpose: ' ' }), 'purpose', /主訴を入力/);
    await refused(store, () => repos.consultations.save(intake, { ...consultation, status: 'done' as never }), 'status', /相談の結果/);
    const note = { id: uuidv7(), householdId: hA.id, authorId: ids.cwA, recordedOn: today, kind: 'call' as const, body: '電話' };
    await refused(store, () => repos.caseRecords.save(cwA, { ...note, body: '' }), 'body', /内容を入力/);
    await refused(store, () => repos.caseRecords.save(cwA, { ...note, kind: 'gossip' as never }), 'kind', /種別/);
    await refused(store, () => repos.caseRecords.save(cwA, { ...note, body: 'あ'.repeat(4001) }), 'body', /4000文字以内/);
    await expect(repos.consultations.save(intake, consultation)).resolves.toMatchObject({ purpose: '失職' });
  });
});
