import { createHash } from 'node:crypto';

/**
 * The office recovery secret key as printed on the recovery sheet: 32 bytes in Crockford base32 (no I, L, O,
 * U, so nothing on paper is ambiguous) in groups of four, plus a final group checksumming the rest so that a
 * typing mistake is caught before any decryption is attempted.
 *   e.g. 7M2K-Q9XD-…-R4TA (13 groups of key, 1 group of checksum)
 */
const ALPHABET = '0123456789ABCDEFGHJKMNPQRSTVWXYZ';
const KEY_BYTES = 32;
const CHECK_CHARS = 4;
const GROUP = 4;

function encodeBase32(bytes: Uint8Array): string {
  let bits = 0;
  let value = 0;
  let out = '';
  for (const byte of bytes) {
    value = (value << 8) | byte;
    bits += 8;
    while (bits >= 5) {
      out += ALPHABET[(value >>> (bits - 5)) & 31];
      bits -= 5;
    }
  }
  if (bits > 0) out += ALPHABET[(value << (5 - bits)) & 31];
  return out;
}

function decodeBase32(text: string, byteLength: number): Uint8Array | null {
  const out = new Uint8Array(byteLength);
  let bits = 0;
  let value = 0;
  let index = 0;
  for (const char of text) {
    const digit = ALPHABET.indexOf(char);
    if (digit < 0) return null;
    value = ((value << 5) | digit) & 0xffff;
    bits += 5;
    if (bits >= 8) {
      if (index >= byteLength) return null;
      out[index++] = (value >>> (bits - 8)) & 0xff;
      bits -= 8;
    }
  }
  // The padding bits of the last character must be zero, or two spellings would decode to one key.
  return index === byteLength && (value & ((1 << bits) - 1)) === 0 ? out : null;
}

/** The checksum group: the first characters of SHA-256(domain ‖ bytes), so a typing mistake is caught before any key is tried. */
const checksum = (domain: string, bytes: Uint8Array) => encodeBase32(createHash('sha256').update(domain).update(bytes).digest()).slice(0, CHECK_CHARS);

const group = (text: string) => text.match(new RegExp(`.{1,${GROUP}}`, 'g'))?.join('-') ?? '';

/**
 * Secret bytes as a person types them from paper or a screen: Crockford base32 in groups of four, then a checksum
 * group under `domain`. The recovery key and the sync enrolment code (main/sync/enrolmentFile.ts) are both this.
 */
export function formatCodeGroups(bytes: Uint8Array, domain: string): string {
  return group(encodeBase32(bytes) + checksum(domain, bytes));
}

export type ParsedCode =
  | { ok: true; bytes: Uint8Array }
  | { ok: false; problem: 'length'; expected: number; got: number }
  | { ok: false; problem: 'characters' | 'checksum' };

/** Accepts what a person types: any case, full-width characters, spaces or hyphens, O for 0, I and L for 1. */
export function parseCodeGroups(text: string, byteLength: number, domain: string): ParsedCode {
  const chars = Math.ceil((byteLength * 8) / 5);
  const compact = text
    .normalize('NFKC')
    .toUpperCase()
    .replace(/[\s\-‐－ー]/g, '')
    .replace(/O/g, '0')
    .replace(/[IL]/g, '1');
  if (compact.length !== chars + CHECK_CHARS) return { ok: false, problem: 'length', expected: chars + CHECK_CHARS, got: compact.length };
  const bytes = [...compact].every((char) => ALPHABET.includes(char)) && decodeBase32(compact.slice(0, chars), byteLength);
  if (!bytes) return { ok: false, problem: 'characters' };
  if (checksum(domain, bytes) !== compact.slice(chars)) return { ok: false, problem: 'checksum' };
  return { ok: true, bytes };
}

const RECOVERY_DOMAIN = 'seiho-desk/recovery-key/v1';

export function formatRecoveryKey(secretKey: Uint8Array): string {
  if (secretKey.length !== KEY_BYTES) throw new Error('recovery secret key must be 32 bytes');
  return formatCodeGroups(secretKey, RECOVERY_DOMAIN);
}

export type ParsedRecoveryKey = { ok: true; secretKey: Uint8Array } | { ok: false; message: string };

/** Accepts what a person types from the sheet (parseCodeGroups). */
export function parseRecoveryKey(text: string): ParsedRecoveryKey {
  const parsed = parseCodeGroups(text, KEY_BYTES, RECOVERY_DOMAIN);
  if (parsed.ok) return { ok: true, secretKey: parsed.bytes };
  if (parsed.problem === 'length') return { ok: false, message: `回復キーの文字数が合いません（${parsed.expected}文字必要です。入力は${parsed.got}文字）` };
  if (parsed.problem === 'characters') return { ok: false, message: '回復キーに使えない文字が含まれています' };
  return { ok: false, message: '回復キーの確認用文字が一致しません。印刷された回復キーを見直して入力してください' };
}

/** A short, printable name for a recovery public key: shown on the sheet and written into backup headers. */
export const recoveryKeyFingerprint = (publicKey: Uint8Array) =>
  group(encodeBase32(createHash('sha256').update('seiho-desk/recovery-fingerprint/v1').update(publicKey).digest()).slice(0, 8));
