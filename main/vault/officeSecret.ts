import { openUnderKey, wrapUnderKey } from './keySlot.js';
import type { Keystore, WrappedSecret } from './keystoreFormat.js';
import type { Sodium } from './sodium.js';

/**
 * The office root secret: every office key is derived from it (the exchange keys and settings MAC key,
 * linkage/exchangeSigner.ts; the backup signing key, backup/backupSigner.ts), so the office's public keys do not
 * change when the DEK does. Kept in the key store wrapped under the DEK (`officeSecret`); offices set up before it
 * existed have none until their first rotation, and their root is the DEK itself — which keeps their registered
 * public keys. (It is not wrapped at an unlock: the DEK under itself would be a key cycle.)
 */
const BINDING = 'office';

/** A copy of the root under `dek` (the key store's current key), which the caller wipes; null if it does not open. */
export function officeSecretOf(sodium: Sodium, keystore: Pick<Keystore, 'officeSecret' | 'keyId'>, dek: Uint8Array): Uint8Array | null {
  return keystore.officeSecret ? openUnderKey(sodium, keystore.officeSecret, dek, { name: BINDING, keyId: keystore.keyId }) : dek.slice();
}

/** The root wrapped under a DEK (a new office's random root, or the root re-wrapped at a rotation). */
export const wrapOfficeSecret = (sodium: Sodium, secret: Uint8Array, dek: Uint8Array, keyId: string): WrappedSecret =>
  wrapUnderKey(sodium, secret, dek, { name: BINDING, keyId });
