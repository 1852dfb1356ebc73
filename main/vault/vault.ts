import { randomUUID } from 'node:crypto';
import type { StaffProfile } from '../../shared/auth/roles.js';
import type { AtomicWriteFs } from '../fs/atomicWrite.js';
import { deriveOfficeKeys, exchangeKeyFingerprint, type OfficeKeyGenerations, type OfficeKeys } from '../linkage/exchangeSigner.js';
import { argon2idPresets, createWorkerKdf, SALT_BYTES, type Argon2idCost, type Kdf } from './kdf.js';
import { deriveBlindKey } from '../../shared/crypto/blindIndex.js';
import {
  keyCheck,
  openPendingChain,
  openSealedKey,
  openSlot,
  openUnderKey,
  sealKey,
  sealPendingKey,
  toBase64,
  wrapKey,
  wrapUnderKey,
  DEK_BYTES,
} from './keySlot.js';
import { readKeystore, writeKeystore } from './keystoreFile.js';
import { officeSecretOf, wrapOfficeSecret } from './officeSecret.js';
import { attestedSigner, backupSigningKeyPair } from '../backup/backupSigner.js';
import { KEYSTORE_FORMAT, KEYSTORE_VERSION, type KeySlot, type Keystore, type KeystoreUser } from './keystoreFormat.js';
import { defaultLockoutPolicy, remainingWaitMs, retryDelayMs, type LockoutPolicy } from './lockout.js';
import { checkPassphrase, defaultPassphrasePolicy, normalizeLoginId, normalizePassphrase, passphraseBytes, type PassphrasePolicy } from './passphrase.js';
import { formatRecoveryKey, parseRecoveryKey, recoveryKeyFingerprint } from './recoveryKey.js';
import { loadSodium, type Sodium } from './sodium.js';
import { hubSyncKeyPairs, openSyncRecord, syncKeyPairsOf, wrapSyncRecord, type EnrolledSyncKeys, type SyncKeyPairs } from './syncKeys.js';
import { VaultError } from './vaultError.js';

export type Clock = { now(): number };
export const systemClock: Clock = { now: () => Date.now() };

export type VaultPolicy = { kdfCost: Argon2idCost; lockout: LockoutPolicy; passphrase: PassphrasePolicy };
export const defaultVaultPolicy: VaultPolicy = {
  kdfCost: argon2idPresets.MODERATE,
  lockout: defaultLockoutPolicy,
  passphrase: defaultPassphrasePolicy,
};

export type LockReason = 'manual' | 'idle' | 'suspend' | 'userSwitch' | 'deactivated';

export type UnlockFailureCode = 'WRONG_PASSPHRASE' | 'THROTTLED' | 'ACCOUNT_LOCKED' | 'NO_SUCH_USER' | 'DEACTIVATED' | 'KEYSTORE_DAMAGED' | 'NOT_INITIALIZED';

/** For the audit log. Never carries a passphrase, a key or a slot. */
export type VaultEvent = { at: string } & (
  | { type: 'initialized'; officeId: string; userId: string; recoveryFingerprint: string }
  | { type: 'unlock'; userId: string }
  | { type: 'failedUnlock'; loginId: string; userId: string | null; code: UnlockFailureCode; failedAttempts: number | null }
  | { type: 'lock'; userId: string; reason: LockReason }
  | { type: 'accountLocked'; userId: string; failedAttempts: number }
  | { type: 'accountUnlocked'; userId: string; by: string }
  | { type: 'userAdded'; userId: string; admin: boolean; by: string }
  | { type: 'passphraseChanged'; userId: string; via: 'self' | 'recovery' }
  | { type: 'userDeactivated'; userId: string; by: string; rotateKey: boolean }
  /** The administrator changed a user's 役割 or 班 (`fields`: the profile fields changed, comma-separated). */
  | { type: 'userProfileChanged'; userId: string; by: string; fields: string }
  | { type: 'keyRotationStarted'; userId: string; fromKeyId: string; toKeyId: string; reason: KeyRotationReason }
  | { type: 'keyRotationFinished'; userId: string; fromKeyId: string; toKeyId: string; rowsResealed: number }
  | { type: 'backupSignerAttested'; userId: string; publicKeyFingerprint: string }
  | {
      type: 'setUpFromEnrolment';
      userId: string;
      officeId: string;
      deviceId: string;
      hubDeviceId: string;
      /** The users who set their passphrase at set-up, comma-separated ids. */
      users: string;
      recoveryFingerprint: string;
    }
);
/** Why a rotation was started: by itself, or as the administrator's choice when deactivating a user. */
export type KeyRotationReason = 'manual' | 'deactivation';
/** What the renderer needs while rows are re-sealed: the new DEK to write with, the previous one to read the rest. */
export type RotationKeys = { keyId: string; dek: Uint8Array; previous: { keyId: string; dek: Uint8Array } };
type WithoutTime<E> = E extends unknown ? Omit<E, 'at'> : never;
type EventBody = WithoutTime<VaultEvent>;

export type UnlockFailure = { ok: false; code: UnlockFailureCode; message: string; retryAfterMs?: number; attemptsLeft?: number };
export type UnlockResult =
  | {
      ok: true;
      /** A copy for the caller (to hand to the renderer once); the caller wipes it with memzero when sent. */
      dek: Uint8Array;
      keyId: string;
      userId: string;
      admin: boolean;
      profile: StaffProfile;
      /** While a rotation's rows are re-sealed: the previous DEK (a copy; the caller wipes it), else null. */
      previous: { keyId: string; dek: Uint8Array } | null;
      /** The blind-index key, which does not rotate (a copy; the caller wipes it). */
      blindKey: Uint8Array;
      /** The slot was set by an administrator (or at recovery) and the user has not chosen their own yet. */
      mustChangePassphrase: boolean;
    }
  | UnlockFailure;
export type ChangePassphraseResult = { ok: true } | UnlockFailure | { ok: false; code: 'WEAK_PASSPHRASE'; message: string };

export type VaultStatus =
  | { state: 'uninitialized' }
  | { state: 'damaged'; message: string }
  | { state: 'ready'; office: { id: string; name: string }; recoveryFingerprint: string; session: { userId: string; admin: boolean } | null };

export type VaultUserSummary = Pick<
  KeystoreUser,
  'userId' | 'loginId' | 'admin' | 'profile' | 'status' | 'failedAttempts' | 'createdAt' | 'passphraseChangedAt'
> & {
  locked: boolean;
};

/**
 * This device's sync keys for the unlocked session (syncKeys.ts): the hub's derived from the office root, an enrolled
 * device's from its key store, with the hub's id and public keys. Copies; the caller calls `wipe()`.
 */
export type SessionSyncKeys = SyncKeyPairs & {
  officeId: string;
  /** The device id the key store was enrolled as; null on the hub (its id is in device.json). */
  deviceId: string | null;
  hub: { deviceId: string; signPublicKey: Uint8Array; boxPublicKey: Uint8Array } | null;
  wipe(): void;
};

/** What a device's set-up from an enrolment file gives the vault (main/sync/enrolmentFile.ts opened it). */
export type EnrolmentSetup = {
  office: { id: string; name: string };
  users: { userId: string; loginId: string; passphrase: string; profile: StaffProfile }[];
  /** The office's blind-index key, the same on every device. */
  blindKey: Uint8Array;
  sync: EnrolledSyncKeys;
};

export type VaultOptions = {
  dataDir: string;
  clock?: Clock;
  kdf?: Kdf;
  policy?: Partial<VaultPolicy>;
  /** Audit sink; called synchronously after the change is on disk. Must not throw. */
  onEvent?: (event: VaultEvent) => void;
  /** Replaces the file operations of key store writes (tests simulate a failing disk). */
  fs?: AtomicWriteFs;
};

const messages = {
  credentials: 'ログインIDまたはパスフレーズが正しくありません',
  locked: 'パスフレーズを続けて間違えたため、このアカウントはロックされています。管理者にロック解除を依頼してください',
  deactivated: 'このアカウントは無効化されています。管理者に確認してください',
  notInitialized: 'この端末はまだ初期設定されていません。管理者が初期設定を行ってください',
  damaged: (reason: string) => `鍵ファイル（keystore.json）が破損しています。管理者に連絡し、バックアップから復元してください（${reason}）`,
  noPendingKey: '更新後のデータ鍵をこのアカウントで開けません。管理者に回復キーでのパスフレーズ再設定を依頼してください',
  throttled: (ms: number) => `続けて失敗したため、あと${Math.ceil(ms / 1000)}秒待ってから入力してください`,
};

/**
 * The vault: the key store file and the unlocked session. All operations run one at a time, so two unlock
 * attempts cannot both pass the throttle check before either records its failure, and the file is never
 * written by two operations at once. While unlocked the vault holds one copy of the DEK (administrators need
 * it to add users); `lock()` wipes it.
 */
export function createVault(options: VaultOptions) {
  const { dataDir } = options;
  const clock = options.clock ?? systemClock;
  const kdf = options.kdf ?? createWorkerKdf();
  const policy: VaultPolicy = { ...defaultVaultPolicy, ...options.policy };
  const iso = () => new Date(clock.now()).toISOString();
  const emit = (event: EventBody) => options.onEvent?.({ at: iso(), ...event } as VaultEvent);
  const save = (keystore: Keystore) => writeKeystore(dataDir, keystore, options.fs);

  let session: { userId: string; admin: boolean; keyId: string; dek: Uint8Array } | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  async function load(): Promise<Keystore> {
    const read = await readKeystore(dataDir);
    if (read.state === 'missing') throw new VaultError('NOT_INITIALIZED', messages.notInitialized);
    if (read.state === 'damaged') throw new VaultError('KEYSTORE_DAMAGED', messages.damaged(read.reason));
    return read.keystore;
  }

  function findUser(keystore: Keystore, userId: string): KeystoreUser {
    const user = keystore.users.find((u) => u.userId === userId);
    if (!user) throw new VaultError('NO_SUCH_USER', `利用者が見つかりません: ${userId}`);
    return user;
  }

  /** Checks the session is an administrator's and still fits this key store; returns who is acting. */
  function requireAdmin(sodium: Sodium, keystore: Keystore): { by: string; dek: Uint8Array } {
    const admin = session && keystore.users.find((u) => u.userId === session?.userId && u.admin && u.status === 'active');
    if (!session || !admin) throw new VaultError('NOT_AUTHORIZED', 'この操作には管理者のロック解除が必要です');
    if (session.keyId !== keystore.keyId || keyCheck(sodium, session.dek) !== keystore.keyCheck) {
      throw new VaultError('NOT_AUTHORIZED', '鍵ファイルが変更されています。もう一度ロック解除してください');
    }
    return { by: session.userId, dek: session.dek };
  }

  function requirePassphrase(passphrase: string, loginId: string) {
    const problem = checkPassphrase(passphrase, loginId, policy.passphrase);
    if (problem) throw new VaultError('WEAK_PASSPHRASE', problem);
  }

  function endSession(reason: LockReason) {
    if (!session) return;
    const { userId, dek } = session;
    dek.fill(0);
    session = null;
    emit({ type: 'lock', userId, reason });
  }

  /** Refuses, before anything changes, a rotation that could not complete or would lock someone out. */
  function checkRotatable(keystore: Keystore, leaving?: string) {
    if (keystore.rotation) {
      throw new VaultError('ROTATION_IN_PROGRESS', '前回のデータ鍵の更新（記録の再暗号化）がまだ終わっていません。終わってからもう一度更新してください');
    }
    const withoutKeyPair = keystore.users.filter((u) => u.status === 'active' && u.userId !== leaving && u.slot && !u.slot.box);
    if (withoutKeyPair.length > 0) {
      throw new VaultError(
        'ROTATION_BLOCKED',
        `次の利用者は鍵の更新を受け取る鍵ペアがまだありません。一度ログインしてもらうか、回復キーでパスフレーズを再設定してから更新してください: ${withoutKeyPair.map((u) => u.loginId).join('、')}`,
      );
    }
  }

  /**
   * The rotation itself, on a key store the caller has checked: a new DEK and key id; for each active user the
   * new DEK sealed to their slot's public key (their slot keeps opening the previous key, named in `slot.keyId`,
   * until their next unlock re-wraps it); the recovery slot re-sealed; the keys kept under the DEK re-wrapped;
   * the previous DEK wrapped under the new one for the re-seal. Saves, moves the session to the new key and
   * returns copies of both keys.
   */
  async function rotateAndSave(sodium: Sodium, keystore: Keystore, admin: { by: string; dek: Uint8Array }): Promise<RotationKeys> {
    const fromKeyId = keystore.keyId;
    const keyId = randomUUID();
    // Copies: lock() may wipe the session's key while the key store is written.
    const previousDek = admin.dek.slice();
    const dek = sodium.randombytes_buf(DEK_BYTES);
    const blindKey = keystore.indexKey
      ? openUnderKey(sodium, keystore.indexKey, previousDek, { name: 'index', keyId: fromKeyId })
      : deriveBlindKey(sodium, previousDek);
    try {
      if (!blindKey) throw new VaultError('KEYSTORE_DAMAGED', messages.damaged('データ鍵で開けない鍵があります'));
      for (const user of keystore.users) {
        const box = user.status === 'active' ? user.slot?.box : undefined;
        if (!user.slot || !box) continue;
        const slotKeyId = user.slot.keyId ?? fromKeyId;
        user.slot = { ...user.slot, keyId: slotKeyId };
        user.pendingKeys = [...(user.pendingKeys ?? []), sealPendingKey(sodium, box.publicKey, { userId: user.userId, keyId, fromKeyId }, dek, previousDek)];
      }
      keystore.recovery = { ...keystore.recovery, sealedKey: sealKey(sodium, dek, keystore.recovery.publicKey) };
      keystore.indexKey = wrapUnderKey(sodium, blindKey, dek, { name: 'index', keyId });
      rewrapSecretsUnderDek(sodium, keystore, { keyId: fromKeyId, dek: previousDek }, { keyId, dek });
      keystore.rotation = {
        fromKeyId,
        previousKey: wrapUnderKey(sodium, previousDek, dek, { name: `previous:${fromKeyId}`, keyId }),
        startedAt: iso(),
        by: admin.by,
      };
      keystore.keyId = keyId;
      keystore.keyCheck = keyCheck(sodium, dek);
      await save(keystore);
    } catch (error) {
      sodium.memzero(dek);
      sodium.memzero(previousDek);
      throw error;
    } finally {
      if (blindKey) sodium.memzero(blindKey);
    }
    if (session?.userId === admin.by) {
      sodium.memzero(session.dek);
      session = { ...session, keyId, dek: dek.slice() };
    }
    return { keyId, dek, previous: { keyId: fromKeyId, dek: previousDek } };
  }

  /**
   * Rotation hook: every secret kept under the DEK is re-wrapped from the previous key to the new one, so what is
   * derived from it (the office's exchange and settings keys) stays the same. Add new secrets under the DEK here.
   */
  function rewrapSecretsUnderDek(sodium: Sodium, keystore: Keystore, from: { keyId: string; dek: Uint8Array }, to: { keyId: string; dek: Uint8Array }) {
    const officeSecret = officeSecretOf(sodium, { ...keystore, keyId: from.keyId }, from.dek);
    if (!officeSecret) throw new VaultError('KEYSTORE_DAMAGED', messages.damaged('事務所の鍵をデータ鍵で開けません'));
    keystore.officeSecret = wrapOfficeSecret(sodium, officeSecret, to.dek, to.keyId);
    sodium.memzero(officeSecret);
    if (keystore.sync) {
      const sync = openSyncRecord(sodium, keystore.sync, from.dek, from.keyId);
      if (!sync) throw new VaultError('KEYSTORE_DAMAGED', messages.damaged('同期の鍵をデータ鍵で開けません'));
      keystore.sync = wrapSyncRecord(sodium, sync, to.dek, to.keyId);
      wipeSync(sodium, sync);
    }
  }

  /** The recovery key's attestation of the office's backup signing key (backup/backupSigner.ts), for the key store. */
  function attestWith(sodium: Sodium, keystore: Keystore, dek: Uint8Array, recoverySecretKey: Uint8Array): NonNullable<Keystore['backupSigner']> {
    const officeSecret = officeSecretOf(sodium, keystore, dek);
    if (!officeSecret) throw new VaultError('KEYSTORE_DAMAGED', messages.damaged('事務所の鍵をデータ鍵で開けません'));
    try {
      return attestedSigner(sodium, { officeId: keystore.office.id, officeSecret, recoverySecretKey, at: iso() });
    } finally {
      sodium.memzero(officeSecret);
    }
  }

  /**
   * Runs `use` with a copy of the office root secret (officeSecret.ts), wiped afterwards: for an administrator's
   * session (`admin`) or any unlocked one (`session`). Every office key is derived through here.
   */
  function withOfficeSecret<T>(
    scope: 'admin' | 'session',
    use: (sodium: Sodium, officeSecret: Uint8Array, keystore: Keystore, dek: Uint8Array) => T,
  ): Promise<T> {
    return serialize(async () => {
      const sodium = await loadSodium();
      const keystore = await load();
      if (scope === 'session' && !session) throw new VaultError('NOT_AUTHORIZED', 'ロックされています。もう一度ログインしてください');
      const { dek } = scope === 'admin' ? requireAdmin(sodium, keystore) : { dek: session!.dek };
      const officeSecret = officeSecretOf(sodium, keystore, dek);
      if (!officeSecret) throw new VaultError('KEYSTORE_DAMAGED', messages.damaged('事務所の鍵をデータ鍵で開けません'));
      try {
        return use(sodium, officeSecret, keystore, dek);
      } finally {
        sodium.memzero(officeSecret);
      }
    });
  }

  /** Wraps the current DEK in a fresh slot for the user (new salt, new key pair); what was pending for them is done. */
  async function rewrapSlot(sodium: Sodium, keystore: Keystore, user: KeystoreUser, dek: Uint8Array, passphrase: string) {
    const bytes = passphraseBytes(passphrase);
    try {
      user.slot = await wrapKey(sodium, kdf, dek, bytes, policy.kdfCost, { userId: user.userId, keyId: keystore.keyId });
      delete user.pendingKeys;
    } finally {
      sodium.memzero(bytes);
    }
  }

  /**
   * What an unlocked session hands the renderer beside the DEK: the previous DEK while a rotation's rows are
   * re-sealed, and the blind-index key (kept apart from the DEK since the first rotation). Copies; the caller wipes.
   */
  function keysBesideDek(
    sodium: Sodium,
    keystore: Keystore,
    dek: Uint8Array,
  ): { previous: { keyId: string; dek: Uint8Array } | null; blindKey: Uint8Array } | null {
    const { rotation, indexKey } = keystore;
    const previousDek = rotation && openUnderKey(sodium, rotation.previousKey, dek, { name: `previous:${rotation.fromKeyId}`, keyId: keystore.keyId });
    const blindKey = indexKey ? openUnderKey(sodium, indexKey, dek, { name: 'index', keyId: keystore.keyId }) : deriveBlindKey(sodium, dek);
    if ((rotation && !previousDek) || !blindKey) {
      if (previousDek) sodium.memzero(previousDek);
      if (blindKey) sodium.memzero(blindKey);
      return null;
    }
    return { previous: rotation && previousDek ? { keyId: rotation.fromKeyId, dek: previousDek } : null, blindKey };
  }

  /**
   * A rotation happened since this user's last unlock: their slot opened the key it replaced, and their pending
   * keys lead from it to the current one. Null when they do not (the slot missed a rotation it had no key pair
   * for, or the key store was altered). Wipes the slot's key.
   */
  function takePendingKey(
    sodium: Sodium,
    keystore: Keystore,
    user: KeystoreUser,
    slotKeyId: string,
    opened: { dek: Uint8Array; boxSecret: Uint8Array | null },
  ): Uint8Array | null {
    const last = opened.boxSecret && openPendingChain(sodium, user.pendingKeys ?? [], user.userId, opened.boxSecret, { keyId: slotKeyId, dek: opened.dek });
    sodium.memzero(opened.dek);
    if (last && last.keyId === keystore.keyId && keyCheck(sodium, last.dek) === keystore.keyCheck) return last.dek;
    if (last) sodium.memzero(last.dek);
    return null;
  }

  /**
   * Checks a passphrase against a user's slot with throttling and lockout, persisting the failure counters.
   * Shared by unlock and passphrase change, so that changing the passphrase is no way around the lockout.
   */
  async function authenticate(
    sodium: Sodium,
    loginId: string,
    passphrase: string,
  ): Promise<{ ok: true; keystore: Keystore; user: KeystoreUser & { slot: KeySlot }; dek: Uint8Array; rewrap: boolean } | UnlockFailure> {
    const read = await readKeystore(dataDir);
    if (read.state === 'missing') return { ok: false, code: 'NOT_INITIALIZED', message: messages.notInitialized };
    if (read.state === 'damaged') return { ok: false, code: 'KEYSTORE_DAMAGED', message: messages.damaged(read.reason) };
    const keystore = read.keystore;
    const user = keystore.users.find((u) => u.loginId === normalizeLoginId(loginId));
    const audit = (code: UnlockFailureCode) =>
      emit({ type: 'failedUnlock', loginId: normalizeLoginId(loginId), userId: user?.userId ?? null, code, failedAttempts: user?.failedAttempts ?? null });
    const refuse = (code: UnlockFailureCode, message: string, extra: Partial<UnlockFailure> = {}): UnlockFailure => {
      audit(code);
      return { ok: false, code, message, ...extra };
    };
    if (!user) {
      // The same derivation a wrong passphrase costs, so the time taken does not tell which login ids exist.
      const bytes = passphraseBytes(passphrase);
      try {
        sodium.memzero(await kdf.derive(bytes, { alg: 'argon2id13', salt: sodium.randombytes_buf(SALT_BYTES), ...policy.kdfCost }));
      } finally {
        sodium.memzero(bytes);
      }
      return refuse('NO_SUCH_USER', messages.credentials);
    }
    if (user.status === 'deactivated' || !user.slot) return refuse('DEACTIVATED', messages.deactivated);
    if (user.lockedAt) return refuse('ACCOUNT_LOCKED', messages.locked);
    const wait = remainingWaitMs(user, clock.now(), policy.lockout);
    if (wait > 0) return refuse('THROTTLED', messages.throttled(wait), { retryAfterMs: wait });

    const bytes = passphraseBytes(passphrase);
    const slotKeyId = user.slot.keyId ?? keystore.keyId;
    let opened: Awaited<ReturnType<typeof openSlot>>;
    try {
      opened = await openSlot(sodium, kdf, user.slot, bytes, { userId: user.userId, keyId: slotKeyId });
    } finally {
      sodium.memzero(bytes);
    }
    if (!opened) {
      user.failedAttempts += 1;
      user.lastFailureAt = iso();
      const lockNow = user.failedAttempts >= policy.lockout.maxFailures;
      if (lockNow) user.lockedAt = iso();
      await save(keystore);
      if (lockNow) {
        audit('WRONG_PASSPHRASE');
        emit({ type: 'accountLocked', userId: user.userId, failedAttempts: user.failedAttempts });
        return { ok: false, code: 'ACCOUNT_LOCKED', message: messages.locked };
      }
      return refuse('WRONG_PASSPHRASE', messages.credentials, {
        retryAfterMs: retryDelayMs(user.failedAttempts, policy.lockout),
        attemptsLeft: policy.lockout.maxFailures - user.failedAttempts,
      });
    }
    if (user.failedAttempts > 0) {
      user.failedAttempts = 0;
      user.lastFailureAt = null;
      await save(keystore);
    }
    const dek = slotKeyId === keystore.keyId ? opened.dek : takePendingKey(sodium, keystore, user, slotKeyId, opened);
    if (opened.boxSecret) sodium.memzero(opened.boxSecret);
    if (!dek) return refuse('KEYSTORE_DAMAGED', messages.noPendingKey);
    // The slot is re-wrapped at this unlock when it still wraps a previous key or has no key pair yet.
    return { ok: true, keystore, user: user as KeystoreUser & { slot: KeySlot }, dek, rewrap: slotKeyId !== keystore.keyId || !user.slot.box };
  }

  /**
   * A new key store: the DEK, a slot per user (their own passphrase, so none must change it at first login), the
   * recovery slot and a random office root; `extra` adds what else is kept under the new DEK. Without a recovery
   * public key a recovery key pair is made and its secret returned, formatted for the printed sheet: the only time
   * it exists outside the sheet. Refuses over an existing or damaged key store, before any derivation.
   */
  async function createKeystore(
    office: { id: string; name: string },
    users: { userId: string; loginId: string; passphrase: string; profile: StaffProfile }[],
    recoveryPublicKeyGiven?: Uint8Array,
    extra?: (sodium: Sodium, dek: Uint8Array, keyId: string) => Partial<Keystore>,
  ): Promise<{ recoveryKey: string | null; recoveryFingerprint: string }> {
    const read = await readKeystore(dataDir);
    if (read.state === 'present') throw new VaultError('ALREADY_INITIALIZED', 'この端末はすでに初期設定されています');
    if (read.state === 'damaged') throw new VaultError('KEYSTORE_DAMAGED', messages.damaged(read.reason));
    const seen = new Set<string>();
    for (const user of users) {
      const loginId = normalizeLoginId(user.loginId);
      if (!loginId || !user.userId) throw new VaultError('INVALID_INPUT', '利用者IDとログインIDを入力してください');
      if (seen.has(`login:${loginId}`) || seen.has(`user:${user.userId}`)) throw new VaultError('DUPLICATE_USER', `利用者が重複しています: ${user.loginId}`);
      seen.add(`login:${loginId}`).add(`user:${user.userId}`);
      requirePassphrase(user.passphrase, loginId);
    }
    if (recoveryPublicKeyGiven && recoveryPublicKeyGiven.length !== 32) {
      throw new VaultError('INVALID_INPUT', '回復用公開鍵の長さが正しくありません');
    }

    const sodium = await loadSodium();
    const generated = recoveryPublicKeyGiven ? null : sodium.crypto_box_keypair();
    const recoveryPublicKey = recoveryPublicKeyGiven ?? generated!.publicKey;
    const dek = sodium.randombytes_buf(DEK_BYTES);
    // A new office's root is random (not the DEK), so no key of the office ever depends on the DEK's value.
    const officeSecret = sodium.randombytes_buf(DEK_BYTES);
    try {
      const keyId = randomUUID();
      const now = iso();
      const slots: KeystoreUser[] = [];
      for (const user of users) {
        const bytes = passphraseBytes(user.passphrase);
        try {
          slots.push({
            userId: user.userId,
            loginId: normalizeLoginId(user.loginId),
            admin: user.profile.role === 'systemAdmin',
            profile: user.profile,
            status: 'active',
            slot: await wrapKey(sodium, kdf, dek, bytes, policy.kdfCost, { userId: user.userId, keyId }),
            failedAttempts: 0,
            lastFailureAt: null,
            lockedAt: null,
            createdAt: now,
            passphraseChangedAt: now,
          });
        } finally {
          sodium.memzero(bytes);
        }
      }
      const keystore: Keystore = {
        format: KEYSTORE_FORMAT,
        version: KEYSTORE_VERSION,
        office,
        keyId,
        keyCheck: keyCheck(sodium, dek),
        createdAt: now,
        recovery: { publicKey: toBase64(recoveryPublicKey), sealedKey: sealKey(sodium, dek, recoveryPublicKey) },
        users: slots,
        officeSecret: wrapOfficeSecret(sodium, officeSecret, dek, keyId),
        // The recovery secret is in hand only when it was made here; otherwise the first use of it attests.
        ...(generated && {
          backupSigner: attestedSigner(sodium, { officeId: office.id, officeSecret, recoverySecretKey: generated.privateKey, at: now }),
        }),
        ...extra?.(sodium, dek, keyId),
      };
      await save(keystore);
      return { recoveryKey: generated ? formatRecoveryKey(generated.privateKey) : null, recoveryFingerprint: recoveryKeyFingerprint(recoveryPublicKey) };
    } finally {
      sodium.memzero(dek);
      sodium.memzero(officeSecret);
      if (generated) sodium.memzero(generated.privateKey);
    }
  }

  return {
    /** What the start screen needs: set up the office, report a damaged key store, or ask for a login. */
    async status(): Promise<VaultStatus> {
      const read = await readKeystore(dataDir);
      if (read.state === 'missing') return { state: 'uninitialized' };
      if (read.state === 'damaged') return { state: 'damaged', message: messages.damaged(read.reason) };
      const { office, recovery } = read.keystore;
      return {
        state: 'ready',
        office,
        recoveryFingerprint: recoveryKeyFingerprint(Buffer.from(recovery.publicKey, 'base64')),
        session: session && { userId: session.userId, admin: session.admin },
      };
    },

    /**
     * Office setup: creates the DEK, the first administrator's slot and the recovery slot. Without a recovery
     * public key a new recovery key pair is made and its secret key returned, formatted for the printed sheet:
     * this is the only time it exists outside the sheet. Leaves the vault locked.
     */
    initialize(request: {
      office: { id: string; name: string };
      admin: { userId: string; loginId: string; passphrase: string; displayName: string };
      recoveryPublicKey?: Uint8Array;
    }): Promise<{ recoveryKey: string | null; recoveryFingerprint: string }> {
      return serialize(async () => {
        const { admin } = request;
        const made = await createKeystore(
          request.office,
          [
            {
              userId: admin.userId,
              loginId: admin.loginId,
              passphrase: admin.passphrase,
              profile: { displayName: admin.displayName, role: 'systemAdmin', teamId: null },
            },
          ],
          request.recoveryPublicKey,
        );
        emit({ type: 'initialized', officeId: request.office.id, userId: admin.userId, recoveryFingerprint: made.recoveryFingerprint });
        return made;
      });
    },

    /**
     * A device's first run from an enrolment file (main/sync/enrolmentFile.ts opened and checked it): the key store
     * is made for the enrolment's office with a slot for each listed user who set a passphrase here, a recovery key
     * of this device's own (returned once, like `initialize`), the office's blind-index key and the sync record kept
     * under the DEK. Leaves the vault locked.
     */
    initializeFromEnrolment(request: EnrolmentSetup): Promise<{ recoveryKey: string; recoveryFingerprint: string }> {
      return serialize(async () => {
        if (request.users.length === 0) throw new VaultError('INVALID_INPUT', '少なくとも1人の利用者がパスフレーズを設定してください');
        const made = await createKeystore(request.office, request.users, undefined, (sodium, dek, keyId) => ({
          indexKey: wrapUnderKey(sodium, request.blindKey, dek, { name: 'index', keyId }),
          sync: wrapSyncRecord(sodium, request.sync, dek, keyId),
        }));
        emit({
          type: 'setUpFromEnrolment',
          userId: request.users[0]!.userId,
          officeId: request.office.id,
          deviceId: request.sync.deviceId,
          hubDeviceId: request.sync.hubDeviceId,
          users: request.users.map((u) => u.userId).join(','),
          recoveryFingerprint: made.recoveryFingerprint,
        });
        return { recoveryKey: made.recoveryKey!, recoveryFingerprint: made.recoveryFingerprint };
      });
    },

    /** Opens the user's slot. Every refusal is a result with a code and a Japanese message, never a throw. */
    unlock(loginId: string, passphrase: string): Promise<UnlockResult> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const auth = await authenticate(sodium, loginId, passphrase);
        if (!auth.ok) return auth;
        const { user, keystore, dek, rewrap } = auth;
        const keys = keysBesideDek(sodium, keystore, dek);
        if (!keys) {
          sodium.memzero(dek);
          return { ok: false, code: 'KEYSTORE_DAMAGED', message: messages.damaged('データ鍵で開けない鍵があります') };
        }
        // The office changed the Argon2id cost, or a rotation waits for this slot: bring it in line while the
        // passphrase is at hand.
        if (rewrap || user.slot.kdf.opslimit !== policy.kdfCost.opslimit || user.slot.kdf.memlimit !== policy.kdfCost.memlimit) {
          await rewrapSlot(sodium, keystore, user, dek, passphrase);
          await save(keystore);
        }
        endSession('userSwitch');
        session = { userId: user.userId, admin: user.admin, keyId: keystore.keyId, dek };
        emit({ type: 'unlock', userId: user.userId });
        return {
          ok: true,
          dek: dek.slice(),
          keyId: keystore.keyId,
          userId: user.userId,
          admin: user.admin,
          profile: user.profile,
          ...keys,
          mustChangePassphrase: user.passphraseChangedAt === null,
        };
      });
    },

    /** Wipes the session's DEK. Synchronous and not queued: locking must never wait behind a slow derivation. */
    lock(reason: LockReason = 'manual'): void {
      endSession(reason);
    },

    session(): { userId: string; admin: boolean } | null {
      return session && { userId: session.userId, admin: session.admin };
    },

    /** Re-wraps the same DEK under a new passphrase. A wrong current passphrase counts as a failed unlock. */
    changePassphrase(loginId: string, currentPassphrase: string, newPassphrase: string): Promise<ChangePassphraseResult> {
      return serialize(async () => {
        const problem =
          checkPassphrase(newPassphrase, loginId, policy.passphrase) ??
          (normalizePassphrase(newPassphrase) === normalizePassphrase(currentPassphrase) ? '新しいパスフレーズには現在と異なるものを指定してください' : null);
        if (problem) return { ok: false, code: 'WEAK_PASSPHRASE', message: problem };
        const sodium = await loadSodium();
        const auth = await authenticate(sodium, loginId, currentPassphrase);
        if (!auth.ok) return auth;
        const { user, keystore, dek } = auth;
        try {
          await rewrapSlot(sodium, keystore, user, dek, newPassphrase);
        } finally {
          sodium.memzero(dek);
        }
        user.passphraseChangedAt = iso();
        await save(keystore);
        emit({ type: 'passphraseChanged', userId: user.userId, via: 'self' });
        return { ok: true };
      });
    },

    /**
     * For a forgotten passphrase: the printed recovery key opens the recovery slot and the DEK is wrapped
     * under a new passphrase. Also clears a lockout. Needs no session: holding the sheet is the authority.
     * The user should choose their own passphrase at the next login (`mustChangePassphrase`).
     */
    resetPassphraseWithRecovery(recoveryKey: string, userId: string, newPassphrase: string): Promise<void> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        const user = findUser(keystore, userId);
        if (user.status === 'deactivated') throw new VaultError('DEACTIVATED', messages.deactivated);
        requirePassphrase(newPassphrase, user.loginId);
        const parsed = parseRecoveryKey(recoveryKey);
        if (!parsed.ok) throw new VaultError('RECOVERY_KEY_INVALID', parsed.message);
        const dek = openSealedKey(sodium, keystore.recovery.sealedKey, parsed.secretKey);
        if (!dek) sodium.memzero(parsed.secretKey);
        if (!dek) throw new VaultError('RECOVERY_KEY_MISMATCH', 'この回復キーはこの事務所の鍵ファイルのものではありません');
        const bytes = passphraseBytes(newPassphrase);
        try {
          if (keyCheck(sodium, dek) !== keystore.keyCheck) {
            throw new VaultError('KEYSTORE_DAMAGED', messages.damaged('回復用の鍵がデータ鍵と一致しません'));
          }
          // The recovery key is in hand: an office set up before backups were signed gets its attestation now.
          if (!keystore.backupSigner) keystore.backupSigner = attestWith(sodium, keystore, dek, parsed.secretKey);
          user.slot = await wrapKey(sodium, kdf, dek, bytes, policy.kdfCost, { userId: user.userId, keyId: keystore.keyId });
          delete user.pendingKeys;
        } finally {
          sodium.memzero(bytes);
          sodium.memzero(dek);
          sodium.memzero(parsed.secretKey);
        }
        Object.assign(user, { failedAttempts: 0, lastFailureAt: null, lockedAt: null, passphraseChangedAt: null });
        await save(keystore);
        emit({ type: 'passphraseChanged', userId: user.userId, via: 'recovery' });
      });
    },

    /** Adds a user with a first passphrase set by the administrator (to be changed at first login). */
    addUser(request: { userId: string; loginId: string; passphrase: string; profile: StaffProfile }): Promise<void> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        const admin = requireAdmin(sodium, keystore);
        const by = admin.by;
        // A copy: lock() may wipe the session's key while the slot is being derived.
        const dek = admin.dek.slice();
        try {
          const loginId = normalizeLoginId(request.loginId);
          if (!loginId || !request.userId) throw new VaultError('INVALID_INPUT', '利用者IDとログインIDを入力してください');
          // Deactivated users keep their ids: reusing one would make the audit log ambiguous.
          if (keystore.users.some((u) => u.userId === request.userId || u.loginId === loginId)) {
            throw new VaultError('DUPLICATE_USER', 'この利用者IDまたはログインIDはすでに使われています');
          }
          requirePassphrase(request.passphrase, loginId);
          const bytes = passphraseBytes(request.passphrase);
          let slot: KeySlot;
          try {
            slot = await wrapKey(sodium, kdf, dek, bytes, policy.kdfCost, { userId: request.userId, keyId: keystore.keyId });
          } finally {
            sodium.memzero(bytes);
          }
          keystore.users.push({
            userId: request.userId,
            loginId,
            admin: request.profile.role === 'systemAdmin',
            profile: request.profile,
            status: 'active',
            slot,
            failedAttempts: 0,
            lastFailureAt: null,
            lockedAt: null,
            createdAt: iso(),
            passphraseChangedAt: null,
          });
          await save(keystore);
          emit({ type: 'userAdded', userId: request.userId, admin: request.profile.role === 'systemAdmin', by });
        } finally {
          sodium.memzero(dek);
        }
      });
    },

    /**
     * The administrator changes a user's profile (役割, 班). The office keeps an active administrator, and an
     * administrator does not change their own role: their session would go on in the role they just left.
     */
    updateUserProfile(userId: string, profile: StaffProfile): Promise<void> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        const { by } = requireAdmin(sodium, keystore);
        const user = findUser(keystore, userId);
        if (user.status === 'deactivated') throw new VaultError('DEACTIVATED', '無効化された利用者は変更できません');
        const fields = (['displayName', 'role', 'teamId'] as const).filter((field) => user.profile[field] !== profile[field]);
        if (fields.length === 0) return;
        const admin = profile.role === 'systemAdmin';
        if (userId === by && user.profile.role !== profile.role) {
          throw new VaultError('NOT_AUTHORIZED', '自分の役割は変更できません。別のシステム管理者が変更します');
        }
        if (user.admin && !admin && !keystore.users.some((u) => u.admin && u.status === 'active' && u.userId !== userId)) {
          throw new VaultError('LAST_ADMIN', '最後のシステム管理者の役割は変更できません。先に別の管理者を追加してください');
        }
        Object.assign(user, { admin, profile });
        await save(keystore);
        emit({ type: 'userProfileChanged', userId, by, fields: fields.join(',') });
      });
    },

    /** Removes the user's slot; the record stays so the id is not reused and the log still names them. */
    deactivateUser(userId: string, options: { rotateKey?: boolean } = {}): Promise<RotationKeys | null> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        const admin = requireAdmin(sodium, keystore);
        const { by } = admin;
        const user = findUser(keystore, userId);
        if (user.status === 'deactivated') return null;
        if (user.admin && !keystore.users.some((u) => u.admin && u.status === 'active' && u.userId !== userId)) {
          throw new VaultError('LAST_ADMIN', '最後の管理者は無効化できません。先に別の管理者を追加してください');
        }
        if (options.rotateKey) checkRotatable(keystore, userId);
        Object.assign(user, { status: 'deactivated', slot: null, failedAttempts: 0, lastFailureAt: null, lockedAt: null });
        delete user.pendingKeys;
        // One write: the slot is gone and, if chosen, the key it opened is replaced, or neither happened.
        const rotated = options.rotateKey ? await rotateAndSave(sodium, keystore, admin) : null;
        if (!rotated) await save(keystore);
        emit({ type: 'userDeactivated', userId, by, rotateKey: rotated !== null });
        if (rotated) emit({ type: 'keyRotationStarted', userId: by, fromKeyId: rotated.previous.keyId, toKeyId: rotated.keyId, reason: 'deactivation' });
        if (session?.userId === userId) endSession('deactivated');
        return rotated;
      });
    },

    /**
     * Starts a rotation: a new DEK sealed to every active user's slot key pair and to the recovery key, the
     * previous DEK kept (wrapped under the new one) until every row is re-sealed — see `finishRotation`. The
     * session moves to the new key. Returns copies of both keys for the renderer; the caller wipes them.
     */
    rotateKey(): Promise<RotationKeys> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        const admin = requireAdmin(sodium, keystore);
        checkRotatable(keystore);
        const rotated = await rotateAndSave(sodium, keystore, admin);
        emit({ type: 'keyRotationStarted', userId: admin.by, fromKeyId: rotated.previous.keyId, toKeyId: rotated.keyId, reason: 'manual' });
        return rotated;
      });
    },

    /**
     * The renderer has re-sealed every row with the current key: the previous DEK is dropped from the key store.
     * Any unlocked session on the current key may say so (the re-seal runs in whoever's session is open); a repeat
     * after the rotation is over changes nothing.
     */
    finishRotation(request: { keyId: string; rowsResealed: number }): Promise<void> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        if (!session || session.keyId !== keystore.keyId || keyCheck(sodium, session.dek) !== keystore.keyCheck) {
          throw new VaultError('NOT_AUTHORIZED', 'ロックされているか、鍵ファイルが変更されています。もう一度ロック解除してください');
        }
        if (!keystore.rotation) return;
        if (request.keyId !== keystore.keyId) throw new VaultError('INVALID_INPUT', `再暗号化した鍵（${request.keyId}）が現在のデータ鍵ではありません`);
        const { fromKeyId } = keystore.rotation;
        delete keystore.rotation;
        await save(keystore);
        emit({ type: 'keyRotationFinished', userId: session.userId, fromKeyId, toKeyId: keystore.keyId, rowsResealed: request.rowsResealed });
      });
    },

    /** Lifts a lockout after too many failed attempts. */
    adminUnlockAccount(userId: string): Promise<void> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        const { by } = requireAdmin(sodium, keystore);
        const user = findUser(keystore, userId);
        if (user.status === 'deactivated') throw new VaultError('DEACTIVATED', messages.deactivated);
        Object.assign(user, { failedAttempts: 0, lastFailureAt: null, lockedAt: null });
        await save(keystore);
        emit({ type: 'accountUnlocked', userId, by });
      });
    },

    /**
     * The office's keys (linkage/exchangeSigner.ts), derived from the session's data key: the exchange keys for an
     * administrator's session only (`admin`), the MAC key of the office's files for any unlocked one (`session`).
     * The caller wipes them when done.
     */
    officeKeys(scope: 'admin' | 'session', generations?: OfficeKeyGenerations): Promise<{ officeId: string; keys: OfficeKeys }> {
      return withOfficeSecret(scope, (sodium, officeSecret, keystore) => ({
        officeId: keystore.office.id,
        keys: deriveOfficeKeys(sodium, officeSecret, generations),
      }));
    },

    /**
     * The office's backup signing key (administrator's session) and the key store's attestation of it, if the
     * recovery key has attested this key: backups are signed either way, and restorable only when attested.
     * The caller wipes `privateKey`.
     */
    backupSigner(): Promise<{ officeId: string; publicKey: Uint8Array; privateKey: Uint8Array; attestation: Uint8Array | null }> {
      return withOfficeSecret('admin', (sodium, officeSecret, keystore) => {
        const pair = backupSigningKeyPair(sodium, officeSecret);
        const record = keystore.backupSigner;
        const attested = record && Buffer.from(record.publicKey, 'base64').equals(Buffer.from(pair.publicKey));
        return { officeId: keystore.office.id, ...pair, attestation: attested ? new Uint8Array(Buffer.from(record.attestation, 'base64')) : null };
      });
    },

    /**
     * The administrator enters the printed recovery key once so the office's backups can be verified on a new
     * machine: the recovery key attests the backup signing key (offices set up before backups were signed).
     */
    attestBackupSigner(recoveryKey: string): Promise<{ attestedAt: string }> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        const { by, dek } = requireAdmin(sodium, keystore);
        const parsed = parseRecoveryKey(recoveryKey);
        if (!parsed.ok) throw new VaultError('RECOVERY_KEY_INVALID', parsed.message);
        try {
          const opened = openSealedKey(sodium, keystore.recovery.sealedKey, parsed.secretKey);
          const fits = opened !== null && keyCheck(sodium, opened) === keystore.keyCheck;
          if (opened) sodium.memzero(opened);
          if (!fits) throw new VaultError('RECOVERY_KEY_MISMATCH', 'この回復キーはこの事務所の鍵ファイルのものではありません');
          keystore.backupSigner = attestWith(sodium, keystore, dek, parsed.secretKey);
        } finally {
          sodium.memzero(parsed.secretKey);
        }
        await save(keystore);
        emit({
          type: 'backupSignerAttested',
          userId: by,
          publicKeyFingerprint: exchangeKeyFingerprint(Buffer.from(keystore.backupSigner.publicKey, 'base64')),
        });
        return { attestedAt: keystore.backupSigner.attestedAt };
      });
    },

    /**
     * This device's sync keys for any unlocked session (SessionSyncKeys): derived from the office root on the hub,
     * opened from the key store's `sync` record on an enrolled device. The caller calls `wipe()`.
     */
    syncKeys(): Promise<SessionSyncKeys> {
      return withOfficeSecret('session', (sodium, officeSecret, keystore, dek) => {
        if (!keystore.sync) return sessionSyncKeys(sodium, keystore.office.id, null, hubSyncKeyPairs(sodium, officeSecret), null);
        const opened = openSyncRecord(sodium, keystore.sync, dek, keystore.keyId);
        if (!opened) throw new VaultError('KEYSTORE_DAMAGED', messages.damaged('同期の鍵をデータ鍵で開けません'));
        try {
          return sessionSyncKeys(sodium, keystore.office.id, opened.deviceId, syncKeyPairsOf(sodium, opened.signSeed, opened.boxSeed), {
            deviceId: opened.hubDeviceId,
            signPublicKey: opened.hubSignPublicKey.slice(),
            boxPublicKey: opened.hubBoxPublicKey.slice(),
          });
        } finally {
          wipeSync(sodium, opened);
        }
      });
    },

    /**
     * What the hub puts in an enrolment file besides the device's new keys (administrator's session, on a key store
     * that was not itself enrolled): the office, the hub's sync keys and the office's blind-index key. Copies; the
     * caller wipes `blindKey` and calls `hub.wipe()`.
     */
    enrolmentKeys(): Promise<{ office: { id: string; name: string }; hub: SessionSyncKeys; blindKey: Uint8Array; by: string; users: VaultUserSummary[] }> {
      return withOfficeSecret('admin', (sodium, officeSecret, keystore, dek) => {
        if (keystore.sync) throw new VaultError('NOT_AUTHORIZED', '端末の登録はハブ端末でだけ行えます（この端末は登録ファイルから設定されています）');
        const blindKey = keystore.indexKey
          ? openUnderKey(sodium, keystore.indexKey, dek, { name: 'index', keyId: keystore.keyId })
          : deriveBlindKey(sodium, dek);
        if (!blindKey) throw new VaultError('KEYSTORE_DAMAGED', messages.damaged('データ鍵で開けない鍵があります'));
        return {
          office: keystore.office,
          hub: sessionSyncKeys(sodium, keystore.office.id, null, hubSyncKeyPairs(sodium, officeSecret), null),
          blindKey,
          by: session!.userId,
          users: keystore.users.map(userSummary),
        };
      });
    },

    /** For the administrator's account screen. */
    listUsers(): Promise<VaultUserSummary[]> {
      return serialize(async () => {
        const sodium = await loadSodium();
        const keystore = await load();
        requireAdmin(sodium, keystore);
        return keystore.users.map(userSummary);
      });
    },
  };
}

export type Vault = ReturnType<typeof createVault>;

const userSummary = ({
  userId,
  loginId,
  admin,
  profile,
  status,
  failedAttempts,
  createdAt,
  passphraseChangedAt,
  lockedAt,
}: KeystoreUser): VaultUserSummary => ({
  userId,
  loginId,
  admin,
  profile,
  status,
  failedAttempts,
  createdAt,
  passphraseChangedAt,
  locked: lockedAt !== null,
});

function wipeSync(sodium: Sodium, keys: EnrolledSyncKeys) {
  for (const secret of [keys.signSeed, keys.boxSeed, keys.hubSignPublicKey, keys.hubBoxPublicKey]) sodium.memzero(secret);
}

function sessionSyncKeys(sodium: Sodium, officeId: string, deviceId: string | null, pairs: SyncKeyPairs, hub: SessionSyncKeys['hub']): SessionSyncKeys {
  return {
    officeId,
    deviceId,
    ...pairs,
    hub,
    wipe() {
      sodium.memzero(pairs.sign.privateKey);
      sodium.memzero(pairs.box.privateKey);
    },
  };
}
