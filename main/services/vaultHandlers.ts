import { randomUUID } from 'node:crypto';
import type { Handlers } from '../ipc/router.js';
import { ServiceError } from '../ipc/router.js';
import { defaultOfficeSettings } from '../../shared/settings/officeSettings.js';
import { createDeviceStore } from '../device/deviceStore.js';
import type { SettingsEvent } from '../settings/settingsAudit.js';
import type { SyncEvent } from '../sync/syncEvents.js';
import type { SettingsStore } from '../settings/settingsStore.js';
import { createEventJournal } from '../vault/eventJournal.js';
import { createIdleLock, type TimerPort } from '../vault/idleLock.js';
import { toBase64 } from '../vault/keySlot.js';
import { loadSodium } from '../vault/sodium.js';
import { createVault, type Clock, type LockReason, type RotationKeys, type Vault, type VaultOptions } from '../vault/vault.js';

export type VaultPorts = {
  dataDir: string;
  /** Tests pass a fast KDF; the app uses the vault's defaults (Argon2id MODERATE in a worker). */
  vaultOptions?: Pick<VaultOptions, 'kdf' | 'policy'>;
  settings: SettingsStore;
  clock: Clock;
  timers: TimerPort;
  /** Tells the renderer the vault was locked from main's side (idle, suspend), so it closes the database. */
  onLocked: (reason: LockReason) => void;
};

type VaultMethods =
  | 'vaultStatus'
  | 'officeSetup'
  | 'vaultUnlock'
  | 'vaultLock'
  | 'vaultActivity'
  | 'vaultChangePassphrase'
  | 'vaultEventsPending'
  | 'vaultEventsAck'
  | 'usersList'
  | 'userCreate'
  | 'userDeactivate'
  | 'userUnlockAccount'
  | 'userUpdateProfile'
  | 'userResetPassphrase'
  | 'vaultRotateKey'
  | 'vaultRotationFinish';

/** Rotation keys for the renderer, base64; wipes the vault's copies once encoded. */
async function sendRotationKeys(keys: RotationKeys) {
  const sodium = await loadSodium();
  try {
    return { keyId: keys.keyId, dataKey: toBase64(keys.dek), previousKey: { keyId: keys.previous.keyId, dataKey: toBase64(keys.previous.dek) } };
  } finally {
    sodium.memzero(keys.dek);
    sodium.memzero(keys.previous.dek);
  }
}

const notSetUp = () => new ServiceError('NOT_INITIALIZED', 'この端末はまだ初期設定されていません');

/**
 * The vault's channels. Main keeps the key store, the session and the idle timer; the renderer receives the
 * data key once per unlock and is told when main locks.
 */
export function createVaultHandlers(ports: VaultPorts): {
  handlers: Pick<Handlers, VaultMethods>;
  lock: (reason: LockReason) => void;
  suspend: () => void;
  isAdminSession: () => boolean;
  /** The office id and keys: the exchange keys for an administrator's session, the file key for any (else NOT_AUTHORIZED). */
  officeKeys: Vault['officeKeys'];
  /** Who is unlocked, or null. */
  sessionUser: () => string | null;
  /** The office's backup signing key (administrator) and the recovery key's attestation of it (backups). */
  backupSigner: Vault['backupSigner'];
  attestBackupSigner: Vault['attestBackupSigner'];
  /** Journals an event of main's own (a settings change, a device enrolled) for the audit log; resolves once it is on disk. */
  recordEvent: (event: SettingsEvent | SyncEvent) => Promise<void>;
  /** The vault's sync operations (main/services/syncHandlers.ts); the set-up's reply waits until its event is on disk. */
  syncVault: Pick<Vault, 'status' | 'syncKeys' | 'enrolmentKeys' | 'initializeFromEnrolment'>;
} {
  const devices = createDeviceStore(ports.dataDir);
  const journal = createEventJournal(ports.dataDir);
  const vault = createVault({
    dataDir: ports.dataDir,
    clock: ports.clock,
    ...ports.vaultOptions,
    onEvent: (event) => void journal.record(event).catch((error: unknown) => console.error('監査イベントを記録できません', error)),
  });
  let loginId: string | null = null;

  const lock = (reason: LockReason) => {
    if (!vault.session()) return;
    idle.stop();
    vault.lock(reason);
    loginId = null;
    ports.onLocked(reason);
  };
  const idleLock = (idleMs: number) => createIdleLock({ clock: ports.clock, timers: ports.timers, lock, idleMs });
  let idle = idleLock(10 * 60_000);
  const requireAdmin = () => {
    if (!vault.session()?.admin) throw new ServiceError('NOT_AUTHORIZED', 'この操作はシステム管理者だけが行えます');
  };

  const handlers: Pick<Handlers, VaultMethods> = {
    async vaultStatus() {
      const status = await vault.status();
      const device = status.state === 'ready' ? await devices.read() : null;
      return {
        state: status.state,
        message: status.state === 'damaged' ? status.message : null,
        office: status.state === 'ready' ? status.office : null,
        recoveryFingerprint: status.state === 'ready' ? status.recoveryFingerprint : null,
        device: device && { id: device.id, profile: device.profile },
      };
    },

    async officeSetup(request) {
      const officeId = randomUUID();
      const result = await vault.initialize({
        office: { id: officeId, name: request.officeName },
        admin: { userId: randomUUID(), loginId: request.admin.loginId, passphrase: request.admin.passphrase, displayName: request.admin.displayName },
      });
      await devices.enrol(request.deviceProfile, new Date(ports.clock.now()));
      await ports.settings.update({ officeName: request.officeName, defaultMunicipality: request.municipality });
      return { recoveryKey: result.recoveryKey!, recoveryFingerprint: result.recoveryFingerprint };
    },

    async vaultUnlock(request) {
      const device = await devices.read();
      if (!device) throw notSetUp();
      const result = await vault.unlock(request.loginId, request.passphrase);
      if (!result.ok) throw new ServiceError(result.code, result.message);
      const sodium = await loadSodium();
      try {
        loginId = request.loginId;
        // Setup's unsealed settings are sealed now; settings that do not verify are refused by every read, and the
        // idle lock then keeps the default time rather than a time read from a file nobody can vouch for.
        const settings = await ports.settings.sealIfUnsealed().catch(() => defaultOfficeSettings);
        idle.stop();
        idle = idleLock(settings.idleLockMinutes * 60_000);
        idle.start();
        return {
          userId: result.userId,
          loginId: request.loginId,
          profile: result.profile,
          keyId: result.keyId,
          dataKey: toBase64(result.dek),
          mustChangePassphrase: result.mustChangePassphrase,
          previousKey: result.previous && { keyId: result.previous.keyId, dataKey: toBase64(result.previous.dek) },
          blindKey: toBase64(result.blindKey),
          device: { id: device.id, profile: device.profile, hubDeviceId: device.hubDeviceId ?? null },
          idleLockMinutes: settings.idleLockMinutes,
        };
      } finally {
        sodium.memzero(result.dek);
        sodium.memzero(result.blindKey);
        if (result.previous) sodium.memzero(result.previous.dek);
      }
    },

    vaultLock(request) {
      lock(request.reason);
      return {};
    },

    vaultActivity() {
      idle.activity();
      return {};
    },

    async vaultChangePassphrase(request) {
      if (!loginId) throw new ServiceError('LOCKED', 'ロックされています。もう一度ログインしてください');
      const result = await vault.changePassphrase(loginId, request.currentPassphrase, request.newPassphrase);
      if (!result.ok) throw new ServiceError(result.code, result.message);
      return {};
    },

    async vaultEventsPending() {
      if (!vault.session()) throw new ServiceError('LOCKED', 'ロックされています');
      return { events: await journal.list() };
    },

    async vaultEventsAck(request) {
      if (!vault.session()) throw new ServiceError('LOCKED', 'ロックされています');
      await journal.acknowledge(request.ids);
      return {};
    },

    async usersList() {
      requireAdmin();
      const users = await vault.listUsers();
      return {
        users: users.map(({ userId, loginId: id, profile, status, locked, failedAttempts, createdAt, passphraseChangedAt }) => ({
          userId,
          loginId: id,
          profile,
          status,
          locked,
          failedAttempts,
          createdAt,
          passphraseChangedAt,
        })),
      };
    },

    async userCreate(request) {
      requireAdmin();
      const userId = randomUUID();
      await vault.addUser({ userId, loginId: request.loginId, passphrase: request.passphrase, profile: request.profile });
      return { userId };
    },

    async userDeactivate(request) {
      requireAdmin();
      const rotated = await vault.deactivateUser(request.userId, { rotateKey: request.rotateKey === true });
      return { rotation: rotated && (await sendRotationKeys(rotated)) };
    },

    async userUpdateProfile(request) {
      requireAdmin();
      await vault.updateUserProfile(request.userId, request.profile);
      return {};
    },

    async userUnlockAccount(request) {
      requireAdmin();
      await vault.adminUnlockAccount(request.userId);
      return {};
    },

    async vaultRotateKey() {
      requireAdmin();
      return sendRotationKeys(await vault.rotateKey());
    },

    async vaultRotationFinish(request) {
      if (!vault.session()) throw new ServiceError('LOCKED', 'ロックされています');
      await vault.finishRotation(request);
      return {};
    },

    async userResetPassphrase(request) {
      requireAdmin();
      await vault.resetPassphraseWithRecovery(request.recoveryKey, request.userId, request.newPassphrase);
      return {};
    },
  };
  // A reply is sent only once the events the call caused are on disk: what the user saw happen is logged.
  const journalled = Object.fromEntries(
    Object.entries(handlers).map(([method, handler]) => [
      method,
      async (...args: Parameters<typeof handler>) => {
        try {
          return await (handler as (...a: typeof args) => unknown)(...args);
        } finally {
          await journal.settled();
        }
      },
    ]),
  ) as typeof handlers;
  return {
    handlers: journalled,
    lock,
    suspend: () => idle.suspend(),
    isAdminSession: () => vault.session()?.admin === true,
    officeKeys: (scope, generations) => vault.officeKeys(scope, generations),
    sessionUser: () => vault.session()?.userId ?? null,
    backupSigner: () => vault.backupSigner(),
    // Journalled like the vault's own channels: the reply waits until the attestation's audit event is on disk.
    attestBackupSigner: async (recoveryKey) => {
      try {
        return await vault.attestBackupSigner(recoveryKey);
      } finally {
        await journal.settled();
      }
    },
    recordEvent: (event) => journal.record(event),
    syncVault: {
      status: () => vault.status(),
      syncKeys: () => vault.syncKeys(),
      enrolmentKeys: () => vault.enrolmentKeys(),
      initializeFromEnrolment: async (setup) => {
        try {
          return await vault.initializeFromEnrolment(setup);
        } finally {
          await journal.settled();
        }
      },
    },
  };
}
