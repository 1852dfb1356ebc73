import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { makePayerNumber, makeRecipientNumber } from '../../../shared/casework/publicPayerNumber.js';
import type { Decision, LinkageRecord } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { LinkageBody, ResultRecord } from '../../../shared/linkage/exchangeFormat.js';
import { defaultLinkageItems } from '../../../shared/linkage/legalReferences.js';
import { AccessDeniedError, InvalidRecordError } from '../../../renderer/data/errors.js';
import { linkageTables, reconcileHouseholdLinkage } from '../../../renderer/data/linkage/householdLinkage.js';
import { writeTransaction, type OutboxEntry } from '../../../renderer/data/outbox.js';
import { APPLIED_ON, HANAKO, PAYER, KENJI, linkageOffice, NOW_MS, TARO, type LinkageOffice } from './flowFixtures.js';

/**
 * 情報連携 in the data layer: what a 課長's approval queues for the 中間サーバー (副本 and 資格情報), what is held
 * back (不開示, no 宛名番号) and why, that nothing unchanged is queued twice, and who may ask for an inquiry.
 */

async function office(...args: Parameters<typeof linkageOffice>) {
  const o = await linkageOffice(...args);
  return o;
}

type Replica = LinkageBody<'replicaRegistration'>;
type Eligibility = LinkageBody<'medicalEligibility'>;
const replicaOf = (entry: OutboxEntry | undefined) => entry?.payload as Replica;
const eligibilityOf = (entry: OutboxEntry | undefined) => entry?.payload as Eligibility;

const allAids = (from: string, to: string | null = null) => [
  { aid: 'living', from, to },
  { aid: 'housing', from, to },
  { aid: 'medical', from, to },
];

/** What the administrator's export does, and the 中間サーバー accepting every record of it (no files here). */
async function exportAndAcceptAll(o: LinkageOffice) {
  const { linkageExchange } = o.repos;
  const plan = await linkageExchange.prepareExport(o.roles.admin, { items: defaultLinkageItems, payerNumber: PAYER });
  expect(plan.held).toEqual([]);
  const exchangeId = `req-${uuidv7()}`;
  await linkageExchange.markExported(o.roles.admin, exchangeId, plan.records, defaultLinkageItems);
  const results: ResultRecord[] = plan.records.map((record, n) => ({
    resultId: `${exchangeId}-${n + 1}`,
    requestRecordId: record.recordId,
    idempotencyKey: record.idempotencyKey,
    processedAt: new Date(NOW_MS).toISOString(),
    kind: record.kind,
    outcome: 'accepted',
  }));
  const report = await linkageExchange.applyResults(o.roles.admin, `res-${uuidv7()}`, results, defaultLinkageItems);
  expect(report.results.map((r) => r.application)).toEqual(results.map(() => 'applied'));
  return plan.records;
}

const reconcile = (o: LinkageOffice, pending?: Decision) =>
  writeTransaction(o.store, linkageTables, (writer) => reconcileHouseholdLinkage(o.store, writer, o.roles.manager.userId, o.hC.id, pending ? { pending } : {}));

const ticketFor = (memberId: string, serial: number) => ({
  memberId,
  month: '2026-11',
  kind: 'medical' as const,
  institution: '加須中央病院',
  payerNumber: makePayerNumber({ prefecture: 11, agency: 201 }),
  recipientNumber: makeRecipientNumber(serial),
  copayment: 0,
});

describe('the 課長 approval of a 開始 queues the 副本 and the 資格情報', () => {
  test('one replica registration and one eligibility registration, with two pending ledger rows; the SV approval alone queues nothing', async () => {
    const o = await office([TARO]);
    const taro = o.members[0]!;
    const draft = o.draftOf('start', APPLIED_ON, ['living', 'housing', 'medical'], { applicationId: o.application.id });
    await o.repos.decisions.draft(o.roles.cwA, draft);
    await o.repos.decisions.submit(o.roles.cwA, draft.id);
    await o.repos.decisions.approve(o.roles.sv, draft.id);
    expect(await o.outbox()).toEqual([]);
    expect(await o.ledger()).toEqual([]);

    await o.repos.decisions.approve(o.roles.manager, draft.id);
    const outbox = await o.outbox();
    expect(outbox.map((e) => e.kind).sort()).toEqual(['medicalEligibility', 'replicaRegistration']);
    const replica = outbox.find((e) => e.kind === 'replicaRegistration')!;
    const eligibility = outbox.find((e) => e.kind === 'medicalEligibility')!;
    expect(replica.payload).toEqual({
      event: 'register',
      atenaNumber: '1000000001',
      item: 'seikatsuHogo',
      periodStart: APPLIED_ON,
      status: 'active',
      startedOn: APPLIED_ON,
      suspendedOn: null,
      endedOn: null,
      aids: allAids(APPLIED_ON),
      grants: [],
    });
    expect(eligibility.payload).toEqual({
      event: 'register',
      atenaNumber: '1000000001',
      kana: TARO.kana,
      birthDate: TARO.birthDate,
      sex: 'male',
      payerNumber: null,
      validFrom: APPLIED_ON,
      validTo: null,
    });
    // The key reveals neither the 宛名番号 nor the period.
    for (const entry of outbox) {
      expect(entry.idempotencyKey).toMatch(new RegExp(`^linkage:${entry.kind}:`));
      expect(entry.idempotencyKey).not.toContain('1000000001');
      expect(entry.op).toBe('send');
    }

    const ledger = await o.ledger();
    expect(ledger).toHaveLength(2);
    for (const entry of outbox) {
      const row = ledger.find((r) => r.kind === entry.kind)!;
      expect(row).toMatchObject({
        status: 'pending',
        householdId: o.hC.id,
        memberId: taro.id,
        idempotencyKey: entry.idempotencyKey,
        lastRecordId: entry.id,
        requestedBy: o.roles.manager.userId,
        registered: false,
        problem: null,
      });
      expect(row.body).toEqual(entry.payload);
      expect(row.history.map((h) => h.status)).toEqual(['pending']);
    }
    // The caseworker sees the rows on the case.
    expect((await o.repos.linkage.list(o.roles.cwA, o.hC.id)).map((r) => (r as LinkageRecord).status).sort()).toEqual(['pending', 'pending']);
  });

  test('a 開始 without 医療扶助 registers the 副本 only', async () => {
    const o = await office([TARO]);
    await o.start(['living', 'housing']);
    expect((await o.outbox()).map((e) => e.kind)).toEqual(['replicaRegistration']);
    expect((await o.ledger()).map((r) => r.kind)).toEqual(['replicaRegistration']);
  });

  test('every member with a 宛名番号 gets their own 副本 and 資格情報', async () => {
    const o = await office([TARO, HANAKO]);
    await o.start();
    const outbox = await o.outbox();
    expect(outbox.map((e) => [e.kind, (e.payload as { atenaNumber: string }).atenaNumber]).sort()).toEqual([
      ['medicalEligibility', '1000000001'],
      ['medicalEligibility', '1000000002'],
      ['replicaRegistration', '1000000001'],
      ['replicaRegistration', '1000000002'],
    ]);
    expect(new Set(outbox.map((e) => e.idempotencyKey)).size).toBe(4);
  });
});

describe('廃止, 停止 and the resumption', () => {
  test('廃止 before the 副本 was accepted: still a register, now terminated; the eligibility ends the day before', async () => {
    const o = await office([TARO]);
    await o.start();
    const firstReplica = (await o.ledger('replicaRegistration'))[0]!;
    const firstEligibility = (await o.ledger('medicalEligibility'))[0]!;
    await o.decide('terminate', '2026-11-20');

    const replicas = await o.outbox('replicaRegistration');
    expect(replicas).toHaveLength(2);
    expect(replicaOf(replicas[1])).toEqual({
      event: 'register',
      atenaNumber: '1000000001',
      item: 'seikatsuHogo',
      periodStart: APPLIED_ON,
      status: 'terminated',
      startedOn: APPLIED_ON,
      suspendedOn: null,
      endedOn: '2026-11-20',
      aids: allAids(APPLIED_ON, '2026-11-19'),
      grants: [],
    });
    // Same key: an upsert of the same 副本 at the other side.
    expect(replicas[1]!.idempotencyKey).toBe(replicas[0]!.idempotencyKey);
    const eligibilities = await o.outbox('medicalEligibility');
    expect(eligibilities).toHaveLength(2);
    // Not yet registered at the other side: the registration itself now carries the end (an upsert, not an 'end').
    expect(eligibilityOf(eligibilities[1])).toMatchObject({ event: 'register', validFrom: APPLIED_ON, validTo: '2026-11-19' });
    expect(eligibilities[1]!.idempotencyKey).toBe(eligibilities[0]!.idempotencyKey);

    // Still one ledger row each, pointing at the newest sending.
    const ledger = await o.ledger();
    expect(ledger).toHaveLength(2);
    expect(ledger.find((r) => r.id === firstReplica.id)).toMatchObject({ status: 'pending', lastRecordId: replicas[1]!.id });
    expect(ledger.find((r) => r.id === firstEligibility.id)).toMatchObject({ status: 'pending', lastRecordId: eligibilities[1]!.id });
  });

  test('廃止 after the 副本 was accepted is a correction; the eligibility end carries the day before', async () => {
    const o = await office([TARO]);
    await o.start();
    await exportAndAcceptAll(o);
    expect(await o.outbox()).toEqual([]);
    const accepted = await o.ledger();
    expect(accepted.map((r) => [r.kind, r.status, r.registered]).sort()).toEqual([
      ['medicalEligibility', 'accepted', true],
      ['replicaRegistration', 'accepted', true],
    ]);

    await o.decide('terminate', '2026-11-20');
    const outbox = await o.outbox();
    expect(outbox.map((e) => e.kind).sort()).toEqual(['medicalEligibility', 'replicaRegistration']);
    expect(replicaOf(outbox.find((e) => e.kind === 'replicaRegistration'))).toMatchObject({
      event: 'correct',
      periodStart: APPLIED_ON,
      status: 'terminated',
      endedOn: '2026-11-20',
      aids: allAids(APPLIED_ON, '2026-11-19'),
    });
    expect(eligibilityOf(outbox.find((e) => e.kind === 'medicalEligibility'))).toEqual({
      event: 'end',
      atenaNumber: '1000000001',
      kana: TARO.kana,
      birthDate: TARO.birthDate,
      sex: 'male',
      payerNumber: null,
      validFrom: APPLIED_ON,
      validTo: '2026-11-19',
    });
    const ledger = await o.ledger();
    expect(ledger.map((r) => r.status)).toEqual(['pending', 'pending']);
    expect(ledger.every((r) => r.registered)).toBe(true);
  });

  test('停止 ends the eligibility the day before; the 変更 that lifts it registers it again', async () => {
    const o = await office([TARO]);
    await o.start();
    await exportAndAcceptAll(o);

    await o.decide('suspend', '2026-11-15');
    let outbox = await o.outbox();
    expect(replicaOf(outbox.find((e) => e.kind === 'replicaRegistration'))).toMatchObject({
      event: 'correct',
      status: 'suspended',
      suspendedOn: '2026-11-15',
      endedOn: null,
      aids: allAids(APPLIED_ON),
    });
    expect(eligibilityOf(outbox.find((e) => e.kind === 'medicalEligibility'))).toMatchObject({ event: 'end', validFrom: APPLIED_ON, validTo: '2026-11-14' });
    await exportAndAcceptAll(o);

    await o.decide('change', '2026-12-01');
    outbox = await o.outbox();
    expect(outbox.map((e) => e.kind).sort()).toEqual(['medicalEligibility', 'replicaRegistration']);
    expect(replicaOf(outbox.find((e) => e.kind === 'replicaRegistration'))).toMatchObject({
      event: 'correct',
      status: 'active',
      suspendedOn: null,
      endedOn: null,
      aids: allAids(APPLIED_ON),
    });
    expect(eligibilityOf(outbox.find((e) => e.kind === 'medicalEligibility'))).toMatchObject({ event: 'register', validTo: null });
  });

  test('the eligibility registered again after a 停止 does not cover the suspended days', async () => {
    // After 停止 (2026-11-15) the 資格情報 ended on 11-14; registered again at the 変更 of 12-01 it must start on
    // 12-01, or the オンライン資格確認 answers "eligible" for 11-15..11-30, when no 医療扶助 was given.
    const o = await office([TARO]);
    await o.start();
    await exportAndAcceptAll(o);
    await o.decide('suspend', '2026-11-15');
    await exportAndAcceptAll(o);
    await o.decide('change', '2026-12-01');
    const eligibility = eligibilityOf((await o.outbox('medicalEligibility'))[0]);
    expect(eligibility).toMatchObject({ event: 'register', validTo: null });
    expect(eligibility.validFrom).toBe('2026-12-01');
  });

  test('a 変更 that drops 医療扶助 ends the eligibility the day before and corrects the 副本', async () => {
    const o = await office([TARO]);
    await o.start();
    await exportAndAcceptAll(o);
    await o.decide('change', '2026-12-01', ['living', 'housing']);
    const outbox = await o.outbox();
    expect(replicaOf(outbox.find((e) => e.kind === 'replicaRegistration'))).toMatchObject({
      event: 'correct',
      status: 'active',
      aids: [
        { aid: 'living', from: APPLIED_ON, to: null },
        { aid: 'housing', from: APPLIED_ON, to: null },
        { aid: 'medical', from: APPLIED_ON, to: '2026-11-30' },
      ],
    });
    expect(eligibilityOf(outbox.find((e) => e.kind === 'medicalEligibility'))).toMatchObject({ event: 'end', validTo: '2026-11-30' });
  });
});

describe('held back: 不開示 and a missing 宛名番号', () => {
  test('a member with 不開示: no eligibility is queued, the row is suppressed with the reason; the ticket data is not queued either', async () => {
    const o = await office([TARO, { ...HANAKO, nonDisclosure: true }]);
    const [taro, hanako] = o.members as [(typeof o.members)[0], (typeof o.members)[0]];
    await o.start();

    const eligibilities = await o.outbox('medicalEligibility');
    expect(eligibilities.map((e) => eligibilityOf(e).atenaNumber)).toEqual(['1000000001']);
    expect((await o.outbox()).some((e) => e.kind === 'medicalEligibility' && JSON.stringify(e.payload).includes(HANAKO.atenaNumber))).toBe(false);
    const suppressed = (await o.ledger('medicalEligibility')).find((r) => r.memberId === hanako.id)!;
    expect(suppressed).toMatchObject({ status: 'suppressed', body: null, lastRecordId: null, problem: { code: 'NON_DISCLOSURE' } });
    expect(suppressed.problem!.reason).toMatch(/不開示/);
    expect(suppressed.history.map((h) => h.status)).toEqual(['suppressed']);

    // Medical tickets: the disclosed member's data is queued, the 不開示 member's is not.
    const before = (await o.outbox()).length;
    await o.repos.tickets.issue(o.roles.cwA, o.hC.id, ticketFor(hanako.id, 222222));
    expect(await o.outbox()).toHaveLength(before);
    const ticketRow = (await o.ledger('medicalTicketData')).find((r) => r.memberId === hanako.id)!;
    expect(ticketRow).toMatchObject({ status: 'suppressed', body: null, problem: { code: 'NON_DISCLOSURE' } });
    expect(ticketRow.problem!.reason).toMatch(/不開示/);

    await o.repos.tickets.issue(o.roles.cwA, o.hC.id, ticketFor(taro.id, 111111));
    const tickets = await o.outbox('medicalTicketData');
    expect(tickets).toHaveLength(1);
    expect(tickets[0]!.payload).toMatchObject({
      atenaNumber: '1000000001',
      month: '2026-11',
      kind: 'medical',
      status: 'issued',
      validUntil: '2026-11-30',
      institution: '加須中央病院',
    });

    // Nothing new for the 不開示 member when the case is reconciled again.
    const count = (await o.outbox()).length;
    await reconcile(o);
    expect(await o.outbox()).toHaveLength(count);
  });

  test('a member without a 宛名番号: blocked (NO_ATENA), nothing queued; entering it queues the 副本 and the 資格情報 on the same row', async () => {
    const o = await office([{ ...TARO, atenaNumber: null }]);
    const taro = o.members[0]!;
    await o.start();
    expect(await o.outbox()).toEqual([]);
    const ledger = await o.ledger();
    expect(ledger).toHaveLength(1);
    const blocked = ledger[0]!;
    expect(blocked).toMatchObject({ kind: 'replicaRegistration', status: 'blocked', body: null, memberId: taro.id, problem: { code: 'NO_ATENA' } });
    expect(blocked.problem!.reason).toMatch(/宛名番号/);
    expect((await o.repos.linkage.needingCorrection(o.roles.cwA)).map((c) => c.record.id)).toEqual([blocked.id]);

    // Nothing to retry while the entry is missing; saving the member reconciles the case in the same transaction.
    await expect(o.repos.linkage.retry(o.roles.cwA, blocked.id)).rejects.toMatchObject({ field: 'id', message: expect.stringContaining('宛名番号') });
    await o.repos.members.save(o.roles.cwA, { ...taro, atenaNumber: '1000000001' });
    const outbox = await o.outbox();
    expect(outbox.map((e) => e.kind).sort()).toEqual(['medicalEligibility', 'replicaRegistration']);
    expect(replicaOf(outbox.find((e) => e.kind === 'replicaRegistration'))).toMatchObject({
      event: 'register',
      atenaNumber: '1000000001',
      periodStart: APPLIED_ON,
      status: 'active',
    });
    expect(eligibilityOf(outbox.find((e) => e.kind === 'medicalEligibility'))).toMatchObject({ event: 'register', atenaNumber: '1000000001', validTo: null });
    const rows = await o.ledger();
    expect(rows.map((r) => [r.kind, r.status]).sort()).toEqual([
      ['medicalEligibility', 'pending'],
      ['replicaRegistration', 'pending'],
    ]);
    // The held row took the 副本 over: same row, now under the 宛名番号's key, and off the correction list.
    expect(rows.find((r) => r.id === blocked.id)).toMatchObject({ kind: 'replicaRegistration', status: 'pending', problem: null });
    expect(await o.repos.linkage.needingCorrection(o.roles.cwA)).toEqual([]);
  });

  test('a rejected record is sent again unchanged by a retry (the other side corrected its own data)', async () => {
    const o = await office([TARO]);
    await o.start();
    await exportAndAcceptAll(o);
    const row = (await o.ledger('medicalEligibility'))[0]!;
    await writeTransaction(o.store, ['linkageRecords'], (writer) =>
      writer.put('linkageRecords', { ...row, status: 'rejected', problem: { code: 'IDENTITY_MISMATCH', reason: '本人確認情報が一致しません' } }),
    );
    const retried = await o.repos.linkage.retry(o.roles.cwA, row.id);
    expect(retried).toMatchObject({ id: row.id, status: 'pending', problem: null });
    const [entry] = await o.outbox('medicalEligibility');
    expect(entry!.idempotencyKey).toBe(row.idempotencyKey);
    expect(retried.lastRecordId).toBe(entry!.id);
  });

  test('a retry is refused for a row that is not rejected', async () => {
    const o = await office([TARO]);
    await o.start();
    const pending = (await o.ledger())[0]!;
    const error = await o.repos.linkage.retry(o.roles.cwA, pending.id).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(InvalidRecordError);
    expect(error).toMatchObject({ field: 'id' });
  });
});

describe('nothing unchanged is sent twice', () => {
  test('reconciling again, before and after acceptance, and a 変更 that changes nothing queue nothing', async () => {
    const o = await office([TARO, HANAKO]);
    await o.start();
    const outbox = await o.outbox();
    const ledger = await o.ledger();
    expect(outbox).toHaveLength(4);
    await reconcile(o);
    await reconcile(o);
    expect(await o.outbox()).toEqual(outbox);
    expect(await o.ledger()).toEqual(ledger);

    await exportAndAcceptAll(o);
    const accepted = await o.ledger();
    await reconcile(o);
    expect(await o.outbox()).toEqual([]);
    expect(await o.ledger()).toEqual(accepted);

    await o.decide('change', '2026-12-01'); // the same 扶助: nothing the 中間サーバー holds changes
    expect(await o.outbox()).toEqual([]);
    expect((await o.ledger()).map((r) => r.status)).toEqual(accepted.map((r) => r.status));
  });

  test('a 変更 of 住宅扶助 only corrects the 副本 and leaves the 資格情報 alone', async () => {
    const o = await office([TARO]);
    await o.start();
    await exportAndAcceptAll(o);
    await o.decide('change', '2026-12-01', ['living', 'medical']);
    const outbox = await o.outbox();
    expect(outbox.map((e) => e.kind)).toEqual(['replicaRegistration']);
    expect(replicaOf(outbox[0])).toMatchObject({ event: 'correct', aids: expect.arrayContaining([{ aid: 'housing', from: APPLIED_ON, to: '2026-11-30' }]) });
    expect((await o.ledger('medicalEligibility'))[0]!.status).toBe('accepted');
  });
});

describe('a retroactive decision', () => {
  test("superseding the 開始 with another effective date deletes the old period's 副本 and registers the new one", async () => {
    const o = await office([TARO]);
    const start = await o.start();
    await exportAndAcceptAll(o);
    const oldReplica = (await o.ledger('replicaRegistration'))[0]!;

    // As decisions.act() does on the 課長's approval: the approved decision, not yet written, is `pending`.
    const corrected: Decision = { ...start, id: uuidv7(), applicationId: null, effectiveOn: '2026-11-01', supersedes: start.id, hlc: o.store.clock.stamp() };
    await reconcile(o, corrected);

    const replicas = (await o.outbox('replicaRegistration')).map(replicaOf);
    expect(replicas).toHaveLength(2);
    expect(replicas.find((r) => r.periodStart === APPLIED_ON)).toEqual({ ...(oldReplica.body as Replica), event: 'delete' });
    expect(replicas.find((r) => r.periodStart === '2026-11-01')).toMatchObject({
      event: 'register',
      status: 'active',
      startedOn: '2026-11-01',
      aids: allAids('2026-11-01'),
    });
    const deleteEntry = (await o.outbox('replicaRegistration')).find((e) => replicaOf(e).event === 'delete')!;
    expect(deleteEntry.idempotencyKey).toBe(oldReplica.idempotencyKey);
    expect(await o.ledger('replicaRegistration').then((rows) => rows.find((r) => r.id === oldReplica.id))).toMatchObject({
      status: 'pending',
      lastRecordId: deleteEntry.id,
    });
    // The old stretch's registration is withdrawn; the new one registers under its own key.
    const eligibility = (await o.outbox('medicalEligibility')).map(eligibilityOf);
    expect(eligibility).toEqual([
      expect.objectContaining({ event: 'register', validFrom: '2026-11-01', validTo: null }),
      expect.objectContaining({ event: 'cancel', validFrom: APPLIED_ON }),
    ]);

    // Once the delete is accepted, reconciling again does not delete it a second time.
    await exportAndAcceptAll(o);
    expect((await o.ledger('replicaRegistration')).find((r) => r.id === oldReplica.id)).toMatchObject({ status: 'accepted', registered: false });
    await reconcile(o, corrected);
    expect(await o.outbox()).toEqual([]);
  });

  test('a period that a later correction restores is registered again, not left deleted', async () => {
    // 開始 11-05 → corrected to 11-01 (the 11-05 副本 deleted) → corrected back to 11-05: the 11-05 副本 must be
    // registered again and the 11-01 one deleted, or the 中間サーバー holds no 副本 at all for a case under protection.
    const o = await office([TARO]);
    const start = await o.start();
    await exportAndAcceptAll(o);
    const first: Decision = { ...start, id: uuidv7(), applicationId: null, effectiveOn: '2026-11-01', supersedes: start.id, hlc: o.store.clock.stamp() };
    await writeTransaction(o.store, ['decisions'], (writer) => writer.put('decisions', first));
    await reconcile(o);
    await exportAndAcceptAll(o);
    const back: Decision = { ...start, id: uuidv7(), applicationId: null, effectiveOn: APPLIED_ON, supersedes: first.id, hlc: o.store.clock.stamp() };
    await reconcile(o, back);

    const replicas = (await o.outbox('replicaRegistration')).map(replicaOf);
    expect(replicas.map((r) => [r.periodStart, r.event]).sort()).toEqual([
      ['2026-11-01', 'delete'],
      [APPLIED_ON, 'register'],
    ]);
  });

  test('a retroactive 変更 that supersedes the 開始 leaves the case, still 保護中, with a 副本 at the 中間サーバー', async () => {
    // decisions.draft accepts a 変更 superseding the approved 開始 (decisions.test.ts does this); the case stays 保護中.
    const o = await office([TARO]);
    const start = await o.start();
    await exportAndAcceptAll(o);
    const registered = (await o.ledger('replicaRegistration'))[0]!.body as Replica;
    await o.decide('change', '2026-11-01', ['living', 'housing', 'medical'], { supersedes: start.id });
    expect((await o.repos.households.open(o.roles.cwA, o.hC.id)).status).toBe('active');

    // What the 中間サーバー holds once the queued records are applied in order, starting from what it accepted.
    const held = new Map<string, Replica>([[registered.periodStart, registered]]);
    for (const body of (await o.outbox('replicaRegistration')).map(replicaOf)) {
      if (body.event === 'delete') held.delete(body.periodStart);
      else held.set(body.periodStart, body);
    }
    expect([...held.values()].map((r) => r.status)).toContain('active');
  });
});

describe('who may ask for an inquiry', () => {
  const inquiry = (o: LinkageOffice, over: Partial<{ householdId: string; memberId: string; itemCode: string; provider: string; reason: string }> = {}) => ({
    householdId: o.hC.id,
    memberId: o.members[0]!.id,
    itemCode: 'localTax',
    provider: '市町村長',
    reason: '収入認定のため課税状況を確認する',
    ...over,
  });

  test('the caseworker of the case queues an inquiry; another caseworker, a member without 宛名番号 and an empty reason are refused', async () => {
    const o = await office([TARO, { ...KENJI, atenaNumber: null, relation: 'son' }]);
    const kenji = o.members[1]!;

    const refusedB = await o.repos.linkage.requestInquiry(o.roles.cwB, inquiry(o)).catch((e: unknown) => e);
    expect(refusedB).toBeInstanceOf(AccessDeniedError);
    const noAtena = await o.repos.linkage.requestInquiry(o.roles.cwA, inquiry(o, { memberId: kenji.id })).catch((e: unknown) => e);
    expect(noAtena).toBeInstanceOf(InvalidRecordError);
    expect(noAtena).toMatchObject({ field: 'memberId' });
    const noReason = await o.repos.linkage.requestInquiry(o.roles.cwA, inquiry(o, { reason: ' 　' })).catch((e: unknown) => e);
    expect(noReason).toBeInstanceOf(InvalidRecordError);
    expect(noReason).toMatchObject({ field: 'reason' });
    const otherHousehold = await o.repos.linkage.requestInquiry(o.roles.cwA, inquiry(o, { memberId: o.mB.id })).catch((e: unknown) => e);
    expect(otherHousehold).toBeInstanceOf(InvalidRecordError);
    expect(await o.outbox()).toEqual([]);
    expect(await o.ledger()).toEqual([]);

    const row = await o.repos.linkage.requestInquiry(o.roles.cwA, inquiry(o));
    expect(row).toMatchObject({ kind: 'inquiry', status: 'pending', itemCode: 'localTax', requestedBy: o.roles.cwA.userId });
    const outbox = await o.outbox();
    expect(outbox).toHaveLength(1);
    expect(outbox[0]!.payload).toEqual({
      atenaNumber: '1000000001',
      item: 'localTax',
      provider: '市町村長',
      reason: '収入認定のため課税状況を確認する',
      requestedOn: '2026-11-10',
      requestedBy: o.roles.cwA.userId,
    });
    // Asking again is a new inquiry, not an upsert of the first.
    await o.repos.linkage.requestInquiry(o.roles.cwA, inquiry(o));
    const twice = await o.outbox();
    expect(twice).toHaveLength(2);
    expect(twice[1]!.idempotencyKey).not.toBe(twice[0]!.idempotencyKey);
  });
});

describe('給付金 in the 副本', () => {
  test('a recorded 就労自立給付金 corrects the period’s 副本 with the grant, and a bad amount changes nothing', async () => {
    const o = await office([TARO]);
    await o.start();
    await exportAndAcceptAll(o);

    const refused = await o.repos.grants
      .record(o.roles.cwA, o.hC.id, { kind: 'employmentIndependence', decidedOn: '2026-11-09', amount: 0, basis: '' })
      .catch((e: unknown) => e);
    expect(refused).toMatchObject({ field: 'amount' });
    expect(await o.outbox()).toEqual([]);

    await o.repos.grants.record(o.roles.cwA, o.hC.id, {
      kind: 'employmentIndependence',
      decidedOn: '2026-11-09',
      amount: 48_000,
      basis: '就労収入 … × 算定率',
    });
    const [entry, ...rest] = await o.outbox();
    expect(rest).toEqual([]);
    expect(replicaOf(entry)).toMatchObject({
      event: 'correct',
      periodStart: APPLIED_ON,
      grants: [{ kind: 'employmentIndependence', decidedOn: '2026-11-09', amount: 48_000 }],
    });
    // Another caseworker's case is out of reach.
    await expect(
      o.repos.grants.record(o.roles.cwB, o.hC.id, { kind: 'employmentIndependence', decidedOn: '2026-11-09', amount: 1, basis: '' }),
    ).rejects.toBeInstanceOf(AccessDeniedError);
  });
});

describe('export', () => {
  test('a 資格情報 goes out with the office’s 公費負担者番号, and is held back, saying why, while none is set', async () => {
    const o = await office([TARO]);
    await o.start();
    const without = await o.repos.linkageExchange.prepareExport(o.roles.admin, { items: defaultLinkageItems, payerNumber: null });
    expect(without.records.map((r) => r.kind)).toEqual(['replicaRegistration']);
    expect(without.held).toEqual([{ seq: expect.any(Number), kind: 'medicalEligibility', problem: expect.stringContaining('公費負担者番号') }]);
    const withPayer = await o.repos.linkageExchange.prepareExport(o.roles.admin, { items: defaultLinkageItems, payerNumber: PAYER });
    expect(withPayer.held).toEqual([]);
    expect(withPayer.records.find((r) => r.kind === 'medicalEligibility')!.body).toMatchObject({ payerNumber: PAYER });
  });
});
