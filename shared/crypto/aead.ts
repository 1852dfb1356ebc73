import type { RandomSource } from '../ids/uuidv7.js';
import type { Sodium } from './sodium.js';

/**
 * XChaCha20-Poly1305 with a random 24-byte nonce (safe at random with XChaCha's nonce size). Nonces come from
 * `getRandomValues`: libsodium's own `randombytes_buf` costs ~50 µs a call, eight times the whole seal.
 * Opening returns null instead of throwing, so callers handle tampering as data (libsodium throws, secretstream
 * returns false — one convention here).
 */
export interface SealedBytes {
  n: Uint8Array;
  c: Uint8Array;
}

export const AEAD_KEY_BYTES = 32;
const NONCE_BYTES = 24;

export function sealBytes(sodium: Sodium, random: RandomSource, key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): SealedBytes {
  const n = random.getRandomValues(new Uint8Array(NONCE_BYTES));
  return { n, c: sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associatedData, null, n, key) };
}

export function openBytes(sodium: Sodium, key: Uint8Array, sealed: SealedBytes, associatedData: Uint8Array): Uint8Array | null {
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.c, associatedData, sealed.n, key);
  } catch {
    return null;
  }
}
