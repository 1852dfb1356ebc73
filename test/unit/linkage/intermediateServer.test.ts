import { existsSync } from 'node:fs';
import { mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { afterEach, beforeAll, describe, expect, test } from 'vitest';
import { listExchanges, readExchange, writeExchange } from '../../../main/linkage/exchangeFolder.js';
import { keyPairSigner, sealedBoxOpener } from '../../../main/linkage/exchangeSigner.js';
import {
  INCOMING_DIR,
  OUTGOING_DIR,
  RECORDS_FILE,
  requestRecordSchema,
  resultRecordSchema,
  type RequestRecord,
  type ResultRecord,
} from '../../../shared/linkage/exchangeFormat.js';
import { defaultLinkageItems } from '../../../shared/linkage/legalReferences.js';
import { createIntermediateServer, defaultFixture, SIMULATOR_SENDER } from '../../linkage/intermediateServer.js';

const office = { id: 'office-test', code: '352161' };
const NOW = new Date('2026-04-01T01:00:00.000Z');

let keys: { publicKey: Uint8Array; privateKey: Uint8Array };
beforeAll(async () => {
  await sodium.ready;
  keys = sodium.crypto_sign_keypair();
});

const dirs: string[] = [];
afterEach(async () => {
  for (const dir of dirs.splice(0)) await rm(dir, { recursive: true, force: true });
});

async function setup() {
  const dir = await mkdtemp(join(tmpdir(), 'seiho-sim-'));
  dirs.push(dir);
  const exchangeDir = join(dir, 'exchange');
  const stateFile = join(dir, 'state', 'simulator.json');
  const start = () => createIntermediateServer({ exchangeDir, stateFile, office: { ...office, publicKey: keys.publicKey }, now: () => NOW });
  return { exchangeDir, stateFile, server: await start(), start };
}

// --------------------------------------------------------------------------------------- request builders

type Draft = Pick<RequestRecord, 'kind' | 'body'> & Partial<Pick<RequestRecord, 'seq' | 'recordId' | 'idempotencyKey'>>;
let counter = 0;

function record(draft: Draft): RequestRecord {
  counter += 1;
  return requestRecordSchema.parse({
    recordId: draft.recordId ?? `rec-${counter}`,
    seq: draft.seq ?? counter,
    idempotencyKey: draft.idempotencyKey ?? `linkage:${draft.kind}:${counter}`,
    createdAt: '2026-03-31T23:00:00.000Z',
    legalBasis: '番号法第19条第8号',
    kind: draft.kind,
    body: draft.body,
  });
}

let exchangeCounter = 0;
async function send(exchangeDir: string, drafts: Draft[]): Promise<{ exchangeId: string; records: RequestRecord[]; folder: string }> {
  exchangeCounter += 1;
  const records = drafts.map(record);
  const seqs = records.map((r) => r.seq);
  const exchangeId = `req-${exchangeCounter}-${Date.now()}`;
  const { folder } = await writeExchange(join(exchangeDir, OUTGOING_DIR), {
    direction: 'request',
    exchangeId,
    inReplyTo: null,
    office,
    sender: 'テスト福祉事務所',
    createdAt: new Date().toISOString(),
    records,
    seqRange: records.length ? { from: Math.min(...seqs), to: Math.max(...seqs) } : null,
    signer: keyPairSigner(sodium, keys),
    replyTo: sealedBoxOpener(sodium, keys),
  });
  return { exchangeId, records, folder };
}

const replica = (
  atenaNumber: string,
  event: 'register' | 'correct' | 'delete',
  extra: Partial<{ item: string; periodStart: string; status: 'active' | 'suspended' | 'terminated' }> = {},
): Draft => ({
  kind: 'replicaRegistration',
  body: {
    event,
    atenaNumber,
    item: extra.item ?? 'seikatsuHogo',
    periodStart: extra.periodStart ?? '2026-04-01',
    status: extra.status ?? 'active',
    startedOn: '2026-04-01',
    suspendedOn: null,
    endedOn: null,
    aids: [{ aid: 'living', from: '2026-04-01', to: null }],
    grants: [],
  },
});

const eligibility = (atenaNumber: string, event: 'register' | 'end', kana: string, birthDate: string, validTo: string | null = null): Draft => ({
  kind: 'medicalEligibility',
  body: { event, atenaNumber, kana, birthDate, sex: 'male', payerNumber: '12352161', validFrom: '2026-04-01', validTo },
});

const ticket = (atenaNumber: string, seq?: number): Draft => ({
  kind: 'medicalTicketData',
  ...(seq ? { seq } : {}),
  body: {
    atenaNumber,
    month: '2026-04',
    kind: 'medical',
    institution: '山陽小野田市民病院',
    payerNumber: '12352161',
    recipientNumber: '1234567',
    status: 'issued',
    validUntil: '2026-04-30',
    copayment: 0,
  },
});

const inquiry = (atenaNumber: string, item: string, provider: string): Draft => ({
  kind: 'inquiry',
  body: { atenaNumber, item, provider, reason: '生活保護の要否判定のため', requestedOn: '2026-04-01', requestedBy: 'cw-1' },
});

const publicFunds = (atenaNumber: string): Draft => ({
  kind: 'publicFundsAccount',
  body: { atenaNumber, requestedOn: '2026-04-01', consent: { givenOn: '2026-03-30', method: 'written' } },
});

const outcomes = (results: ResultRecord[]) => results.map((r) => (r.outcome === 'rejected' ? `rejected:${r.reasonCode}` : r.outcome));

// ------------------------------------------------------------------------------------------------- tests

describe('fixture', () => {
  test('answers exactly the inquiry items of the default linkage table, with their providers', () => {
    const fixture = defaultFixture();
    expect(fixture.inquiryItems).toEqual(defaultLinkageItems.filter((i) => i.kind === 'inquiry').map((i) => ({ code: i.code, provider: i.provider })));
    expect(fixture.persons.map((p) => p.atenaNumber)).toEqual(['1000000001', '1000000002', '1000000003', '1000000004', '1000000005', '1000000006']);
    expect(fixture.persons.some((p) => p.atenaNumber.startsWith('9'))).toBe(false);
  });
});

describe('副本登録', () => {
  test('register is an upsert per (宛名番号, item, periodStart); correct and delete need the replica', async () => {
    const { exchangeDir, server } = await setup();
    const first = await send(exchangeDir, [
      replica('1000000001', 'register'),
      replica('1000000001', 'register', { status: 'suspended' }),
      replica('1000000001', 'correct', { periodStart: '2025-01-01' }),
      replica('1000000001', 'delete', { periodStart: '2025-01-01' }),
      replica('9000000001', 'register'),
      replica('1000000001', 'register', { item: 'pension' }),
      replica('1000000001', 'register', { item: 'noSuchItem' }),
    ]);
    const { exchanges, results } = await server.processOutgoing();
    expect(exchanges).toEqual([first.exchangeId]);
    expect(outcomes(results)).toEqual([
      'accepted',
      'accepted',
      'rejected:NO_SUCH_REPLICA',
      'rejected:NO_SUCH_REPLICA',
      'rejected:ATENA_UNKNOWN',
      'rejected:UNKNOWN_ITEM',
      'rejected:UNKNOWN_ITEM',
    ]);
    expect(results.map((r) => r.requestRecordId)).toEqual(first.records.map((r) => r.recordId));
    expect(results[2]).toMatchObject({ reason: '訂正対象の副本が登録されていません' });
    expect(results[4]).toMatchObject({ reason: '宛名番号が団体内統合宛名システムに登録されていません' });
    const held = server.replicaOf('1000000001');
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ item: 'seikatsuHogo', periodStart: '2026-04-01', body: { status: 'suspended' }, revisions: 2 });

    await send(exchangeDir, [replica('1000000001', 'correct', { status: 'terminated' })]);
    expect(outcomes((await server.processOutgoing()).results)).toEqual(['accepted']);
    expect(server.replicaOf('1000000001')[0]?.body.status).toBe('terminated');

    await send(exchangeDir, [replica('1000000001', 'delete'), replica('1000000001', 'delete')]);
    expect(outcomes((await server.processOutgoing()).results)).toEqual(['accepted', 'rejected:NO_SUCH_REPLICA']);
    expect(server.replicaOf('1000000001')).toEqual([]);
  });
});

describe('資格情報・医療券', () => {
  test('identity is checked against the registry after NFKC, whitespace ignored', async () => {
    const { exchangeDir, server } = await setup();
    await send(exchangeDir, [
      eligibility('1000000001', 'register', 'カゾ　ジロウ', '1965-04-12'),
      eligibility('1000000001', 'register', 'カゾ　タロウ', '1965-04-13'),
      eligibility('9000000001', 'register', 'カゾ　タロウ', '1965-04-12'),
      eligibility('1000000003', 'end', 'ミナミ　ケンジ', '1990-01-15', '2026-05-31'),
      eligibility('1000000001', 'register', 'ｶｿﾞ ﾀﾛｳ', '1965-04-12'),
    ]);
    const { results } = await server.processOutgoing();
    expect(outcomes(results)).toEqual([
      'rejected:IDENTITY_MISMATCH',
      'rejected:IDENTITY_MISMATCH',
      'rejected:ATENA_UNKNOWN',
      'rejected:NOT_REGISTERED',
      'accepted',
    ]);
    expect(results[0]).toMatchObject({ reason: '本人確認情報（カナ氏名・生年月日）が住民基本台帳と一致しません。確認のうえ訂正してください' });
    expect(results[3]).toMatchObject({ reason: '資格情報が登録されていません' });
    expect(server.eligibilityOf('1000000001')).toEqual({ registered: true, validFrom: '2026-04-01', validTo: null });
    expect(server.eligibilityOf('1000000003')).toBeNull();

    await send(exchangeDir, [eligibility('1000000001', 'end', 'カゾタロウ', '1965-04-12', '2026-06-30')]);
    expect(outcomes((await server.processOutgoing()).results)).toEqual(['accepted']);
    expect(server.eligibilityOf('1000000001')).toEqual({ registered: true, validFrom: '2026-04-01', validTo: '2026-06-30' });
  });

  test('a ticket before its eligibility is rejected, after it (in seq order, whatever the line order) accepted', async () => {
    const { exchangeDir, server } = await setup();
    counter = 100;
    await send(exchangeDir, [ticket('1000000002', 101)]);
    const before = (await server.processOutgoing()).results;
    expect(outcomes(before)).toEqual(['rejected:NOT_REGISTERED']);
    expect(before[0]).toMatchObject({ reason: '資格情報が未登録のため医療券情報を登録できません' });
    expect(server.ticketsOf('1000000002')).toEqual([]);

    // Line order: ticket first, but its seq is after the eligibility's.
    await send(exchangeDir, [ticket('1000000002', 111), { ...eligibility('1000000002', 'register', 'カゾ　ハナコ', '1968-09-30'), seq: 110 }]);
    const after = (await server.processOutgoing()).results;
    expect(after.map((r) => r.kind)).toEqual(['medicalEligibility', 'medicalTicketData']);
    expect(outcomes(after)).toEqual(['accepted', 'accepted']);
    expect(server.ticketsOf('1000000002')).toEqual([expect.objectContaining({ month: '2026-04', kind: 'medical', recipientNumber: '1234567' })]);
  });
});

describe('情報照会・公金受取口座', () => {
  test('answered from the fixture, found or not; unknown items, providers and 宛名番号 refused', async () => {
    const { exchangeDir, server } = await setup();
    await send(exchangeDir, [
      inquiry('1000000001', 'localTax', '市町村長'),
      inquiry('1000000003', 'pension', '日本年金機構'),
      inquiry('1000000001', 'pension', '市町村長'),
      inquiry('1000000001', 'seikatsuHogo', '市町村長'),
      inquiry('9000000001', 'localTax', '市町村長'),
      publicFunds('1000000001'),
      publicFunds('1000000003'),
      publicFunds('9000000001'),
    ]);
    const { results } = await server.processOutgoing();
    expect(outcomes(results)).toEqual([
      'answered',
      'answered',
      'rejected:UNKNOWN_ITEM',
      'rejected:UNKNOWN_ITEM',
      'rejected:ATENA_UNKNOWN',
      'answered',
      'answered',
      'rejected:ATENA_UNKNOWN',
    ]);
    expect(results[0]).toMatchObject({
      kind: 'inquiry',
      answer: { provider: '市町村長', answeredOn: '2026-04-01', found: true, items: expect.arrayContaining([{ label: '課税所得', value: '354,000円' }]) },
    });
    expect(results[1]).toMatchObject({ answer: { provider: '日本年金機構', found: false, items: [] } });
    expect(results[2]).toMatchObject({ reason: '照会できない情報項目です' });
    expect(results[5]).toMatchObject({
      kind: 'publicFundsAccount',
      answer: {
        answeredOn: '2026-04-01',
        account: { bankCode: '0009', branchCode: '123', accountNumber: '1234567', accountType: 'ordinary', holderKana: 'カゾ　タロウ' },
      },
    });
    expect(results[6]).toMatchObject({ answer: { answeredOn: '2026-04-01', account: null } });
  });
});

describe('exchanges', () => {
  test('results come back as one signed result exchange per request exchange, readable by the office', async () => {
    const { exchangeDir, server } = await setup();
    const sent = await send(exchangeDir, [replica('1000000001', 'register'), inquiry('1000000001', 'pension', '日本年金機構'), publicFunds('1000000002')]);
    const { results } = await server.processOutgoing();
    const incoming = await listExchanges(join(exchangeDir, INCOMING_DIR));
    expect(incoming).toHaveLength(1);
    const folder = join(exchangeDir, INCOMING_DIR, incoming[0]!.folder); // listExchanges gives folder names
    const read = await readExchange(folder, {
      direction: 'result',
      officeId: office.id,
      publicKey: sodium.from_base64(server.publicKey, sodium.base64_variants.ORIGINAL),
      recordSchema: resultRecordSchema,
      openers: [sealedBoxOpener(sodium, keys)],
    });
    // Sealed to the office: the records are not on disk in the clear.
    expect(read.manifest.records).toMatchObject({ file: 'records.jsonl.sealed', sealedTo: { keyId: sealedBoxOpener(sodium, keys).keyId } });
    expect(read.manifest).toMatchObject({
      direction: 'result',
      inReplyTo: sent.exchangeId,
      office,
      sender: SIMULATOR_SENDER,
      seqRange: null,
      createdAt: NOW.toISOString(),
    });
    expect(read.records).toEqual(results);
    expect(new Set(read.records.map((r) => r.resultId)).size).toBe(3);
    expect(read.records.every((r) => r.processedAt === NOW.toISOString())).toBe(true);
    expect(read.records.map((r) => r.idempotencyKey)).toEqual(sent.records.map((r) => r.idempotencyKey));
    // Signed with the simulator's key, not the office's.
    await expect(
      readExchange(folder, { direction: 'result', officeId: office.id, publicKey: keys.publicKey, recordSchema: resultRecordSchema }),
    ).rejects.toThrow();
  });

  test('an exchange is answered once, also by a second instance over the same state file', async () => {
    const { exchangeDir, server, start } = await setup();
    await send(exchangeDir, [replica('1000000001', 'register'), ticket('1000000001')]);
    expect((await server.processOutgoing()).results).toHaveLength(2);
    expect(server.received()).toBe(2);
    expect(await server.processOutgoing()).toEqual({ exchanges: [], results: [] });

    const again = await start();
    expect(again.publicKey).toBe(server.publicKey);
    expect(again.received()).toBe(2);
    expect(again.replicaOf('1000000001')).toHaveLength(1);
    expect(await again.processOutgoing()).toEqual({ exchanges: [], results: [] });
    expect(await listExchanges(join(exchangeDir, INCOMING_DIR))).toHaveLength(1);

    // The second instance carries on with new exchanges.
    await send(exchangeDir, [replica('1000000001', 'correct')]);
    expect(outcomes((await again.processOutgoing()).results)).toEqual(['accepted']);
    expect(again.received()).toBe(3);
    expect(await listExchanges(join(exchangeDir, INCOMING_DIR))).toHaveLength(2);
  });

  test('a tampered request exchange throws and nothing is answered', async () => {
    const { exchangeDir, server } = await setup();
    await send(exchangeDir, [replica('1000000002', 'register')]);
    const bad = await send(exchangeDir, [replica('1000000001', 'register')]);
    const path = join(bad.folder, RECORDS_FILE); // writeExchange gives the folder's path
    const text = await readFile(path, 'utf8');
    await writeFile(path, text.replace('1000000001', '1000000003'), 'utf8');
    await expect(server.processOutgoing()).rejects.toThrow();
    const incoming = join(exchangeDir, INCOMING_DIR);
    expect(existsSync(incoming) ? await listExchanges(incoming) : []).toEqual([]);
    expect(server.received()).toBe(0);
    expect(server.replicaOf('1000000001')).toEqual([]);
    expect(server.replicaOf('1000000002')).toEqual([]);
  });

  test('an exchange signed with another key is refused', async () => {
    const { exchangeDir } = await setup();
    const other = sodium.crypto_sign_keypair();
    const server = await createIntermediateServer({
      exchangeDir,
      stateFile: join(exchangeDir, '..', 'other-state.json'),
      office: { ...office, publicKey: other.publicKey },
      now: () => NOW,
    });
    await send(exchangeDir, [replica('1000000001', 'register')]);
    await expect(server.processOutgoing()).rejects.toThrow();
    expect(existsSync(join(exchangeDir, INCOMING_DIR)) ? await listExchanges(join(exchangeDir, INCOMING_DIR)) : []).toEqual([]);
  });

  test('10,000 records in one exchange are answered quickly', async () => {
    const { exchangeDir, server } = await setup();
    const drafts: Draft[] = [];
    for (let i = 0; i < 10_000; i += 1) {
      const atena = `100000000${(i % 6) + 1}`;
      const periodStart = `20${String(10 + (i % 17)).padStart(2, '0')}-${String((i % 12) + 1).padStart(2, '0')}-01`;
      drafts.push(i % 5 === 4 ? inquiry(atena, 'localTax', '市町村長') : replica(atena, 'register', { periodStart }));
    }
    await send(exchangeDir, drafts);
    const started = performance.now();
    const { results } = await server.processOutgoing();
    const elapsed = performance.now() - started;
    expect(results).toHaveLength(10_000);
    expect(new Set(results.map((r) => r.resultId)).size).toBe(10_000);
    expect(results.every((r) => r.outcome !== 'rejected')).toBe(true);
    expect(elapsed).toBeLessThan(5_000);
  });
});
