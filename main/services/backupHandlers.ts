import { mkdir, readdir, stat } from 'node:fs/promises';
import { basename, join } from 'node:path';
import { createBackupService, type BackupSigningKey } from '../backup/backupService.js';
import { createDeviceStore } from '../device/deviceStore.js';
import { ServiceError, type Handlers } from '../ipc/router.js';
import type { Clock } from '../vault/vault.js';

/**
 * Backups live in the data folder's `backups/`, named by time; the administrator copies them to the office's
 * backup medium. Creating one needs an administrator's session; restoring needs only the office recovery key,
 * which is what a replacement machine after a disk failure has.
 */
export function createBackupHandlers(ports: {
  dataDir: string;
  clock: Clock;
  isAdminSession: () => boolean;
  /** The office's backup signing key and its attestation (vault.backupSigner(), an administrator's session). */
  backupSigner: () => Promise<BackupSigningKey>;
  /** The recovery key attests the backup signing key (vault.attestBackupSigner()). */
  attestBackupSigner: (recoveryKey: string) => Promise<{ attestedAt: string }>;
  /** Restoring replaces the key store: the session ends first. */
  lockForRestore: () => void;
}): Pick<Handlers, 'backupCreate' | 'backupList' | 'backupRestore' | 'backupAttest'> {
  const folder = join(ports.dataDir, 'backups');
  const service = createBackupService({ dataDir: ports.dataDir, clock: ports.clock });
  const pathOf = (fileName: string) => {
    if (basename(fileName) !== fileName || !fileName.endsWith('.seihobak'))
      throw new ServiceError('INVALID_REQUEST', `fileName: バックアップファイル名が正しくありません`);
    return join(folder, fileName);
  };

  return {
    async backupCreate(request) {
      if (!ports.isAdminSession()) throw new ServiceError('NOT_AUTHORIZED', 'バックアップはシステム管理者だけが作成できます');
      await mkdir(folder, { recursive: true });
      const stamp = new Date(ports.clock.now()).toISOString().replace(/[-:]/g, '').replace(/\..*$/, '');
      const fileName = `seiho-${stamp}.seihobak`;
      const signing = await ports.backupSigner();
      let written: Awaited<ReturnType<typeof service.createBackup>>;
      try {
        written = await service.createBackup(join(folder, fileName), new Uint8Array(Buffer.from(request.databaseExport, 'base64')), signing);
      } finally {
        signing.privateKey.fill(0);
      }
      return { fileName, bytes: written.bytes, createdAt: written.createdAt };
    },

    async backupList() {
      let names: string[];
      try {
        names = (await readdir(folder))
          .filter((name) => name.endsWith('.seihobak'))
          .sort()
          .reverse();
      } catch {
        return { backups: [] };
      }
      const backups = [];
      for (const fileName of names) {
        try {
          const { header, signed } = await service.inspectBackup(join(folder, fileName));
          backups.push({ fileName, bytes: (await stat(join(folder, fileName))).size, createdAt: header.createdAt, officeName: header.office.name, signed });
        } catch {
          // An unreadable file is listed by nobody; restore would refuse it anyway.
        }
      }
      return { backups };
    },

    async backupAttest(request) {
      if (!ports.isAdminSession()) throw new ServiceError('NOT_AUTHORIZED', '署名鍵の登録はシステム管理者だけが行えます');
      return ports.attestBackupSigner(request.recoveryKey);
    },

    async backupRestore(request) {
      ports.lockForRestore();
      const { database } = await service.restoreBackup(pathOf(request.fileName), request.recoveryKey, {
        ...(request.newestSchemaVersion !== undefined && { newestSchemaVersion: request.newestSchemaVersion }),
      });
      const devices = createDeviceStore(ports.dataDir);
      if (!(await devices.read())) await devices.enrol(request.deviceProfile ?? 'office', new Date(ports.clock.now()));
      return { databaseExport: Buffer.from(database).toString('base64') };
    },
  };
}
