import sodium from 'libsodium-wrappers-sumo';

/**
 * The sumo build, because only it has `crypto_pwhash` (Argon2id); the standard build's types declare it anyway,
 * so the wrong import would compile and fail at run time. Functions exist only after `ready`.
 */
export type Sodium = typeof sodium;

export async function loadSodium(): Promise<Sodium> {
  await sodium.ready;
  return sodium;
}
