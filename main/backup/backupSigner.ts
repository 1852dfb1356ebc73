import type { Sodium } from '../vault/sodium.js';

/**
 * Who may sign a backup, and how a restorer with nothing but the recovery key knows it.
 *
 * - The office's **backup signing key**: Ed25519, derived from the office root secret (the key store's
 *   `officeSecret`) in its own crypto_kdf context, so it is independent of the exchange keys and survives a data key
 *   rotation. Only an unlocked administrator's session can sign.
 * - The **attestation**: the recovery key, which the office keeps on paper, signs (office id, backup signing public
 *   key). The recovery secret is an X25519 key; its Ed25519 signing key is a keyed hash of it, so holding the
 *   recovery *public* key (which backups are encrypted to) is not enough to attest anything.
 *
 * At restore the typed recovery key derives the attesting public key; the attestation carried in the backup must
 * verify under it, and the backup's signature under the attested key. The trust anchor is the paper, never the file.
 */
const BACKUP_SIGNING_CONTEXT = 'seihobak';
const RECOVERY_SIGNING_DOMAIN = 'seiho-desk/recovery-signing/v1';
const ATTESTATION_FORMAT = 'seiho-desk/backup-signer';

export type KeyPair = { publicKey: Uint8Array; privateKey: Uint8Array };

/** The office's backup signing key pair (subkey 1 of the office root secret). The caller wipes `privateKey`. */
export function backupSigningKeyPair(sodium: Sodium, officeSecret: Uint8Array): KeyPair {
  const seed = sodium.crypto_kdf_derive_from_key(32, 1, BACKUP_SIGNING_CONTEXT, officeSecret);
  try {
    return sodium.crypto_sign_seed_keypair(seed);
  } finally {
    sodium.memzero(seed);
  }
}

/** The Ed25519 key pair the recovery key attests with. The caller wipes `privateKey`. */
export function recoverySigningKeyPair(sodium: Sodium, recoverySecretKey: Uint8Array): KeyPair {
  const seed = sodium.crypto_generichash(32, RECOVERY_SIGNING_DOMAIN, recoverySecretKey);
  try {
    return sodium.crypto_sign_seed_keypair(seed);
  } finally {
    sodium.memzero(seed);
  }
}

const attestationMessage = (officeId: string, signingPublicKey: Uint8Array) =>
  new TextEncoder().encode(JSON.stringify([ATTESTATION_FORMAT, 1, officeId, Buffer.from(signingPublicKey).toString('base64')]));

/** The recovery key's signature over (office, backup signing public key). */
export function attestBackupSigner(sodium: Sodium, recoverySecretKey: Uint8Array, officeId: string, signingPublicKey: Uint8Array): Uint8Array {
  const pair = recoverySigningKeyPair(sodium, recoverySecretKey);
  try {
    return sodium.crypto_sign_detached(attestationMessage(officeId, signingPublicKey), pair.privateKey);
  } finally {
    sodium.memzero(pair.privateKey);
  }
}

export function verifyAttestation(
  sodium: Sodium,
  recoverySigningPublicKey: Uint8Array,
  officeId: string,
  signingPublicKey: Uint8Array,
  signature: Uint8Array,
): boolean {
  if (signature.length !== sodium.crypto_sign_BYTES || signingPublicKey.length !== sodium.crypto_sign_PUBLICKEYBYTES) return false;
  return sodium.crypto_sign_verify_detached(signature, attestationMessage(officeId, signingPublicKey), recoverySigningPublicKey);
}

/** The key store's record (`backupSigner`): the office's backup signing public key, attested by the recovery key. */
export function attestedSigner(
  sodium: Sodium,
  request: { officeId: string; officeSecret: Uint8Array; recoverySecretKey: Uint8Array; at: string },
): { publicKey: string; attestation: string; attestedAt: string } {
  const pair = backupSigningKeyPair(sodium, request.officeSecret);
  sodium.memzero(pair.privateKey);
  const attestation = attestBackupSigner(sodium, request.recoverySecretKey, request.officeId, pair.publicKey);
  return { publicKey: toBase64(pair.publicKey), attestation: toBase64(attestation), attestedAt: request.at };
}

const toBase64 = (bytes: Uint8Array) => Buffer.from(bytes).toString('base64');
