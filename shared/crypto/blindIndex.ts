import { canonicalJson } from './canonicalJson.js';
import type { Sodium } from './sodium.js';

/**
 * Keyed BLAKE2b of a value, for equality lookups and idempotency keys over data that must stay sealed (a
 * 宛名番号 inside a linkage key). The key is a subkey of the DEK, so the index means nothing without it. It still
 * leaks equality and frequency; use it only where equality is the point.
 */
const BLIND_CONTEXT = 'seihobix';

export const deriveBlindKey = (sodium: Sodium, dataKey: Uint8Array) => sodium.crypto_kdf_derive_from_key(32, 1, BLIND_CONTEXT, dataKey);

export const blindIndex = (sodium: Sodium, blindKey: Uint8Array, value: unknown) =>
  sodium.to_hex(sodium.crypto_generichash(16, sodium.from_string(canonicalJson(value)), blindKey));
