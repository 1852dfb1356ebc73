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
