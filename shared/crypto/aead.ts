import type { RandomSource } from '../ids/uuidv7.js';
import { type Sodium, sodiumModule } from './sodium.js';

/**
 * XChaCha20-Poly1305 with a random 24-byte nonce (safe at random with XChaCha's nonce size). Nonces come from
 * `getRandomValues`: libsodium's own `randombytes_buf` costs ~50 µs a call, eight times the whole seal.
 * Opening returns null instead of throwing, so callers handle tampering as data (libsodium throws, secretstream
 * returns false — one convention here).
 */
export const AEAD_KEY_BYTES = 32;
const NONCE_BYTES = 24;
const TAG_BYTES = 16;

/**
 * Seals to one byte array, nonce first. One array rather than two: every byte array in an IndexedDB row is its own
 * ArrayBuffer to clone on each read, and reading is what a caseload list does most. Straight on libsodium's
 * WebAssembly memory through one buffer, zeroed before it is freed (the wrapper left the key and the plaintext in
 * five freed buffers).
 */
export function sealBytes(sodium: Sodium, random: RandomSource, key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  if (key.length !== AEAD_KEY_BYTES) throw new Error(`key must be ${AEAD_KEY_BYTES} bytes`);
  const sealed = new Uint8Array(NONCE_BYTES + plaintext.length + TAG_BYTES);
  const nonce = random.getRandomValues(sealed.subarray(0, NONCE_BYTES));
  const lib = sodiumModule(sodium);
  const size = AEAD_KEY_BYTES + NONCE_BYTES + associatedData.length + plaintext.length + plaintext.length + TAG_BYTES;
  const base = lib._malloc(size);
  if (!base) throw new Error('libsodium: out of memory');
  const nonceAt = base + AEAD_KEY_BYTES;
  const dataAt = nonceAt + NONCE_BYTES;
  const plainAt = dataAt + associatedData.length;
  const cipherAt = plainAt + plaintext.length;
  const heap = lib.HEAPU8;
  try {
    heap.set(key, base);
    heap.set(nonce, nonceAt);
    heap.set(associatedData, dataAt);
    heap.set(plaintext, plainAt);
    if (lib._crypto_aead_xchacha20poly1305_ietf_encrypt(cipherAt, 0, plainAt, plaintext.length, 0, dataAt, associatedData.length, 0, 0, nonceAt, base) !== 0)
      throw new Error('libsodium: sealing failed');
    sealed.set(heap.subarray(cipherAt, cipherAt + plaintext.length + TAG_BYTES), NONCE_BYTES);
    return sealed;
  } finally {
    heap.fill(0, base, base + size);
    lib._free(base);
  }
}

/** A message as `sealBytes` made it, and the associated data it was sealed with, as text. */
export interface SealedMessage {
  sealed: Uint8Array;
  associatedData: string;
}

// Every host shared/ runs in (Node, Chromium) has these; the ES library shared/ is checked against does not declare
// them, so this module declares what it uses.
declare const TextEncoder: new () => { encodeInto(source: string, destination: Uint8Array): { written: number } };
declare const TextDecoder: new (label: 'utf-8', options: { fatal: true }) => { decode(input: Uint8Array): string };
const utf8 = new TextEncoder();
const fromUtf8 = new TextDecoder('utf-8', { fatal: true });

/** Plaintexts are decoded this many bytes at a time (more when one message is larger). */
const DECODE_CHUNK_BYTES = 1 << 16;
const NEWLINE = 0x0a;

/**
 * Opens many messages sealed with one key — a whole read's rows — each to its UTF-8 plaintext as a string, or null
 * when it does not open with that key and associated data. Straight on libsodium's WebAssembly memory, through one
 * buffer for the call: the key copied in once, each message with one copy, its associated data encoded into the
 * buffer, its plaintext decrypted beside the previous ones and a run of plaintexts decoded at once. Through the
 * wrappers every message allocated, copied and freed five buffers and copied its plaintext out again, and each
 * decode had its own call: together more than the cipher. The buffer (key, plaintexts) is zeroed before it is
 * freed, so nothing of it outlives the call.
 */
export function openSealedTexts(sodium: Sodium, key: Uint8Array, messages: readonly SealedMessage[]): (string | null)[] {
  if (key.length !== AEAD_KEY_BYTES) throw new Error(`key must be ${AEAD_KEY_BYTES} bytes`);
  const texts = new Array<string | null>(messages.length).fill(null);
  if (messages.length === 0) return texts;
  let sealedBytes = 0;
  let dataBytes = 0;
  for (const { sealed, associatedData } of messages) {
    sealedBytes = Math.max(sealedBytes, sealed.length);
    // encodeInto writes at most three bytes per UTF-16 code unit.
    dataBytes = Math.max(dataBytes, 3 * associatedData.length);
  }
  // A plaintext is shorter than its message, so one always fits with its separator.
  const plainBytes = Math.max(DECODE_CHUNK_BYTES, sealedBytes);
  const lib = sodiumModule(sodium);
  const size = AEAD_KEY_BYTES + sealedBytes + dataBytes + plainBytes;
  const base = lib._malloc(size);
  if (!base) throw new Error('libsodium: out of memory');
  const sealedAt = base + AEAD_KEY_BYTES;
  const dataAt = sealedAt + sealedBytes;
  const plainAt = dataAt + dataBytes;
  const plainEnd = plainAt + plainBytes;
  // No allocation in libsodium's memory below this line, so the view stays valid (growing the memory replaces it).
  const heap = lib.HEAPU8;
  // The messages whose plaintexts are in the buffer, and where each one starts.
  let run: number[] = [];
  let starts: number[] = [];
  let at = plainAt;
  const decodeRun = () => {
    if (run.length === 0) return;
    // Newline-separated: a plaintext that holds a newline itself (JSON.stringify never writes one) splits into more
    // lines than messages, and then each is decoded on its own.
    const lines = fromUtf8.decode(heap.subarray(plainAt, at - 1)).split('\n');
    for (let i = 0; i < run.length; i += 1)
      texts[run[i]!] = lines.length === run.length ? lines[i]! : fromUtf8.decode(heap.subarray(starts[i]!, (starts[i + 1] ?? at) - 1));
    run = [];
    starts = [];
    at = plainAt;
  };
  const dataView = heap.subarray(dataAt, plainAt);
  // Associated data is mostly ids and codes: ASCII written byte by byte costs less than a call to encodeInto.
  const writeData = (text: string): number => {
    for (let i = 0; i < text.length; i += 1) {
      const code = text.charCodeAt(i);
      if (code > 0x7f) return utf8.encodeInto(text, dataView).written;
      heap[dataAt + i] = code;
    }
    return text.length;
  };
  try {
    heap.set(key, base);
    for (let index = 0; index < messages.length; index += 1) {
      const { sealed, associatedData } = messages[index]!;
      if (sealed.length < NONCE_BYTES + TAG_BYTES) continue;
      const plainLength = sealed.length - NONCE_BYTES - TAG_BYTES;
      if (at + plainLength + 1 > plainEnd) decodeRun();
      heap.set(sealed, sealedAt);
      const dataLength = writeData(associatedData);
      const status = lib._crypto_aead_xchacha20poly1305_ietf_decrypt(
        at,
        0,
        0,
        sealedAt + NONCE_BYTES,
        sealed.length - NONCE_BYTES,
        0,
        dataAt,
        dataLength,
        0,
        sealedAt,
        base,
      );
      if (status !== 0) continue;
      run.push(index);
      starts.push(at);
      at += plainLength;
      heap[at] = NEWLINE;
      at += 1;
    }
    decodeRun();
    return texts;
  } finally {
    lib.HEAPU8.fill(0, base, base + size);
    lib._free(base);
  }
}
