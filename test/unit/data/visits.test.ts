import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { refund63, collection78 } from '../../../shared/calc/debts.js';
import { defaultVisitGrades, type VisitGrade } from '../../../shared/casework/visitPlan.js';
import { makePayerNumber, makeRecipientNumber } from '../../../shared/casework/publicPayerNumber.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { AccessDeniedError, IntegrityError, InvalidRecordError } from '../../../renderer/data/errors.js';
import { pendingOutbox } from '../../../renderer/data/outbox.js';
import { balanceOf, installmentStatus } from '../../../renderer/data/repos/debts.js';
import { endTicketsOnTermination } from '../../../renderer/data/repos/medicalTickets.js';
import { DuplicateVisitError } from '../../../renderer/data/repos/visits.js';
import { medicalAidFrom, member, mutateRaw, openTestStore, seedOffice, session } from './fixtures.js';

async function office() {
  const t = await openTestStore();
  const seeded = await seedOffice(t.store);
  return { ...t, ...seeded, cwA: session('caseworker', seeded.ids.cwA, 'team-1') };
}

const grades = defaultVisitGrades;
const visit = (recordedOn: string) => ({ kind: 'visit' as const, recordedOn, body: '【家庭訪問】居室は清潔。' });

describe('visits and the visit plan', () => {
  test('recording a home visit writes the note and moves the plan in one transaction', async () => {
    const { repos, hA, cwA } = await office();
    const plan = await repos.visits.setPlan(cwA, hA.id, { grade: 'B', note: '', startedOn: '2026-04-10' }, grades);
    // No visit yet: due in the month protection started.
    expect(plan).toMatchObject({ nextDueOn: '2026-04-30', lastVisitOn: null });
    const { record, plan: moved } = await repos.visits.recordVisit(cwA, hA.id, visit('2026-05-12'), grades);
    expect(moved).toMatchObject({ id: plan.id, lastVisitOn: '2026-05-12', nextDueOn: '2026-07-31' });
    expect((await repos.caseRecords.list(cwA, hA.id)).map((r) => r.id)).toContain(record.id);
    // An earlier visit recorded late does not pull the plan back; a phone call does not move it.
    await repos.visits.recordVisit(cwA, hA.id, visit('2026-05-01'), grades);
    const call = await repos.visits.recordVisit(cwA, hA.id, { kind: 'call', recordedOn: '2026-06-01', body: '電話' }, grades);
    expect(call.plan).toBeNull();
    expect(await repos.visits.planOf(cwA, hA.id)).toMatchObject({ nextDueOn: '2026-07-31' });
    // Changing the grade recomputes from the last visit.
    expect(await repos.visits.setPlan(cwA, hA.id, { grade: 'A', note: '通院状況を確認', startedOn: '2026-04-10' }, grades)).toMatchObject({
      nextDueOn: '2026-06-30',
    });
  });

  test('a second visit to the same household on the same day is recorded only once confirmed', async () => {
    const { repos, hA, hB, cwA, ids } = await office();
    await repos.visits.recordVisit(cwA, hA.id, visit('2026-05-12'), grades);
    const before = await repos.caseRecords.list(cwA, hA.id);
    const again = await repos.visits.recordVisit(cwA, hA.id, visit('2026-05-12'), grades).catch((e: unknown) => e);
    expect(again).toBeInstanceOf(DuplicateVisitError);
    expect(again).toMatchObject({ recordedOn: '2026-05-12', message: 'この世帯のこの日の訪問はすでに記録されています' });
    expect(await repos.caseRecords.list(cwA, hA.id)).toHaveLength(before.length);
    // Another day, another kind, another household: no question asked.
    await repos.visits.recordVisit(cwA, hA.id, visit('2026-05-13'), grades);
    await repos.visits.recordVisit(cwA, hA.id, { kind: 'call', recordedOn: '2026-05-12', body: '電話' }, grades);
    await repos.visits.recordVisit(session('caseworker', ids.cwB, 'team-2'), hB.id, visit('2026-05-12'), grades);
    // Confirmed: a real second visit that day is kept.
    await repos.visits.recordVisit(cwA, hA.id, visit('2026-05-12'), grades, { confirmedDuplicate: true });
    const visits = (await repos.caseRecords.list(cwA, hA.id)).filter((r) => 'kind' in r && r.kind === 'visit' && r.recordedOn === '2026-05-12');
    expect(visits).toHaveLength(2);
  });

  test('if the plan cannot be written, the visit record is not kept either', async () => {
    const { repos, hA, cwA, name } = await office();
    const plan = await repos.visits.setPlan(cwA, hA.id, { grade: 'B', note: '', startedOn: '2026-04-10' }, grades);
    const before = (await repos.caseRecords.list(cwA, hA.id)).length;
    await mutateRaw(name, 'visitPlans', plan.id, (row) => {
      row.nextDueOn = '2099-01-31';
    });
    await expect(repos.visits.recordVisit(cwA, hA.id, visit('2026-05-12'), grades)).rejects.toBeInstanceOf(IntegrityError);
    expect((await repos.caseRecords.list(cwA, hA.id)).length).toBe(before);
  });

  test('a caseworker cannot record a visit on a case outside the caseload; a supervisor sees the team achievement', async () => {
    const { repos, hA, hB, cwA, ids } = await office();
    await expect(repos.visits.recordVisit(cwA, hB.id, visit('2026-05-12'), grades)).rejects.toBeInstanceOf(AccessDeniedError);
    await repos.visits.setPlan(cwA, hA.id, { grade: 'A', note: '', startedOn: '2026-04-01' }, grades);
    await repos.visits.recordVisit(cwA, hA.id, visit('2026-05-12'), grades);
    const sv = session('supervisor', ids.sv1, 'team-1');
    const may = await repos.visits.achievement(sv, '2026-05', grades);
    expect(may.rows).toEqual([{ caseworkerId: ids.cwA, month: '2026-05', due: 1, done: 1, unplanned: 0, rate: 1 }]);
    const july = await repos.visits.achievement(sv, '2026-07', grades);
    expect(july.overdue.get(ids.cwA)).toBe(1);
    // The case list's column: the plan's due date in scope only; 経理 (no access to plans) gets none.
    await repos.visits.setPlan(session('caseworker', ids.cwB, 'team-2'), hB.id, { grade: 'C', note: '', startedOn: '2026-04-01' }, grades);
    expect([...(await repos.visits.nextDueByHousehold(cwA))]).toEqual([[hA.id, '2026-06-30']]);
    expect((await repos.visits.nextDueByHousehold(session('accounting', uuidv7()))).size).toBe(0);
  });

  test("the office's own grades set the interval; a grade the office does not have is refused", async () => {
    const { repos, hA, cwA } = await office();
    const office4: VisitGrade[] = [{ code: 'S', label: '4か月に1回', intervalMonths: 4 }];
    await repos.visits.setPlan(cwA, hA.id, { grade: 'S', note: '', startedOn: '2026-04-01' }, office4);
    expect((await repos.visits.recordVisit(cwA, hA.id, visit('2026-05-12'), office4)).plan).toMatchObject({ nextDueOn: '2026-09-30' });
    await expect(repos.visits.setPlan(cwA, hA.id, { grade: 'B', note: '', startedOn: '2026-04-01' }, office4)).rejects.toThrow(
      '訪問格付け「B」は設定にありません',
    );
  });
});

describe('医療券・調剤券', () => {
  const payerNumber = makePayerNumber({ prefecture: 11, agency: 201 });
  const recipientNumber = makeRecipientNumber(123456);
  const ticket = (memberId: string, month: string, over: object = {}) => ({
    memberId,
    month,
    kind: 'medical' as const,
    institution: '加須中央病院',
    payerNumber,
    recipientNumber,
    copayment: 0,
    ...over,
  });

  test('numbers are checked again in the data layer, with the field and a Japanese message', async () => {
    const { repos, store, hA, mA, cwA } = await office();
    await medicalAidFrom(store, hA.id, '2026-04-01', cwA.userId);
    const wrongDigit = `${recipientNumber.slice(0, 6)}${(Number(recipientNumber[6]) + 1) % 10}`;
    const refused = async (over: object, field: string, message: RegExp) => {
      const error = await repos.tickets.issue(cwA, hA.id, ticket(mA.id, '2026-05', over)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRecordError);
      expect(error).toMatchObject({ field, message: expect.stringMatching(message) });
    };
    await refused({ recipientNumber: wrongDigit }, 'recipientNumber', /受給者番号の検証番号/);
    await refused({ recipientNumber: '12345' }, 'recipientNumber', /受給者番号は7桁です/);
    await refused({ payerNumber: makePayerNumber({ prefecture: 11, agency: 201, lawNumber: '15' }) }, 'payerNumber', /法別番号/);
    await refused({ copayment: -1 }, 'copayment', /本人支払額/);
    expect(await repos.medicalTickets.list(cwA, hA.id)).toEqual([]);
    // Full-width digits are normalised before they are stored.
    const issued = await repos.tickets.issue(
      cwA,
      hA.id,
      ticket(mA.id, '2026-05', { recipientNumber: recipientNumber.replace(/\d/g, (d) => String.fromCharCode(d.charCodeAt(0) + 0xfee0)) }),
    );
    expect(issued).toMatchObject({ recipientNumber, status: 'issued', validUntil: '2026-05-31' });
    await refused({}, 'institution', /発行済み/);
  });

  test('a termination cancels later months and shortens the month it takes effect in; the linkage is queued unless 不開示', async () => {
    const { repos, store, hA, mA, cwA } = await office();
    await medicalAidFrom(store, hA.id, '2026-04-01', cwA.userId);
    const hidden = await repos.members.save(cwA, member(hA.id, { relation: '子', name: '山田 次郎', nonDisclosure: true, myNumber: null }));
    // Saving the member reconciled the case's 副本 with the 開始; count only what the tickets queue from here.
    const before = (await pendingOutbox(store, 'linkage')).length;
    const may = await repos.tickets.issue(cwA, hA.id, ticket(mA.id, '2026-05'));
    const june = await repos.tickets.issue(cwA, hA.id, ticket(mA.id, '2026-06', { kind: 'pharmacy', institution: 'すみれ薬局' }));
    const july = await repos.tickets.issue(cwA, hA.id, ticket(hidden.id, '2026-07'));
    const queued = async () => (await pendingOutbox(store, 'linkage')).length - before;
    expect(await queued()).toBe(2);
    const changed = await endTicketsOnTermination(store, cwA, hA.id, '2026-06-15');
    expect(changed.map((t) => t.id).sort()).toEqual([june.id, july.id].sort());
    const byId = new Map((await repos.medicalTickets.list(cwA, hA.id)).map((t) => [t.id, t]));
    expect(byId.get(may.id)).toMatchObject({ status: 'issued', validUntil: '2026-05-31' });
    expect(byId.get(june.id)).toMatchObject({ status: 'issued', validUntil: '2026-06-14' });
    expect(byId.get(july.id)).toMatchObject({ status: 'cancelled' });
    expect(await queued()).toBe(3);
    // Run again (a retried decision): nothing more to end.
    expect(await endTicketsOnTermination(store, cwA, hA.id, '2026-06-15')).toEqual([]);
    await repos.households.save(cwA, { ...hA, status: 'terminated' });
    await expect(repos.tickets.issue(cwA, hA.id, ticket(mA.id, '2026-08'))).rejects.toThrow(/廃止・却下/);
  });

  test('a ticket needs 医療扶助 decided for its month: none before the 開始, none without it, none while suspended', async () => {
    const { repos, store, hA, mA, cwA } = await office();
    const refusedMonth = async (month: string) => {
      const error = await repos.tickets.issue(cwA, hA.id, ticket(mA.id, month)).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(InvalidRecordError);
      expect(error).toMatchObject({ field: 'month', message: expect.stringMatching(/医療扶助が決定されていない/) });
    };
    // 相談中: no decision at all.
    await refusedMonth('2026-05');
    expect(await repos.tickets.coverage(cwA, hA.id)).toEqual([]);
    // A 開始 without 医療扶助 gives none either.
    const living = await medicalAidFrom(store, hA.id, '2026-04-01', cwA.userId);
    await store.db.decisions.put({ ...living, aids: ['living'], hlc: store.clock.stamp() });
    await refusedMonth('2026-05');
    // With 医療扶助 from 5月10日: 5月 is covered (some of its days), 4月 is not; a 停止 from 7月 ends it.
    await store.db.decisions.put({ ...living, aids: ['living', 'medical'], effectiveOn: '2026-05-10', hlc: store.clock.stamp() });
    await store.db.decisions.put({ ...living, id: uuidv7(), kind: 'suspend', aids: [], effectiveOn: '2026-07-01', hlc: store.clock.stamp() });
    await refusedMonth('2026-04');
    await refusedMonth('2026-07');
    expect(await repos.tickets.coverage(cwA, hA.id)).toEqual([{ validFrom: '2026-05-10', validTo: '2026-06-30' }]);
    const june = await repos.tickets.issue(cwA, hA.id, ticket(mA.id, '2026-06'));
    expect(june.status).toBe('issued');
    expect((await repos.medicalTickets.list(cwA, hA.id)).map((t) => t.id)).toEqual([june.id]);
  });

  test('ending tickets needs a role that writes decisions and the case in scope', async () => {
    const { store, hA, hB, cwA } = await office();
    await expect(endTicketsOnTermination(store, session('accounting', uuidv7()), hA.id, '2026-06-01')).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(endTicketsOnTermination(store, cwA, hB.id, '2026-06-01')).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe('債権 (63条・78条)', () => {
  test('balance and installment status after receipts; 完済 when paid off; a caseworker only reads', async () => {
    const { repos, hA, cwA } = await office();
    const keiri = session('accounting', uuidv7());
    const result = refund63({
      benefitReceived: 100_000,
      deductions: [{ reason: '自立更生のための費用', amount: 10_000 }],
      monthlyInstallment: 30_000,
      startMonth: '2026-05',
    });
    const debt = await repos.ledgers.create(keiri, hA.id, { kind: 'refund63', decidedOn: '2026-04-20', result });
    expect(debt).toMatchObject({
      principal: 90_000,
      status: 'open',
      schedule: [{ dueOn: '2026-05-31', amount: 30_000 }, { dueOn: '2026-06-30' }, { dueOn: '2026-07-31' }],
    });
    const paid = await repos.ledgers.receive(keiri, debt.id, { receivedOn: '2026-05-25', amount: 30_000 });
    expect(balanceOf(paid)).toBe(60_000);
    expect(installmentStatus(paid, '2026-07-01')).toEqual({ dueToDate: 60_000, paid: 30_000, arrears: 30_000, installmentsDue: 2, balance: 60_000 });
    await expect(repos.ledgers.receive(keiri, debt.id, { receivedOn: '2026-06-25', amount: 60_001 })).rejects.toThrow(/残高/);
    expect(await repos.ledgers.receive(keiri, debt.id, { receivedOn: '2026-06-25', amount: 60_000 })).toMatchObject({ status: 'settled' });
    // The caseworker reads the ledger but cannot write it.
    expect((await repos.debts.list(cwA, hA.id)).length).toBe(1);
    await expect(repos.ledgers.receive(cwA, debt.id, { receivedOn: '2026-06-25', amount: 1 })).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(repos.ledgers.create(cwA, hA.id, { kind: 'refund63', decidedOn: '2026-04-20', result })).rejects.toBeInstanceOf(AccessDeniedError);
  });

  test('78条の2: nothing without the request and the finding; then within the month’s benefit, once a month', async () => {
    const { repos, store, hA } = await office();
    const keiri = session('accounting', uuidv7());
    await store.db.calculations.put({
      id: uuidv7(),
      householdId: hA.id,
      month: '2026-06',
      minimumCost: 120_000,
      recognizedIncome: 20_000,
      benefit: 100_000,
      breakdown: null,
      hlc: store.clock.stamp(),
    });
    const result = collection78({ wrongfulAmount: 200_000, collectAmount: 200_000, surchargePercent: 40, monthlyInstallment: 10_000, startMonth: '2026-06' });
    const debt = await repos.ledgers.create(keiri, hA.id, { kind: 'collection78', decidedOn: '2026-05-20', result });
    expect(debt.principal).toBe(280_000);
    expect(await repos.ledgers.offset(keiri, debt.id, { month: '2026-06', officeFindsMinimumMaintained: true })).toMatchObject({
      amount: 0,
      basis: expect.stringMatching(/申出がない/),
    });
    await repos.ledgers.setOffsetRequest(keiri, debt.id, { requestedOn: '2026-05-25', monthlyAmount: 5_000 });
    expect(await repos.ledgers.offset(keiri, debt.id, { month: '2026-06', officeFindsMinimumMaintained: false })).toMatchObject({ amount: 0 });
    const done = await repos.ledgers.offset(keiri, debt.id, { month: '2026-06', officeFindsMinimumMaintained: true });
    expect(done.amount).toBe(5_000);
    expect(balanceOf(done.debt)).toBe(275_000);
    await expect(repos.ledgers.offset(keiri, debt.id, { month: '2026-06', officeFindsMinimumMaintained: true })).rejects.toThrow(/記録済み/);
    await expect(repos.ledgers.offset(keiri, debt.id, { month: '2026-07', officeFindsMinimumMaintained: true })).rejects.toThrow(/計算がありません/);
    const refund = await repos.ledgers.create(keiri, hA.id, {
      kind: 'refund63',
      decidedOn: '2026-05-20',
      result: refund63({ benefitReceived: 1000, deductions: [], monthlyInstallment: 1000, startMonth: '2026-06' }),
    });
    await expect(repos.ledgers.setOffsetRequest(keiri, refund.id, { requestedOn: '2026-05-25', monthlyAmount: 500 })).rejects.toThrow(/78条の2/);
  });
});
