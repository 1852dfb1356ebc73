import { readFile } from 'node:fs/promises';
import { ServiceError } from '../ipc/router.js';
import { atomicWriteFile, type AtomicWriteFs } from '../fs/atomicWrite.js';
import { keystorePath, parseKeystore, readKeystore } from '../vault/keystoreFile.js';
import { keyCheck, openSealedKey } from '../vault/keySlot.js';
import { parseRecoveryKey, recoveryKeyFingerprint } from '../vault/recoveryKey.js';
import { loadSodium, type Sodium } from '../vault/sodium.js';
import type { Clock } from '../vault/vault.js';
import {
  BACKUP_FORMAT,
  BACKUP_VERSION,
  backupMessages,
  openBackup,
  readBackupHeader,
  sealBackup,
  type BackupFailureCode,
  type BackupHeader,
} from './backupFile.js';

export type BackupErrorCode = BackupFailureCode | 'NOT_INITIALIZED' | 'KEYSTORE_DAMAGED' | 'RECOVERY_KEY_INVALID' | 'OFFICE_MISMATCH' | 'FILE_ERROR';

export class BackupError extends ServiceError {
  declare readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string) {
    super(code, message);
    this.name = 'BackupError';
  }
}

const SECTION = { keystore: 'keystore', database: 'database' } as const;

/**
 * Encrypted backups of this device: the database export (opaque bytes from the renderer) and the key store,
 * readable only with the office recovery key. Restore puts back the key store and hands the database export
 * to the caller, who imports it in the renderer; both happen only after the whole file has been verified.
 * The caller locks the vault before restoring, since the restored key store replaces the current one.
 */
export function createBackupService(options: { dataDir: string; clock: Clock; fs?: AtomicWriteFs }) {
  const { dataDir } = options;

  async function readFileBytes(path: string): Promise<Uint8Array> {
    try {
      return await readFile(path);
    } catch (error) {
      throw new BackupError(
        'FILE_ERROR',
        `バックアップファイルを読み込めません: ${path}（${(error as NodeJS.ErrnoException).code ?? (error as Error).message}）`,
      );
    }
  }

  return {
    /** Writes the backup to `destination` (atomically: a failed write leaves any earlier file there intact). */
    async createBackup(destination: string, database: Uint8Array): Promise<BackupHeader & { bytes: number }> {
      const read = await readKeystore(dataDir);
      if (read.state === 'missing') throw new BackupError('NOT_INITIALIZED', 'この端末はまだ初期設定されていないため、バックアップできません');
      if (read.state === 'damaged') throw new BackupError('KEYSTORE_DAMAGED', `鍵ファイルが破損しているため、バックアップできません（${read.reason}）`);
      const sodium = await loadSodium();
      const { keystore } = read;
      const recoveryPublicKey = new Uint8Array(Buffer.from(keystore.recovery.publicKey, 'base64'));
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        office: keystore.office,
        createdAt: new Date(options.clock.now()).toISOString(),
        recoveryFingerprint: recoveryKeyFingerprint(recoveryPublicKey),
      };
      const file = sealBackup(sodium, header, { [SECTION.keystore]: read.bytes, [SECTION.database]: database }, recoveryPublicKey);
      await atomicWriteFile(destination, file, options.fs);
      return { ...header, bytes: file.length };
    },

    /** The clear header, for the restore screen to show before it asks for the recovery key. */
    async inspectBackup(source: string): Promise<BackupHeader> {
      const head = readBackupHeader(await readFileBytes(source));
      if (!head.ok) throw new BackupError(head.code, head.message);
      return head.header;
    },

    /**
     * Verifies the whole file with the recovery key, then replaces keystore.json and returns the database
     * export. Refuses a backup of another office when this device's key store belongs to one.
     */
    async restoreBackup(source: string, recoveryKey: string): Promise<{ header: BackupHeader; database: Uint8Array }> {
      const parsedKey = parseRecoveryKey(recoveryKey);
      if (!parsedKey.ok) throw new BackupError('RECOVERY_KEY_INVALID', parsedKey.message);
      const sodium = await loadSodium();
      let contents: { header: BackupHeader; keystore: Uint8Array; database: Uint8Array };
      try {
        contents = verifiedContents(sodium, await readFileBytes(source), parsedKey.secretKey);
      } finally {
        sodium.memzero(parsedKey.secretKey);
      }
      const { header, keystore, database } = contents;
      const current = await readKeystore(dataDir);
      if (current.state === 'present' && current.keystore.office.id !== header.office.id) {
        throw new BackupError(
          'OFFICE_MISMATCH',
          `このバックアップは別の事務所（${header.office.name}）のものです。この端末（${current.keystore.office.name}）には復元できません`,
        );
      }
      // The exact bytes that were backed up, not a re-serialisation.
      await atomicWriteFile(keystorePath(dataDir), keystore, options.fs);
      return { header, database };
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;

/**
 * Opens and authenticates the file, then checks its contents fit together: a key store of the office named in
 * the header, whose recovery slot opens with the same recovery key, so the office can still recover after
 * the restore.
 */
function verifiedContents(sodium: Sodium, file: Uint8Array, recoverySecretKey: Uint8Array) {
  const opened = openBackup(sodium, file, recoverySecretKey);
  if (!opened.ok) throw new BackupError(opened.code, opened.message);
  const keystore = opened.sections[SECTION.keystore];
  const database = opened.sections[SECTION.database];
  const parsed = keystore && parseKeystore(keystore);
  if (!keystore || !database || !parsed?.ok || parsed.keystore.office.id !== opened.header.office.id) {
    throw new BackupError('BACKUP_TAMPERED', backupMessages.tampered);
  }
  const dek = openSealedKey(sodium, parsed.keystore.recovery.sealedKey, recoverySecretKey);
  const fits = dek !== null && keyCheck(sodium, dek) === parsed.keystore.keyCheck;
  if (dek) sodium.memzero(dek);
  if (!fits) throw new BackupError('BACKUP_TAMPERED', backupMessages.tampered);
  return { header: opened.header, keystore, database };
}
