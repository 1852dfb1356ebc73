import { createHash } from 'node:crypto';
import type { Sodium } from '../vault/sodium.js';

/** Signs exchange manifests (exchangeFolder.ts): an Ed25519 public key and detached signatures. */
export interface ExchangeSigner {
  publicKey: Uint8Array;
  sign(message: Uint8Array): Uint8Array;
}

/**
 * Opens records sealed to an Ed25519 key (its X25519 form: one key pair per party signs and receives). Throws if
 * the bytes were not sealed to this key or were changed.
 */
export interface ExchangeOpener {
  publicKey: Uint8Array;
  openSealed(sealed: Uint8Array): Uint8Array;
}

/** The office's signer and opener, holding its secret key until `wipe()`; whoever asked for it wipes it when done. */
export type OfficeSigner = ExchangeSigner & ExchangeOpener & { wipe(): void };

/** Seals bytes to the holder of an Ed25519 public key (crypto_box_seal to its X25519 form). */
export function sealTo(sodium: Sodium, recipientPublicKey: Uint8Array, message: Uint8Array): Uint8Array {
  return sodium.crypto_box_seal(message, sodium.crypto_sign_ed25519_pk_to_curve25519(recipientPublicKey));
}

/** The opener of an Ed25519 key pair. */
export function sealedBoxOpener(sodium: Sodium, keyPair: { publicKey: Uint8Array; privateKey: Uint8Array }): ExchangeOpener {
  return {
    publicKey: keyPair.publicKey,
    openSealed(sealed) {
      const publicKey = sodium.crypto_sign_ed25519_pk_to_curve25519(keyPair.publicKey);
      const privateKey = sodium.crypto_sign_ed25519_sk_to_curve25519(keyPair.privateKey);
      try {
        return sodium.crypto_box_seal_open(sealed, publicKey, privateKey);
      } finally {
        sodium.memzero(privateKey);
      }
    },
  };
}

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
  const opener = sealedBoxOpener(sodium, { publicKey, privateKey });
  let wiped = false;
  // A wiped key would sign with zeros: a signature nobody can check is worse than an error.
  const live = () => {
    if (wiped) throw new Error('exchange signer used after wipe');
  };
  return {
    publicKey,
    sign(message) {
      live();
      return sodium.crypto_sign_detached(message, privateKey);
    },
    openSealed(sealed) {
      live();
      return opener.openSealed(sealed);
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
