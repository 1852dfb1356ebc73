import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import type { AtomicWriteFs } from '../../../main/fs/atomicWrite.js';
import { argon2idPresets, createWorkerKdf } from '../../../main/vault/kdf.js';
import { keystorePath } from '../../../main/vault/keystoreFile.js';
import type { Keystore } from '../../../main/vault/keystoreFormat.js';
import { formatRecoveryKey } from '../../../main/vault/recoveryKey.js';
import { loadSodium } from '../../../main/vault/sodium.js';
import { createVault, type UnlockResult } from '../../../main/vault/vault.js';
import { ADMIN, CASEWORKER_PROFILE, initializedVault, OFFICE, STAFF, tempDir, testVault } from './vaultFixtures.js';

const readStore = async (dataDir: string) => JSON.parse(await fsp.readFile(keystorePath(dataDir), 'utf8')) as Keystore;
const writeStore = (dataDir: string, store: unknown) => fsp.writeFile(keystorePath(dataDir), JSON.stringify(store));

function expectDek(result: UnlockResult): Uint8Array {
  if (!result.ok) throw new Error(`unlock failed: ${result.code} ${result.message}`);
  return result.dek;
}

async function withStaff() {
  const setup = await initializedVault();
  expectDek(await setup.vault.unlock(ADMIN.loginId, ADMIN.passphrase));
  await setup.vault.addUser(STAFF);
  setup.vault.lock();
  return setup;
}

describe('office setup', () => {
  test('creates a key store holding only wrapped keys and returns the recovery key once', async () => {
    const { vault, dataDir, events, recoveryKey, recoveryFingerprint } = await initializedVault();
    expect(recoveryKey).toMatch(/^([0-9A-Z]{4}-){13}[0-9A-Z]{4}$/);
    const store = await readStore(dataDir);
    expect(store).toMatchObject({ format: 'seiho-desk/keystore', version: 1, office: OFFICE });
    expect(store.users).toHaveLength(1);
    expect(store.users[0]?.slot?.kdf).toMatchObject({ alg: 'argon2id13', ...argon2idPresets.MIN });
    const dek = expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    const text = await fsp.readFile(keystorePath(dataDir), 'utf8');
    expect(text).not.toContain(Buffer.from(dek).toString('base64'));
    expect(text).not.toContain(ADMIN.passphrase);
    expect(events[0]).toMatchObject({ type: 'initialized', officeId: OFFICE.id, userId: ADMIN.userId, recoveryFingerprint });
    expect((await vault.status()).state).toBe('ready');
  });

  test('refuses to initialize twice', async () => {
    const { vault } = await initializedVault();
    await expect(vault.initialize({ office: OFFICE, admin: ADMIN })).rejects.toMatchObject({ code: 'ALREADY_INITIALIZED' });
  });

  test('enforces the passphrase rules with a Japanese message', async () => {
    const { vault } = await testVault();
    await expect(vault.initialize({ office: OFFICE, admin: { ...ADMIN, passphrase: 'short' } })).rejects.toMatchObject({
      code: 'WEAK_PASSPHRASE',
      message: expect.stringContaining('12文字以上'),
    });
    await expect(vault.initialize({ office: OFFICE, admin: { ...ADMIN, passphrase: 'my-id-is-KANRI01-ok' } })).rejects.toMatchObject({
      code: 'WEAK_PASSPHRASE',
      message: expect.stringContaining('ログインID'),
    });
    expect((await vault.status()).state).toBe('uninitialized');
  });

  test('with an existing recovery public key, returns no secret', async () => {
    const sodium = await loadSodium();
    const office = sodium.crypto_box_keypair();
    const { vault } = await testVault();
    const init = await vault.initialize({ office: OFFICE, admin: ADMIN, recoveryPublicKey: office.publicKey });
    expect(init.recoveryKey).toBeNull();
    await vault.resetPassphraseWithRecovery(formatRecoveryKey(office.privateKey), ADMIN.userId, 'recovered-by-office-key');
    expect((await vault.unlock(ADMIN.loginId, 'recovered-by-office-key')).ok).toBe(true);
  });
});

describe('unlock', () => {
  test('the right passphrase gives the DEK and opens a session', async () => {
    const { vault, events } = await initializedVault();
    const result = await vault.unlock(ADMIN.loginId, ADMIN.passphrase);
    expect(result).toMatchObject({ ok: true, userId: ADMIN.userId, admin: true, mustChangePassphrase: false });
    expect(expectDek(result)).toHaveLength(32);
    expect(vault.session()).toEqual({ userId: ADMIN.userId, admin: true });
    expect(events.at(-1)).toMatchObject({ type: 'unlock', userId: ADMIN.userId });
  });

  test('login id and passphrase are compared after NFKC (full-width IME input works)', async () => {
    const { vault } = await initializedVault();
    const fullWidth = (s: string) => s.replace(/[!-~]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0));
    expect((await vault.unlock(fullWidth('KANRI01'), fullWidth(ADMIN.passphrase))).ok).toBe(true);
  });

  test('a wrong passphrase gives no DEK and an audit event without secrets', async () => {
    const { vault, events } = await initializedVault();
    const result = await vault.unlock(ADMIN.loginId, 'not-the-passphrase-at-all');
    expect(result).toMatchObject({ ok: false, code: 'WRONG_PASSPHRASE', message: 'ログインIDまたはパスフレーズが正しくありません' });
    expect('dek' in result).toBe(false);
    expect(vault.session()).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'failedUnlock', loginId: ADMIN.loginId, userId: ADMIN.userId, code: 'WRONG_PASSPHRASE' });
    expect(JSON.stringify(events)).not.toContain('not-the-passphrase-at-all');
  });

  test('an unknown login id gets the same message, and the same derivation, as a wrong passphrase', async () => {
    const { vault, kdf } = await initializedVault();
    const before = kdf.calls;
    expect(await vault.unlock('nobody', ADMIN.passphrase)).toMatchObject({
      ok: false,
      code: 'NO_SUCH_USER',
      message: 'ログインIDまたはパスフレーズが正しくありません',
    });
    // Timing must not reveal which login ids exist: one Argon2id derivation, as for a real account.
    expect(kdf.calls).toBe(before + 1);
  });

  test('failed attempts are throttled with growing delays, without deriving while throttled', async () => {
    const { vault, clock, kdf } = await initializedVault();
    expect(await vault.unlock(ADMIN.loginId, 'wrong-passphrase-1')).toMatchObject({ code: 'WRONG_PASSPHRASE', retryAfterMs: 1000, attemptsLeft: 4 });
    const calls = kdf.calls;
    expect(await vault.unlock(ADMIN.loginId, ADMIN.passphrase)).toMatchObject({ code: 'THROTTLED', retryAfterMs: 1000 });
    clock.advance(600);
    const throttled = await vault.unlock(ADMIN.loginId, ADMIN.passphrase);
    expect(throttled).toMatchObject({ code: 'THROTTLED', retryAfterMs: 400, message: expect.stringContaining('1秒') });
    expect(kdf.calls).toBe(calls);
    clock.advance(400);
    expect(await vault.unlock(ADMIN.loginId, 'wrong-passphrase-2')).toMatchObject({ code: 'WRONG_PASSPHRASE', retryAfterMs: 2000, attemptsLeft: 3 });
    clock.advance(1999);
    expect(await vault.unlock(ADMIN.loginId, ADMIN.passphrase)).toMatchObject({ code: 'THROTTLED', retryAfterMs: 1 });
    clock.advance(1);
    expect(await vault.unlock(ADMIN.loginId, 'wrong-passphrase-3')).toMatchObject({ code: 'WRONG_PASSPHRASE', retryAfterMs: 4000 });
    clock.advance(4000);
    // Success resets the counter: the next failure waits the base delay again.
    expect((await vault.unlock(ADMIN.loginId, ADMIN.passphrase)).ok).toBe(true);
    expect(await vault.unlock(ADMIN.loginId, 'wrong-passphrase-4')).toMatchObject({ retryAfterMs: 1000, attemptsLeft: 4 });
  });

  test('setting the clock back does not stretch the wait beyond the delay', async () => {
    const { vault, clock } = await initializedVault();
    await vault.unlock(ADMIN.loginId, 'wrong-passphrase-1');
    clock.advance(-24 * 3600_000);
    expect(await vault.unlock(ADMIN.loginId, ADMIN.passphrase)).toMatchObject({ code: 'THROTTLED', retryAfterMs: 1000 });
  });

  test('simultaneous attempts are serialised, so the second is throttled', async () => {
    const { vault } = await initializedVault();
    const [first, second] = await Promise.all([vault.unlock(ADMIN.loginId, 'wrong-passphrase-1'), vault.unlock(ADMIN.loginId, ADMIN.passphrase)]);
    expect(first).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    expect(second).toMatchObject({ code: 'THROTTLED' });
  });

  test('locks the account after 5 failures, persistently, until an administrator unlocks it', async () => {
    const { vault, dataDir, clock, events, kdf } = await withStaff();
    for (let i = 1; i <= 4; i++) {
      expect(await vault.unlock(STAFF.loginId, `wrong-passphrase-${i}`)).toMatchObject({ code: 'WRONG_PASSPHRASE', attemptsLeft: 5 - i });
      clock.advance(60_000);
    }
    expect(await vault.unlock(STAFF.loginId, 'wrong-passphrase-5')).toMatchObject({
      ok: false,
      code: 'ACCOUNT_LOCKED',
      message: expect.stringContaining('管理者'),
    });
    expect(events.slice(-2)).toMatchObject([
      { type: 'failedUnlock', userId: STAFF.userId, code: 'WRONG_PASSPHRASE', failedAttempts: 5 },
      { type: 'accountLocked', userId: STAFF.userId, failedAttempts: 5 },
    ]);
    clock.advance(24 * 3600_000);
    const calls = kdf.calls;
    expect(await vault.unlock(STAFF.loginId, STAFF.passphrase)).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect(kdf.calls).toBe(calls);

    // The counters are in the file: a restarted app is still locked.
    const restarted = createVault({ dataDir, clock, kdf, policy: { kdfCost: argon2idPresets.MIN } });
    expect(await restarted.unlock(STAFF.loginId, STAFF.passphrase)).toMatchObject({ code: 'ACCOUNT_LOCKED' });
    expect((await readStore(dataDir)).users.find((u) => u.userId === STAFF.userId)).toMatchObject({ failedAttempts: 5, lockedAt: expect.any(String) });

    await expect(restarted.adminUnlockAccount(STAFF.userId)).rejects.toMatchObject({ code: 'NOT_AUTHORIZED' });
    expectDek(await restarted.unlock(ADMIN.loginId, ADMIN.passphrase));
    await restarted.adminUnlockAccount(STAFF.userId);
    restarted.lock();
    expect((await restarted.unlock(STAFF.loginId, STAFF.passphrase)).ok).toBe(true);
  });

  test('a slot is re-wrapped with the current Argon2id cost at the next unlock', async () => {
    const { dataDir, clock, kdf } = await initializedVault();
    const stronger = { opslimit: 2, memlimit: 16 * 1024 };
    const vault = createVault({ dataDir, clock, kdf, policy: { kdfCost: stronger } });
    const dek = expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    expect((await readStore(dataDir)).users[0]?.slot?.kdf).toMatchObject(stronger);
    vault.lock();
    expect(expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase))).toEqual(dek);
  });

  test('lock() ends the session and is audited', async () => {
    const { vault, events } = await initializedVault();
    expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    vault.lock('idle');
    expect(vault.session()).toBeNull();
    expect(events.at(-1)).toMatchObject({ type: 'lock', userId: ADMIN.userId, reason: 'idle' });
    await expect(vault.addUser(STAFF)).rejects.toMatchObject({ code: 'NOT_AUTHORIZED' });
  });

  test('a slot copied to another user does not open (bound to the user id)', async () => {
    const { dataDir, vault } = await withStaff();
    const store = await readStore(dataDir);
    const [admin, staff] = store.users;
    staff!.slot = admin!.slot;
    await writeStore(dataDir, store);
    expect(await vault.unlock(STAFF.loginId, ADMIN.passphrase)).toMatchObject({ code: 'WRONG_PASSPHRASE' });
  });

  test('the returned DEK is the caller’s copy', async () => {
    const { vault } = await withStaff();
    const first = expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    const copy = first.slice();
    first.fill(0);
    await vault.addUser({
      userId: 'u-cw2',
      loginId: 'cw.sato',
      passphrase: 'another-long-passphrase',
      profile: { ...CASEWORKER_PROFILE, displayName: '佐藤 二郎' },
    });
    vault.lock();
    expect(expectDek(await vault.unlock('cw.sato', 'another-long-passphrase'))).toEqual(copy);
  });
});

describe('users', () => {
  test('only an unlocked administrator adds users, who get the same DEK', async () => {
    const { vault, events } = await initializedVault();
    await expect(vault.addUser(STAFF)).rejects.toMatchObject({ code: 'NOT_AUTHORIZED' });
    const adminDek = expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    await vault.addUser(STAFF);
    expect(events.at(-1)).toMatchObject({ type: 'userAdded', userId: STAFF.userId, admin: false, by: ADMIN.userId });
    await expect(vault.addUser(STAFF)).rejects.toMatchObject({ code: 'DUPLICATE_USER' });
    const staff = await vault.unlock(STAFF.loginId, STAFF.passphrase);
    expect(staff).toMatchObject({ ok: true, admin: false, mustChangePassphrase: true });
    expect(expectDek(staff)).toEqual(adminDek);
    await expect(vault.addUser({ userId: 'u-x', loginId: 'x', passphrase: 'long-enough-passphrase', profile: CASEWORKER_PROFILE })).rejects.toMatchObject({
      code: 'NOT_AUTHORIZED',
    });
  });

  test('a deactivated user loses the slot and cannot unlock', async () => {
    const { vault, dataDir, events, recoveryKey } = await withStaff();
    expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    await vault.deactivateUser(STAFF.userId);
    expect(events.at(-1)).toMatchObject({ type: 'userDeactivated', userId: STAFF.userId, by: ADMIN.userId });
    expect((await readStore(dataDir)).users.find((u) => u.userId === STAFF.userId)).toMatchObject({ status: 'deactivated', slot: null });
    expect(await vault.unlock(STAFF.loginId, STAFF.passphrase)).toMatchObject({ ok: false, code: 'DEACTIVATED' });
    await expect(vault.resetPassphraseWithRecovery(recoveryKey, STAFF.userId, 'revived-by-recovery-key')).rejects.toMatchObject({ code: 'DEACTIVATED' });
  });

  test('the last administrator cannot be deactivated', async () => {
    const { vault } = await initializedVault();
    expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    await expect(vault.deactivateUser(ADMIN.userId)).rejects.toMatchObject({ code: 'LAST_ADMIN' });
  });

  test('listUsers shows state without slots', async () => {
    const { vault } = await withStaff();
    expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    const users = await vault.listUsers();
    expect(users.map((u) => u.userId)).toEqual([ADMIN.userId, STAFF.userId]);
    expect(JSON.stringify(users)).not.toContain('wrappedKey');
  });
});

describe('passphrase change and recovery', () => {
  test('re-wraps the same DEK: the old passphrase fails, the new one works; weak ones are refused', async () => {
    const { vault, clock, events } = await withStaff();
    const dek = expectDek(await vault.unlock(STAFF.loginId, STAFF.passphrase));
    expect(await vault.changePassphrase(STAFF.loginId, STAFF.passphrase, 'short')).toMatchObject({ code: 'WEAK_PASSPHRASE' });
    expect(await vault.changePassphrase(STAFF.loginId, STAFF.passphrase, STAFF.passphrase)).toMatchObject({ code: 'WEAK_PASSPHRASE' });
    expect(await vault.changePassphrase(STAFF.loginId, 'wrong-current-passphrase', 'a-fresh-and-long-passphrase')).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    clock.advance(1000);
    expect(await vault.changePassphrase(STAFF.loginId, STAFF.passphrase, 'a-fresh-and-long-passphrase')).toEqual({ ok: true });
    expect(events.at(-1)).toMatchObject({ type: 'passphraseChanged', userId: STAFF.userId, via: 'self' });
    expect(await vault.unlock(STAFF.loginId, STAFF.passphrase)).toMatchObject({ code: 'WRONG_PASSPHRASE' });
    clock.advance(1000);
    const result = await vault.unlock(STAFF.loginId, 'a-fresh-and-long-passphrase');
    expect(result).toMatchObject({ mustChangePassphrase: false });
    expect(expectDek(result)).toEqual(dek);
  });

  test('the recovery key resets a forgotten passphrase and clears a lockout', async () => {
    const { vault, clock, recoveryKey, events } = await withStaff();
    const dek = expectDek(await vault.unlock(ADMIN.loginId, ADMIN.passphrase));
    vault.lock();
    for (let i = 0; i < 5; i++, clock.advance(600_000)) await vault.unlock(ADMIN.loginId, `forgotten-${i}-passphrase`);
    expect(await vault.unlock(ADMIN.loginId, ADMIN.passphrase)).toMatchObject({ code: 'ACCOUNT_LOCKED' });

    // As typed from the sheet: lower case, spaces instead of hyphens.
    const typed = recoveryKey.toLowerCase().replaceAll('-', ' ');
    await vault.resetPassphraseWithRecovery(typed, ADMIN.userId, 'new-passphrase-after-recovery');
    expect(events.at(-1)).toMatchObject({ type: 'passphraseChanged', userId: ADMIN.userId, via: 'recovery' });
    const result = await vault.unlock(ADMIN.loginId, 'new-passphrase-after-recovery');
    expect(result).toMatchObject({ ok: true, mustChangePassphrase: true });
    expect(expectDek(result)).toEqual(dek);
  });

  test('refuses a mistyped or foreign recovery key', async () => {
    const { vault, recoveryKey } = await initializedVault();
    const typo = recoveryKey.replace(/^./, (c) => (c === 'A' ? 'B' : 'A'));
    await expect(vault.resetPassphraseWithRecovery(typo, ADMIN.userId, 'new-passphrase-after-recovery')).rejects.toMatchObject({
      code: 'RECOVERY_KEY_INVALID',
      message: expect.stringContaining('確認用文字'),
    });
    const sodium = await loadSodium();
    const foreign = formatRecoveryKey(sodium.crypto_box_keypair().privateKey);
    await expect(vault.resetPassphraseWithRecovery(foreign, ADMIN.userId, 'new-passphrase-after-recovery')).rejects.toMatchObject({
      code: 'RECOVERY_KEY_MISMATCH',
    });
    expect((await vault.unlock(ADMIN.loginId, ADMIN.passphrase)).ok).toBe(true);
  });
});

describe('damaged key store', () => {
  const damage: Record<string, (text: string) => string> = {
    'bad JSON': () => '{"format": "seiho-desk/keystore", ',
    truncated: (text) => text.slice(0, Math.floor(text.length / 2)),
    'unknown version': (text) => text.replace('"version": 1', '"version": 2'),
    'missing field': (text) => JSON.stringify({ ...JSON.parse(text), keyCheck: undefined }),
    'bad salt length': (text) => {
      const store = JSON.parse(text) as Keystore;
      store.users[0]!.slot!.kdf.salt = 'AAAA';
      return JSON.stringify(store);
    },
    'absurd memory limit': (text) => {
      const store = JSON.parse(text) as Keystore;
      store.users[0]!.slot!.kdf.memlimit = 64 * 1024 ** 3;
      return JSON.stringify(store);
    },
    'empty file': () => '',
  };
  test.each(Object.keys(damage))('%s → KEYSTORE_DAMAGED, never recreated', async (kind) => {
    const { vault, dataDir, kdf } = await initializedVault();
    const damaged = damage[kind]!(await fsp.readFile(keystorePath(dataDir), 'utf8'));
    await fsp.writeFile(keystorePath(dataDir), damaged);
    const calls = kdf.calls;
    expect(await vault.unlock(ADMIN.loginId, ADMIN.passphrase)).toMatchObject({
      ok: false,
      code: 'KEYSTORE_DAMAGED',
      message: expect.stringContaining('破損'),
    });
    expect(kdf.calls).toBe(calls);
    expect(await vault.status()).toMatchObject({ state: 'damaged' });
    await expect(vault.initialize({ office: OFFICE, admin: ADMIN })).rejects.toMatchObject({ code: 'KEYSTORE_DAMAGED' });
    expect(await fsp.readFile(keystorePath(dataDir), 'utf8')).toBe(damaged);
  });

  test('a missing key store means not initialized', async () => {
    const { vault } = await testVault();
    expect(await vault.unlock(ADMIN.loginId, ADMIN.passphrase)).toMatchObject({ code: 'NOT_INITIALIZED' });
  });
});

describe('key store writes', () => {
  test('a write failing midway leaves the old key store intact and no temporary file', async () => {
    const { dataDir, clock, kdf } = await withStaff();
    const before = await fsp.readFile(keystorePath(dataDir), 'utf8');
    const failingFs: AtomicWriteFs = {
      ...fsp,
      open: (async (path: string, flags?: string, mode?: number) => {
        const handle = await fsp.open(path, flags, mode);
        if (flags !== 'wx') return handle;
        // Writes half of the new content, then the disk "fills up".
        return Object.assign(Object.create(handle) as fsp.FileHandle, {
          writeFile: async (data: string) => {
            await handle.write(data.slice(0, data.length / 2));
            throw Object.assign(new Error('ENOSPC: no space left on device'), { code: 'ENOSPC' });
          },
          sync: () => handle.sync(),
          close: () => handle.close(),
        });
      }) as AtomicWriteFs['open'],
    };
    const vault = createVault({ dataDir, clock, kdf, policy: { kdfCost: argon2idPresets.MIN }, fs: failingFs });
    await expect(vault.changePassphrase(STAFF.loginId, STAFF.passphrase, 'a-fresh-and-long-passphrase')).rejects.toThrow('ENOSPC');
    expect(await fsp.readFile(keystorePath(dataDir), 'utf8')).toBe(before);
    expect(await fsp.readdir(dataDir)).toEqual(['keystore.json']);
    expect((await vault.unlock(STAFF.loginId, STAFF.passphrase)).ok).toBe(true);
  });

  test('the key store file is readable by its owner only', async () => {
    const { dataDir } = await initializedVault();
    if (process.platform !== 'win32') expect((await fsp.stat(join(dataDir, 'keystore.json'))).mode & 0o777).toBe(0o600);
  });
});

test('the whole path with the worker-thread KDF', async () => {
  const dataDir = await tempDir();
  const vault = createVault({ dataDir, kdf: createWorkerKdf(), policy: { kdfCost: argon2idPresets.MIN } });
  await vault.initialize({ office: OFFICE, admin: ADMIN });
  expect(await vault.unlock(ADMIN.loginId, 'wrong-passphrase-here')).toMatchObject({ code: 'WRONG_PASSPHRASE' });
  const noDelay = createVault({
    dataDir,
    kdf: createWorkerKdf(),
    policy: { kdfCost: argon2idPresets.MIN, lockout: { maxFailures: 5, baseDelayMs: 0, maxDelayMs: 0 } },
  });
  expect(expectDek(await noDelay.unlock(ADMIN.loginId, ADMIN.passphrase))).toHaveLength(32);
});
