import { createReadStream } from 'node:fs';
import { open } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import { promisify } from 'node:util';
import { createGunzip, gzip } from 'node:zlib';
import type { z } from 'zod';
import {
  BUNDLE_CHUNK_BYTES,
  bundleFileHeaderSchema,
  MAX_BUNDLE_FILE_BYTES,
  MAX_PAYLOAD_BYTES,
  SYNC_FORMAT,
  SYNC_FORMAT_VERSION,
  syncPayloadSchema,
  type BundleFileHeader,
  type BundleHeader,
  type SyncPayload,
} from '../../shared/sync/bundleFormat.js';
import { atomicWriteFile } from '../fs/atomicWrite.js';
import { describeIssues } from '../ipc/router.js';
import type { Sodium } from '../vault/sodium.js';
import { SyncError } from './syncError.js';

/**
 * The bundle file (shared/sync/README.md, "Bundle file"):
 *
 *   "SEIHO-SYNC/1\n"      13 bytes, magic
 *   header length         u32 big-endian (at most 64 KiB)
 *   header                UTF-8 JSON, bundleFileHeaderSchema
 *   signature             64 bytes: Ed25519 by the sender over "seiho-desk/sync-bundle/v1\0" + the header bytes
 *   body                  `header.body.bytes` bytes: a secretstream header (24), then messages of 64 KiB of
 *                         plaintext each (65,553 bytes sealed), the last shorter and tagged FINAL. The plaintext
 *                         is the gzip of the payload's UTF-8 JSON; the stream key is sealed to the recipient.
 */
const MAGIC = Buffer.from('SEIHO-SYNC/1\n', 'latin1');
const SIGNATURE_DOMAIN = Buffer.from('seiho-desk/sync-bundle/v1\0', 'latin1');
const MAX_HEADER_BYTES = 64 * 1024;
const SIGNATURE_BYTES = 64;
const STREAM_HEADER_BYTES = 24;
const SEALED_CHUNK_BYTES = BUNDLE_CHUNK_BYTES + 17;
export const BUNDLE_EXTENSION = '.seihosync';

/** Device ids go into file names, so only these characters (a UUID fits). */
const FILE_ID = /^[A-Za-z0-9-]{1,100}$/;
export const bundleFileName = (sender: string, recipient: string, seq: number) => `${sender}__${recipient}__${String(seq).padStart(8, '0')}${BUNDLE_EXTENSION}`;

/** The sender, recipient and seq a file's name claims: only a hint for choosing and ordering; the signed header decides. */
export function parseBundleFileName(name: string): { sender: string; recipient: string; seq: number } | null {
  const match = /^([A-Za-z0-9-]{1,100})__([A-Za-z0-9-]{1,100})__(\d{8,})\.seihosync$/.exec(name);
  return match ? { sender: match[1]!, recipient: match[2]!, seq: Number(match[3]) } : null;
}

const signedBytes = (header: Uint8Array) => Buffer.concat([SIGNATURE_DOMAIN, header]);

/** What the sender fills in; main adds the format fields, the body's description and the signature. */
export type BundleToWrite = Pick<BundleHeader, 'officeId' | 'sender' | 'recipient' | 'seq' | 'createdAt' | 'hlcFrom' | 'hlcTo' | 'counts'> & {
  payload: SyncPayload;
};

/**
 * Signs and seals `bundle` into `folder` under its file name: written under a temporary name in the same folder,
 * flushed, then renamed, so a reader sees the whole file or none. Returns the header and the file's size.
 */
export async function writeBundleFile(
  sodium: Sodium,
  folder: string,
  bundle: BundleToWrite,
  keys: { signSecretKey: Uint8Array; recipientBoxPublicKey: Uint8Array },
): Promise<{ path: string; bytes: number; header: BundleFileHeader }> {
  if (!FILE_ID.test(bundle.sender) || !FILE_ID.test(bundle.recipient)) throw new SyncError('SYNC_SCHEMA', '端末IDに使えない文字があります');
  const json = Buffer.from(JSON.stringify(bundle.payload), 'utf8');
  if (json.length > MAX_PAYLOAD_BYTES)
    throw new SyncError('SYNC_TOO_LARGE', `同期データが大きすぎます（${json.length} バイト）。件数を分けて書き出してください`);
  const packed = await promisify(gzip)(json, { level: 6 });

  const key = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  const body: Uint8Array[] = [];
  const hash = sodium.crypto_generichash_init(null, 32);
  const add = (bytes: Uint8Array) => {
    body.push(bytes);
    sodium.crypto_generichash_update(hash, bytes);
  };
  try {
    const { state, header: streamHeader } = sodium.crypto_secretstream_xchacha20poly1305_init_push(key);
    add(streamHeader);
    for (let at = 0; at < packed.length; at += BUNDLE_CHUNK_BYTES) {
      const last = at + BUNDLE_CHUNK_BYTES >= packed.length;
      const tag = last ? sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL : sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE;
      add(sodium.crypto_secretstream_xchacha20poly1305_push(state, packed.subarray(at, at + BUNDLE_CHUNK_BYTES), null, tag));
    }
    const header: BundleFileHeader = {
      format: SYNC_FORMAT,
      version: SYNC_FORMAT_VERSION,
      officeId: bundle.officeId,
      sender: bundle.sender,
      recipient: bundle.recipient,
      seq: bundle.seq,
      createdAt: bundle.createdAt,
      hlcFrom: bundle.hlcFrom,
      hlcTo: bundle.hlcTo,
      counts: bundle.counts,
      compression: 'gzip',
      body: {
        bytes: body.reduce((sum, part) => sum + part.length, 0),
        blake2b: sodium.to_hex(sodium.crypto_generichash_final(hash, 32)),
        sealedKey: Buffer.from(sodium.crypto_box_seal(key, keys.recipientBoxPublicKey)).toString('base64'),
        chunkBytes: BUNDLE_CHUNK_BYTES,
        payloadBytes: json.length,
      },
    };
    const headerBytes = Buffer.from(JSON.stringify(bundleFileHeaderSchema.parse(header)), 'utf8');
    const length = Buffer.alloc(4);
    length.writeUInt32BE(headerBytes.length);
    const signature = sodium.crypto_sign_detached(signedBytes(headerBytes), keys.signSecretKey);

    const name = bundleFileName(bundle.sender, bundle.recipient, bundle.seq);
    const path = join(folder, name);
    const parts = [MAGIC, length, headerBytes, signature, ...body];
    await atomicWriteFile(path, parts);
    return { path, bytes: parts.reduce((sum, part) => sum + part.length, 0), header };
  } finally {
    sodium.memzero(key);
  }
}

/** The keys of a sender as the reader knows them: the hub's registry, or a device's own record of its hub. */
export type KnownSender = { deviceId: string; signPublicKey: Uint8Array; revoked: boolean };
/** Who is reading: the bundle must be for this office and this device, sealed to this box key. */
export type BundleReader = { officeId: string; deviceId: string; boxPublicKey: Uint8Array; boxSecretKey: Uint8Array };

/** A refusal found after the header was read: the report can still say who sent it. */
export class RefusedBundle extends SyncError {
  constructor(
    error: SyncError,
    readonly header: BundleFileHeader | null,
  ) {
    super(error.code, error.message);
  }
}

/**
 * Reads one bundle file and checks everything before returning anything: magic, size, header schema, office,
 * recipient, sender known and not revoked, signature, body length and hash, decryption to a FINAL tag, gunzip
 * (no more than the header declares), JSON, `syncPayloadSchema`. The body is streamed: read, hashed and
 * decrypted a message at a time, and only the unpacked JSON is held whole. Every refusal is a `RefusedBundle`.
 */
export async function readBundleFile(
  sodium: Sodium,
  path: string,
  reader: BundleReader,
  senders: (deviceId: string) => KnownSender | undefined,
): Promise<{ header: BundleFileHeader; payload: SyncPayload }> {
  const name = basename(path);
  const refuse = (code: SyncError['code'], detail: string) => new SyncError(code, `同期ファイル「${name}」: ${detail}`);
  let header: BundleFileHeader | null = null;
  try {
    const handle = await open(path, 'r').catch(() => {
      throw refuse('SYNC_UNREADABLE', 'ファイルを開けません');
    });
    let bodyOffset: number;
    let size: number;
    try {
      size = (await handle.stat()).size;
      if (size > MAX_BUNDLE_FILE_BYTES) throw refuse('SYNC_TOO_LARGE', `ファイルが大きすぎます（${size} バイト、上限 ${MAX_BUNDLE_FILE_BYTES} バイト）`);
      const readAt = async (position: number, length: number, what: string) => {
        const buffer = Buffer.alloc(length);
        const { bytesRead } = await handle.read(buffer, 0, length, position);
        if (bytesRead < length) throw refuse('SYNC_TRUNCATED', `途中で切れています（${what}が足りません）`);
        return buffer;
      };
      const magic = await readAt(0, Math.min(MAGIC.length, size), '先頭');
      if (!magic.equals(MAGIC.subarray(0, magic.length))) throw refuse('SYNC_UNREADABLE', '同期ファイルではありません（先頭の識別子が違います）');
      if (magic.length < MAGIC.length) throw refuse('SYNC_TRUNCATED', '途中で切れています（先頭の識別子が足りません）');
      const headerLength = (await readAt(MAGIC.length, 4, 'ヘッダー長')).readUInt32BE();
      if (headerLength > MAX_HEADER_BYTES) throw refuse('SYNC_SCHEMA', `ヘッダーが大きすぎます（${headerLength} バイト）`);
      const headerBytes = await readAt(MAGIC.length + 4, headerLength, 'ヘッダー');
      let json: unknown;
      try {
        json = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(headerBytes));
      } catch {
        throw refuse('SYNC_SCHEMA', 'ヘッダーが JSON として読めません');
      }
      const parsed = bundleFileHeaderSchema.safeParse(json);
      if (!parsed.success) throw refuse('SYNC_SCHEMA', `ヘッダーの形式が正しくありません: ${firstIssues(parsed.error.issues)}`);
      header = parsed.data;
      if (header.officeId !== reader.officeId) throw refuse('SYNC_WRONG_OFFICE', `別の事務所（${header.officeId}）のファイルです`);
      if (header.recipient !== reader.deviceId) throw refuse('SYNC_WRONG_RECIPIENT', `この端末宛てではありません（宛先: ${header.recipient}）`);
      const sender = senders(header.sender);
      if (!sender) throw refuse('SYNC_UNKNOWN_SENDER', `送信元の端末（${header.sender}）は登録されていません`);
      if (sender.revoked) throw refuse('SYNC_REVOKED_SENDER', `送信元の端末（${header.sender}）は登録が取り消されています`);
      const signature = await readAt(MAGIC.length + 4 + headerLength, SIGNATURE_BYTES, '署名');
      if (!verifies(sodium, signature, signedBytes(headerBytes), sender.signPublicKey)) {
        throw refuse('SYNC_BAD_SIGNATURE', `送信元（${header.sender}）の署名と一致しません（ヘッダーか署名が書き換えられています）`);
      }
      bodyOffset = MAGIC.length + 4 + headerLength + SIGNATURE_BYTES;
    } finally {
      await handle.close();
    }
    const declared = header.body.bytes;
    if (size - bodyOffset < declared) throw refuse('SYNC_TRUNCATED', `途中で切れています（本体 ${size - bodyOffset} / ${declared} バイト）`);
    if (size - bodyOffset > declared) throw refuse('SYNC_TAMPERED', `本体の後ろに余分なデータがあります（${size - bodyOffset - declared} バイト）`);
    let key: Uint8Array;
    try {
      key = sodium.crypto_box_seal_open(Buffer.from(header.body.sealedKey, 'base64'), reader.boxPublicKey, reader.boxSecretKey);
    } catch {
      throw refuse('SYNC_TAMPERED', 'この端末の鍵で本体を開けません（別の端末の鍵に封をされたか、書き換えられています）');
    }
    const payload = await openBody(sodium, path, bodyOffset, header, key, refuse);
    return { header, payload };
  } catch (error) {
    if (error instanceof SyncError) throw new RefusedBundle(error, header);
    throw new RefusedBundle(refuse('SYNC_UNREADABLE', `読み込めません（${error instanceof Error ? error.message : String(error)}）`), header);
  }
}

function verifies(sodium: Sodium, signature: Uint8Array, message: Uint8Array, publicKey: Uint8Array): boolean {
  try {
    return sodium.crypto_sign_verify_detached(signature, message, publicKey);
  } catch {
    return false;
  }
}

const firstIssues = (issues: readonly z.core.$ZodIssue[]) => describeIssues(issues.slice(0, 3)).replaceAll('\n', '、');

/** Streams the body: hash and decrypt each message, gunzip into a bounded buffer, then parse and check the payload. */
async function openBody(
  sodium: Sodium,
  path: string,
  offset: number,
  header: BundleFileHeader,
  key: Uint8Array,
  refuse: (code: SyncError['code'], detail: string) => SyncError,
): Promise<SyncPayload> {
  const declared = header.body.bytes;
  const hash = sodium.crypto_generichash_init(null, 32);
  let finalSeen = false;
  let consumed = 0;
  async function* decrypt(source: AsyncIterable<Buffer>) {
    let pending: Buffer = Buffer.alloc(0);
    let state: ReturnType<Sodium['crypto_secretstream_xchacha20poly1305_init_pull']> | null = null;
    // Message boundaries follow from the declared length: every message is full but the last.
    const nextLength = () => (state === null ? STREAM_HEADER_BYTES : Math.min(SEALED_CHUNK_BYTES, declared - consumed));
    for await (const chunk of source) {
      sodium.crypto_generichash_update(hash, chunk);
      pending = pending.length ? Buffer.concat([pending, chunk]) : chunk;
      while (consumed < declared && pending.length >= nextLength()) {
        const length = nextLength();
        const piece = pending.subarray(0, length);
        pending = pending.subarray(length);
        consumed += length;
        if (state === null) {
          state = sodium.crypto_secretstream_xchacha20poly1305_init_pull(piece, key);
          continue;
        }
        if (finalSeen) throw refuse('SYNC_TAMPERED', '終端の後ろにデータがあります');
        let opened: { message: Uint8Array; tag: number } | false;
        try {
          opened = sodium.crypto_secretstream_xchacha20poly1305_pull(state, piece, null);
        } catch {
          opened = false;
        }
        if (!opened) throw refuse('SYNC_TAMPERED', `本体が書き換えられています（${consumed} バイト目までの部分が復号できません）`);
        finalSeen = opened.tag === sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL;
        if (finalSeen !== (consumed === declared)) {
          throw refuse(finalSeen ? 'SYNC_TAMPERED' : 'SYNC_TRUNCATED', finalSeen ? '終端の後ろにデータがあります' : '途中で切れています（終端がありません）');
        }
        yield Buffer.from(opened.message);
      }
    }
    if (consumed < declared || !finalSeen) throw refuse('SYNC_TRUNCATED', `途中で切れています（本体 ${consumed} / ${declared} バイト）`);
  }
  const limit = header.body.payloadBytes;
  const unpacked: Buffer[] = [];
  let unpackedBytes = 0;
  try {
    await pipeline(
      createReadStream(path, { start: offset, end: offset + declared - 1, highWaterMark: 1024 * 1024 }),
      decrypt,
      createGunzip(),
      async (source: AsyncIterable<Buffer>) => {
        for await (const chunk of source) {
          unpackedBytes += chunk.length;
          if (unpackedBytes > limit) throw refuse('SYNC_SCHEMA', `展開したデータがヘッダーの大きさ（${limit} バイト）を超えます`);
          unpacked.push(chunk);
        }
      },
    );
  } catch (error) {
    if (error instanceof SyncError) throw error;
    throw refuse('SYNC_SCHEMA', `圧縮データを展開できません（${error instanceof Error ? error.message : String(error)}）`);
  } finally {
    sodium.memzero(key);
  }
  if (sodium.to_hex(sodium.crypto_generichash_final(hash, 32)) !== header.body.blake2b) throw refuse('SYNC_TAMPERED', '本体のハッシュがヘッダーと一致しません');
  if (unpackedBytes !== limit) throw refuse('SYNC_SCHEMA', `展開したデータの大きさがヘッダーと一致しません（${unpackedBytes} / ${limit} バイト）`);
  let json: unknown;
  try {
    json = JSON.parse(Buffer.concat(unpacked, unpackedBytes).toString('utf8'));
  } catch {
    throw refuse('SYNC_SCHEMA', '同期データが JSON として読めません');
  }
  const parsed = syncPayloadSchema.safeParse(json);
  if (!parsed.success) throw refuse('SYNC_SCHEMA', `同期データの形式が正しくありません: ${firstIssues(parsed.error.issues)}`);
  return parsed.data;
}
