import { mkdir, mkdtemp, readdir, readFile, rm, stat, truncate, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeAll, expect, test } from 'vitest';
import { bundleFileName, readBundleFile, writeBundleFile, type KnownSender } from '../../../main/sync/bundleFile.js';
import { QUARANTINE_FOLDER, readBundleFolder } from '../../../main/sync/syncFolder.js';
import { loadSodium, type Sodium } from '../../../main/vault/sodium.js';
import { DESKTOP_ID, devicePayload, HUB_ID, LAPTOP_ID, OFFICE_ID, syncKeyPair } from './syncFixtures.js';

let sodium: Sodium;
let hub: Awaited<ReturnType<typeof syncKeyPair>>;
let laptop: Awaited<ReturnType<typeof syncKeyPair>>;
let desktop: Awaited<ReturnType<typeof syncKeyPair>>;
beforeAll(async () => {
  sodium = await loadSodium();
  [hub, laptop, desktop] = await Promise.all([syncKeyPair(), syncKeyPair(), syncKeyPair()]);
});

const dirs: string[] = [];
async function folder() {
  const dir = await mkdtemp(join(tmpdir(), 'seiho-sync-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

const counts = { caseRecords: 2, incomes: 1, members: 1 };
/** The laptop writes a bundle for the hub. */
async function laptopBundle(dir: string, overrides: { officeId?: string; recipient?: string; seq?: number; rows?: number; signSecretKey?: Uint8Array } = {}) {
  return writeBundleFile(
    sodium,
    dir,
    {
      officeId: overrides.officeId ?? OFFICE_ID,
      sender: LAPTOP_ID,
      recipient: overrides.recipient ?? HUB_ID,
      seq: overrides.seq ?? 1,
      createdAt: '2026-05-01T09:00:00.000Z',
      hlcFrom: null,
      hlcTo: '2026-05-01T08:30:00.000Z-0000-bbbbbbbbbbbbbbbb',
      counts,
      payload: devicePayload(overrides.rows ?? 4),
    },
    {
      signSecretKey: overrides.signSecretKey ?? laptop.sign.privateKey,
      recipientBoxPublicKey: overrides.recipient === DESKTOP_ID ? desktop.box.publicKey : hub.box.publicKey,
    },
  );
}

const hubReader = () => ({ officeId: OFFICE_ID, deviceId: HUB_ID, boxPublicKey: hub.box.publicKey, boxSecretKey: hub.box.privateKey });
const registry =
  (revoked = false) =>
  (deviceId: string): KnownSender | undefined =>
    deviceId === LAPTOP_ID ? { deviceId, signPublicKey: laptop.sign.publicKey, revoked } : undefined;

async function refusal(path: string, reader = hubReader(), senders = registry()) {
  try {
    await readBundleFile(sodium, path, reader, senders);
  } catch (error) {
    return error as { code: string; message: string };
  }
  throw new Error('the bundle was accepted');
}

test('round trip: what the laptop wrote is what the hub reads, and the file holds no clear text of it', async () => {
  const dir = await folder();
  const written = await laptopBundle(dir);
  expect(written.path).toBe(join(dir, bundleFileName(LAPTOP_ID, HUB_ID, 1)));
  expect(written.bytes).toBe((await stat(written.path)).size);
  expect(await readdir(dir)).toEqual([bundleFileName(LAPTOP_ID, HUB_ID, 1)]);
  const read = await readBundleFile(sodium, written.path, hubReader(), registry());
  expect(read.payload).toMatchObject({ kind: 'device', outboxThrough: 4 });
  expect(read.payload.changes.map((c) => c.table)).toEqual(['caseRecords', 'caseRecords', 'incomes', 'members']);
  expect(read.header).toMatchObject({ officeId: OFFICE_ID, sender: LAPTOP_ID, recipient: HUB_ID, seq: 1, counts, compression: 'gzip' });
  const bytes = await readFile(written.path);
  expect(bytes.subarray(0, 13).toString('latin1')).toBe('SEIHO-SYNC/1\n');
  // The header's counts are clear (for the report before opening); nothing of the rows is.
  expect(bytes.includes(Buffer.from('"caseRecords":2'))).toBe(true);
  for (const clear of ['本人宅を訪問', '山田', 'ヤマダ', '090-1234', '給与明細']) expect(bytes.includes(Buffer.from(clear)), clear).toBe(false);
});

test('the payload read back equals the payload written, field for field', async () => {
  const dir = await folder();
  const payload = devicePayload(40);
  const written = await writeBundleFile(
    sodium,
    dir,
    {
      officeId: OFFICE_ID,
      sender: LAPTOP_ID,
      recipient: HUB_ID,
      seq: 7,
      createdAt: '2026-05-01T09:00:00.000Z',
      hlcFrom: null,
      hlcTo: null,
      counts: {},
      payload,
    },
    { signSecretKey: laptop.sign.privateKey, recipientBoxPublicKey: hub.box.publicKey },
  );
  expect((await readBundleFile(sodium, written.path, hubReader(), registry())).payload).toEqual(payload);
});

test('another office, another recipient, an unknown or revoked sender, a forged signer: refused by name', async () => {
  const dir = await folder();
  const other = await laptopBundle(dir, { officeId: 'office-99999' });
  expect(await refusal(other.path)).toMatchObject({ code: 'SYNC_WRONG_OFFICE', message: expect.stringContaining('別の事務所（office-99999）') });
  await rm(other.path);
  const forDesktop = await laptopBundle(dir, { recipient: DESKTOP_ID });
  expect(await refusal(forDesktop.path)).toMatchObject({ code: 'SYNC_WRONG_RECIPIENT', message: expect.stringContaining('この端末宛てではありません') });
  const ours = await laptopBundle(dir, { seq: 2 });
  expect(await refusal(ours.path, hubReader(), () => undefined)).toMatchObject({ code: 'SYNC_UNKNOWN_SENDER', message: expect.stringContaining(LAPTOP_ID) });
  expect(await refusal(ours.path, hubReader(), registry(true))).toMatchObject({
    code: 'SYNC_REVOKED_SENDER',
    message: expect.stringContaining('取り消されて'),
  });
  // Someone with a key of their own writes in the laptop's name.
  const forged = await laptopBundle(dir, { seq: 3, signSecretKey: desktop.sign.privateKey });
  expect(await refusal(forged.path)).toMatchObject({ code: 'SYNC_BAD_SIGNATURE' });
});

test('one flipped byte in the header, the signature, the body: each refused, none read', async () => {
  const dir = await folder();
  const { path } = await laptopBundle(dir, { rows: 3000 });
  const original = await readFile(path);
  const headerLength = original.readUInt32BE(13);
  const signatureAt = 17 + headerLength;
  const bodyAt = signatureAt + 64;
  const places = [
    { at: 17 + headerLength - 40, code: 'SYNC_BAD_SIGNATURE', what: 'header' },
    { at: signatureAt + 10, code: 'SYNC_BAD_SIGNATURE', what: 'signature' },
    { at: bodyAt + 5, code: 'SYNC_TAMPERED', what: 'secretstream header' },
    { at: bodyAt + 24 + 70_000, code: 'SYNC_TAMPERED', what: 'second message' },
    { at: original.length - 1, code: 'SYNC_TAMPERED', what: 'last byte' },
  ];
  for (const place of places) {
    const flipped = Buffer.from(original);
    flipped[place.at]! ^= 0x01;
    await writeFile(path, flipped);
    const error = await refusal(path);
    // A flipped header byte may also break the JSON or the schema first; either way it never reaches the payload.
    expect([place.code, 'SYNC_SCHEMA'], place.what).toContain(error.code);
  }
  // A flipped byte in the header's office id is refused by the signature (the JSON stays valid).
  const text = original.toString('latin1');
  const at = text.indexOf(OFFICE_ID) + OFFICE_ID.length - 1;
  const edited = Buffer.from(original);
  edited[at] = '2'.charCodeAt(0) === edited[at] ? '3'.charCodeAt(0) : '2'.charCodeAt(0);
  await writeFile(path, edited);
  expect(await refusal(path, { ...hubReader(), officeId: edited.subarray(at - OFFICE_ID.length + 1, at + 1).toString('latin1') })).toMatchObject({
    code: 'SYNC_BAD_SIGNATURE',
  });
});

test('truncated anywhere: in the magic, the header, the signature, the body, at a message boundary, one byte short', async () => {
  const dir = await folder();
  const { path } = await laptopBundle(dir, { rows: 3000 });
  const original = await readFile(path);
  const headerLength = original.readUInt32BE(13);
  const bodyAt = 17 + headerLength + 64;
  expect(original.length - bodyAt).toBeGreaterThan(24 + 2 * 65_553);
  for (const length of [5, 15, 17 + headerLength - 1, bodyAt - 1, bodyAt, bodyAt + 24, bodyAt + 24 + 65_553, bodyAt + 1000, original.length - 1]) {
    await writeFile(path, original);
    await truncate(path, length);
    const error = await refusal(path);
    // A header cut short is no JSON: the header length says so first, before any parse.
    expect(error.code, `cut at ${length}`).toBe('SYNC_TRUNCATED');
  }
  await writeFile(path, Buffer.concat([original, Buffer.from('extra')]));
  expect(await refusal(path)).toMatchObject({ code: 'SYNC_TAMPERED', message: expect.stringContaining('余分なデータ') });
});

test('not a bundle at all, or a header that is not the format: refused before anything is opened', async () => {
  const dir = await folder();
  const path = join(dir, bundleFileName(LAPTOP_ID, HUB_ID, 1));
  await writeFile(path, 'hello, this is not a bundle');
  expect(await refusal(path)).toMatchObject({ code: 'SYNC_UNREADABLE' });
  const header = Buffer.from(JSON.stringify({ format: 'seiho-sync-bundle', version: 1, officeId: OFFICE_ID }));
  const length = Buffer.alloc(4);
  length.writeUInt32BE(header.length);
  await writeFile(path, Buffer.concat([Buffer.from('SEIHO-SYNC/1\n'), length, header, Buffer.alloc(64)]));
  expect(await refusal(path)).toMatchObject({ code: 'SYNC_SCHEMA', message: expect.stringContaining('sender') });
});

test('a payload outside the schema, correctly signed and sealed, is refused after opening', async () => {
  const dir = await folder();
  const payload = { ...devicePayload(2), changes: [{ table: 'members', id: 'x', op: 'upsert', hlc: 'now', row: {} }] };
  const { path } = await writeBundleFile(
    sodium,
    dir,
    {
      officeId: OFFICE_ID,
      sender: LAPTOP_ID,
      recipient: HUB_ID,
      seq: 1,
      createdAt: '2026-05-01T09:00:00.000Z',
      hlcFrom: null,
      hlcTo: null,
      counts: {},
      payload: payload as never,
    },
    { signSecretKey: laptop.sign.privateKey, recipientBoxPublicKey: hub.box.publicKey },
  );
  expect(await refusal(path)).toMatchObject({ code: 'SYNC_SCHEMA', message: expect.stringContaining('changes.0') });
});

test('10,000 changed rows stream through: written and read back whole', async () => {
  const dir = await folder();
  const { path, bytes } = await laptopBundle(dir, { rows: 10_000 });
  const { payload } = await readBundleFile(sodium, path, hubReader(), registry());
  expect(payload.changes).toHaveLength(10_000);
  expect(payload.changes[9_999]).toMatchObject({ table: 'members', op: 'put', row: { phone: '090-1234-9999' } });
  expect(bytes).toBeLessThan(JSON.stringify(payload).length / 3);
});

test('the folder: bundles for this device in (sender, seq) order; refused ones quarantined with a note and left where they were', async () => {
  const dir = await folder();
  const dataDir = await folder();
  await laptopBundle(dir, { seq: 2 });
  await laptopBundle(dir, { seq: 1 });
  await laptopBundle(dir, { recipient: DESKTOP_ID });
  const tampered = await laptopBundle(dir, { seq: 3 });
  const bytes = await readFile(tampered.path);
  bytes[bytes.length - 3]! ^= 0xff;
  await writeFile(tampered.path, bytes);
  const read = () => readBundleFolder(sodium, { folder: dir, dataDir, reader: hubReader(), senders: registry(), now: () => new Date('2026-05-02T00:00:00Z') });
  const outcomes = await read();
  expect(outcomes.map((o) => [o.file, 'refused' in o ? o.refused.code : 'ok'])).toEqual([
    [bundleFileName(LAPTOP_ID, HUB_ID, 1), 'ok'],
    [bundleFileName(LAPTOP_ID, HUB_ID, 2), 'ok'],
    [bundleFileName(LAPTOP_ID, HUB_ID, 3), 'SYNC_TAMPERED'],
  ]);
  expect(outcomes[2]).toMatchObject({ header: { seq: 3, sender: LAPTOP_ID } });
  expect(JSON.stringify(outcomes[2])).not.toContain('sealedKey');
  const quarantined = await readdir(join(dataDir, QUARANTINE_FOLDER));
  expect(quarantined).toHaveLength(2);
  const copy = quarantined.find((name) => name.endsWith('.seihosync'))!;
  expect(await readFile(join(dataDir, QUARANTINE_FOLDER, copy))).toEqual(bytes);
  expect(JSON.parse(await readFile(join(dataDir, QUARANTINE_FOLDER, `${copy}.json`), 'utf8'))).toMatchObject({ code: 'SYNC_TAMPERED', header: { seq: 3 } });
  expect(await readdir(dir)).toContain(bundleFileName(LAPTOP_ID, HUB_ID, 3));
  // Refused again on the next read, but kept once.
  await read();
  expect(await readdir(join(dataDir, QUARANTINE_FOLDER))).toHaveLength(2);
  const skipped = await readBundleFolder(sodium, {
    folder: dir,
    dataDir,
    reader: hubReader(),
    senders: registry(),
    skipThrough: { [LAPTOP_ID]: 2 },
    now: () => new Date(),
  });
  expect(skipped.map((o) => o.file)).toEqual([bundleFileName(LAPTOP_ID, HUB_ID, 3)]);
});

test('a write that fails leaves no file behind, and a temporary file left by a crash is not read as a bundle', async () => {
  const dir = await folder();
  const dataDir = await folder();
  // Something at the bundle's name that a rename cannot replace: the write fails after the temporary file is full.
  const blocked = join(dir, bundleFileName(LAPTOP_ID, HUB_ID, 1));
  await mkdir(blocked);
  await writeFile(join(blocked, 'keep'), 'x');
  await expect(laptopBundle(dir)).rejects.toThrow();
  expect(await readdir(dir)).toEqual([bundleFileName(LAPTOP_ID, HUB_ID, 1)]);
  await rm(blocked, { recursive: true });

  const { path } = await laptopBundle(dir, { seq: 2 });
  const half = (await readFile(path)).subarray(0, 500);
  await writeFile(join(dir, `.${bundleFileName(LAPTOP_ID, HUB_ID, 3)}.0a1b2c3d4e5f.tmp`), half);
  const outcomes = await readBundleFolder(sodium, { folder: dir, dataDir, reader: hubReader(), senders: registry(), now: () => new Date() });
  expect(outcomes.map((o) => o.file)).toEqual([bundleFileName(LAPTOP_ID, HUB_ID, 2)]);
  expect(outcomes.every((o) => !('refused' in o))).toBe(true);
});
