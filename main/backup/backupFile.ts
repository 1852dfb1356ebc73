import { z } from 'zod';
import type { Sodium } from '../vault/sodium.js';

/**
 * The backup file, version 1:
 *
 *   "SEIHOBAK"                 8 bytes, magic
 *   header length              u32 big-endian
 *   header                     UTF-8 JSON (format, version, office, created time, recovery key fingerprint)
 *   sealed file key            80 bytes: a random 32-byte key, crypto_box_seal'ed to the office recovery key
 *   secretstream header        24 bytes
 *   frames                     u32 big-endian length + one crypto_secretstream_xchacha20poly1305 message each
 *
 * The first stream message carries everything before it as associated data, so the clear header cannot be
 * edited, and a manifest naming the sections and their sizes. The sections follow in chunks, and an empty
 * message tagged FINAL closes the stream: a file that ends without it was truncated. The header is readable
 * without the key so the restore screen can show which office and date a file is before asking for the key.
 */
const MAGIC = new TextEncoder().encode('SEIHOBAK');
export const BACKUP_FORMAT = 'seiho-desk/backup';
export const BACKUP_VERSION = 1;
const CHUNK_BYTES = 64 * 1024;
const MAX_HEADER_BYTES = 16 * 1024;

const backupHeaderSchema = z
  .object({
    format: z.literal(BACKUP_FORMAT),
    version: z.literal(BACKUP_VERSION),
    office: z.object({ id: z.string().min(1), name: z.string() }).strict(),
    createdAt: z.iso.datetime(),
    recoveryFingerprint: z.string(),
  })
  .strict();
export type BackupHeader = z.output<typeof backupHeaderSchema>;

const manifestSchema = z.object({ sections: z.array(z.object({ name: z.string(), bytes: z.int().min(0) }).strict()) }).strict();

export type BackupSections = Record<string, Uint8Array>;

export type BackupFailureCode = 'BACKUP_UNREADABLE' | 'BACKUP_TRUNCATED' | 'BACKUP_TAMPERED' | 'RECOVERY_KEY_MISMATCH';
export type BackupFailure = { ok: false; code: BackupFailureCode; message: string };

const unchanged = '復元は行っていません（現在のデータは変更されていません）';
export const backupMessages = {
  notBackup: `Seiho Desk のバックアップファイルではありません。${unchanged}`,
  unsupported: (version: unknown) => `このバックアップの形式（バージョン ${String(version)}）には対応していません。${unchanged}`,
  truncated: `バックアップファイルが途中で切れています。${unchanged}`,
  tampered: `バックアップファイルが破損しているか、改変されています。${unchanged}`,
  wrongKey: (fingerprint: string) => `この回復キーではこのバックアップを開けません（このバックアップの回復キー: ${fingerprint}）。${unchanged}`,
};

const u32 = (value: number) => {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, value);
  return bytes;
};

/** Encrypts the sections (in order) into one backup file's bytes. */
export function sealBackup(sodium: Sodium, header: BackupHeader, sections: BackupSections, recoveryPublicKey: Uint8Array): Uint8Array {
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
    return Buffer.concat(parts);
  } finally {
    sodium.memzero(fileKey);
  }
}

/** Reads the clear header and says where the sealed part starts; no key needed. */
export function readBackupHeader(file: Uint8Array): { ok: true; header: BackupHeader; headerEnd: number } | BackupFailure {
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
  if (version !== BACKUP_VERSION) return { ok: false, code: 'BACKUP_UNREADABLE', message: backupMessages.unsupported(version) };
  const parsed = backupHeaderSchema.safeParse(json);
  if (!parsed.success) return { ok: false, code: 'BACKUP_TAMPERED', message: backupMessages.tampered };
  return { ok: true, header: parsed.data, headerEnd };
}

/**
 * Decrypts and authenticates the whole file: every message, the header bound to the first, the FINAL tag on
 * the last and nothing after it. Only then are the sections returned, so a caller that acts on the result
 * never acts on a truncated or altered file.
 */
export function openBackup(
  sodium: Sodium,
  file: Uint8Array,
  recoverySecretKey: Uint8Array,
): { ok: true; header: BackupHeader; sections: BackupSections } | BackupFailure {
  const head = readBackupHeader(file);
  if (!head.ok) return head;
  const truncated: BackupFailure = { ok: false, code: 'BACKUP_TRUNCATED', message: backupMessages.truncated };
  const tampered: BackupFailure = { ok: false, code: 'BACKUP_TAMPERED', message: backupMessages.tampered };
  const sealedEnd = head.headerEnd + sodium.crypto_box_SEALBYTES + 32;
  const prefixEnd = sealedEnd + sodium.crypto_secretstream_xchacha20poly1305_HEADERBYTES;
  if (file.length < prefixEnd) return truncated;

  let fileKey: Uint8Array;
  try {
    fileKey = sodium.crypto_box_seal_open(file.subarray(head.headerEnd, sealedEnd), sodium.crypto_scalarmult_base(recoverySecretKey), recoverySecretKey);
  } catch {
    return { ok: false, code: 'RECOVERY_KEY_MISMATCH', message: backupMessages.wrongKey(head.header.recoveryFingerprint) };
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
    if (offset !== file.length) return tampered;
    return splitSections(messages, head.header) ?? tampered;
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
