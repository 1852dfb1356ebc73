import 'fake-indexeddb/auto';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { ExchangeFileError, listExchanges, readExchange, writeExchange, type ExchangeSigner } from '../../../main/linkage/exchangeFolder.js';
import { keyPairSigner, sealedBoxOpener, sealingKeyOf, type ExchangeOpener } from '../../../main/linkage/exchangeSigner.js';
import type { Decision, LinkageRecord, Member, ProvisionRecord } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import {
  INCOMING_DIR,
  MANIFEST_FILE,
  OUTGOING_DIR,
  SEALED_RECORDS_FILE,
  resultRecordSchema,
  type LinkageBody,
  type RequestRecord,
  type ResultRecord,
} from '../../../shared/linkage/exchangeFormat.js';
import { defaultLinkageItems } from '../../../shared/linkage/legalReferences.js';
import { AccessDeniedError } from '../../../renderer/data/errors.js';
import { linkageTables, reconcileHouseholdLinkage } from '../../../renderer/data/linkage/householdLinkage.js';
import { writeTransaction } from '../../../renderer/data/outbox.js';
import { createIntermediateServer, defaultFixture, type IntermediateServer } from '../../linkage/intermediateServer.js';
import { APPLIED_ON, HANAKO, PAYER, KENJI, linkageOffice, NOW_MS, OFFICE_ID, TARO, TODAY, type MemberOver } from './flowFixtures.js';

/**
 * 情報連携 end to end in Node: the data layer queues, the administrator exports a signed request exchange into a
 * real folder, the 中間サーバー simulator answers it with a signed result exchange, the office verifies and imports
 * it — and the case's ledger, the §23 records and the simulator's registrations say what happened.
 */

const ITEMS = defaultLinkageItems;
const OFFICE = { id: OFFICE_ID, code: '112101' };
const AT = new Date(NOW_MS).toISOString();

beforeAll(async () => {
  await sodium.ready;
});

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type ReadOverrides = { direction?: 'request' | 'result'; officeId?: string; publicKey?: Uint8Array; openers?: ExchangeOpener[] };
type Flow = Awaited<ReturnType<typeof linkageFlow>>;

async function linkageFlow(members: MemberOver[] = [TARO]) {
  const o = await linkageOffice(members);
  cleanups.push(() => o.store.close());
  const dir = await mkdtemp(join(tmpdir(), 'seiho-linkage-flow-'));
  cleanups.push(() => rm(dir, { recursive: true, force: true }));
  const exchangeDir = join(dir, 'exchange');
  const pair = sodium.crypto_sign_keypair();
  const signer: ExchangeSigner = keyPairSigner(sodium, pair);
  const simulator: IntermediateServer = await createIntermediateServer({
    exchangeDir,
    stateFile: join(dir, 'simulator', 'state.json'),
    office: { ...OFFICE, publicKey: pair.publicKey },
    now: () => new Date(NOW_MS),
  });
  const simulatorKey = new Uint8Array(Buffer.from(simulator.publicKey, 'base64'));
  const { linkageExchange } = o.repos;

  /** The administrator's export: the pending records into a signed request exchange, then off the outbox. */
  async function send(): Promise<{ exchangeId: string; records: RequestRecord[]; folder: string }> {
    const plan = await linkageExchange.prepareExport(o.roles.admin, { items: ITEMS, payerNumber: PAYER });
    expect(plan.held).toEqual([]);
    expect(plan.records.length).toBeGreaterThan(0);
    const exchangeId = uuidv7();
    const seqs = plan.records.map((r) => r.seq);
    const { folder } = await writeExchange(join(exchangeDir, OUTGOING_DIR), {
      direction: 'request',
      exchangeId,
      inReplyTo: null,
      office: OFFICE,
      sender: '加須市福祉事務所',
      createdAt: AT,
      records: plan.records,
      seqRange: { from: Math.min(...seqs), to: Math.max(...seqs) },
      signer,
      sealTo: sealingKeyOf(sodium, simulatorKey),
      replyTo: sealedBoxOpener(sodium, pair),
    });
    await linkageExchange.markExported(o.roles.admin, exchangeId, plan.records, ITEMS);
    return { exchangeId, records: plan.records, folder };
  }

  /** The simulator answers; returns the folder of the result exchange answering `exchangeId`. */
  async function answer(exchangeId: string): Promise<string> {
    const processed = await simulator.processOutgoing();
    expect(processed.exchanges).toEqual([exchangeId]);
    const incoming = await listExchanges(join(exchangeDir, INCOMING_DIR));
    const reply = incoming.filter((entry) => entry.manifest?.inReplyTo === exchangeId);
    expect(reply).toHaveLength(1);
    return join(exchangeDir, INCOMING_DIR, reply[0]!.folder);
  }

  const read = (folder: string, over: ReadOverrides = {}) =>
    readExchange<ResultRecord>(folder, {
      direction: 'result',
      officeId: OFFICE_ID,
      publicKey: simulatorKey,
      recordSchema: resultRecordSchema,
      openers: [sealedBoxOpener(sodium, pair)],
      ...over,
    });

  const apply = (exchangeId: string, records: readonly ResultRecord[]) => linkageExchange.applyResults(o.roles.admin, exchangeId, records, ITEMS);

  /** One whole round: export, answer, verify, import. */
  async function round() {
    const sent = await send();
    const folder = await answer(sent.exchangeId);
    const result = await read(folder);
    const report = await apply(result.manifest.exchangeId, result.records);
    return { sent, folder, result, report };
  }

  const memberById = (id: string) => o.store.db.members.get(id) as Promise<Member>;
  const provisions = () => o.store.db.provisionRecords.toArray() as Promise<ProvisionRecord[]>;

  return { ...o, exchangeDir, signer, simulator, simulatorKey, send, answer, read, apply, round, memberById, provisions };
}

const rowOf = async (f: Flow, kind: LinkageRecord['kind'], memberId?: string) => {
  const rows = (await f.ledger(kind)).filter((r) => !memberId || r.memberId === memberId);
  expect(rows).toHaveLength(1);
  return rows[0]!;
};

describe('副本 and 資格情報: approve, export, answer, import', () => {
  test('an approved 開始 is registered at the 中間サーバー and the ledger rows become accepted', async () => {
    const f = await linkageFlow([TARO]);
    await f.start();
    const queued = await f.outbox();
    expect(queued).toHaveLength(2);

    const sent = await f.send();
    expect(sent.records.map((r) => [r.kind, r.recordId, r.idempotencyKey])).toEqual(queued.map((e) => [e.kind, e.id, e.idempotencyKey]));
    expect(sent.records.every((r) => r.legalBasis.length > 0)).toBe(true);
    expect(await f.outbox()).toEqual([]);
    for (const row of await f.ledger()) expect(row).toMatchObject({ status: 'sent', exchangeId: sent.exchangeId });
    const registrations = await f.provisions();
    expect(registrations.map((p) => [p.kind, p.linkageKind, p.exchangeId]).sort()).toEqual([
      ['registration', 'medicalEligibility', sent.exchangeId],
      ['registration', 'replicaRegistration', sent.exchangeId],
    ]);

    const folder = await f.answer(sent.exchangeId);
    const { manifest, records } = await f.read(folder);
    expect(manifest).toMatchObject({ direction: 'result', inReplyTo: sent.exchangeId, office: { id: OFFICE_ID } });
    expect(records.map((r) => [r.kind, r.outcome, r.requestRecordId])).toEqual(sent.records.map((r) => [r.kind, 'accepted', r.recordId]));

    const report = await f.apply(manifest.exchangeId, records);
    expect(report.exchangeId).toBe(manifest.exchangeId);
    expect(report.results.map((r) => [r.kind, r.application, r.householdId, r.message])).toEqual(
      records.map((r) => [r.kind, 'applied', f.hC.id, '登録されました']),
    );
    const ledger = await f.ledger();
    expect(ledger).toHaveLength(2);
    for (const row of ledger) {
      expect(row).toMatchObject({ status: 'accepted', registered: true, problem: null });
      expect(row.history.map((h) => h.status)).toEqual(['pending', 'sent', 'accepted']);
    }

    const replicas = f.simulator.replicaOf(TARO.atenaNumber);
    expect(replicas).toHaveLength(1);
    expect(replicas[0]).toMatchObject({ periodStart: APPLIED_ON, revisions: 1, body: queued.find((e) => e.kind === 'replicaRegistration')!.payload as object });
    expect(replicas[0]!.body).toMatchObject({ event: 'register', status: 'active', aids: [{ aid: 'living' }, { aid: 'housing' }, { aid: 'medical' }] });
    expect(f.simulator.eligibilityOf(TARO.atenaNumber)).toEqual({ registered: true, validFrom: APPLIED_ON, validTo: null });
    expect(f.simulator.received()).toBe(2);
  });

  test('after the import there is nothing to export, and the simulator answers nothing new', async () => {
    const f = await linkageFlow([TARO]);
    await f.start();
    await f.round();
    const received = f.simulator.received();
    expect(await f.repos.linkageExchange.prepareExport(f.roles.admin, { items: ITEMS, payerNumber: PAYER })).toEqual({ records: [], held: [] });
    expect(await f.repos.linkageExchange.pendingCounts(f.roles.admin)).toEqual({
      replicaRegistration: 0,
      inquiry: 0,
      medicalEligibility: 0,
      medicalTicketData: 0,
      publicFundsAccount: 0,
    });
    expect(await f.simulator.processOutgoing()).toEqual({ exchanges: [], results: [] });
    expect(f.simulator.received()).toBe(received);
    expect(f.simulator.replicaOf(TARO.atenaNumber)).toHaveLength(1);
  });

  test('importing the same result records twice: the second time all are duplicates and nothing changes', async () => {
    const f = await linkageFlow([TARO, HANAKO]);
    await f.start();
    const { result } = await f.round();
    const ledger = await f.ledger();
    const provisions = await f.provisions();
    const inbox = await f.store.db.inbox.count();
    expect(ledger.map((r) => r.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);

    const again = await f.apply(result.manifest.exchangeId, result.records);
    expect(again.results).toHaveLength(4);
    expect(again.results.map((r) => [r.resultId, r.application])).toEqual(result.records.map((r) => [r.resultId, 'duplicate']));
    expect(await f.ledger()).toEqual(ledger);
    expect(await f.provisions()).toEqual(provisions);
    expect(await f.store.db.inbox.count()).toBe(inbox);
  });

  test('medical ticket data sent after the 資格情報 is accepted by the 中間サーバー', async () => {
    const f = await linkageFlow([TARO]);
    await f.start();
    await f.round();
    const { makePayerNumber, makeRecipientNumber } = await import('../../../shared/casework/publicPayerNumber.js');
    await f.repos.tickets.issue(f.roles.cwA, f.hC.id, {
      memberId: f.members[0]!.id,
      month: '2026-11',
      kind: 'medical',
      institution: '加須中央病院',
      payerNumber: makePayerNumber({ prefecture: 11, agency: 201 }),
      recipientNumber: makeRecipientNumber(123456),
      copayment: 0,
    });
    const { report } = await f.round();
    expect(report.results.map((r) => [r.kind, r.outcome])).toEqual([['medicalTicketData', 'accepted']]);
    expect(f.simulator.ticketsOf(TARO.atenaNumber)).toEqual([expect.objectContaining({ month: '2026-11', status: 'issued', validUntil: '2026-11-30' })]);
    expect((await rowOf(f, 'medicalTicketData')).status).toBe('accepted');
  });

  test('廃止 after acceptance: the 副本 correction and the eligibility end reach the 中間サーバー', async () => {
    const f = await linkageFlow([TARO]);
    await f.start();
    await f.round();
    await f.decide('terminate', '2026-11-20');
    const { sent, report } = await f.round();
    expect(sent.records.map((r) => [r.kind, (r.body as { event: string }).event]).sort()).toEqual([
      ['medicalEligibility', 'end'],
      ['replicaRegistration', 'correct'],
    ]);
    expect(report.results.map((r) => r.application)).toEqual(['applied', 'applied']);
    const replicas = f.simulator.replicaOf(TARO.atenaNumber);
    expect(replicas).toHaveLength(1);
    expect(replicas[0]).toMatchObject({ periodStart: APPLIED_ON, revisions: 2, body: { event: 'correct', status: 'terminated', endedOn: '2026-11-20' } });
    expect(f.simulator.eligibilityOf(TARO.atenaNumber)).toEqual({ registered: true, validFrom: APPLIED_ON, validTo: '2026-11-19' });
    for (const row of await f.ledger()) expect(row).toMatchObject({ status: 'accepted', registered: true });
  });

  test('a retroactive correction of the 開始 date: the old 副本 is deleted and the new one registered', async () => {
    const f = await linkageFlow([TARO]);
    const start = await f.start();
    await f.round();
    const corrected: Decision = { ...start, id: uuidv7(), applicationId: null, effectiveOn: '2026-11-01', supersedes: start.id, hlc: f.store.clock.stamp() };
    await writeTransaction(f.store, linkageTables, (writer) =>
      reconcileHouseholdLinkage(f.store, writer, f.roles.manager.userId, f.hC.id, { pending: corrected }),
    );
    const { report } = await f.round();
    expect(report.results.every((r) => r.outcome === 'accepted' && r.application === 'applied')).toBe(true);
    expect(f.simulator.replicaOf(TARO.atenaNumber).map((r) => [r.periodStart, r.body.status])).toEqual([['2026-11-01', 'active']]);
    expect(f.simulator.eligibilityOf(TARO.atenaNumber)).toEqual({ registered: true, validFrom: '2026-11-01', validTo: null });
  });

  test('a member flagged 不開示 after registration: the registration is withdrawn at the 中間サーバー, and nothing new is sent', async () => {
    // An eligibility left registered would keep disclosing; the flag takes it back rather than merely ending it.
    const f = await linkageFlow([TARO]);
    await f.start();
    await f.round();
    expect(f.simulator.eligibilityOf(TARO.atenaNumber)).toMatchObject({ registered: true, validTo: null });
    await f.repos.members.save(f.roles.cwA, { ...f.members[0]!, nonDisclosure: true });
    const cancels = (await f.outbox('medicalEligibility')).filter((e) => (e.payload as { event: string }).event === 'cancel');
    expect(cancels).toHaveLength(1);
    await f.round();
    expect(f.simulator.eligibilityOf(TARO.atenaNumber)).toBeNull();
    // The 廃止 after it sends no eligibility at all: the row stays suppressed, saying why.
    await f.decide('terminate', '2026-11-20');
    expect(await f.outbox('medicalEligibility')).toEqual([]);
    const [row] = await f.ledger('medicalEligibility');
    expect(row).toMatchObject({ status: 'suppressed', registered: false });
    expect(row!.problem?.reason).toContain('不開示');
  });
});

describe('rejections and their correction', () => {
  test('a kana that differs from the 住基 is rejected (IDENTITY_MISMATCH); corrected on the member, it is sent again and accepted', async () => {
    const f = await linkageFlow([{ ...TARO, kana: 'カゾ　ジロウ' }]);
    const taro = f.members[0]!;
    await f.start();
    const { report } = await f.round();
    const rejectedReport = report.results.find((r) => r.kind === 'medicalEligibility')!;
    expect(rejectedReport).toMatchObject({ outcome: 'rejected', application: 'applied', householdId: f.hC.id });
    expect(rejectedReport.message).toMatch(/^差戻し: .*カナ氏名/);

    const rejected = await rowOf(f, 'medicalEligibility');
    expect(rejected.status).toBe('rejected');
    expect(rejected.problem).toEqual({ code: 'IDENTITY_MISMATCH', reason: expect.stringMatching(/住民基本台帳と一致しません/) });
    expect(rejected.history.at(-1)).toMatchObject({ status: 'rejected', note: rejected.problem!.reason });
    expect((await rowOf(f, 'replicaRegistration')).status).toBe('accepted');
    expect(f.simulator.eligibilityOf(TARO.atenaNumber)).toBeNull();
    expect((await f.repos.linkage.needingCorrection(f.roles.cwA)).map((c) => [c.record.id, c.caseNumber])).toEqual([[rejected.id, f.hC.caseNumber]]);

    // Correcting the member queues the corrected registration on the same row (no separate retry).
    await f.repos.members.save(f.roles.cwA, { ...taro, kana: TARO.kana });
    expect(await rowOf(f, 'medicalEligibility')).toMatchObject({ id: rejected.id, status: 'pending', problem: null });
    const second = await f.round();
    // Only the corrected record goes again: the accepted 副本 is unchanged.
    expect(second.sent.records.map((r) => r.kind)).toEqual(['medicalEligibility']);
    expect(second.sent.records[0]!.body).toMatchObject({ event: 'register', kana: TARO.kana });
    expect(second.report.results.map((r) => [r.outcome, r.application])).toEqual([['accepted', 'applied']]);
    expect(await rowOf(f, 'medicalEligibility')).toMatchObject({ id: rejected.id, status: 'accepted', registered: true, problem: null });
    expect(f.simulator.eligibilityOf(TARO.atenaNumber)).toEqual({ registered: true, validFrom: APPLIED_ON, validTo: null });
    expect(await f.repos.linkage.needingCorrection(f.roles.cwA)).toEqual([]);
  });

  test('a 宛名番号 unknown to the registry is rejected ATENA_UNKNOWN', async () => {
    const f = await linkageFlow([{ ...TARO, atenaNumber: '9000000001' }]);
    await f.start();
    const { report } = await f.round();
    expect(report.results.map((r) => [r.kind, r.outcome]).sort()).toEqual([
      ['medicalEligibility', 'rejected'],
      ['replicaRegistration', 'rejected'],
    ]);
    for (const row of await f.ledger()) {
      expect(row.status).toBe('rejected');
      expect(row.problem).toEqual({ code: 'ATENA_UNKNOWN', reason: expect.stringMatching(/宛名番号/) });
      expect(row.registered).toBe(false);
    }
    expect(f.simulator.replicaOf('9000000001')).toEqual([]);
    expect(f.simulator.eligibilityOf('9000000001')).toBeNull();
  });
});

describe('情報照会 and 公金受取口座照会', () => {
  test("an inquiry is answered with the provider's items, or found:false; the §23 records are kept 7 years and only the auditor reads them", async () => {
    const f = await linkageFlow([TARO, { ...KENJI, relation: 'son' }]);
    const [taro, kenji] = f.members as [Member, Member];
    const ask = (memberId: string) =>
      f.repos.linkage.requestInquiry(f.roles.cwA, {
        householdId: f.hC.id,
        memberId,
        itemCode: 'localTax',
        provider: '市町村長',
        reason: '収入認定のため課税状況を確認する',
      });
    const taroRow = await ask(taro.id);
    const kenjiRow = await ask(kenji.id);

    const sent = await f.send();
    expect(sent.records.map((r) => r.kind)).toEqual(['inquiry', 'inquiry']);
    const asked = await f.provisions();
    expect(asked).toHaveLength(2);
    for (const [record, row] of [
      [asked.find((p) => p.linkageRecordId === taroRow.id), taroRow],
      [asked.find((p) => p.linkageRecordId === kenjiRow.id), kenjiRow],
    ] as const) {
      expect(record).toMatchObject({
        kind: 'inquiry',
        actorId: f.roles.admin.userId,
        requestedBy: f.roles.cwA.userId,
        linkageKind: 'inquiry',
        itemCode: 'localTax',
        itemLabel: '地方税関係情報（課税・所得）',
        counterpart: '市町村長',
        householdId: f.hC.id,
        linkageRecordId: row.id,
        exchangeId: sent.exchangeId,
        at: AT,
        retainUntil: '2033-11-10',
      });
      expect(record!.legalBasis).toMatch(/番号法/);
    }

    const folder = await f.answer(sent.exchangeId);
    const result = await f.read(folder);
    const report = await f.apply(result.manifest.exchangeId, result.records);
    expect(report.results.map((r) => [r.outcome, r.application])).toEqual([
      ['answered', 'applied'],
      ['answered', 'applied'],
    ]);
    const localTax = defaultFixture().persons.find((p) => p.atenaNumber === TARO.atenaNumber)!.agencyData.localTax;
    expect(await f.store.db.linkageRecords.get(taroRow.id)).toMatchObject({
      status: 'answered',
      answer: { provider: '市町村長', answeredOn: TODAY, found: true, items: localTax },
    });
    expect(await f.store.db.linkageRecords.get(kenjiRow.id)).toMatchObject({
      status: 'answered',
      answer: { provider: '市町村長', answeredOn: TODAY, found: false, items: [] },
    });
    expect(report.results.map((r) => r.message).sort()).toEqual(['回答を受領しました', '回答を受領しました（該当なし）']);

    const answers = (await f.provisions()).filter((p) => p.kind === 'answer');
    expect(answers.map((p) => p.linkageRecordId).sort()).toEqual([taroRow.id, kenjiRow.id].sort());
    for (const record of answers) {
      expect(record).toMatchObject({
        exchangeId: result.manifest.exchangeId,
        counterpart: '市町村長',
        itemCode: 'localTax',
        requestedBy: f.roles.cwA.userId,
        retainUntil: '2033-11-10',
      });
    }

    const audited = await f.repos.provisionRecords.query(f.roles.auditor, {});
    expect(audited.map((p) => (p as ProvisionRecord).kind).sort()).toEqual(['answer', 'answer', 'inquiry', 'inquiry']);
    expect(await f.repos.provisionRecords.query(f.roles.auditor, { kind: 'answer', from: TODAY, to: TODAY })).toHaveLength(2);
    expect(await f.repos.provisionRecords.query(f.roles.cwA, {}).catch((e: unknown) => e)).toBeInstanceOf(AccessDeniedError);
    expect(await f.repos.provisionRecords.query(f.roles.manager, {}).catch((e: unknown) => e)).toBeInstanceOf(AccessDeniedError);
  });

  test("公金受取口座: with consent on record, the registered account becomes the member's payee account", async () => {
    const f = await linkageFlow([TARO, { ...KENJI, relation: 'son' }]);
    const [taro, kenji] = f.members as [Member, Member];
    const consent = { givenOn: '2026-11-09', method: 'written' as const };
    await f.repos.linkage.requestPublicFundsAccount(f.roles.cwA, { householdId: f.hC.id, memberId: taro.id, consent });
    await f.repos.linkage.requestPublicFundsAccount(f.roles.cwA, { householdId: f.hC.id, memberId: kenji.id, consent });
    const { sent, report } = await f.round();
    expect(sent.records.map((r) => (r.body as LinkageBody<'publicFundsAccount'>).consent)).toEqual([consent, consent]);
    expect(report.results.map((r) => r.message).sort()).toEqual(['公金受取口座は登録されていません', '公金受取口座を支給口座として記録しました']);

    const account = defaultFixture().persons.find((p) => p.atenaNumber === TARO.atenaNumber)!.publicFundsAccount!;
    expect((await f.memberById(taro.id)).payeeAccount).toEqual({ ...account, source: 'publicFundsInquiry', obtainedOn: TODAY, consent });
    expect((await f.repos.members.get(f.roles.cwA, taro.id))!.payeeAccount).toMatchObject({ accountNumber: '1234567', source: 'publicFundsInquiry', consent });
    expect((await f.memberById(kenji.id)).payeeAccount ?? null).toBeNull();
    for (const row of await f.ledger('publicFundsAccount')) expect(row.status).toBe('answered');
    const counterparts = (await f.provisions()).map((p) => [p.kind, p.counterpart]);
    expect(counterparts).toContainEqual(['inquiry', '内閣総理大臣（デジタル庁）']);
    expect(counterparts).toContainEqual(['answer', '内閣総理大臣（デジタル庁）']);
  });
});

describe('what is not applied', () => {
  test('a result matching nothing sent is quarantined as unmatched; the other results apply', async () => {
    const f = await linkageFlow([TARO]);
    await f.start();
    const sent = await f.send();
    const result = await f.read(await f.answer(sent.exchangeId));
    const [forged, genuine] = [{ ...result.records[0]!, idempotencyKey: 'linkage:replicaRegistration:not-ours' }, result.records[1]!];
    const report = await f.apply(result.manifest.exchangeId, [forged, genuine]);
    expect(report.results.map((r) => [r.resultId, r.application, r.householdId])).toEqual([
      [forged.resultId, 'unmatched', null],
      [genuine.resultId, 'applied', f.hC.id],
    ]);
    const quarantined = await f.repos.linkageExchange.quarantined(f.roles.admin);
    expect(quarantined).toHaveLength(1);
    expect(quarantined[0]).toMatchObject({
      id: forged.resultId,
      stream: 'linkage',
      status: 'quarantined',
      kind: forged.kind,
      payload: { exchangeId: result.manifest.exchangeId, result: forged },
    });
    expect(quarantined[0]!.problem).toMatch(/対応する送信記録がありません/);
    expect((await rowOf(f, forged.kind)).status).toBe('sent');
    expect((await rowOf(f, genuine.kind)).status).toBe('accepted');
    expect(await f.repos.linkageExchange.quarantined(f.roles.cwA).catch((e: unknown) => e)).toBeInstanceOf(AccessDeniedError);
  });

  test('a tampered, truncated, foreign or wrongly signed result exchange is refused and the ledger stays as it was', async () => {
    const f = await linkageFlow([TARO]);
    await f.start();
    const sent = await f.send();
    const folder = await f.answer(sent.exchangeId);
    const ledger = await f.ledger();
    expect(ledger.map((r) => r.status)).toEqual(['sent', 'sent']);
    // Sealed to the office: tampering is with the ciphertext, caught by the hash before anything is opened.
    const recordsPath = join(folder, SEALED_RECORDS_FILE);
    const manifestPath = join(folder, MANIFEST_FILE);
    const original = await readFile(recordsPath);
    const originalManifest = await readFile(manifestPath, 'utf8');

    const refused = async (pattern: RegExp, over: ReadOverrides = {}) => {
      const error = await f.read(folder, over).catch((e: unknown) => e);
      expect(error).toBeInstanceOf(ExchangeFileError);
      expect((error as Error).message).toMatch(pattern);
    };

    // One byte flipped keeps the length; the hash does not match.
    const flipped = Buffer.from(original);
    flipped[40] = flipped[40]! ^ 0x01;
    await writeFile(recordsPath, flipped);
    await refused(/改ざんまたは破損/);
    expect(original.toString('latin1')).not.toContain('accepted');
    // Without the office's key it cannot be opened at all.
    await writeFile(recordsPath, original);
    await refused(/この事務所の鍵宛てに暗号化されていません/, { openers: [sealedBoxOpener(sodium, sodium.crypto_sign_keypair())] });

    await writeFile(recordsPath, original.subarray(0, Math.floor(original.length / 2)));
    await refused(/改ざんまたは破損/);
    await writeFile(recordsPath, original);

    // The same exchange addressed to another office.
    const manifest = JSON.parse(originalManifest) as { office: { id: string } };
    await writeFile(manifestPath, JSON.stringify({ ...manifest, office: { ...manifest.office, id: 'office-2' } }));
    await refused(/別の事務所/);
    await writeFile(manifestPath, originalManifest);
    await refused(/別の事務所/, { officeId: 'office-2' });

    // Signed by another key than the configured peer's (here: the office's own).
    await refused(/公開鍵と一致しません/, { publicKey: f.signer.publicKey });
    await refused(/依頼ファイルではありません/, { direction: 'request' });

    expect(await f.ledger()).toEqual(ledger);
    expect(await f.store.db.inbox.count()).toBe(0);

    // Restored, the same exchange imports: the refusals were the file's, not the data's.
    const result = await f.read(folder);
    await f.apply(result.manifest.exchangeId, result.records);
    expect((await f.ledger()).map((r) => r.status)).toEqual(['accepted', 'accepted']);
  });
});
