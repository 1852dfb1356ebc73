import { KEYSTORE_VERSION, type KeySlot, type PendingKey, type WrappedSecret } from './keystoreFormat.js';
import { SALT_BYTES, type Argon2idCost, type Kdf, type KdfParams } from './kdf.js';
import type { Sodium } from './sodium.js';

export const DEK_BYTES = 32;

const fromBase64 = (text: string) => new Uint8Array(Buffer.from(text, 'base64'));
export const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');

/**
 * Associated data of a slot: a slot copied to another user, or kept across a key rotation or a format change,
 * fails to open instead of handing over a key. JSON keeps the fields unambiguous whatever the ids contain.
 */
const slotAssociatedData = (userId: string, keyId: string) => JSON.stringify(['seiho-desk/keyslot', KEYSTORE_VERSION, userId, keyId]);
/** The slot's X25519 secret is bound to its user only: it outlives key rotations (that is its purpose). */
const boxAssociatedData = (userId: string) => JSON.stringify(['seiho-desk/keyslot-box', KEYSTORE_VERSION, userId]);

const NONCE_BYTES = 24;

function aeadWrap(sodium: Sodium, secret: Uint8Array, associatedData: string, key: Uint8Array): WrappedSecret {
  const nonce = sodium.randombytes_buf(NONCE_BYTES);
  return { nonce: toBase64(nonce), wrapped: toBase64(sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(secret, associatedData, null, nonce, key)) };
}

function aeadOpen(sodium: Sodium, wrapped: WrappedSecret, associatedData: string, key: Uint8Array): Uint8Array | null {
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(null, fromBase64(wrapped.wrapped), associatedData, fromBase64(wrapped.nonce), key);
  } catch {
    return null;
  }
}

/**
 * Wraps the DEK under Argon2id(passphrase) with a fresh salt and nonce, and gives the slot a fresh X25519 key
 * pair whose secret is wrapped under the same KEK: a key rotation seals the next DEK to the public half, so the
 * administrator needs no one's passphrase. Wipes the KEK and the box secret, not the inputs.
 */
export async function wrapKey(
  sodium: Sodium,
  kdf: Kdf,
  dek: Uint8Array,
  passphrase: Uint8Array,
  cost: Argon2idCost,
  binding: { userId: string; keyId: string },
): Promise<KeySlot> {
  const params: KdfParams = { alg: 'argon2id13', salt: sodium.randombytes_buf(SALT_BYTES), ...cost };
  const kek = await kdf.derive(passphrase, params);
  const box = sodium.crypto_box_keypair();
  try {
    const { nonce, wrapped } = aeadWrap(sodium, dek, slotAssociatedData(binding.userId, binding.keyId), kek);
    const secret = aeadWrap(sodium, box.privateKey, boxAssociatedData(binding.userId), kek);
    return {
      kdf: { alg: params.alg, salt: toBase64(params.salt), opslimit: params.opslimit, memlimit: params.memlimit },
      nonce,
      wrappedKey: wrapped,
      box: { publicKey: toBase64(box.publicKey), nonce: secret.nonce, wrappedSecret: secret.wrapped },
    };
  } finally {
    sodium.memzero(kek);
    sodium.memzero(box.privateKey);
  }
}

/**
 * Opens a slot with one derivation: the DEK it wraps and, when the slot has one, its box secret (for a pending
 * key). Null when the passphrase is wrong (or the slot was altered: the two look the same). `keyId` is the key
 * the slot wraps: the slot's own `keyId` while a rotation waits for this user, else the key store's.
 */
export async function openSlot(
  sodium: Sodium,
  kdf: Kdf,
  slot: KeySlot,
  passphrase: Uint8Array,
  binding: { userId: string; keyId: string },
): Promise<{ dek: Uint8Array; boxSecret: Uint8Array | null } | null> {
  const kek = await kdf.derive(passphrase, { ...slot.kdf, salt: fromBase64(slot.kdf.salt) });
  try {
    const dek = aeadOpen(sodium, { nonce: slot.nonce, wrapped: slot.wrappedKey }, slotAssociatedData(binding.userId, binding.keyId), kek);
    if (!dek) return null;
    const boxSecret = slot.box ? aeadOpen(sodium, { nonce: slot.box.nonce, wrapped: slot.box.wrappedSecret }, boxAssociatedData(binding.userId), kek) : null;
    return { dek, boxSecret };
  } finally {
    sodium.memzero(kek);
  }
}

/** Keyed hash of the DEK stored in the key store; see `keyCheck` in the format. */
export const keyCheck = (sodium: Sodium, dek: Uint8Array) => toBase64(sodium.crypto_generichash(16, 'seiho-desk/key-check/v1', dek));

export const sealKey = (sodium: Sodium, dek: Uint8Array, recoveryPublicKey: Uint8Array | string) =>
  toBase64(sodium.crypto_box_seal(dek, typeof recoveryPublicKey === 'string' ? fromBase64(recoveryPublicKey) : recoveryPublicKey));

/** Opens the recovery slot. Null when the secret key does not belong to the slot's public key. */
export function openSealedKey(sodium: Sodium, sealedKey: string, recoverySecretKey: Uint8Array): Uint8Array | null {
  const publicKey = sodium.crypto_scalarmult_base(recoverySecretKey);
  try {
    return sodium.crypto_box_seal_open(fromBase64(sealedKey), publicKey, recoverySecretKey);
  } catch {
    return null;
  }
}

/**
 * The proof that a pending key was made by someone holding the key it replaces: anyone can seal to a slot's
 * public key, so without it a forged key store could hand a user a key of the forger's choosing.
 */
const pendingProof = (sodium: Sodium, previousDek: Uint8Array, userId: string, keyId: string, dek: Uint8Array) =>
  toBase64(sodium.crypto_generichash(32, sodium.from_string(JSON.stringify(['seiho-desk/pending-key', userId, keyId, toBase64(dek)])), previousDek));

/** A rotation's new DEK for one user, sealed to their slot's public key (no passphrase needed). */
export function sealPendingKey(
  sodium: Sodium,
  boxPublicKey: string,
  binding: { userId: string; keyId: string; fromKeyId: string },
  dek: Uint8Array,
  previousDek: Uint8Array,
): PendingKey {
  return {
    keyId: binding.keyId,
    fromKeyId: binding.fromKeyId,
    sealedKey: sealKey(sodium, dek, boxPublicKey),
    proof: pendingProof(sodium, previousDek, binding.userId, binding.keyId, dek),
  };
}

/** Opens a pending key with the slot's box secret and the DEK the slot opened. Null when it does not verify. */
function openPendingKey(sodium: Sodium, pending: PendingKey, userId: string, boxSecret: Uint8Array, previousDek: Uint8Array): Uint8Array | null {
  const dek = openSealedKey(sodium, pending.sealedKey, boxSecret);
  if (!dek) return null;
  if (sodium.memcmp(fromBase64(pendingProof(sodium, previousDek, userId, pending.keyId, dek)), fromBase64(pending.proof))) return dek;
  sodium.memzero(dek);
  return null;
}

/**
 * Walks a user's pending keys from the key their slot opened to the last one: each link must start at the key
 * in hand and verify under it. Returns the last key and its id, or null when a link is missing or does not verify.
 * Wipes the intermediate keys, not the inputs.
 */
export function openPendingChain(
  sodium: Sodium,
  chain: readonly PendingKey[],
  userId: string,
  boxSecret: Uint8Array,
  start: { keyId: string; dek: Uint8Array },
): { keyId: string; dek: Uint8Array } | null {
  let current = start;
  for (const pending of chain) {
    const next = pending.fromKeyId === current.keyId ? openPendingKey(sodium, pending, userId, boxSecret, current.dek) : null;
    if (current !== start) sodium.memzero(current.dek);
    if (!next) return null;
    current = { keyId: pending.keyId, dek: next };
  }
  return current === start ? null : current;
}

/** A 32-byte secret wrapped under a DEK (the previous DEK during a rotation, the blind-index key), bound to its name and key. */
const underKeyAssociatedData = (name: string, keyId: string) => JSON.stringify(['seiho-desk/under-dek', KEYSTORE_VERSION, name, keyId]);
export const wrapUnderKey = (sodium: Sodium, secret: Uint8Array, dek: Uint8Array, binding: { name: string; keyId: string }) =>
  aeadWrap(sodium, secret, underKeyAssociatedData(binding.name, binding.keyId), dek);
export const openUnderKey = (sodium: Sodium, wrapped: WrappedSecret, dek: Uint8Array, binding: { name: string; keyId: string }) =>
  aeadOpen(sodium, wrapped, underKeyAssociatedData(binding.name, binding.keyId), dek);
