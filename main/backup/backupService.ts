import { readFile } from 'node:fs/promises';
import { ServiceError } from '../ipc/router.js';
import { atomicWriteFile, type AtomicWriteFs } from '../fs/atomicWrite.js';
import { keystorePath, parseKeystore, readKeystore, writeKeystore, type KeystoreRead } from '../vault/keystoreFile.js';
import type { Keystore } from '../vault/keystoreFormat.js';
import { keyCheck, openSealedKey, toBase64 } from '../vault/keySlot.js';
import { officeSecretOf } from '../vault/officeSecret.js';
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
  type LocalSigner,
  type ReadHeader,
} from './backupFile.js';
import { attestBackupSigner, backupSigningKeyPair } from './backupSigner.js';

/** The office's backup signing key from an administrator's session (vault.backupSigner()); the caller wipes it. */
export type BackupSigningKey = { officeId: string; publicKey: Uint8Array; privateKey: Uint8Array; attestation: Uint8Array | null };

export type BackupErrorCode =
  | BackupFailureCode
  | 'BACKUP_TOO_NEW'
  | 'NOT_INITIALIZED'
  | 'KEYSTORE_DAMAGED'
  | 'RECOVERY_KEY_INVALID'
  | 'OFFICE_MISMATCH'
  | 'FILE_ERROR';

export class BackupError extends ServiceError {
  declare readonly code: BackupErrorCode;
  constructor(code: BackupErrorCode, message: string) {
    super(code, message);
    this.name = 'BackupError';
  }
}

const SECTION = { keystore: 'keystore', database: 'database' } as const;

/**
 * Encrypted, signed backups of this device: the database export (opaque bytes from the renderer) and the key
 * store, readable only with the office recovery key and signed with the office's backup signing key. Restore puts
 * back the key store and hands the database export to the caller, who imports it in the renderer; both happen only
 * after the whole file has been verified, its signer vouched for by the typed recovery key (backupFile.ts).
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
    /**
     * Writes the backup to `destination` (atomically: a failed write leaves any earlier file there intact), signed
     * with `signing`; the attestation goes in the header, or null (「未署名」) until the office has made one.
     */
    async createBackup(destination: string, database: Uint8Array, signing: BackupSigningKey): Promise<BackupHeader & { bytes: number }> {
      const read = await readKeystore(dataDir);
      if (read.state === 'missing') throw new BackupError('NOT_INITIALIZED', 'この端末はまだ初期設定されていないため、バックアップできません');
      if (read.state === 'damaged') throw new BackupError('KEYSTORE_DAMAGED', `鍵ファイルが破損しているため、バックアップできません（${read.reason}）`);
      const sodium = await loadSodium();
      const { keystore } = read;
      if (signing.officeId !== keystore.office.id)
        throw new BackupError('OFFICE_MISMATCH', '署名鍵がこの端末の事務所のものではありません。もう一度ログインしてください');
      const recoveryPublicKey = new Uint8Array(Buffer.from(keystore.recovery.publicKey, 'base64'));
      const header: BackupHeader = {
        format: BACKUP_FORMAT,
        version: BACKUP_VERSION,
        office: keystore.office,
        createdAt: new Date(options.clock.now()).toISOString(),
        recoveryFingerprint: recoveryKeyFingerprint(recoveryPublicKey),
        signer: { publicKey: toBase64(signing.publicKey), attestation: signing.attestation && toBase64(signing.attestation) },
      };
      const sections = { [SECTION.keystore]: read.bytes, [SECTION.database]: database };
      const file = sealBackup(sodium, header, sections, recoveryPublicKey, signing.privateKey);
      await atomicWriteFile(destination, file, options.fs);
      return { ...header, bytes: file.length };
    },

    /**
     * The clear header, for the restore screen to show before it asks for the recovery key, and whether the file
     * names an attested signer (its own attestation, or this key store's of the same key): unsigned ones are shown
     * as 「未署名」. Only the recovery key verifies a claim; restore does.
     */
    async inspectBackup(source: string): Promise<{ header: ReadHeader; signed: boolean }> {
      const head = readBackupHeader(await readFileBytes(source));
      if (!head.ok) throw new BackupError(head.code, head.message);
      const { header } = head;
      const local = localSigner(await readKeystore(dataDir));
      const signed =
        header.version === BACKUP_VERSION &&
        (header.signer.attestation !== null || (local?.officeId === header.office.id && local.publicKey === header.signer.publicKey));
      return { header, signed };
    },

    /**
     * Verifies the whole file with the recovery key, then replaces keystore.json and returns the database
     * export. Refuses a backup of another office when this device's key store belongs to one, and — given the
     * newest database schema version the app opens — a backup made by a newer release, whose database the
     * renderer would refuse after the key store had already been replaced.
     */
    async restoreBackup(
      source: string,
      recoveryKey: string,
      { newestSchemaVersion }: { newestSchemaVersion?: number } = {},
    ): Promise<{ header: BackupHeader; database: Uint8Array }> {
      const parsedKey = parseRecoveryKey(recoveryKey);
      if (!parsedKey.ok) throw new BackupError('RECOVERY_KEY_INVALID', parsedKey.message);
      const sodium = await loadSodium();
      const current = await readKeystore(dataDir);
      let contents: { header: BackupHeader; keystore: Uint8Array | Keystore; database: Uint8Array };
      try {
        contents = verifiedContents(sodium, await readFileBytes(source), parsedKey.secretKey, {
          local: localSigner(current),
          at: new Date(options.clock.now()).toISOString(),
        });
      } finally {
        sodium.memzero(parsedKey.secretKey);
      }
      const { header, keystore, database } = contents;
      if (current.state === 'present' && current.keystore.office.id !== header.office.id) {
        throw new BackupError(
          'OFFICE_MISMATCH',
          `このバックアップは別の事務所（${header.office.name}）のものです。この端末（${current.keystore.office.name}）には復元できません`,
        );
      }
      if (newestSchemaVersion !== undefined) {
        const version = exportSchemaVersion(database);
        if (version === null) throw new BackupError('BACKUP_UNREADABLE', 'バックアップのデータベースの形式を読めません。現在のデータは変更されていません');
        if (version > newestSchemaVersion)
          throw new BackupError(
            'BACKUP_TOO_NEW',
            `このバックアップは新しい版のアプリで作られています（データベースの版 ${version}、この端末は版 ${newestSchemaVersion} まで）。アプリを更新してから復元してください。現在のデータは変更されていません`,
          );
      }
      // The exact bytes that were backed up, not a re-serialisation — unless the attestation was added.
      if (keystore instanceof Uint8Array) await atomicWriteFile(keystorePath(dataDir), keystore, options.fs);
      else await writeKeystore(dataDir, keystore, options.fs);
      return { header, database };
    },
  };
}

export type BackupService = ReturnType<typeof createBackupService>;

/**
 * The schema version a database export declares (renderer/data/backupExport.ts writes `format`, `version` and
 * `schemaVersion` first, in that order); null for bytes that are not such an export.
 */
const EXPORT_HEAD = /^\{"format":"seiho-desk-database","version":1,"schemaVersion":(\d{1,6}),/;
function exportSchemaVersion(database: Uint8Array): number | null {
  const match = EXPORT_HEAD.exec(new TextDecoder().decode(database.subarray(0, 100)));
  return match ? Number(match[1]) : null;
}

/** This device's attested backup signing key, when its key store is intact and has one. */
function localSigner(read: KeystoreRead): LocalSigner | undefined {
  if (read.state !== 'present' || !read.keystore.backupSigner) return undefined;
  return { officeId: read.keystore.office.id, ...read.keystore.backupSigner };
}

/**
 * Opens and authenticates the file, then checks its contents fit together: a key store of the office named in
 * the header, whose recovery slot opens with the same recovery key, so the office can still recover after
 * the restore, and whose office root derives the key that signed the file.
 */
function verifiedContents(sodium: Sodium, file: Uint8Array, recoverySecretKey: Uint8Array, context: { local: LocalSigner | undefined; at: string }) {
  const opened = openBackup(sodium, file, recoverySecretKey, context.local);
  if (!opened.ok) throw new BackupError(opened.code, opened.message);
  const keystore = opened.sections[SECTION.keystore];
  const database = opened.sections[SECTION.database];
  const parsed = keystore && parseKeystore(keystore);
  if (!keystore || !database || !parsed?.ok || parsed.keystore.office.id !== opened.header.office.id) {
    throw new BackupError('BACKUP_TAMPERED', backupMessages.tampered);
  }
  const dek = openSealedKey(sodium, parsed.keystore.recovery.sealedKey, recoverySecretKey);
  const fits = dek !== null && keyCheck(sodium, dek) === parsed.keystore.keyCheck && signedBy(sodium, parsed.keystore, dek, opened.header.signer.publicKey);
  if (dek) sodium.memzero(dek);
  if (!fits) throw new BackupError('BACKUP_TAMPERED', backupMessages.tampered);
  // The recovery key is in hand and vouched for this signer: a key store backed up before its office attested
  // gets the attestation, so restoring an early backup does not undo it.
  if (parsed.keystore.backupSigner) return { header: opened.header, keystore, database };
  const { office } = parsed.keystore;
  const signer = new Uint8Array(Buffer.from(opened.header.signer.publicKey, 'base64'));
  const attestation = toBase64(attestBackupSigner(sodium, recoverySecretKey, office.id, signer));
  const attested: Keystore = {
    ...parsed.keystore,
    backupSigner: { publicKey: opened.header.signer.publicKey, attestation, attestedAt: context.at },
  };
  return { header: opened.header, keystore: attested, database };
}

/** Whether the key store's office root (under `dek`) derives the backup signing key `publicKey`. */
function signedBy(sodium: Sodium, keystore: Parameters<typeof officeSecretOf>[1], dek: Uint8Array, publicKey: string): boolean {
  const officeSecret = officeSecretOf(sodium, keystore, dek);
  if (!officeSecret) return false;
  const pair = backupSigningKeyPair(sodium, officeSecret);
  sodium.memzero(officeSecret);
  sodium.memzero(pair.privateKey);
  return toBase64(pair.publicKey) === publicKey;
}
