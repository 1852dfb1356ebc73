import { z } from 'zod';
import { recoveryKeyFingerprint } from '../vault/recoveryKey.js';
import type { Sodium } from '../vault/sodium.js';
import { recoverySigningKeyPair, verifyAttestation } from './backupSigner.js';

/**
 * The backup file, version 2:
 *
 *   "SEIHOBAK"                 8 bytes, magic
 *   header length              u32 big-endian
 *   header                     UTF-8 JSON (format, version, office, created time, recovery key fingerprint,
 *                              signer: { publicKey, attestation } — the office's backup signing public key and the
 *                              recovery key's attestation of it, null when the office has not made one yet)
 *   sealed file key            80 bytes: a random 32-byte key, crypto_box_seal'ed to the office recovery key
 *   secretstream header        24 bytes
 *   frames                     u32 big-endian length + one crypto_secretstream_xchacha20poly1305 message each
 *   signature                  64 bytes: Ed25519 by `signer.publicKey` over every byte before it
 *
 * The first stream message carries everything before it as associated data, so the clear header cannot be
 * edited, and a manifest naming the sections and their sizes. The sections follow in chunks, and an empty
 * message tagged FINAL closes the stream: a file that ends without it was truncated. The header is readable
 * without the key so the restore screen can show which office and date a file is before asking for the key.
 *
 * Anyone holding the recovery *public* key can make a stream that decrypts; only the office can sign. A file is
 * opened only when the typed recovery key verifies the attestation (carried in the file, or the local key store's
 * of the same key) and the attested key verifies the signature (backupSigner.ts). Version 1 had no signature:
 * its files are read for the list but never restored, like a version 2 file without an attestation.
 */
const MAGIC = new TextEncoder().encode('SEIHOBAK');
export const BACKUP_FORMAT = 'seiho-desk/backup';
export const BACKUP_VERSION = 2;
const UNSIGNED_VERSION = 1;
const CHUNK_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;
const SIGNATURE_BYTES = 64;

const base64 = (bytes: number) => z.base64().refine((text) => Buffer.from(text, 'base64').length === bytes);
const headerFields = {
  format: z.literal(BACKUP_FORMAT),
  office: z.object({ id: z.string().min(1), name: z.string() }).strict(),
  createdAt: z.iso.datetime(),
  recoveryFingerprint: z.string(),
};
const backupHeaderSchema = z
  .object({ ...headerFields, version: z.literal(BACKUP_VERSION), signer: z.object({ publicKey: base64(32), attestation: base64(64).nullable() }).strict() })
  .strict();
const unsignedHeaderSchema = z.object({ ...headerFields, version: z.literal(UNSIGNED_VERSION) }).strict();
export type BackupHeader = z.output<typeof backupHeaderSchema>;
/** A header as read: a version 1 file has no signer. */
export type ReadHeader = BackupHeader | z.output<typeof unsignedHeaderSchema>;
/** The local key store's attested backup signing key (keystoreFormat.ts `backupSigner`), of `officeId`. */
export type LocalSigner = { officeId: string; publicKey: string; attestation: string };

const manifestSchema = z.object({ sections: z.array(z.object({ name: z.string(), bytes: z.int().min(0) }).strict()) }).strict();

export type BackupSections = Record<string, Uint8Array>;

export type BackupFailureCode = 'BACKUP_UNREADABLE' | 'BACKUP_TRUNCATED' | 'BACKUP_TAMPERED' | 'BACKUP_UNSIGNED' | 'BACKUP_FORGED' | 'RECOVERY_KEY_MISMATCH';
export type BackupFailure = { ok: false; code: BackupFailureCode; message: string };

const unchanged = '復元は行っていません（現在のデータは変更されていません）';
export const backupMessages = {
  notBackup: `Seiho Desk のバックアップファイルではありません。${unchanged}`,
  unsupported: (version: unknown) => `このバックアップの形式（バージョン ${String(version)}）には対応していません。${unchanged}`,
  truncated: `バックアップファイルが途中で切れています。${unchanged}`,
  tampered: `バックアップファイルが破損しているか、改変されています。${unchanged}`,
  wrongKey: (fingerprint: string) => `この回復キーではこのバックアップを開けません（このバックアップの回復キー: ${fingerprint}）。${unchanged}`,
  unsigned:
    'このバックアップは未署名です（回復キーで確かめられる事務所の署名がありません。署名の仕組みより前の形式か、管理画面で回復キーによる署名鍵の登録をする前に作成されたもの）。' +
    `偽造されたファイルと区別できないため復元しません。${unchanged}管理画面の「バックアップ」で回復キーを入力して署名鍵を登録し、新しいバックアップを作成してください`,
  forged: `このバックアップの署名は、この回復キーで登録された事務所の署名鍵のものではありません。偽造された可能性があります。${unchanged}`,
};

const u32 = (value: number) => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
};

/** Encrypts the sections (in order) into one backup file's bytes, signed with the key `header.signer` names. */
export function sealBackup(sodium: Sodium, header: BackupHeader, sections: BackupSections, recoveryPublicKey: Uint8Array, signingKey: Uint8Array): Uint8Array {
  const headerBytes = new TextEncoder().encode(JSON.stringify(backupHeaderSchema.parse(header)));
  const fileKey = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  try {
    const sealedKey = sodium.crypto_box_seal(fileKey, recoveryPublicKey);
    const { state, header: streamHeader } = sodium.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
    const prefix = Buffer.concat([MAGIC, u32(headerBytes.length), headerBytes, sealedKey, streamHeader]);
    const parts: Uint8Array[] = [prefix];
    const push = (message: Uint8Array, tag: number, ad: Uint8Array | null = null) => {
      const cipher = sodium.crypto_secretstream_xchacha20poly1305_push(state, message, ad, tag);
      parts.push(u32(cipher.length), cipher);
    };
    const manifest = { sections: Object.entries(sections).map(([name, bytes]) => ({ name, bytes: bytes.length })) };
    push(new TextEncoder().encode(JSON.stringify(manifest)), sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, prefix);
    for (const bytes of Object.values(sections)) {
      for (let offset = 0; offset < bytes.length; offset += CHUNK_BYTES) {
        push(bytes.subarray(offset, offset + CHUNK_BYTES), sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
      }
    }
    push(new Uint8Array(0), sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
    const body = Buffer.concat(parts);
    return Buffer.concat([body, sodium.crypto_sign_detached(body, signingKey)]);
  } finally {
    sodium.memzero(fileKey);
  }
}

/** Reads the clear header and says where the sealed part starts; no key needed. */
export function readBackupHeader(file: Uint8Array): { ok: true; header: ReadHeader; headerEnd: number } | BackupFailure {
  const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
  if (file.length < MAGIC.length + 4 || !MAGIC.every((byte, i) => file[i] === byte)) {
    return { ok: false, code: 'BACKUP_UNREADABLE', message: backupMessages.notBackup };
  }
  const headerLength = view.getUint32(MAGIC.length);
  const headerEnd = MAGIC.length + 4 + headerLength;
  if (headerLength > MAX_HEADER_BYTES) return { ok: false, code: 'BACKUP_TAMPERED', message: backupMessages.tampered };
  if (file.length < headerEnd) return { ok: false, code: 'BACKUP_TRUNCATED', message: backupMessages.truncated };
  let json: unknown;
  try {
    json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(file.subarray(MAGIC.length + 4, headerEnd)));
  } catch {
    return { ok: false, code: 'BACKUP_TAMPERED', message: backupMessages.tampered };
  }
  const version = (json as { version?: unknown } | null)?.version;
  if (version !== BACKUP_VERSION && version !== UNSIGNED_VERSION) return { ok: false, code: 'BACKUP_UNREADABLE', message: backupMessages.unsupported(version) };
  const parsed = (version === BACKUP_VERSION ? backupHeaderSchema : unsignedHeaderSchema).safeParse(json);
  if (!parsed.success) return { ok: false, code: 'BACKUP_TAMPERED', message: backupMessages.tampered };
  return { ok: true, header: parsed.data, headerEnd };
}

const unsignedFailure: BackupFailure = { ok: false, code: 'BACKUP_UNSIGNED', message: backupMessages.unsigned };

/**
 * Whether the typed recovery key vouches for the file's signer: through the attestation in the file, or through
 * the local key store's attestation of the same key. Refuses a signer the local key store's attested key contradicts.
 */
function checkSigner(sodium: Sodium, header: BackupHeader, recoverySecretKey: Uint8Array, local: LocalSigner | undefined): BackupFailure | null {
  const forged: BackupFailure = { ok: false, code: 'BACKUP_FORGED', message: backupMessages.forged };
  const attesting = recoverySigningKeyPair(sodium, recoverySecretKey);
  sodium.memzero(attesting.privateKey);
  const vouches = (publicKey: string, attestation: string) =>
    verifyAttestation(
      sodium,
      attesting.publicKey,
      header.office.id,
      new Uint8Array(Buffer.from(publicKey, 'base64')),
      new Uint8Array(Buffer.from(attestation, 'base64')),
    );
  const { signer } = header;
  if (signer.attestation !== null && !vouches(signer.publicKey, signer.attestation)) return forged;
  const localAttested = local !== undefined && local.officeId === header.office.id && vouches(local.publicKey, local.attestation);
  if (localAttested && local.publicKey !== signer.publicKey) return forged;
  return signer.attestation !== null || localAttested ? null : unsignedFailure;
}

/**
 * Authenticates and decrypts the whole file: the recovery key vouches for the signer (checkSigner), then every
 * message, the header bound to the first, the FINAL tag on the last, the signature over all of it and nothing
 * after. Only then are the sections returned, so a caller that acts on the result never acts on a truncated,
 * altered or forged file.
 */
export function openBackup(
  sodium: Sodium,
  file: Uint8Array,
  recoverySecretKey: Uint8Array,
  local?: LocalSigner,
): { ok: true; header: BackupHeader; sections: BackupSections } | BackupFailure {
  const head = readBackupHeader(file);
  if (!head.ok) return head;
  const { header } = head;
  if (recoveryKeyFingerprint(sodium.crypto_scalarmult_base(recoverySecretKey)) !== header.recoveryFingerprint) {
    return { ok: false, code: 'RECOVERY_KEY_MISMATCH', message: backupMessages.wrongKey(header.recoveryFingerprint) };
  }
  if (header.version === UNSIGNED_VERSION) return unsignedFailure;
  const untrusted = checkSigner(sodium, header, recoverySecretKey, local);
  if (untrusted) return untrusted;
  const truncated: BackupFailure = { ok: false, code: 'BACKUP_TRUNCATED', message: backupMessages.truncated };
  const tampered: BackupFailure = { ok: false, code: 'BACKUP_TAMPERED', message: backupMessages.tampered };
  const sealedEnd = head.headerEnd + sodium.crypto_box_SEALBYTES + 32;
  const prefixEnd = sealedEnd + sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  if (file.length < prefixEnd) return truncated;

  let fileKey: Uint8Array;
  try {
    fileKey = sodium.crypto_box_seal_open(file.subarray(head.headerEnd, sealedEnd), sodium.crypto_scalarmult_base(recoverySecretKey), recoverySecretKey);
  } catch {
    return tampered;
  }
  try {
    const state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(file.subarray(sealedEnd, prefixEnd), fileKey);
    const view = new DataView(file.buffer, file.byteOffset, file.byteLength);
    const messages: Uint8Array[] = [];
    let offset = prefixEnd;
    let finished = false;
    while (!finished) {
      if (offset + 4 > file.length) return truncated;
      const length = view.getUint32(offset);
      offset += 4;
      const abytes = sodium.crypto_secretstream_xchacha20poly1305_ABYTES;
      if (length < abytes || length > CHUNK_BYTES + abytes) return tampered;
      if (offset + length > file.length) return truncated;
      const ad = messages.length === 0 ? file.subarray(0, prefixEnd) : null;
      const pulled = sodium.crypto_secretstream_xchacha20poly1305_pull(state, file.subarray(offset, offset + length), ad);
      if (pulled === false) return tampered;
      offset += length;
      finished = pulled.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
      if (!finished) messages.push(pulled.message);
    }
    if (file.length - offset < SIGNATURE_BYTES) return truncated;
    if (file.length - offset > SIGNATURE_BYTES) return tampered;
    const signed = sodium.crypto_sign_verify_detached(
      file.subarray(offset),
      file.subarray(0, offset),
      new Uint8Array(Buffer.from(header.signer.publicKey, 'base64')),
    );
    if (!signed) return tampered;
    return splitSections(messages, header) ?? tampered;
  } finally {
    sodium.memzero(fileKey);
  }
}

function splitSections(messages: Uint8Array[], header: BackupHeader) {
  const [first, ...chunks] = messages;
  if (!first) return null;
  let manifest: z.output<typeof manifestSchema>;
  try {
    manifest = manifestSchema.parse(JSON.parse(new TextDecoder().decode(first)));
  } catch {
    return null;
  }
  const body = Buffer.concat(chunks);
  if (body.length !== manifest.sections.reduce((sum, s) => sum + s.bytes, 0)) return null;
  const sections: BackupSections = {};
  let offset = 0;
  for (const { name, bytes } of manifest.sections) {
    sections[name] = new Uint8Array(body.subarray(offset, offset + bytes));
    offset += bytes;
  }
  return { ok: true as const, header, sections };
}
