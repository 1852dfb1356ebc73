import sodium from 'libsodium-wrappers-sumo';

/**
 * libsodium, loaded once. Its functions exist only after `ready`, and after that they are synchronous — which is
 * what lets the data layer encrypt inside an IndexedDB transaction (any other await would commit it).
 * The sumo build, because the main process needs `crypto_pwhash` and one build keeps the formats identical.
 */
export type Sodium = typeof sodium;

export async function loadSodium(): Promise<Sodium> {
  await sodium.ready;
  return sodium;
}

/**
 * The WebAssembly module under the wrappers (`sodium.libsodium`), for sealing and opening rows in aead.ts: the
 * wrappers allocate, copy and free every argument on every call — more than the cipher costs on a row-sized
 * message — and leave the key and the plaintext in the freed memory.
 * Only what that opener calls; addresses are byte offsets into `HEAPU8`, which is replaced when the memory grows.
 */
export interface SodiumModule {
  readonly HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(address: number): void;
  /** 64-bit lengths are passed as (low, high) 32-bit halves; returns 0 on success. */
  _crypto_aead_xchacha20poly1305_ietf_encrypt(
    ciphertext: number,
    ciphertextLength: number,
    message: number,
    messageLengthLow: number,
    messageLengthHigh: number,
    associatedData: number,
    associatedDataLengthLow: number,
    associatedDataLengthHigh: number,
    secretNonce: number,
    nonce: number,
    key: number,
  ): number;
  /** As encrypt; returns 0 when the message opened. */
  _crypto_aead_xchacha20poly1305_ietf_decrypt(
    message: number,
    messageLength: number,
    secretNonce: number,
    ciphertext: number,
    ciphertextLengthLow: number,
    ciphertextLengthHigh: number,
    associatedData: number,
    associatedDataLengthLow: number,
    associatedDataLengthHigh: number,
    nonce: number,
    key: number,
  ): number;
}

export function sodiumModule(sodium: Sodium): SodiumModule {
  const module = (sodium as unknown as { libsodium?: Partial<SodiumModule> }).libsodium;
  const exported = ['_malloc', '_free', '_crypto_aead_xchacha20poly1305_ietf_encrypt', '_crypto_aead_xchacha20poly1305_ietf_decrypt'] as const;
  if (!module || exported.some((name) => typeof module[name] !== 'function')) throw new Error('libsodium: this build does not expose its WebAssembly module');
  return module as SodiumModule;
}
