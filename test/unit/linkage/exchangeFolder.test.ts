import { createHash } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { ExchangeFileError, listExchanges, readExchange, writeExchange, type ExchangeFs } from '../../../main/linkage/exchangeFolder.js';
import {
  deriveOfficeKeys,
  exchangeKeyFingerprint,
  keyPairSigner,
  sealedBoxOpener,
  sealingKeyOf,
  type ExchangeSigner,
} from '../../../main/linkage/exchangeSigner.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import {
  manifestSigningText,
  requestRecordSchema,
  resultRecordSchema,
  type Manifest,
  type ManifestBody,
  type RequestRecord,
  type ResultRecord,
} from '../../../shared/linkage/exchangeFormat.js';
import { inquiryRecord, requestEnvelope } from '../../linkage/requestRecords.js';
import { tempDir } from '../vault/vaultFixtures.js';

const OFFICE_ID = 'office-13101';
const sodium = await loadSodium();
/** The office key as the vault derives it, from a data key. */
const officeSigner = deriveOfficeKeys(sodium, sodium.randombytes_buf(32)).signer;

function plainSigner(): ExchangeSigner {
  return keyPairSigner(sodium, sodium.crypto_sign_keypair());
}

const replica = (seq: number): RequestRecord => ({
  ...requestEnvelope(seq),
  kind: 'replicaRegistration',
  idempotencyKey: `replica:${seq}:seikatsu-hogo:2025-10-01`,
  body: {
    event: 'register',
    atenaNumber: String(2_000_000 + seq),
    item: 'seikatsu-hogo',
    periodStart: '2025-10-01',
    status: 'active',
    startedOn: '2025-10-01',
    suspendedOn: null,
    endedOn: null,
    aids: [{ aid: 'living', from: '2025-10-01', to: null }],
    grants: [],
  },
});

const ticket = (seq: number): RequestRecord => ({
  ...requestEnvelope(seq),
  kind: 'medicalTicketData',
  idempotencyKey: `ticket:${seq}:2026-04`,
  body: {
    atenaNumber: String(3_000_000 + seq),
    month: '2026-04',
    kind: 'medical',
    institution: '加須中央病院',
    payerNumber: '12112345',
    recipientNumber: '1234567',
    status: 'issued',
    validUntil: '2026-04-30',
    copayment: 0,
  },
});

const requests = [inquiryRecord(1), replica(2), ticket(3), inquiryRecord(4)];

const exchange = (overrides: Partial<Parameters<typeof writeExchange>[1]> = {}): Parameters<typeof writeExchange>[1] => ({
  direction: 'request',
  exchangeId: '0195f3a2-7c00-7000-8000-000000000001',
  inReplyTo: null,
  office: { id: OFFICE_ID, code: '112101' },
  sender: 'Seiho Desk',
  createdAt: '2026-04-01T09:30:00.000Z',
  records: requests,
  seqRange: { from: 1, to: 4 },
  signer: officeSigner,
  ...overrides,
});

const expectRequests = { direction: 'request' as const, officeId: OFFICE_ID, publicKey: officeSigner.publicKey, recordSchema: requestRecordSchema };

async function written(overrides: Partial<Parameters<typeof writeExchange>[1]> = {}) {
  const parent = await tempDir();
  const { folder, manifest } = await writeExchange(parent, exchange(overrides));
  return { parent, folder, manifest, recordsPath: join(folder, 'records.jsonl'), manifestPath: join(folder, 'manifest.json') };
}

const refusal = (pattern: string | RegExp) => ({ name: 'ExchangeFileError', message: expect.stringMatching(pattern) });

/** Edits the manifest and signs it again, as someone holding `signer` could. */
async function resign(manifestPath: string, signer: ExchangeSigner, edit: (body: ManifestBody) => void) {
  const { signature: _old, ...body } = JSON.parse(await fsp.readFile(manifestPath, 'utf8')) as Manifest;
  edit(body);
  const value = signer.sign(Buffer.from(manifestSigningText(body), 'utf8'));
  const manifest: Manifest = {
    ...body,
    signature: {
      alg: 'ed25519',
      keyId: signer.keyId,
      publicKey: Buffer.from(signer.publicKey).toString('base64'),
      value: Buffer.from(value).toString('base64'),
      endorsement: null,
    },
  };
  await fsp.writeFile(manifestPath, JSON.stringify(manifest));
}

/** Replaces records.jsonl and fixes up bytes, hash and signature, so only the content itself is wrong. */
async function replaceRecords(written: { recordsPath: string; manifestPath: string }, text: string, count?: number) {
  const bytes = Buffer.from(text, 'utf8');
  await fsp.writeFile(written.recordsPath, bytes);
  await resign(written.manifestPath, officeSigner, (body) => {
    body.records.bytes = bytes.length;
    body.records.sha256 = createHash('sha256').update(bytes).digest('hex');
    if (count !== undefined) body.records.count = count;
  });
}

describe('round trip', () => {
  test('what is written reads back unchanged, in a folder named by the exchange id, with a manifest that describes it', async () => {
    const { parent, folder, manifest, recordsPath } = await written();
    expect(folder).toBe(join(parent, '0195f3a2-7c00-7000-8000-000000000001'));
    expect(await fsp.readdir(parent)).toEqual(['0195f3a2-7c00-7000-8000-000000000001']);
    expect((await fsp.readdir(folder)).sort()).toEqual(['manifest.json', 'records.jsonl']);
    const bytes = await fsp.readFile(recordsPath);
    expect(bytes.toString('utf8').split('\n')).toHaveLength(requests.length + 1);
    expect(manifest).toMatchObject({
      format: 'seiho-desk/linkage-exchange',
      version: 2,
      office: { id: OFFICE_ID, code: '112101' },
      seqRange: { from: 1, to: 4 },
      records: {
        file: 'records.jsonl',
        count: 4,
        bytes: bytes.length,
        sha256: createHash('sha256').update(bytes).digest('hex'),
        byKind: { inquiry: 2, replicaRegistration: 1, medicalTicketData: 1, medicalEligibility: 0, publicFundsAccount: 0 },
      },
      signature: { alg: 'ed25519', keyId: officeSigner.keyId, publicKey: Buffer.from(officeSigner.publicKey).toString('base64'), endorsement: null },
    });

    const read = await readExchange(folder, expectRequests);
    expect(read.records).toEqual(requests);
    expect(read.manifest).toEqual(manifest);
  });

  test('a result exchange round trips with the result schema, and an empty exchange too', async () => {
    const peer = plainSigner();
    const results: ResultRecord[] = [
      {
        resultId: 'res-1',
        requestRecordId: 'rec-2',
        idempotencyKey: 'replica:2',
        processedAt: '2026-04-02T10:00:00.000Z',
        kind: 'replicaRegistration',
        outcome: 'accepted',
      },
      {
        resultId: 'res-2',
        requestRecordId: 'rec-1',
        idempotencyKey: 'inquiry:1',
        processedAt: '2026-04-02T10:00:00.000Z',
        kind: 'inquiry',
        outcome: 'answered',
        answer: { provider: '加須市税務課', answeredOn: '2026-04-02', found: true, items: [{ label: '総所得金額', value: '1,200,000円' }] },
      },
      {
        resultId: 'res-3',
        requestRecordId: 'rec-3',
        idempotencyKey: 'ticket:3',
        processedAt: '2026-04-02T10:00:00.000Z',
        kind: 'medicalTicketData',
        outcome: 'rejected',
        reasonCode: 'E_ATENA_UNKNOWN',
        reason: '宛名番号が登録されていません',
      },
    ];
    const parent = await tempDir();
    const { folder } = await writeExchange(
      parent,
      exchange({ direction: 'result', exchangeId: 'result-1', inReplyTo: 'request-1', records: results, seqRange: null, signer: peer }),
    );
    const read = await readExchange(folder, { direction: 'result', officeId: OFFICE_ID, publicKey: peer.publicKey, recordSchema: resultRecordSchema });
    expect(read.records).toEqual(results);
    expect(read.manifest.inReplyTo).toBe('request-1');

    const empty = await writeExchange(parent, exchange({ exchangeId: 'empty-1', records: [], seqRange: null }));
    expect((await fsp.stat(join(empty.folder, 'records.jsonl'))).size).toBe(0);
    expect(await readExchange(empty.folder, expectRequests)).toMatchObject({ records: [], manifest: { records: { count: 0, bytes: 0 } } });
  });

  test('a batch of 10,000 records is written as one file and reads back', async () => {
    const many = Array.from({ length: 10_000 }, (_, i) => [inquiryRecord, replica, ticket][i % 3]!(i + 1));
    const { folder, manifest } = await written({ records: many, seqRange: { from: 1, to: 10_000 } });
    expect(manifest.records.byKind).toMatchObject({ inquiry: 3334, replicaRegistration: 3333, medicalTicketData: 3333 });
    const read = await readExchange(folder, expectRequests);
    expect(read.records).toHaveLength(10_000);
    expect(read.records[9_999]).toEqual(many[9_999]);
  });

  test('the office keys are the same for the same office secret; generation 1 is the one pair offices had, later ones are independent', async () => {
    const secret = sodium.randombytes_buf(32);
    const a = deriveOfficeKeys(sodium, secret);
    const b = deriveOfficeKeys(sodium, secret.slice());
    expect(Buffer.from(a.signer.publicKey).equals(Buffer.from(b.signer.publicKey))).toBe(true);
    expect(Buffer.from(a.signer.publicKey).equals(Buffer.from(officeSigner.publicKey))).toBe(false);
    expect(a.signer.keyId).toBe(exchangeKeyFingerprint(a.signer.publicKey));
    expect(a.signer.keyId).toMatch(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
    // Before the keys were separated, the office signed with kdf(1, 'seihoexc') and received at its X25519 form.
    const legacy = sodium.crypto_sign_seed_keypair(sodium.crypto_kdf_derive_from_key(32, 1, 'seihoexc', secret));
    expect(Buffer.from(a.signer.publicKey).equals(Buffer.from(legacy.publicKey))).toBe(true);
    expect(Buffer.from(a.replyTo.publicKey).equals(Buffer.from(sealingKeyOf(sodium, legacy.publicKey).publicKey))).toBe(true);
    // Each kind rotates on its own: the other key stays, earlier decryption keys still open.
    const rotated = deriveOfficeKeys(sodium, secret, { signing: 2, decryption: 2 });
    expect(Buffer.from(rotated.signer.publicKey).equals(Buffer.from(a.signer.publicKey))).toBe(false);
    expect(rotated.endorser?.keyId).toBe(a.signer.keyId);
    expect(rotated.openers.map((o) => o.keyId)).toEqual([a.replyTo.keyId, rotated.replyTo.keyId]);
    expect(rotated.replyTo.keyId).not.toBe(a.replyTo.keyId);
    expect(deriveOfficeKeys(sodium, secret, { signing: 2, decryption: 1 }).replyTo.keyId).toBe(a.replyTo.keyId);
    const sealed = sodium.crypto_box_seal(Buffer.from('x'), a.replyTo.publicKey);
    expect(Buffer.from(rotated.openers[0]!.openSealed(sealed)).toString()).toBe('x');
    a.wipe();
    expect(() => a.signer.sign(new Uint8Array(1))).toThrow();
    expect(sodium.crypto_sign_verify_detached(b.signer.sign(Buffer.from('x')), Buffer.from('x'), a.signer.publicKey)).toBe(true);
  });
});

describe('refusals', () => {
  test('one flipped byte in records.jsonl', async () => {
    const w = await written();
    const bytes = await fsp.readFile(w.recordsPath);
    bytes[Math.floor(bytes.length / 2)]! ^= 0x01;
    await fsp.writeFile(w.recordsPath, bytes);
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal(/^records\.jsonl が改ざんまたは破損しています（ハッシュ不一致）$/));
  });

  test('a truncated records.jsonl, and one with bytes appended', async () => {
    const w = await written();
    const bytes = await fsp.readFile(w.recordsPath);
    await fsp.writeFile(w.recordsPath, bytes.subarray(0, bytes.length - 1));
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('records.jsonl が改ざんまたは破損しています'));
    // Cut at a line boundary: still refused, though every remaining line is valid.
    await fsp.writeFile(w.recordsPath, bytes.subarray(0, bytes.indexOf('\n') + 1));
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('records.jsonl が改ざんまたは破損しています'));
    await fsp.writeFile(w.recordsPath, Buffer.concat([bytes, Buffer.from(`${JSON.stringify(inquiryRecord(9))}\n`)]));
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('records.jsonl が改ざんまたは破損しています'));
  });

  test('an edited manifest: unsigned, re-signed with another key, or re-signed with the right key but not matching the records', async () => {
    const w = await written();
    const original = await fsp.readFile(w.manifestPath, 'utf8');
    await fsp.writeFile(w.manifestPath, original.replace('"count": 4', '"count": 3'));
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('manifest.json: 署名が正しくありません'));

    await resign(w.manifestPath, plainSigner(), (body) => {
      body.records.count = 3;
    });
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(
      refusal('manifest.json: signature.publicKey が登録されている公開鍵と一致しません'),
    );

    // Even the office's own key cannot make a manifest disagree with its records.
    await fsp.writeFile(w.manifestPath, original);
    await resign(w.manifestPath, officeSigner, (body) => {
      body.records.count = 3;
    });
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(
      refusal('records.jsonl: 行数（4）が manifest.json の records.count（3）と一致しません'),
    );
    await resign(w.manifestPath, officeSigner, (body) => {
      body.records.count = 4;
      body.records.byKind.inquiry = 1;
      body.records.byKind.publicFundsAccount = 1;
    });
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(
      refusal('manifest.json: records.byKind.inquiry（1）が records.jsonl の件数（2）と一致しません'),
    );

    await fsp.writeFile(w.manifestPath, original);
    expect((await readExchange(w.folder, expectRequests)).records).toHaveLength(4);
  });

  test("a public key swapped into the manifest, with the signature kept, or another office's file", async () => {
    const other = plainSigner();
    const w = await written();
    const manifest = JSON.parse(await fsp.readFile(w.manifestPath, 'utf8')) as Manifest;
    manifest.signature.publicKey = Buffer.from(other.publicKey).toString('base64');
    manifest.signature.keyId = other.keyId;
    await fsp.writeFile(w.manifestPath, JSON.stringify(manifest));
    await expect(readExchange(w.folder, { ...expectRequests, publicKey: other.publicKey })).rejects.toMatchObject(refusal('署名が正しくありません'));

    const elsewhere = await written({ office: { id: 'office-99999', code: null } });
    await expect(readExchange(elsewhere.folder, expectRequests)).rejects.toMatchObject(refusal('別の事務所宛ての連携ファイルです'));
  });

  test('signed by a key other than the expected one', async () => {
    const w = await written({ signer: plainSigner() });
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('別の鍵で署名されています'));
  });

  test('the wrong direction, another format or version, or no manifest', async () => {
    const w = await written();
    await expect(readExchange(w.folder, { ...expectRequests, direction: 'result' })).rejects.toMatchObject(
      refusal('manifest.json: 結果ファイルではありません（direction: request）'),
    );
    const original = await fsp.readFile(w.manifestPath, 'utf8');
    await fsp.writeFile(w.manifestPath, original.replace('"version": 2', '"version": 1'));
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('manifest.json: 対応していない版です（version: 1'));
    await fsp.writeFile(w.manifestPath, original.replace('seiho-desk/linkage-exchange', 'something-else'));
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('format が不正です'));
    await fsp.writeFile(w.manifestPath, original.replace('"sender": "Seiho Desk"', '"sender": ""'));
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal(/^manifest\.json: sender が不正です/));
    await fsp.writeFile(w.manifestPath, `\uFEFF${original}`);
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('manifest.json: JSON として読めません'));
    await fsp.rm(w.manifestPath);
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('manifest.json がありません'));
  });

  test('a malformed line is refused with its line number and field, even when correctly signed', async () => {
    const bad = { ...ticket(3), body: { ...ticket(3).body, atenaNumber: 'ABC' } } as RequestRecord;
    const w = await written({ records: [requests[0]!, requests[1]!, bad, requests[3]!] });
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(
      refusal(/^records\.jsonl 3行目: body\.atenaNumber が不正です（宛名番号は20桁以内の数字です）$/),
    );

    const lines = requests.map((record) => JSON.stringify(record));
    await replaceRecords(w, `${lines[0]}\n${JSON.stringify({ ...inquiryRecord(2), kind: 'somethingElse' })}\n${lines.slice(2).join('\n')}\n`);
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal(/^records\.jsonl 2行目: kind が不正です/));
    await replaceRecords(w, `${lines[0]}\n{"recordId": \n${lines.slice(2).join('\n')}\n`);
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('records.jsonl 2行目: JSON として読めません'));
    await replaceRecords(w, lines.join('\n'));
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('records.jsonl: 最終行が改行で終わっていません'));
    await replaceRecords(w, `${lines.join('\n')}\n`);
    expect((await readExchange(w.folder, expectRequests)).records).toEqual(requests);
  });

  test('links are not followed: a linked records file or exchange folder is refused', async () => {
    const w = await written();
    const elsewhere = join(await tempDir(), 'records.jsonl');
    await fsp.rename(w.recordsPath, elsewhere);
    await fsp.symlink(elsewhere, w.recordsPath);
    await expect(readExchange(w.folder, expectRequests)).rejects.toMatchObject(refusal('records.jsonl が通常のファイルではありません'));

    const real = await written();
    const linked = join(await tempDir(), 'linked');
    await fsp.symlink(real.folder, linked);
    await expect(readExchange(linked, expectRequests)).rejects.toMatchObject(refusal('連携フォルダではありません'));
    await expect(readExchange(join(real.parent, 'missing'), expectRequests)).rejects.toMatchObject(refusal('連携フォルダが見つかりません'));
  });
});

describe('writing is all or nothing', () => {
  test('an existing exchange folder is never overwritten, and nothing is left behind', async () => {
    const w = await written();
    const before = await fsp.readFile(w.recordsPath);
    await expect(writeExchange(w.parent, exchange({ records: [inquiryRecord(7)], seqRange: { from: 7, to: 7 } }))).rejects.toMatchObject(
      refusal('はすでに存在します'),
    );
    expect(await fsp.readdir(w.parent)).toEqual(['0195f3a2-7c00-7000-8000-000000000001']);
    expect(await fsp.readFile(w.recordsPath)).toEqual(before);
  });

  test('a failure while writing removes the temporary folder and leaves no target', async () => {
    const parent = join(await tempDir(), 'outgoing');
    for (const failing of ['rename', 'open'] as const) {
      let calls = 0;
      const original = (failing === 'rename' ? fsp.rename : fsp.open) as (...a: unknown[]) => unknown;
      const fs: ExchangeFs = {
        ...fsp,
        [failing]: async (...args: unknown[]) => {
          // Fail the rename, or the second file write (records.jsonl is already in the temporary folder).
          calls += 1;
          if (failing === 'rename' || calls === 2) throw Object.assign(new Error('disk full'), { code: 'ENOSPC' });
          return original(...args);
        },
      };
      await expect(writeExchange(parent, exchange(), fs)).rejects.toThrow('disk full');
      expect(await fsp.readdir(parent)).toEqual([]);
    }
    await writeExchange(parent, exchange());
    expect(await fsp.readdir(parent)).toEqual(['0195f3a2-7c00-7000-8000-000000000001']);
  });

  test('an exchange id that is not a plain name is refused before anything is written', async () => {
    const parent = await tempDir();
    for (const exchangeId of ['../escape', 'a/b', '', '.hidden']) {
      await expect(writeExchange(parent, exchange({ exchangeId }))).rejects.toBeInstanceOf(ExchangeFileError);
    }
    expect(await fsp.readdir(parent)).toEqual([]);
  });
});

describe('listing', () => {
  test('lists exchange folders by name with their manifest or the problem; skips temporary and processed folders', async () => {
    const parent = await tempDir();
    await writeExchange(parent, exchange({ exchangeId: 'b-second' }));
    await writeExchange(parent, exchange({ exchangeId: 'a-first', signer: plainSigner() }));
    await fsp.mkdir(join(parent, 'c-broken'));
    await fsp.writeFile(join(parent, 'c-broken', 'manifest.json'), '{"format":"seiho-desk/linkage-exchange","version":1}');
    await fsp.mkdir(join(parent, 'd-empty'));
    await fsp.mkdir(join(parent, '.b-second.0123.tmp'));
    await fsp.mkdir(join(parent, 'processed'));
    await fsp.writeFile(join(parent, 'stray.txt'), 'x');

    const listed = await listExchanges(parent);
    expect(listed.map((e) => e.folder)).toEqual(['a-first', 'b-second', 'c-broken', 'd-empty']);
    expect(listed[0]).toMatchObject({ manifest: { exchangeId: 'a-first', records: { count: 4 } }, problem: null });
    expect(listed[2]).toMatchObject({ manifest: null, problem: expect.stringMatching(/^manifest\.json: /) });
    expect(listed[3]).toMatchObject({ manifest: null, problem: 'manifest.json がありません' });
    expect(await listExchanges(join(parent, 'missing'))).toEqual([]);
  });
});

test('records are written one JSON per line, nothing else', async () => {
  const w = await written({ records: [inquiryRecord(1)], seqRange: { from: 1, to: 1 } });
  expect(await fsp.readFile(w.recordsPath, 'utf8')).toBe(`${JSON.stringify(inquiryRecord(1))}\n`);
});

describe('sealed records', () => {
  test('sealed to the recipient, the records are not on disk in the clear and open only with its key', async () => {
    const recipient = sodium.crypto_sign_keypair();
    const { folder, manifest } = await written({ sealTo: sealingKeyOf(sodium, recipient.publicKey) });
    expect((await fsp.readdir(folder)).sort()).toEqual(['manifest.json', 'records.jsonl.sealed']);
    const onDisk = await fsp.readFile(join(folder, 'records.jsonl.sealed'));
    expect(onDisk.toString('latin1')).not.toContain(requests[0]!.idempotencyKey);
    const named = sealingKeyOf(sodium, recipient.publicKey);
    expect(manifest.records).toMatchObject({
      file: 'records.jsonl.sealed',
      sealedTo: { keyId: named.keyId, publicKey: Buffer.from(named.publicKey).toString('base64') },
      bytes: onDisk.length,
      count: requests.length,
    });

    expect((await readExchange(folder, { ...expectRequests, openers: [sealedBoxOpener(sodium, recipient)] })).records).toEqual(requests);
    await expect(readExchange(folder, expectRequests)).rejects.toMatchObject(refusal('records.jsonl.sealed: この事務所の鍵宛てに暗号化されていません'));
    await expect(readExchange(folder, { ...expectRequests, openers: [sealedBoxOpener(sodium, sodium.crypto_sign_keypair())] })).rejects.toMatchObject(
      refusal('この事務所の鍵宛てに暗号化されていません'),
    );
  });

  test('a manifest that claims another recipient, re-signed, still cannot be opened', async () => {
    const recipient = sodium.crypto_sign_keypair();
    const intruder = sodium.crypto_sign_keypair();
    const { folder, manifestPath } = await written({ sealTo: sealingKeyOf(sodium, recipient.publicKey) });
    const claimed = sealingKeyOf(sodium, intruder.publicKey);
    await resign(manifestPath, officeSigner, (body) => {
      body.records.sealedTo = { keyId: claimed.keyId, publicKey: Buffer.from(claimed.publicKey).toString('base64') };
    });
    await expect(readExchange(folder, { ...expectRequests, openers: [sealedBoxOpener(sodium, intruder)] })).rejects.toMatchObject(
      refusal('records.jsonl.sealed: 復号できません'),
    );
  });

  test('required sealing refuses a plain records file', async () => {
    const { folder } = await written();
    await expect(readExchange(folder, { ...expectRequests, requireSealed: true })).rejects.toMatchObject(refusal('レコードが暗号化されていません'));
  });
});

describe('key ids, folder names and rotation', () => {
  test('the folder name must be the exchangeId', async () => {
    const { folder } = await written();
    const renamed = join(folder, '..', 'another-name');
    await fsp.rename(folder, renamed);
    await expect(readExchange(renamed, expectRequests)).rejects.toMatchObject(refusal('exchangeId（.*）がフォルダ名（another-name）と一致しません'));
  });

  test('a new signing key is accepted on the endorsement of the trusted one only when the reader allows it, and never without one', async () => {
    const secret = sodium.randombytes_buf(32);
    const first = deriveOfficeKeys(sodium, secret);
    const second = deriveOfficeKeys(sodium, secret, { signing: 2, decryption: 1 });
    const endorsed = await written({ signer: second.signer, endorser: second.endorser });
    expect(endorsed.manifest.signature).toMatchObject({ keyId: second.signer.keyId, endorsement: { keyId: first.signer.keyId } });
    const trustingFirst = { ...expectRequests, publicKey: first.signer.publicKey };
    await expect(readExchange(endorsed.folder, trustingFirst)).rejects.toMatchObject(refusal('signature.publicKey が登録されている公開鍵と一致しません'));
    expect((await readExchange(endorsed.folder, { ...trustingFirst, acceptEndorsed: true })).manifest.signature.publicKey).toBe(
      Buffer.from(second.signer.publicKey).toString('base64'),
    );
    const unendorsed = await written({ signer: second.signer });
    await expect(readExchange(unendorsed.folder, { ...trustingFirst, acceptEndorsed: true })).rejects.toMatchObject(
      refusal('signature.publicKey が登録されている公開鍵と一致しません'),
    );
    // An endorsement by the trusted key over another text does not carry over.
    const forged = JSON.parse(await fsp.readFile(endorsed.manifestPath, 'utf8')) as Manifest;
    forged.sender = 'someone else';
    forged.signature.value = Buffer.from(second.signer.sign(Buffer.from(manifestSigningText((({ signature: _s, ...b }) => b)(forged)), 'utf8'))).toString(
      'base64',
    );
    await fsp.writeFile(endorsed.manifestPath, JSON.stringify(forged));
    await expect(readExchange(endorsed.folder, { ...trustingFirst, acceptEndorsed: true })).rejects.toMatchObject(refusal('署名が正しくありません'));
  });
});
