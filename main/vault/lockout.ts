import type { KeystoreUser } from './keystoreFormat.js';

/**
 * Failed unlocks: after each one the next attempt waits longer (base, 2×base, 4×base … up to max), and after
 * `maxFailures` in a row the account stays locked until an administrator unlocks it. Argon2id makes one guess
 * cost ~0.6 s; this makes guessing at the login screen hopeless rather than merely slow.
 */
export type LockoutPolicy = { maxFailures: number; baseDelayMs: number; maxDelayMs: number };
export const defaultLockoutPolicy: LockoutPolicy = { maxFailures: 5, baseDelayMs: 1_000, maxDelayMs: 5 * 60_000 };

export function retryDelayMs(failures: number, policy: LockoutPolicy): number {
  if (failures <= 0) return 0;
  return Math.min(policy.baseDelayMs * 2 ** (failures - 1), policy.maxDelayMs);
}

/**
 * How long the user must still wait before the next attempt. Clamped to the full delay, so setting the clock
 * back cannot stretch the wait forever, and setting it forward is bounded by the lock after `maxFailures`.
 */
export function remainingWaitMs(user: Pick<KeystoreUser, 'failedAttempts' | 'lastFailureAt'>, now: number, policy: LockoutPolicy): number {
  if (user.failedAttempts === 0 || user.lastFailureAt === null) return 0;
  const delay = retryDelayMs(user.failedAttempts, policy);
  const waited = now - Date.parse(user.lastFailureAt);
  return Math.min(delay, Math.max(0, delay - waited));
}
