import { createHash } from 'node:crypto';
import type { Sodium } from '../vault/sodium.js';

/**
 * The office's keys for 情報連携 and for its own files, and the key objects the exchange reader and writer use.
 * Each key is named in a manifest by its key id: the fingerprint of its public key (exchangeKeyFingerprint), which
 * is also what the two sides read to each other to confirm a key.
 */

/** A public key as a manifest names it. */
export interface NamedKey {
  keyId: string;
  publicKey: Uint8Array;
}

/** Signs exchange manifests (exchangeFolder.ts): an Ed25519 public key and detached signatures. */
export interface ExchangeSigner extends NamedKey {
  sign(message: Uint8Array): Uint8Array;
}

/** Opens records sealed (crypto_box_seal) to its X25519 public key. Throws if they were not, or were changed. */
export interface ExchangeOpener extends NamedKey {
  openSealed(sealed: Uint8Array): Uint8Array;
}

/** Which generation of each office key is in force (the 連携設定 keeps them; a rotation raises one by one). */
export interface OfficeKeyGenerations {
  signing: number;
  decryption: number;
}
export const firstGenerations: OfficeKeyGenerations = { signing: 1, decryption: 1 };

/**
 * The office's secret keys, held until `wipe()`; whoever asked for them wipes them when done.
 * - `signer`: the signing key in force; `endorser`: the one before it (null at generation 1), which countersigns
 *   during a rotation so that the other side can trust the new key on the strength of the old one.
 * - `openers`: every decryption key up to the one in force, so a result sealed to an earlier key still opens;
 *   `replyTo` names the one in force (requests tell the other side to seal results to it).
 * - `fileKey`: the MAC key of the office's own files in the data folder (settings.json, the register of sent exchanges).
 */
export interface OfficeKeys {
  signer: ExchangeSigner;
  endorser: ExchangeSigner | null;
  openers: ExchangeOpener[];
  replyTo: NamedKey;
  fileKey: Uint8Array;
  wipe(): void;
}

/** Seals bytes to the holder of an X25519 public key (crypto_box_seal). */
export function sealTo(sodium: Sodium, recipientPublicKey: Uint8Array, message: Uint8Array): Uint8Array {
  return sodium.crypto_box_seal(message, recipientPublicKey);
}

/** A party that has one Ed25519 key (the simulator, the peer as configured here) receives at its X25519 form. */
export function sealingKeyOf(sodium: Sodium, ed25519PublicKey: Uint8Array): NamedKey {
  const publicKey = sodium.crypto_sign_ed25519_pk_to_curve25519(ed25519PublicKey);
  return { keyId: exchangeKeyFingerprint(publicKey), publicKey };
}

/** The opener of an X25519 key pair. */
export function boxOpener(sodium: Sodium, keyPair: { publicKey: Uint8Array; privateKey: Uint8Array }): ExchangeOpener {
  return {
    keyId: exchangeKeyFingerprint(keyPair.publicKey),
    publicKey: keyPair.publicKey,
    openSealed: (sealed) => sodium.crypto_box_seal_open(sealed, keyPair.publicKey, keyPair.privateKey),
  };
}

/** The opener of an Ed25519 key pair's X25519 form (a party with one key pair for signing and receiving). */
export function sealedBoxOpener(sodium: Sodium, keyPair: { publicKey: Uint8Array; privateKey: Uint8Array }): ExchangeOpener {
  const publicKey = sodium.crypto_sign_ed25519_pk_to_curve25519(keyPair.publicKey);
  const privateKey = sodium.crypto_sign_ed25519_sk_to_curve25519(keyPair.privateKey);
  return boxOpener(sodium, { publicKey, privateKey });
}

/** The signer of an Ed25519 key pair. */
export function keyPairSigner(sodium: Sodium, keyPair: { publicKey: Uint8Array; privateKey: Uint8Array }): ExchangeSigner {
  return {
    keyId: exchangeKeyFingerprint(keyPair.publicKey),
    publicKey: keyPair.publicKey,
    sign: (message) => sodium.crypto_sign_detached(message, keyPair.privateKey),
  };
}

// crypto_kdf contexts are exactly 8 characters, one per kind of key; the subkey id is the key's generation.
const SIGNING_CONTEXT = 'seihoexc';
const DECRYPTION_CONTEXT = 'seihodec';
const FILE_MAC_CONTEXT = 'seihoset';

/**
 * Every office key, derived from the office secret rather than stored: only an unlocked session has them, every
 * device of the office derives the same ones, and a restored backup signs as before. Generation 1 of both keys is
 * the one pair offices used before the keys were separated (the decryption key is the X25519 form of the first
 * signing key), so an existing office's public keys stay as registered until it rotates; later generations are
 * independent keys, and each kind rotates on its own.
 */
export function deriveOfficeKeys(sodium: Sodium, officeSecret: Uint8Array, generations: OfficeKeyGenerations = firstGenerations): OfficeKeys {
  const secrets: Uint8Array[] = [];
  const keep = <T extends { privateKey: Uint8Array }>(pair: T) => {
    secrets.push(pair.privateKey);
    return pair;
  };
  const signingPair = (generation: number) =>
    keep(seeded(sodium, sodium.crypto_kdf_derive_from_key(32, generation, SIGNING_CONTEXT, officeSecret), (seed) => sodium.crypto_sign_seed_keypair(seed)));
  const decryptionPair = (generation: number) => {
    if (generation === 1) {
      const first = signingPair(1);
      return keep({
        publicKey: sodium.crypto_sign_ed25519_pk_to_curve25519(first.publicKey),
        privateKey: sodium.crypto_sign_ed25519_sk_to_curve25519(first.privateKey),
      });
    }
    return keep(
      seeded(sodium, sodium.crypto_kdf_derive_from_key(32, generation, DECRYPTION_CONTEXT, officeSecret), (seed) => sodium.crypto_box_seed_keypair(seed)),
    );
  };
  let wiped = false;
  // A wiped key would sign with zeros: a signature nobody can check is worse than an error.
  const live =
    <A extends unknown[], R>(use: (...args: A) => R) =>
    (...args: A): R => {
      if (wiped) throw new Error('office key used after wipe');
      return use(...args);
    };
  const signerOf = (pair: { publicKey: Uint8Array; privateKey: Uint8Array }): ExchangeSigner => {
    const signer = keyPairSigner(sodium, pair);
    return { ...signer, sign: live(signer.sign) };
  };
  const openers = Array.from({ length: generations.decryption }, (_, i) => {
    const opener = boxOpener(sodium, decryptionPair(i + 1));
    return { ...opener, openSealed: live(opener.openSealed) };
  });
  const fileKey = sodium.crypto_kdf_derive_from_key(32, 1, FILE_MAC_CONTEXT, officeSecret);
  secrets.push(fileKey);
  const current = openers.at(-1)!;
  return {
    signer: signerOf(signingPair(generations.signing)),
    endorser: generations.signing > 1 ? signerOf(signingPair(generations.signing - 1)) : null,
    openers,
    replyTo: { keyId: current.keyId, publicKey: current.publicKey },
    fileKey,
    wipe() {
      wiped = true;
      for (const secret of secrets) sodium.memzero(secret);
    },
  };
}

function seeded<T>(sodium: Sodium, seed: Uint8Array, pair: (seed: Uint8Array) => T): T {
  try {
    return pair(seed);
  } finally {
    sodium.memzero(seed);
  }
}

/**
 * A key's id, and what the administrator reads out to the other side to confirm it, e.g. `1A2B-3C4D-5E6F-7A8B`:
 * the first 16 hex digits of the SHA-256 of the 32-byte public key, in groups of four.
 */
export function exchangeKeyFingerprint(publicKey: Uint8Array): string {
  const hex = createHash('sha256').update(publicKey).digest('hex').slice(0, 16).toUpperCase();
  return hex.match(/.{4}/g)!.join('-');
}
