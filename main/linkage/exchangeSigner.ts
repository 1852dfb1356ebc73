import { createHash } from 'node:crypto';
import type { Sodium } from '../vault/sodium.js';

/** Signs exchange manifests (exchangeFolder.ts): an Ed25519 public key and detached signatures. */
export interface ExchangeSigner {
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/** The office's signer, holding its secret key until `wipe()`; whoever asked for it wipes it when done. */
export type OfficeSigner = ExchangeSigner & { wipe(): void };

/** crypto_kdf contexts are exactly 8 characters; this one is only ever used for the exchange key. */
const EXCHANGE_KEY_CONTEXT = 'seihoexc';
const EXCHANGE_KEY_ID = 1;

/**
 * The office signing key, derived from the data key rather than stored: only an unlocked session can sign,
 * every device of the office signs with the same key, and a restored backup signs as before. The key changes
 * only if the data key does, and then the 統合宛名 side must register the new public key.
 */
export function deriveExchangeSigner(sodium: Sodium, dataKey: Uint8Array): OfficeSigner {
  const seed = sodium.crypto_kdf_derive_from_key(32, EXCHANGE_KEY_ID, EXCHANGE_KEY_CONTEXT, dataKey);
  const { publicKey, privateKey } = keyPairFromSeed(sodium, seed);
  let wiped = false;
  return {
    publicKey,
    sign(message) {
      // A wiped key would sign with zeros: a signature nobody can check is worse than an error.
      if (wiped) throw new Error('exchange signer used after wipe');
      return sodium.crypto_sign_detached(message, privateKey);
    },
    wipe() {
      wiped = true;
      sodium.memzero(privateKey);
    },
  };
}

function keyPairFromSeed(sodium: Sodium, seed: Uint8Array) {
  try {
    return sodium.crypto_sign_seed_keypair(seed);
  } finally {
    sodium.memzero(seed);
  }
}

/**
 * What the administrator reads out to the 統合宛名 side to confirm the registered key, e.g. `1A2B-3C4D-5E6F-7A8B`:
 * the first 16 hex digits of the SHA-256 of the 32-byte public key, in groups of four.
 */
export function exchangeKeyFingerprint(publicKey: Uint8Array): string {
  const hex = createHash('sha256').update(publicKey).digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}
