import { KEYSTORE_VERSION, type KeySlot } from './keystoreFormat.js';
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

/** Wraps the DEK under Argon2id(passphrase) with a fresh salt and nonce. Wipes the KEK, not the inputs. */
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
  try {
    const nonce = sodium.randombytes_buf(sodium.crypto_aead_xchacha20poly1305_ietf_NPUBBYTES);
    const wrapped = sodium.crypto_aead_xchacha20poly1305_ietf_encrypt(dek, slotAssociatedData(binding.userId, binding.keyId), null, nonce, kek);
    return {
      kdf: { alg: params.alg, salt: toBase64(params.salt), opslimit: params.opslimit, memlimit: params.memlimit },
      nonce: toBase64(nonce),
      wrappedKey: toBase64(wrapped),
    };
  } finally {
    sodium.memzero(kek);
  }
}

/** Opens a slot. Null when the passphrase is wrong (or the slot was altered: the two look the same). */
export async function unwrapKey(
  sodium: Sodium,
  kdf: Kdf,
  slot: KeySlot,
  passphrase: Uint8Array,
  binding: { userId: string; keyId: string },
): Promise<Uint8Array | null> {
  const kek = await kdf.derive(passphrase, { ...slot.kdf, salt: fromBase64(slot.kdf.salt) });
  try {
    return sodium.crypto_aead_xchacha20poly1305_ietf_decrypt(
      null,
      fromBase64(slot.wrappedKey),
      slotAssociatedData(binding.userId, binding.keyId),
      fromBase64(slot.nonce),
      kek,
    );
  } catch {
    return null;
  } finally {
    sodium.memzero(kek);
  }
}

/** Keyed hash of the DEK stored in the key store; see `keyCheck` in the format. */
export const keyCheck = (sodium: Sodium, dek: Uint8Array) => toBase64(sodium.crypto_generichash(16, 'seiho-desk/key-check/v1', dek));

export const sealKey = (sodium: Sodium, dek: Uint8Array, recoveryPublicKey: Uint8Array) => toBase64(sodium.crypto_box_seal(dek, recoveryPublicKey));

/** Opens the recovery slot. Null when the secret key does not belong to the slot's public key. */
export function openSealedKey(sodium: Sodium, sealedKey: string, recoverySecretKey: Uint8Array): Uint8Array | null {
  const publicKey = sodium.crypto_scalarmult_base(recoverySecretKey);
  try {
    return sodium.crypto_box_seal_open(fromBase64(sealedKey), publicKey, recoverySecretKey);
  } catch {
    return null;
  }
}
