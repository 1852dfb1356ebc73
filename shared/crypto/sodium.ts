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
 * The WebAssembly module under the wrappers (`sodium.libsodium`), for the batch opener in aead.ts: the wrappers
 * allocate, copy and free every argument on every call, which costs more than the cipher on a row-sized message.
 * Only what that opener calls; addresses are byte offsets into `HEAPU8`, which is replaced when the memory grows.
 */
export interface SodiumModule {
  readonly HEAPU8: Uint8Array;
  _malloc(size: number): number;
  _free(address: number): void;
  /** 64-bit lengths are passed as (low, high) 32-bit halves; returns 0 when the message opened. */
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
  if (typeof module?._malloc !== 'function' || typeof module._free !== 'function' || typeof module._crypto_aead_xchacha20poly1305_ietf_decrypt !== 'function')
    throw new Error('libsodium: this build does not expose its WebAssembly module');
  return module as SodiumModule;
}
