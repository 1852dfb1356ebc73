import { open as openFile } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { z } from 'zod';
import { ENROLMENT_FORMAT, ENROLMENT_FORMAT_VERSION, enrolmentClearSchema, type EnrolmentClear } from '../../shared/sync/enrolmentFormat.js';
import { atomicWriteFile } from '../fs/atomicWrite.js';
import { describeIssues } from '../ipc/router.js';
import { argon2idPresets, SALT_BYTES, type Argon2idCost, type Kdf } from '../vault/kdf.js';
import { formatCodeGroups, parseCodeGroups } from '../vault/recoveryKey.js';
import type { Sodium } from '../vault/sodium.js';
import { SyncError } from './syncError.js';

/**
 * The enrolment file (`*.seihoenrol`, shared/sync/README.md "Enrolment file"), four lines:
 *
 *   SEIHO-ENROL/1
 *   <clear part: UTF-8 JSON, enrolmentClearSchema>
 *   <secret part: JSON { kdf: { alg, salt, opslimit, memlimit }, nonce, ciphertext }>
 *   <signature: base64 Ed25519 by the hub over "seiho-desk/enrolment/v1\0" + the three lines before it>
 *
 * The secret part is XChaCha20-Poly1305 under Argon2id(enrolment code) with "seiho-desk/enrolment-secret/v1\0" +
 * the clear line as associated data: the device's signing and box seeds and the office's blind-index key. The code
 * (15 random bytes as Crockford base32 groups with a checksum group, like the recovery key) is shown once on the
 * hub and typed on the device: it is what authenticates the file to the device, which has no key of the office
 * yet; the hub's signature lets the device check the file whole before asking for the code.
 */
const MAGIC = 'SEIHO-ENROL/1';
const SIGNATURE_DOMAIN = 'seiho-desk/enrolment/v1\0';
const SECRET_DOMAIN = 'seiho-desk/enrolment-secret/v1\0';
const CODE_DOMAIN = 'seiho-desk/enrolment-code/v1';
const CODE_BYTES = 15;
const MAX_FILE_BYTES = 64 * 1024;
export const ENROLMENT_EXTENSION = '.seihoenrol';

const base64 = (bytes: number) => z.base64().refine((text) => Buffer.from(text, 'base64').length === bytes, { error: `${bytes} バイトではありません` });
const secretEnvelopeSchema = z
  .object({
    kdf: z
      .object({
        alg: z.literal('argon2id13'),
        salt: base64(SALT_BYTES),
        // Bounded like the key store's: an edited file cannot make the device derive with a gigabyte-scale limit.
        opslimit: z.int().min(argon2idPresets.MIN.opslimit).max(argon2idPresets.SENSITIVE.opslimit),
        memlimit: z.int().min(argon2idPresets.MIN.memlimit).max(argon2idPresets.SENSITIVE.memlimit),
      })
      .strict(),
    nonce: base64(24),
    ciphertext: z.base64().max(1024),
  })
  .strict();
const secretSchema = z.object({ signSeed: base64(32), boxSeed: base64(32), blindKey: base64(32) }).strict();

/** What the enrolment code opens: the device's seeds and the office's blind-index key. The caller wipes them. */
export type EnrolmentSecret = { signSeed: Uint8Array; boxSeed: Uint8Array; blindKey: Uint8Array };

const signed = (lines: string) => Buffer.concat([Buffer.from(SIGNATURE_DOMAIN, 'latin1'), Buffer.from(lines, 'utf8')]);
const associatedData = (clearLine: string) => Buffer.concat([Buffer.from(SECRET_DOMAIN, 'latin1'), Buffer.from(clearLine, 'utf8')]);

/**
 * The hub writes the file for one device into `folder` (temporary name, flushed, renamed) and returns its path and
 * the enrolment code, which exists nowhere else: the caller shows it once.
 */
export async function writeEnrolmentFile(
  sodium: Sodium,
  kdf: Kdf,
  folder: string,
  clear: Omit<EnrolmentClear, 'format' | 'version'>,
  secret: EnrolmentSecret,
  hubSignSecretKey: Uint8Array,
  cost: Argon2idCost = argon2idPresets.INTERACTIVE,
): Promise<{ path: string; code: string }> {
  const clearLine = JSON.stringify(enrolmentClearSchema.parse({ format: ENROLMENT_FORMAT, version: ENROLMENT_FORMAT_VERSION, ...clear }));
  const codeBytes = sodium.randombytes_buf(CODE_BYTES);
  const salt = sodium.randombytes_buf(SALT_BYTES);
  const key = await kdf.derive(codeBytes.slice(), { alg: 'argon2id13', salt, ...cost });
  const plaintext = Buffer.from(
    JSON.stringify({ signSeed: b64(secret.signSeed), boxSeed: b64(secret.boxSeed), blindKey: b64(secret.blindKey) } satisfies z.input<typeof secretSchema>),
  );
  let secretLine: string;
  try {
    const nonce = sodium.randombytes_buf(24);
    const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associatedData(clearLine), null, nonce, key);
    secretLine = JSON.stringify({ kdf: { alg: 'argon2id13', salt: b64(salt), ...cost }, nonce: b64(nonce), ciphertext: b64(ciphertext) });
  } finally {
    sodium.memzero(key);
    sodium.memzero(plaintext);
  }
  const body = `${MAGIC}\n${clearLine}\n${secretLine}\n`;
  const text = `${body}${b64(sodium.crypto_sign_detached(signed(body), hubSignSecretKey))}\n`;
  const path = join(folder, `${clear.deviceId}${ENROLMENT_EXTENSION}`);
  await atomicWriteFile(path, text);
  const code = formatCodeGroups(codeBytes, CODE_DOMAIN);
  sodium.memzero(codeBytes);
  return { path, code };
}

/** The file's lines, checked as far as can be without the code: magic, size, clear part, the hub's signature. */
async function readChecked(sodium: Sodium, path: string): Promise<{ clear: EnrolmentClear; clearLine: string; secretLine: string }> {
  const name = basename(path);
  const refuse = (detail: string) => new SyncError('ENROL_INVALID', `登録ファイル「${name}」: ${detail}`);
  let bytes: Buffer;
  try {
    const handle = await openFile(path, 'r');
    try {
      const { size } = await handle.stat();
      if (size > MAX_FILE_BYTES) throw refuse(`大きすぎます（${size} バイト）。登録ファイルではありません`);
      bytes = await handle.readFile();
    } finally {
      await handle.close();
    }
  } catch (error) {
    if (error instanceof SyncError) throw error;
    throw refuse('ファイルを開けません');
  }
  let text: string;
  try {
    text = new TextDecoder('utf-8', { fatal: true }).decode(bytes);
  } catch {
    throw refuse('文字として読めません（書き換えられているか、登録ファイルではありません）');
  }
  const lines = text.split('\n');
  if (lines[0] !== MAGIC) throw refuse('登録ファイルではありません（先頭の識別子が違います）');
  if (lines.length !== 5 || lines[4] !== '') throw refuse('途中で切れているか、行が足りません');
  const [, clearLine, secretLine, signatureLine] = lines as [string, string, string, string];
  let json: unknown;
  try {
    json = JSON.parse(clearLine);
  } catch {
    throw refuse('端末情報が JSON として読めません');
  }
  const parsed = enrolmentClearSchema.safeParse(json);
  if (!parsed.success) throw refuse(`端末情報の形式が正しくありません: ${describeIssues(parsed.error.issues.slice(0, 3)).replaceAll('\n', '、')}`);
  const signature = Buffer.from(signatureLine, 'base64');
  const hubKey = Buffer.from(parsed.data.hub.signPublicKey, 'base64');
  let valid = false;
  try {
    valid = signature.length === 64 && sodium.crypto_sign_verify_detached(signature, signed(`${MAGIC}\n${clearLine}\n${secretLine}\n`), hubKey);
  } catch {
    valid = false;
  }
  if (!valid) throw refuse('ハブ端末の署名と一致しません（ファイルが書き換えられています）');
  return { clear: parsed.data, clearLine, secretLine };
}

/** The clear part for the set-up screen, after the file's signature is checked; no code needed. */
export async function inspectEnrolmentFile(sodium: Sodium, path: string): Promise<EnrolmentClear> {
  return (await readChecked(sodium, path)).clear;
}

/**
 * Opens the file with the typed code: everything `inspectEnrolmentFile` checks, then the code's checksum, then the
 * secret part under Argon2id(code) with the clear part as associated data. A wrong code and a changed byte are
 * refused alike (ENROL_WRONG_CODE), since decryption cannot tell them apart. The caller wipes the secret.
 */
export async function openEnrolmentFile(sodium: Sodium, kdf: Kdf, path: string, code: string): Promise<{ clear: EnrolmentClear; secret: EnrolmentSecret }> {
  const { clear, clearLine, secretLine } = await readChecked(sodium, path);
  const parsedCode = parseCodeGroups(code, CODE_BYTES, CODE_DOMAIN);
  if (!parsedCode.ok) {
    const problem =
      parsedCode.problem === 'length'
        ? `文字数が合いません（${parsedCode.expected}文字必要です。入力は${parsedCode.got}文字）`
        : parsedCode.problem === 'characters'
          ? '使えない文字が含まれています'
          : '確認用の文字が一致しません。ハブ端末に表示されたコードを見直して入力してください';
    throw new SyncError('ENROL_WRONG_CODE', `登録コード: ${problem}`);
  }
  let envelope: z.output<typeof secretEnvelopeSchema>;
  try {
    envelope = secretEnvelopeSchema.parse(JSON.parse(secretLine));
  } catch {
    sodium.memzero(parsedCode.bytes);
    throw new SyncError('ENROL_INVALID', `登録ファイル「${basename(path)}」: 鍵の部分の形式が正しくありません`);
  }
  const key = await kdf.derive(parsedCode.bytes, { ...envelope.kdf, salt: new Uint8Array(Buffer.from(envelope.kdf.salt, 'base64')) });
  sodium.memzero(parsedCode.bytes);
  let plaintext: Uint8Array;
  try {
    plaintext = sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      Buffer.from(envelope.ciphertext, 'base64'),
      associatedData(clearLine),
      Buffer.from(envelope.nonce, 'base64'),
      key,
    );
  } catch {
    throw new SyncError(
      'ENROL_WRONG_CODE',
      '登録コードが違うか、登録ファイルが書き換えられています。ハブ端末に表示されたコードと、そのとき書き出したファイルか確かめてください',
    );
  } finally {
    sodium.memzero(key);
  }
  try {
    const secret = secretSchema.parse(JSON.parse(Buffer.from(plaintext).toString('utf8')));
    const bytes = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
    return { clear, secret: { signSeed: bytes(secret.signSeed), boxSeed: bytes(secret.boxSeed), blindKey: bytes(secret.blindKey) } };
  } catch {
    throw new SyncError('ENROL_INVALID', `登録ファイル「${basename(path)}」: 鍵の部分の形式が正しくありません`);
  } finally {
    sodium.memzero(plaintext);
  }
}

const b64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
