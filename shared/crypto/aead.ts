import type { RandomSource } from '../ids/uuidv7.js';
import type { Sodium } from './sodium.js';

/**
 * XChaCha20-Poly1305 with a random 24-byte nonce (safe at random with XChaCha's nonce size). Nonces come from
 * `getRandomValues`: libsodium's own `randombytes_buf` costs ~50 µs a call, eight times the whole seal.
 * Opening returns null instead of throwing, so callers handle tampering as data (libsodium throws, secretstream
 * returns false — one convention here).
 */
export const AEAD_KEY_BYTES = 32;
const NONCE_BYTES = 24;

/**
 * Seals to one byte array, nonce first. One array rather than two: every byte array in an IndexedDB row is its own
 * ArrayBuffer to clone on each read, and reading is what a caseload list does most.
 */
export function sealBytes(sodium: Sodium, random: RandomSource, key: Uint8Array, plaintext: Uint8Array, associatedData: Uint8Array): Uint8Array {
  const nonce = random.getRandomValues(new Uint8Array(NONCE_BYTES));
  const ciphertext = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(plaintext, associatedData, null, nonce, key);
  const sealed = new Uint8Array(NONCE_BYTES + ciphertext.length);
  sealed.set(nonce);
  sealed.set(ciphertext, NONCE_BYTES);
  return sealed;
}

export function openBytes(sodium: Sodium, key: Uint8Array, sealed: Uint8Array, associatedData: Uint8Array): Uint8Array | null {
  if (sealed.length < NONCE_BYTES) return null;
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, sealed.subarray(NONCE_BYTES), associatedData, sealed.subarray(0, NONCE_BYTES), key);
  } catch {
    return null;
  }
}
