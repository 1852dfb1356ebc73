import { access, constants } from 'node:fs/promises';
import type { EventName, EventPayload } from '../../shared/ipc/contract.js';
import { ServiceError, type Handlers } from '../ipc/router.js';
import { createSettingsStore } from '../settings/settingsStore.js';
import type { TimerPort } from '../vault/idleLock.js';
import { createWorkerKdf } from '../vault/kdf.js';
import { systemClock, type Clock } from '../vault/vault.js';
import { createPdfHandlers, type PdfPorts } from '../documents/pdfHandlers.js';
import { createBackupHandlers } from './backupHandlers.js';
import { createLinkageHandlers } from './linkageHandlers.js';
import { createSyncHandlers } from './syncHandlers.js';
import { createVaultHandlers, type VaultPorts } from './vaultHandlers.js';

/** The ports every host (Electron or the browser host) gives the services. */
export type ServicePorts = {
  dataDir: string;
  host: 'electron' | 'browser';
  appVersion: string;
  platform: string;
  emit: <E extends EventName>(event: E, payload: EventPayload<E>) => void;
  clock?: Clock;
  timers?: TimerPort;
  vaultOptions?: VaultPorts['vaultOptions'];
  /** Saving a 帳票 as a PDF: Electron's window; absent in the browser host. */
  pdf?: PdfPorts;
};

const nodeTimers: TimerPort = {
  setTimeout: (callback, ms) => setTimeout(callback, ms).unref(),
  clearTimeout: (handle) => clearTimeout(handle as NodeJS.Timeout),
};

/** The composition root for main-process services: one handler per contract method, shared by both hosts. */
export function createHandlers(ports: ServicePorts): { handlers: Handlers; suspend: () => void } {
  const clock = ports.clock ?? systemClock;
  // The settings are sealed with the office's file key, which only an unlocked session holds (settingsStore.ts);
  // bound late, as the vault's handlers take the settings store in turn.
  const settings = createSettingsStore(ports.dataDir, {
    fileKey: async () => {
      if (!vault.sessionUser()) return null;
      const { keys } = await vault.officeKeys('session');
      const key = keys.fileKey.slice();
      keys.wipe();
      return key;
    },
    actor: () => vault.sessionUser(),
    record: (event) => vault.recordEvent(event),
  });
  const vault = createVaultHandlers({
    dataDir: ports.dataDir,
    settings,
    clock,
    timers: ports.timers ?? nodeTimers,
    ...(ports.vaultOptions && { vaultOptions: ports.vaultOptions }),
    onLocked: (reason) => ports.emit('vaultLocked', { reason }),
  });
  const backup = createBackupHandlers({
    dataDir: ports.dataDir,
    clock,
    isAdminSession: vault.isAdminSession,
    backupSigner: vault.backupSigner,
    attestBackupSigner: vault.attestBackupSigner,
    lockForRestore: () => vault.lock('manual'),
  });
  const linkage = createLinkageHandlers({ dataDir: ports.dataDir, clock, settings, officeKeys: vault.officeKeys });
  const handlers: Handlers = {
    ...vault.handlers,
    ...backup,
    ...linkage,
    ...createPdfHandlers({ ports: ports.pdf, sessionUser: vault.sessionUser }),
    ...createSyncHandlers({
      dataDir: ports.dataDir,
      clock,
      settings,
      vault: vault.syncVault,
      isAdminSession: vault.isAdminSession,
      recordEvent: vault.recordEvent,
      kdf: ports.vaultOptions?.kdf ?? createWorkerKdf(),
      ...(ports.vaultOptions?.policy?.kdfCost && { enrolmentCost: ports.vaultOptions.policy.kdfCost }),
    }),
    appInfo: () => ({ name: 'Seiho Desk', version: ports.appVersion, host: ports.host, platform: ports.platform, dataDir: ports.dataDir }),
    healthCheck: async () => {
      const checks = [await dataDirWritable(ports.dataDir), await settingsReadable(settings)];
      return { status: checks.every((c) => c.ok) ? 'ok' : 'degraded', checks };
    },
    settingsGet: () => settings.read(),
    settingsUpdate: async (request) => {
      // Office policy (auto-lock time, the default municipality) is the administrator's to change.
      if (!vault.isAdminSession()) throw new ServiceError('NOT_AUTHORIZED', '設定の変更はシステム管理者だけが行えます');
      const saved = await settings.update(request);
      ports.emit('settingsChanged', saved);
      return saved;
    },
  };
  return { handlers, suspend: vault.suspend };
}

async function dataDirWritable(dataDir: string) {
  try {
    await access(dataDir, constants.W_OK);
    return { name: 'データフォルダ', ok: true, detail: dataDir };
  } catch {
    return { name: 'データフォルダ', ok: false, detail: `書き込めません: ${dataDir}` };
  }
}

async function settingsReadable(settings: ReturnType<typeof createSettingsStore>) {
  try {
    await settings.read();
    return { name: '設定', ok: true, detail: '読み込み可能' };
  } catch (error) {
    return { name: '設定', ok: false, detail: error instanceof Error ? error.message : String(error) };
  }
}
