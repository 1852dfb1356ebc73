import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createRouter } from '../../../main/ipc/router.js';
import { readExchange, writeExchange } from '../../../main/linkage/exchangeFolder.js';
import {
  deriveOfficeKeys,
  exchangeKeyFingerprint,
  keyPairSigner,
  sealedBoxOpener,
  type ExchangeOpener,
  type ExchangeSigner,
} from '../../../main/linkage/exchangeSigner.js';
import { createHandlers } from '../../../main/services/handlers.js';
import { argon2idPresets, createInlineKdf } from '../../../main/vault/kdf.js';
import { readKeystore } from '../../../main/vault/keystoreFile.js';
import { officeSecretOf } from '../../../main/vault/officeSecret.js';
import { inquiryRecord } from '../../linkage/requestRecords.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import type { MethodName, ResponseOf } from '../../../shared/ipc/contract.js';
import { requestRecordSchema, type ResultRecord } from '../../../shared/linkage/exchangeFormat.js';
import { fakeClock, tempDir } from '../vault/vaultFixtures.js';

const sodium = await loadSodium();
const admin = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'さくら並木の朝は早い-2026' };
const caseworker = {
  loginId: 'cw.tanaka',
  passphrase: 'blue-kettle-on-the-stove',
  profile: { displayName: '田中 一郎', role: 'caseworker', teamId: 'team-1' },
};
const linkageMethods = ['linkageInfo', 'linkageExport', 'linkageIncoming', 'linkageImport', 'linkageArchive'] as const;

const accepted = (n: number): ResultRecord => ({
  resultId: `res-${n}`,
  requestRecordId: `rec-${n}`,
  idempotencyKey: `inquiry:${n}`,
  processedAt: '2026-04-02T10:00:00.000Z',
  kind: 'inquiry',
  outcome: 'accepted',
});

/** The real services behind the real router, set up as an office with its administrator unlocked. */
async function office() {
  const dataDir = await tempDir();
  const clock = fakeClock();
  const { handlers } = createHandlers({
    dataDir,
    host: 'browser',
    appVersion: 't',
    platform: 'linux',
    emit: () => {},
    clock,
    timers: { setTimeout: () => 0, clearTimeout: () => {} },
    vaultOptions: { kdf: createInlineKdf(), policy: { kdfCost: argon2idPresets.MIN } },
  });
  const router = createRouter(handlers, () => true);
  const call = async (method: MethodName, request: unknown = {}) => router.dispatch(method, request, { senderOrigin: 'app://seiho' });
  const value = async <M extends MethodName>(method: M, request: unknown = {}): Promise<ResponseOf<M>> => {
    const result = await call(method, request);
    if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
    return result.value as ResponseOf<M>;
  };
  await value('officeSetup', { officeName: '加須市福祉事務所', municipality: '加須市', deviceProfile: 'office', admin });
  const session = await value('vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
  const officeId = (await value('vaultStatus')).office!.id;
  const configure = async (linkage: Record<string, unknown>) => value('settingsUpdate', { linkage });
  return { dataDir, clock, call, value, session, officeId, configure, exchangeDir: join(dataDir, 'exchange') };
}

/** The 統合宛名 side's key pair: it signs results and opens what the office sealed to it. */
function peerSigner(): ExchangeSigner & { opener: ExchangeOpener } {
  const pair = sodium.crypto_sign_keypair();
  return { ...keyPairSigner(sodium, pair), opener: sealedBoxOpener(sodium, pair) };
}

/** What the 統合宛名 side would drop into incoming/. */
const deliver = (exchangeDir: string, officeId: string, signer: ExchangeSigner, exchangeId: string, records: ResultRecord[] = [accepted(1), accepted(2)]) =>
  writeExchange(join(exchangeDir, 'incoming'), {
    direction: 'result',
    exchangeId,
    inReplyTo: 'request-1',
    office: { id: officeId, code: null },
    sender: '団体内統合宛名システム',
    createdAt: '2026-04-02T10:00:00.000Z',
    records,
    seqRange: null,
    signer,
  });

describe('authorisation', () => {
  test('every linkage call needs an unlocked administrator session, and a refused export writes nothing', async () => {
    const o = await office();
    await o.value('userCreate', caseworker);
    await o.value('vaultLock', { reason: 'manual' });
    const requests = { linkageExport: { records: [inquiryRecord(1)] }, linkageImport: { folder: 'x' }, linkageArchive: { folder: 'x' } } as Record<
      string,
      unknown
    >;
    for (const method of linkageMethods) {
      expect(await o.call(method, requests[method] ?? {}), `${method} while locked`).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORIZED' } });
    }
    await o.value('vaultUnlock', { loginId: caseworker.loginId, passphrase: caseworker.passphrase });
    for (const method of linkageMethods) {
      expect(await o.call(method, requests[method] ?? {}), `${method} as a caseworker`).toMatchObject({
        ok: false,
        error: { code: 'NOT_AUTHORIZED', message: expect.stringMatching(/管理者/) },
      });
    }
    await expect(fsp.access(o.exchangeDir)).rejects.toThrow();
  });
});

describe('the office key', () => {
  test('info gives the office, the folder and the public key derived from the office root secret, the same in every session', async () => {
    const o = await office();
    const info = await o.value('linkageInfo');
    const read = await readKeystore(o.dataDir);
    if (read.state !== 'present') throw new Error('no key store');
    const expected = deriveOfficeKeys(sodium, officeSecretOf(sodium, read.keystore, new Uint8Array(Buffer.from(o.session.dataKey, 'base64')))!);
    expect(info).toEqual({
      officeId: o.officeId,
      officeCode: null,
      exchangeDir: o.exchangeDir,
      publicKey: Buffer.from(expected.signer.publicKey).toString('base64'),
      fingerprint: exchangeKeyFingerprint(expected.signer.publicKey),
      decryptionKey: { publicKey: Buffer.from(expected.replyTo.publicKey).toString('base64'), fingerprint: expected.replyTo.keyId },
      generations: { signing: 1, decryption: 1 },
      peerConfigured: false,
      peerFingerprint: null,
      requireSealedResults: true,
    });
    const peer = peerSigner();
    const shared = await tempDir();
    await o.configure({ officeCode: '112101', exchangeDir: shared, peerPublicKey: Buffer.from(peer.publicKey).toString('base64') });
    await o.value('vaultLock', { reason: 'manual' });
    await o.value('vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
    expect(await o.value('linkageInfo')).toEqual({
      ...info,
      officeCode: '112101',
      exchangeDir: shared,
      peerConfigured: true,
      peerFingerprint: exchangeKeyFingerprint(peer.publicKey),
    });
  });
});

describe('export', () => {
  test('writes a request exchange into outgoing/ that the office public key verifies', async () => {
    const o = await office();
    await o.configure({ officeCode: '112101' });
    const records = [inquiryRecord(9), inquiryRecord(5), inquiryRecord(7)];
    // Nothing leaves before the peer's key is known: the records would have no one to be sealed to.
    expect(await o.call('linkageExport', { records })).toMatchObject({ ok: false, error: { code: 'LINKAGE_NOT_CONFIGURED' } });
    expect(await fsp.readdir(o.exchangeDir).catch(() => [])).toEqual([]);
    const peer = peerSigner();
    await o.configure({ officeCode: '112101', peerPublicKey: Buffer.from(peer.publicKey).toString('base64') });
    const info = await o.value('linkageInfo');
    const exported = await o.value('linkageExport', { records });
    // On disk the records are sealed to the peer: no 宛名番号 or reason in the clear.
    const onDisk = await fsp.readFile(join(exported.folder, 'records.jsonl.sealed'));
    expect(onDisk.toString('latin1')).not.toContain(records[0]!.body.atenaNumber);
    await expect(fsp.access(join(exported.folder, 'records.jsonl'))).rejects.toThrow();
    expect(exported).toMatchObject({ count: 3, byKind: { inquiry: 3, replicaRegistration: 0 }, createdAt: '2026-04-01T09:00:00.000Z' });
    expect(exported.folder).toBe(join(o.exchangeDir, 'outgoing', exported.exchangeId));

    const read = await readExchange(exported.folder, {
      direction: 'request',
      officeId: o.officeId,
      publicKey: new Uint8Array(Buffer.from(info.publicKey, 'base64')),
      recordSchema: requestRecordSchema,
      openers: [peer.opener],
    });
    expect(read.records).toEqual(records);
    expect(read.manifest).toMatchObject({
      exchangeId: exported.exchangeId,
      inReplyTo: null,
      office: { id: o.officeId, code: '112101' },
      sender: 'Seiho Desk',
      seqRange: { from: 5, to: 9 },
      records: { sha256: exported.sha256 },
    });

    const again = await o.value('linkageExport', { records: [inquiryRecord(10)] });
    expect(again.exchangeId).not.toBe(exported.exchangeId);
    expect((await fsp.readdir(join(o.exchangeDir, 'outgoing'))).sort()).toEqual([exported.exchangeId, again.exchangeId].sort());
  });
});

describe('import and archive', () => {
  test('lists incoming exchanges, imports one signed by the peer, refuses what is not, and archives', async () => {
    const o = await office();
    const peer = peerSigner();
    await deliver(o.exchangeDir, o.officeId, peer, 'result-b');
    await deliver(o.exchangeDir, o.officeId, peerSigner(), 'result-a');
    await deliver(o.exchangeDir, 'office-elsewhere', peer, 'result-c');

    expect(await o.call('linkageImport', { folder: 'result-b' })).toMatchObject({
      ok: false,
      error: { code: 'LINKAGE_NOT_CONFIGURED', message: expect.stringContaining('相手方（団体内統合宛名システム）の公開鍵が設定されていません') },
    });
    await o.configure({ peerPublicKey: Buffer.from(peer.publicKey).toString('base64') });
    // Results carry personal data: a plain one is refused unless the office turned sealing off.
    expect(await o.call('linkageImport', { folder: 'result-b' })).toMatchObject({
      ok: false,
      error: { code: 'EXCHANGE_REFUSED', message: expect.stringContaining('レコードが暗号化されていません') },
    });
    await o.configure({ requireSealedResults: false });

    const { exchanges } = await o.value('linkageIncoming');
    expect(exchanges.map((e) => [e.folder, e.count, e.problem])).toEqual([
      ['result-a', 2, null],
      ['result-b', 2, null],
      ['result-c', 2, null],
    ]);
    expect(exchanges[1]).toMatchObject({ exchangeId: 'result-b', inReplyTo: 'request-1', createdAt: '2026-04-02T10:00:00.000Z' });

    expect(await o.value('linkageImport', { folder: 'result-b' })).toEqual({
      exchangeId: 'result-b',
      inReplyTo: 'request-1',
      createdAt: '2026-04-02T10:00:00.000Z',
      records: [accepted(1), accepted(2)],
      // request-1 was never sent by this office: every result is named for quarantine.
      unanswerable: [accepted(1), accepted(2)].map((r) => ({
        resultId: r.resultId,
        problem: expect.stringContaining('この事務所が送っていない依頼への結果です'),
      })),
    });
    expect(await o.call('linkageImport', { folder: 'result-a' })).toMatchObject({
      ok: false,
      error: { code: 'EXCHANGE_REFUSED', message: expect.stringContaining('別の鍵で署名されています') },
    });
    expect(await o.call('linkageImport', { folder: 'result-c' })).toMatchObject({
      ok: false,
      error: { code: 'EXCHANGE_REFUSED', message: expect.stringContaining('別の事務所宛て') },
    });
    const records = join(o.exchangeDir, 'incoming', 'result-b', 'records.jsonl');
    const bytes = await fsp.readFile(records);
    bytes[10]! ^= 0x01;
    await fsp.writeFile(records, bytes);
    expect(await o.call('linkageImport', { folder: 'result-b' })).toMatchObject({
      ok: false,
      error: { code: 'EXCHANGE_REFUSED', message: 'records.jsonl が改ざんまたは破損しています（ハッシュ不一致）' },
    });
    bytes[10]! ^= 0x01;
    await fsp.writeFile(records, bytes);

    await o.value('linkageArchive', { folder: 'result-b' });
    expect((await o.value('linkageIncoming')).exchanges.map((e) => e.folder)).toEqual(['result-a', 'result-c']);
    expect(await fsp.readdir(join(o.exchangeDir, 'incoming', 'processed'))).toEqual(['result-b']);
    // The same exchange delivered again is archived beside the first copy, not over it.
    await deliver(o.exchangeDir, o.officeId, peer, 'result-b');
    await o.value('linkageArchive', { folder: 'result-b' });
    expect((await fsp.readdir(join(o.exchangeDir, 'incoming', 'processed'))).sort()).toEqual(['result-b', 'result-b-2']);
    expect(await o.call('linkageArchive', { folder: 'result-b' })).toMatchObject({ ok: false, error: { code: 'NOT_FOUND' } });
  });

  test('a folder name that is a path is refused, and nothing outside incoming/ is read or moved', async () => {
    const o = await office();
    const peer = peerSigner();
    await o.configure({ peerPublicKey: Buffer.from(peer.publicKey).toString('base64') });
    // A valid peer-signed exchange sitting outside incoming/: reaching it must still be refused.
    await writeExchange(o.exchangeDir, {
      direction: 'result',
      exchangeId: 'outside',
      inReplyTo: null,
      office: { id: o.officeId, code: null },
      sender: 'x',
      createdAt: '2026-04-02T10:00:00.000Z',
      records: [accepted(1)],
      seqRange: null,
      signer: peer,
    });
    for (const folder of ['../outside', '..', '.', 'a/b', 'a\\b', '/etc', 'C:outside', 'a\0b', '.hidden', 'processed']) {
      for (const method of ['linkageImport', 'linkageArchive'] as const) {
        expect(await o.call(method, { folder }), `${method} ${folder}`).toMatchObject({
          ok: false,
          error: { code: 'INVALID_REQUEST', message: expect.stringContaining('連携フォルダ名が正しくありません') },
        });
      }
    }
    expect((await fsp.readdir(o.exchangeDir)).sort()).toEqual(['outside']);
    expect(await o.call('linkageImport', { folder: 'missing' })).toMatchObject({
      ok: false,
      error: { code: 'EXCHANGE_REFUSED', message: expect.stringContaining('見つかりません') },
    });
  });
});
