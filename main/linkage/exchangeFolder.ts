import { createHash, randomBytes } from 'node:crypto';
import { constants, type Dirent, type Stats } from 'node:fs';
import * as fsp from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import {
  countByKind,
  EXCHANGE_FORMAT,
  EXCHANGE_VERSION,
  MANIFEST_FILE,
  manifestBodySchema,
  manifestSchema,
  manifestSigningText,
  RECORDS_FILE,
  SEALED_RECORDS_FILE,
  type Manifest,
  type RequestRecord,
  type ResultRecord,
} from '../../shared/linkage/exchangeFormat.js';
import { linkageKinds, type LinkageKind } from '../../shared/linkage/linkageKinds.js';
import { syncDirectory, writeNewFileFlushed } from '../fs/atomicWrite.js';
import { loadSodium } from '../vault/sodium.js';
import { exchangeKeyFingerprint, sealTo, type ExchangeOpener, type ExchangeSigner, type NamedKey } from './exchangeSigner.js';

export type { ExchangeOpener, ExchangeSigner, NamedKey } from './exchangeSigner.js';

/**
 * Exchange folders on disk (the format: shared/linkage/exchangeFormat.ts and README.md). Writing is atomic per
 * folder; reading checks the whole exchange before it hands back a single record.
 */

/** Where the office moves an incoming exchange once it has been applied; never listed as new. */
export const PROCESSED_DIR = 'processed';

/** Why an exchange folder cannot be written or used, in Japanese, naming the file and the field or line. */
export class ExchangeFileError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ExchangeFileError';
  }
}

/** The file operations a write needs; tests pass a copy with one of them failing. */
export type ExchangeFs = Pick<typeof fsp, 'mkdir' | 'lstat' | 'open' | 'rename' | 'rm'>;

/** A manifest is a few hundred bytes; anything this large is not one, and is not read into memory. */
const MAX_MANIFEST_BYTES = 64 * 1024;

// zod's own messages in Japanese; the schemas' custom messages (already Japanese) take precedence.
const japanese = { error: z.locales.ja().localeError };
const describeIssue = (issue: z.core.$ZodIssue) => `${issue.path.length ? issue.path.join('.') : 'レコード'} が不正です（${issue.message}）`;
const sha256Hex = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
const errorCode = (error: unknown) => (error as NodeJS.ErrnoException | null)?.code;
const alreadyExists = (exchangeId: string) => `連携フォルダ ${exchangeId} はすでに存在します。上書きはしません`;

/**
 * Writes one exchange as `<parentDir>/<exchangeId>/`: records.jsonl and the signed manifest go into a hidden
 * temporary folder next to it, are flushed, and the folder is renamed into place, so the other side never
 * picks up half an exchange. Records are written as given (callers validated them at their boundary; the
 * reader checks every line). Returns the path of the written folder.
 */
export async function writeExchange(
  parentDir: string,
  input: {
    direction: 'request' | 'result';
    exchangeId: string;
    inReplyTo: string | null;
    office: { id: string; code: string | null };
    sender: string;
    createdAt: string;
    records: readonly (RequestRecord | ResultRecord)[];
    seqRange: { from: number; to: number } | null;
    signer: ExchangeSigner;
    /** During a rotation of the signing key: the key it replaces, which countersigns. */
    endorser?: ExchangeSigner | null;
    /** The recipient's X25519 key: the records are sealed to it (records.jsonl.sealed). */
    sealTo?: NamedKey | null;
    /** For a request: the sender's decryption key, to which results are to be sealed. */
    replyTo?: NamedKey | null;
  },
  fs: ExchangeFs = fsp,
): Promise<{ folder: string; manifest: Manifest }> {
  // One string for the whole file: a 10,000-record batch is one write, not 10,000.
  const plain = Buffer.from(input.records.length ? `${input.records.map((record) => JSON.stringify(record)).join('\n')}\n` : '', 'utf8');
  const sodium = input.sealTo ? await loadSodium() : null;
  const recordsFile = input.sealTo ? SEALED_RECORDS_FILE : RECORDS_FILE;
  const jsonl = sodium && input.sealTo ? sealTo(sodium, input.sealTo.publicKey, plain) : plain;
  const parsed = manifestBodySchema.safeParse(
    {
      format: EXCHANGE_FORMAT,
      version: EXCHANGE_VERSION,
      direction: input.direction,
      exchangeId: input.exchangeId,
      inReplyTo: input.inReplyTo,
      office: input.office,
      sender: input.sender,
      createdAt: input.createdAt,
      records: {
        file: recordsFile,
        count: input.records.length,
        bytes: jsonl.length,
        sha256: sha256Hex(jsonl),
        byKind: countByKind(input.records),
        sealedTo: input.sealTo ? namedKey(input.sealTo) : null,
      },
      replyTo: input.replyTo ? namedKey(input.replyTo) : null,
      seqRange: input.seqRange,
    },
    japanese,
  );
  if (!parsed.success) throw new ExchangeFileError(`${MANIFEST_FILE}: ${describeIssue(parsed.error.issues[0]!)}`);
  const body = parsed.data;
  const text = Buffer.from(manifestSigningText(body), 'utf8');
  const signed = (signer: ExchangeSigner) => ({ ...namedKey(signer), value: toBase64(signer.sign(text)) });
  const manifest: Manifest = { ...body, signature: { alg: 'ed25519', ...signed(input.signer), endorsement: input.endorser ? signed(input.endorser) : null } };

  await fs.mkdir(parentDir, { recursive: true });
  const target = join(parentDir, body.exchangeId);
  if (await exists(fs, target)) throw new ExchangeFileError(alreadyExists(body.exchangeId));
  // Leading dot: listings skip it; random suffix: two writers never share a temporary folder.
  const temp = join(parentDir, `.${body.exchangeId}.${randomBytes(6).toString('hex')}.tmp`);
  await fs.mkdir(temp);
  try {
    await writeNewFileFlushed(join(temp, recordsFile), jsonl, fs, 0o640);
    await writeNewFileFlushed(join(temp, MANIFEST_FILE), `${JSON.stringify(manifest, null, 2)}\n`, fs, 0o640);
    await syncDirectory(temp, fs);
    await fs.rename(temp, target);
  } catch (error) {
    await fs.rm(temp, { recursive: true, force: true }).catch(() => {});
    // Another writer got there between the check and the rename.
    if (errorCode(error) === 'ENOTEMPTY' || errorCode(error) === 'EEXIST') throw new ExchangeFileError(alreadyExists(body.exchangeId));
    throw error;
  }
  await syncDirectory(parentDir, fs);
  return { folder: target, manifest };
}

/**
 * Reads an exchange and checks all of it before returning anything: the manifest and its format, the
 * direction, the office, the signer and the signature, the byte length and hash of records.jsonl, the line
 * count, every line against `recordSchema`, and the counts by kind. Any failure throws ExchangeFileError.
 */
export async function readExchange<R extends { kind: LinkageKind }>(
  folderPath: string,
  expect: {
    direction: 'request' | 'result';
    officeId: string;
    publicKey: Uint8Array;
    recordSchema: z.ZodType<R>;
    /** Open a sealed records file, each the key it names; a sealed file is refused without the one it names. */
    openers?: readonly ExchangeOpener[];
    /** Refuse a records file that is not sealed (it carries personal data). */
    requireSealed?: boolean;
    /**
     * Also accept a signature by a new key that `publicKey` endorses (the sender's announced rotation, README.md);
     * the caller then registers `manifest.signature.publicKey`.
     */
    acceptEndorsed?: boolean;
  },
): Promise<{ manifest: Manifest; records: R[] }> {
  const manifest = await readManifest(folderPath);
  if (basename(folderPath) !== manifest.exchangeId)
    throw new ExchangeFileError(`${MANIFEST_FILE}: exchangeId（${manifest.exchangeId}）がフォルダ名（${basename(folderPath)}）と一致しません`);
  if (manifest.direction !== expect.direction) {
    const label = { request: '依頼', result: '結果' } as const;
    throw new ExchangeFileError(`${MANIFEST_FILE}: ${label[expect.direction]}ファイルではありません（direction: ${manifest.direction}）`);
  }
  if (manifest.office.id !== expect.officeId)
    throw new ExchangeFileError(`${MANIFEST_FILE}: 別の事務所宛ての連携ファイルです（office.id: ${manifest.office.id}）`);
  await verifySignature(manifest, expect.publicKey, expect.acceptEndorsed ?? false);
  if (expect.requireSealed && manifest.records.sealedTo === null)
    throw new ExchangeFileError(`${MANIFEST_FILE}: レコードが暗号化されていません（個人情報を含むため、この事務所の鍵宛てに暗号化してください）`);

  const { records: declared } = manifest;
  const onDisk = await readRegularFile(folderPath, declared.file, declared.bytes, (size) =>
    tampered(declared.file, `バイト数 ${size}、manifest.json では ${declared.bytes}`),
  );
  if (onDisk.length !== declared.bytes || sha256Hex(onDisk) !== declared.sha256) throw new ExchangeFileError(tampered(declared.file, 'ハッシュ不一致'));
  const bytes = unseal(onDisk, declared, expect.openers ?? []);
  const text = decodeUtf8(bytes, RECORDS_FILE);
  if (text.length > 0 && !text.endsWith('\n')) throw new ExchangeFileError(`${RECORDS_FILE}: 最終行が改行で終わっていません`);
  const lines = text.length > 0 ? text.slice(0, -1).split('\n') : [];
  if (lines.length !== declared.count) {
    throw new ExchangeFileError(`${RECORDS_FILE}: 行数（${lines.length}）が ${MANIFEST_FILE} の records.count（${declared.count}）と一致しません`);
  }
  const records: R[] = [];
  for (const [index, line] of lines.entries()) {
    const where = `${RECORDS_FILE} ${index + 1}行目`;
    let json: unknown;
    try {
      json = JSON.parse(line);
    } catch {
      throw new ExchangeFileError(`${where}: JSON として読めません`);
    }
    const parsed = expect.recordSchema.safeParse(json, japanese);
    if (!parsed.success) throw new ExchangeFileError(`${where}: ${describeIssue(parsed.error.issues[0]!)}`);
    records.push(parsed.data);
  }
  const counted = countByKind(records);
  for (const kind of linkageKinds) {
    if (counted[kind] !== declared.byKind[kind]) {
      throw new ExchangeFileError(
        `${MANIFEST_FILE}: records.byKind.${kind}（${declared.byKind[kind]}）が ${RECORDS_FILE} の件数（${counted[kind]}）と一致しません`,
      );
    }
  }
  return { manifest, records };
}

/**
 * The exchange folders in `parentDir`, by name, with each manifest if it reads as one (the signature and the
 * records are checked only on import) or why not. Temporary folders and `processed/` are left out.
 */
export async function listExchanges(parentDir: string): Promise<{ folder: string; manifest: Manifest | null; problem: string | null }[]> {
  let entries: Dirent[];
  try {
    entries = await fsp.readdir(parentDir, { withFileTypes: true });
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return [];
    throw error;
  }
  const folders = entries
    .filter((entry) => entry.isDirectory() && !entry.name.startsWith('.') && entry.name !== PROCESSED_DIR)
    .map((entry) => entry.name)
    .sort();
  const listed = [];
  // One at a time: a folder full of exchanges must not exhaust file handles.
  for (const folder of folders) {
    try {
      listed.push({ folder, manifest: await readManifest(join(parentDir, folder)), problem: null });
    } catch (error) {
      const problem = error instanceof ExchangeFileError ? error.message : `読み込めません（${errorCode(error) ?? String(error)}）`;
      listed.push({ folder, manifest: null, problem });
    }
  }
  return listed;
}

const tampered = (file: string, detail: string) => `${file} が改ざんまたは破損しています（${detail}）`;

/** The JSON Lines of a records file: as they are, or opened with the key the manifest says they are sealed to. */
function unseal(onDisk: Uint8Array, declared: Manifest['records'], openers: readonly ExchangeOpener[]): Uint8Array {
  if (declared.sealedTo === null) {
    if (declared.file !== RECORDS_FILE) throw new ExchangeFileError(`${MANIFEST_FILE}: records.file が ${declared.file} なのに sealedTo がありません`);
    return onDisk;
  }
  if (declared.file !== SEALED_RECORDS_FILE)
    throw new ExchangeFileError(`${MANIFEST_FILE}: 暗号化されたレコードの records.file は ${SEALED_RECORDS_FILE} です`);
  const { keyId, publicKey } = declared.sealedTo;
  const opener = openers.find((o) => o.keyId === keyId && toBase64(o.publicKey) === publicKey);
  if (!opener) throw new ExchangeFileError(`${SEALED_RECORDS_FILE}: この事務所の鍵宛てに暗号化されていません（sealedTo.keyId: ${keyId}）`);
  try {
    return opener.openSealed(onDisk);
  } catch {
    throw new ExchangeFileError(`${SEALED_RECORDS_FILE}: 復号できません（改ざんまたは別の鍵宛て）`);
  }
}

const namedKey = (key: NamedKey) => ({ keyId: key.keyId, publicKey: toBase64(key.publicKey) });

async function readManifest(folderPath: string): Promise<Manifest> {
  let info: Stats;
  try {
    info = await fsp.lstat(folderPath);
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new ExchangeFileError(`連携フォルダが見つかりません: ${folderPath}`);
    throw error;
  }
  if (!info.isDirectory()) throw new ExchangeFileError(`連携フォルダではありません（フォルダ以外やシンボリックリンクは読み込みません）: ${folderPath}`);
  const bytes = await readRegularFile(folderPath, MANIFEST_FILE, MAX_MANIFEST_BYTES, () => `${MANIFEST_FILE} が大きすぎます`);
  let json: unknown;
  try {
    json = JSON.parse(decodeUtf8(bytes, MANIFEST_FILE));
  } catch (error) {
    if (error instanceof ExchangeFileError) throw error;
    throw new ExchangeFileError(`${MANIFEST_FILE}: JSON として読めません`);
  }
  // Format and version first: a newer version says so instead of failing on whatever field changed.
  const head = (typeof json === 'object' && json !== null ? json : {}) as { format?: unknown; version?: unknown };
  if (head.format !== EXCHANGE_FORMAT) throw new ExchangeFileError(`${MANIFEST_FILE}: 情報連携ファイルではありません（format が不正です）`);
  if (head.version !== EXCHANGE_VERSION) {
    throw new ExchangeFileError(`${MANIFEST_FILE}: 対応していない版です（version: ${String(head.version).slice(0, 20)}、対応している版: ${EXCHANGE_VERSION}）`);
  }
  const parsed = manifestSchema.safeParse(json, japanese);
  if (!parsed.success) throw new ExchangeFileError(`${MANIFEST_FILE}: ${describeIssue(parsed.error.issues[0]!)}`);
  return parsed.data;
}

/**
 * The signature by the expected key — or, with `acceptEndorsed`, by a new key whose endorsement is by the expected
 * key — each signature valid over the manifest and each key id the fingerprint of its key.
 */
async function verifySignature(manifest: Manifest, expectedKey: Uint8Array, acceptEndorsed: boolean): Promise<void> {
  const sodium = await loadSodium();
  const { signature, ...body } = manifest;
  const text = Buffer.from(manifestSigningText(body), 'utf8');
  const signedBy = (key: Uint8Array) => Buffer.from(key).equals(Buffer.from(expectedKey)) && expectedKey.length === sodium.crypto_sign_PUBLICKEYBYTES;
  const signer = Buffer.from(signature.publicKey, 'base64');
  const endorser = signature.endorsement ? Buffer.from(signature.endorsement.publicKey, 'base64') : null;
  if (!signedBy(signer) && !(acceptEndorsed && endorser && signedBy(endorser))) {
    throw new ExchangeFileError(`${MANIFEST_FILE}: signature.publicKey が登録されている公開鍵と一致しません（別の鍵で署名されています）`);
  }
  const check = (where: string, entry: { keyId: string; value: string }, key: Buffer) => {
    if (key.length !== sodium.crypto_sign_PUBLICKEYBYTES || entry.keyId !== exchangeKeyFingerprint(key))
      throw new ExchangeFileError(`${MANIFEST_FILE}: ${where}.keyId が公開鍵と一致しません`);
    const value = Buffer.from(entry.value, 'base64');
    if (value.length !== sodium.crypto_sign_BYTES || !sodium.crypto_sign_verify_detached(value, text, key))
      throw new ExchangeFileError(`${MANIFEST_FILE}: 署名が正しくありません（manifest.json が改ざんされたか、別の鍵で署名されています）`);
  };
  check('signature', signature, signer);
  if (signature.endorsement && endorser) check('signature.endorsement', signature.endorsement, endorser);
}

/** Reads a regular file of the folder, never through a link, and never more than `maxBytes`. */
async function readRegularFile(folderPath: string, name: string, maxBytes: number, tooLarge: (size: number) => string): Promise<Buffer> {
  const path = join(folderPath, name);
  const notRegular = () => new ExchangeFileError(`${name} が通常のファイルではありません（シンボリックリンク等は読み込みません）`);
  try {
    if (!(await fsp.lstat(path)).isFile()) throw notRegular();
    // O_NOFOLLOW: a file swapped for a link after the check above is refused too (Windows has no such flag).
    const handle = await fsp.open(path, constants.O_RDONLY | (constants.O_NOFOLLOW ?? 0));
    try {
      const info = await handle.stat();
      if (!info.isFile()) throw notRegular();
      if (info.size > maxBytes) throw new ExchangeFileError(tooLarge(info.size));
      return await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (errorCode(error) === 'ENOENT') throw new ExchangeFileError(`${name} がありません`);
    if (errorCode(error) === 'ELOOP') throw notRegular();
    throw error;
  }
}

/** Strict UTF-8, and a byte order mark is kept so that JSON.parse refuses it: the format says UTF-8 without one. */
function decodeUtf8(bytes: Uint8Array, name: string): string {
  try {
    return new TextDecoder('utf-8', { fatal: true, ignoreBOM: true }).decode(bytes);
  } catch {
    throw new ExchangeFileError(`${name}: UTF-8 として読めません`);
  }
}

async function exists(fs: ExchangeFs, path: string): Promise<boolean> {
  try {
    await fs.lstat(path);
    return true;
  } catch (error) {
    if (errorCode(error) === 'ENOENT') return false;
    throw error;
  }
}
