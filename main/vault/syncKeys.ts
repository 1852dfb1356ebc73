import { openUnderKey, wrapUnderKey } from './keySlot.js';
import type { Keystore } from './keystoreFormat.js';
import type { Sodium } from './sodium.js';

/**
 * The sync keys (issue 12, shared/sync/README.md): each device signs its bundles with an Ed25519 key and is sealed
 * to with an X25519 key.
 * - The **hub's** pair is derived from the office root secret (crypto_kdf context `seihosyn`: subkey 1 the signing
 *   seed, subkey 2 the box seed), like every other office key: never stored, the same after a data key rotation.
 * - An **enrolled device's** pair is made by the hub at enrolment from random seeds, carried in the enrolment file
 *   under the enrolment code, and kept here in the key store's `sync` record wrapped under the DEK, with the hub's
 *   id and public keys (wrapped too, so a changed file cannot swap the hub the device trusts). Re-wrapped at a
 *   rotation by `rewrapSecretsUnderDek`.
 */
const SYNC_CONTEXT = 'seihosyn';

export type KeyPair = { publicKey: Uint8Array; privateKey: Uint8Array };
export type SyncKeyPairs = { sign: KeyPair; box: KeyPair };
/** An enrolled device's sync material as the enrolment file carries it and the key store keeps it. */
export type EnrolledSyncKeys = {
  deviceId: string;
  hubDeviceId: string;
  signSeed: Uint8Array;
  boxSeed: Uint8Array;
  hubSignPublicKey: Uint8Array;
  hubBoxPublicKey: Uint8Array;
};

/** The key pairs of two 32-byte seeds. The caller wipes the private keys (and the seeds). */
export const syncKeyPairsOf = (sodium: Sodium, signSeed: Uint8Array, boxSeed: Uint8Array): SyncKeyPairs => ({
  sign: sodium.crypto_sign_seed_keypair(signSeed),
  box: sodium.crypto_box_seed_keypair(boxSeed),
});

/** The hub's pairs, from the office root secret. The caller wipes the private keys. */
export function hubSyncKeyPairs(sodium: Sodium, officeSecret: Uint8Array): SyncKeyPairs {
  const signSeed = sodium.crypto_kdf_derive_from_key(32, 1, SYNC_CONTEXT, officeSecret);
  const boxSeed = sodium.crypto_kdf_derive_from_key(32, 2, SYNC_CONTEXT, officeSecret);
  try {
    return syncKeyPairsOf(sodium, signSeed, boxSeed);
  } finally {
    sodium.memzero(signSeed);
    sodium.memzero(boxSeed);
  }
}

const names = (keys: { deviceId: string; hubDeviceId: string }) => ({
  signSeed: `sync-sign:${keys.deviceId}`,
  boxSeed: `sync-box:${keys.deviceId}`,
  hubSignPublicKey: `sync-hub-sign:${keys.hubDeviceId}`,
  hubBoxPublicKey: `sync-hub-box:${keys.hubDeviceId}`,
});
const secretFields = ['signSeed', 'boxSeed', 'hubSignPublicKey', 'hubBoxPublicKey'] as const;

/** The key store's `sync` record: each 32-byte value wrapped under the DEK, bound to its name and device. */
export function wrapSyncRecord(sodium: Sodium, keys: EnrolledSyncKeys, dek: Uint8Array, keyId: string): NonNullable<Keystore['sync']> {
  const bound = names(keys);
  const wrapped = Object.fromEntries(secretFields.map((field) => [field, wrapUnderKey(sodium, keys[field], dek, { name: bound[field], keyId })]));
  return { deviceId: keys.deviceId, hubDeviceId: keys.hubDeviceId, ...(wrapped as Pick<NonNullable<Keystore['sync']>, (typeof secretFields)[number]>) };
}

/** Opens the `sync` record under `dek` (the key store's current key); null if any part does not open. The caller wipes. */
export function openSyncRecord(sodium: Sodium, record: NonNullable<Keystore['sync']>, dek: Uint8Array, keyId: string): EnrolledSyncKeys | null {
  const bound = names(record);
  const opened = secretFields.map((field) => openUnderKey(sodium, record[field], dek, { name: bound[field], keyId }));
  if (opened.some((value) => value === null)) {
    for (const value of opened) if (value) sodium.memzero(value);
    return null;
  }
  const [signSeed, boxSeed, hubSignPublicKey, hubBoxPublicKey] = opened as Uint8Array[];
  return {
    deviceId: record.deviceId,
    hubDeviceId: record.hubDeviceId,
    signSeed: signSeed!,
    boxSeed: boxSeed!,
    hubSignPublicKey: hubSignPublicKey!,
    hubBoxPublicKey: hubBoxPublicKey!,
  };
}
