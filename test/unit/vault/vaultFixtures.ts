import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach } from 'vitest';
import { argon2idPresets, createInlineKdf, type Kdf, type KdfParams } from '../../../main/vault/kdf.js';
import { createVault, type VaultEvent, type VaultOptions } from '../../../main/vault/vault.js';

/** Fresh temporary data folders, removed after each test. */
const dirs: string[] = [];
export async function tempDir(): Promise<string> {
  const dir = await mkdtemp(join(tmpdir(), 'seiho-vault-'));
  dirs.push(dir);
  return dir;
}
afterEach(async () => {
  await Promise.all(dirs.splice(0).map((dir) => rm(dir, { recursive: true, force: true })));
});

export function fakeClock(start = Date.parse('2026-04-01T09:00:00.000Z')) {
  let now = start;
  return {
    now: () => now,
    advance: (ms: number) => {
      now += ms;
    },
  };
}

/** The in-thread KDF, counting derivations so tests can tell a refused attempt from a tried one. */
export function countingKdf() {
  const inner = createInlineKdf();
  const kdf = {
    calls: 0,
    derive(passphrase: Uint8Array, params: KdfParams) {
      kdf.calls += 1;
      return inner.derive(passphrase, params);
    },
  } satisfies Kdf & { calls: number };
  return kdf;
}

export const ADMIN = { userId: 'u-admin', loginId: 'kanri01', passphrase: 'さくら並木の朝は早い-2026', displayName: '管理 花子' };
export const CASEWORKER_PROFILE = { displayName: '田中 一郎', role: 'caseworker' as const, teamId: 'team-1' };
export const STAFF = { userId: 'u-cw1', loginId: 'cw.tanaka', passphrase: 'blue-kettle-on-the-stove', profile: CASEWORKER_PROFILE };
export const OFFICE = { id: 'office-13101', name: '千代田区福祉事務所' };

/** A vault on a temporary folder with the cheapest Argon2id limits, a fake clock and an event log. */
export async function testVault(overrides: Partial<VaultOptions> = {}) {
  const dataDir = overrides.dataDir ?? (await tempDir());
  const clock = fakeClock();
  const kdf = countingKdf();
  const events: VaultEvent[] = [];
  const vault = createVault({
    dataDir,
    clock,
    kdf,
    policy: { kdfCost: argon2idPresets.MIN },
    onEvent: (event) => events.push(event),
    ...overrides,
  });
  return { vault, dataDir, clock, kdf, events };
}

export async function initializedVault(overrides: Partial<VaultOptions> = {}) {
  const setup = await testVault(overrides);
  const init = await setup.vault.initialize({ office: OFFICE, admin: ADMIN });
  return { ...setup, recoveryKey: init.recoveryKey!, recoveryFingerprint: init.recoveryFingerprint };
}
