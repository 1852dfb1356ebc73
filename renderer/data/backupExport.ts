import { Dexie } from 'dexie';
import { loadSodium, type Sodium } from '../../shared/crypto/sodium.js';
import { DEFAULT_DATABASE_NAME } from './db.js';
import { ENVELOPE_VERSION } from './middleware/encryption.js';
import { applySchema, clearFieldsOf, formerClearFieldsOf, schemaVersions, type SchemaVersion } from './schema.js';
import { messageOf } from '../ui/messageOf';

/**
 * The database as backup bytes, and back. Rows travel exactly as IndexedDB holds them — sealed — through a
 * second Dexie on the same database without the encryption middleware: no key is needed (restore runs at the
 * lock screen) and nothing is ever decrypted for a backup. Main encrypts the whole file again under the
 * office recovery key. An import checks every table and row before it touches anything, then replaces all
 * tables in one transaction, so a refused or failing import leaves the old data as it was.
 *
 * A backup of an earlier schema version (`schemaVersion` < the app's) is put back at that version, and the next
 * unlock's open runs every later version's upgrader in order (schemaVersions), with the data key, exactly as on a
 * device that had stayed at that version: see `replaceAtVersion`.
 */

export const EXPORT_FORMAT = 'seiho-desk-database';
export const EXPORT_VERSION = 1;

type Row = Record<string, unknown>;
/** Sealed rows carry their nonce and ciphertext as bytes, which JSON spells as `{ "$bytes": base64 }`. */
type Encoded = { $bytes: string };

export interface DatabaseExport {
  format: typeof EXPORT_FORMAT;
  version: typeof EXPORT_VERSION;
  schemaVersion: number;
  exportedAt: string;
  /** Every table the schema version declares. */
  tables: Record<string, Row[]>;
}

export class BackupImportError extends Error {
  override readonly name = 'BackupImportError';
}

export interface BackupDatabaseOptions {
  name?: string;
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  now?: () => number;
  /**
   * For the fixture tests only: the schema as an earlier release declared it (a prefix of `schemaVersions`), so an
   * export is what that release wrote.
   */
  versions?: readonly SchemaVersion[];
}

export const latestSchemaVersion = schemaVersions.at(-1)!.version;

/** The tables a database at the last of `versions` has, in declaration order (a store declared null is gone). */
const tablesAt = (versions: readonly SchemaVersion[]): string[] => {
  const tables = new Set<string>();
  for (const { stores } of versions)
    for (const [name, indexes] of Object.entries(stores)) {
      if (indexes === null) tables.delete(name);
      else tables.add(name);
    }
  return [...tables];
};

const rawDexie = (options: BackupDatabaseOptions) =>
  new Dexie(options.name ?? DEFAULT_DATABASE_NAME, {
    ...(options.indexedDB && { indexedDB: options.indexedDB }),
    ...(options.IDBKeyRange && { IDBKeyRange: options.IDBKeyRange }),
  });

async function openRaw(options: BackupDatabaseOptions): Promise<Dexie> {
  const raw = rawDexie(options);
  applySchema(raw, options.versions);
  await raw.open();
  return raw;
}

const isBytes = (value: unknown): value is Encoded =>
  typeof value === 'object' && value !== null && Object.keys(value).length === 1 && typeof (value as Encoded).$bytes === 'string';

/** Every table's sealed rows, read in one transaction so the export is one consistent moment. */
export async function exportDatabase(options: BackupDatabaseOptions = {}): Promise<Uint8Array> {
  const sodium = await loadSodium();
  const versions = options.versions ?? schemaVersions;
  const names = tablesAt(versions);
  const raw = await openRaw(options);
  try {
    const rows = await raw.transaction('r', raw.tables, () => Promise.all(names.map((name) => raw.table(name).toArray())));
    const exported: DatabaseExport = {
      format: EXPORT_FORMAT,
      version: EXPORT_VERSION,
      schemaVersion: versions.at(-1)!.version,
      exportedAt: new Date((options.now ?? Date.now)()).toISOString(),
      tables: Object.fromEntries(names.map((name, i) => [name, rows[i]!])),
    };
    const json = JSON.stringify(exported, (_key, value: unknown) =>
      value instanceof Uint8Array ? { $bytes: sodium.to_base64(value, sodium.base64_variants.ORIGINAL) } : value,
    );
    return new TextEncoder().encode(json);
  } finally {
    raw.close();
  }
}

const refuse = (detail: string): never => {
  throw new BackupImportError(`バックアップのデータベースを読み込めません（${detail}）。データベースは変更していません`);
};

/** A clear field holds a scalar, or a list of numbers (the search index's tokens). */
const isClearValue = (value: unknown): boolean =>
  value === null || ['string', 'number', 'boolean'].includes(typeof value) || (Array.isArray(value) && value.every((item) => typeof item === 'number'));

/** A stored row: the table's clear fields, `kid`, `v`, and the envelope `n`, `c` as bytes — nothing else. */
function decodeRow(sodium: Sodium, table: string, row: unknown, index: number): Row {
  const where = `${table} ${index + 1} 行目`;
  if (typeof row !== 'object' || row === null || Array.isArray(row)) return refuse(`${where}: 行の形式が正しくありません`);
  // A backup made before a table's clear fields changed holds the earlier ones (its rows open with them).
  const clear = new Set<string>([...clearFieldsOf(table), ...formerClearFieldsOf(table).flat()]);
  const decoded: Row = {};
  for (const [field, value] of Object.entries(row)) {
    if (field === 'c') {
      if (!isBytes(value)) return refuse(`${where}: 暗号文がありません`);
      try {
        decoded[field] = sodium.from_base64(value.$bytes, sodium.base64_variants.ORIGINAL);
      } catch {
        return refuse(`${where}: 暗号文が壊れています`);
      }
    } else if (field === 'kid' || clear.has(field)) {
      if (!isClearValue(value)) return refuse(`${where}: ${field} の値が正しくありません`);
      decoded[field] = value;
    } else if (field !== 'v') {
      return refuse(`${where}: 想定外の項目 ${field}`);
    }
  }
  if ((row as Row).v !== ENVELOPE_VERSION) return refuse(`${where}: 封筒の版が正しくありません`);
  decoded.v = ENVELOPE_VERSION;
  if (typeof decoded.id !== 'string' || decoded.id === '') return refuse(`${where}: id がありません`);
  if (typeof decoded.kid !== 'string' || !(decoded.c instanceof Uint8Array)) return refuse(`${where}: 暗号化されていません`);
  return decoded;
}

/** A checked export: its schema version and every table of that version. */
export interface ParsedExport {
  schemaVersion: number;
  tables: Record<string, Row[]>;
}

/** Parses and checks the whole export; throws BackupImportError naming the first problem. */
export async function parseDatabaseExport(bytes: Uint8Array): Promise<ParsedExport> {
  const sodium = await loadSodium();
  let parsed: unknown;
  try {
    parsed = JSON.parse(new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return refuse('JSON として読めません');
  }
  const head = parsed as Partial<DatabaseExport> | null;
  if (typeof head !== 'object' || head === null || head.format !== EXPORT_FORMAT) return refuse('形式が違います');
  if (head.version !== EXPORT_VERSION) return refuse(`書き出し形式の版 ${String(head.version)} には対応していません`);
  const { schemaVersion } = head;
  if (!Number.isInteger(schemaVersion) || schemaVersion! < 1) return refuse(`データベースの版 ${String(schemaVersion)} が正しくありません`);
  if (schemaVersion! > latestSchemaVersion)
    return refuse(`データベースの版 ${String(schemaVersion)} はこのアプリ（版 ${latestSchemaVersion}）より新しいため読み込めません。アプリを更新してください`);
  const names = tablesAt(schemaVersions.slice(0, schemaVersion));
  const tables = head.tables as Record<string, unknown> | undefined;
  if (typeof tables !== 'object' || tables === null) return refuse('表がありません');
  const unknown = Object.keys(tables).filter((name) => !names.includes(name));
  if (unknown.length > 0) return refuse(`想定外の表 ${unknown.join(', ')}`);
  const missing = names.filter((name) => !Array.isArray(tables[name]));
  if (missing.length > 0) return refuse(`表 ${missing.join(', ')} がありません`);
  return {
    schemaVersion: schemaVersion!,
    tables: Object.fromEntries(names.map((name) => [name, (tables[name] as unknown[]).map((row, i) => decodeRow(sodium, name, row, i))])),
  };
}

/**
 * Replaces the database with the export. Nothing is written unless the whole export checks out, and then all
 * tables are cleared and filled in one transaction: if any write fails (a duplicate audit seq, a full disk)
 * IndexedDB rolls back and the previous data stays.
 */
export async function importDatabase(bytes: Uint8Array, options: BackupDatabaseOptions = {}): Promise<{ rows: number; schemaVersion: number }> {
  const { schemaVersion, tables } = await parseDatabaseExport(bytes);
  const rows = Object.values(tables).reduce((sum, list) => sum + list.length, 0);
  if (schemaVersion < latestSchemaVersion) {
    await replaceAtVersion(schemaVersion, tables, options);
    return { rows, schemaVersion };
  }
  const raw = await openRaw(options);
  try {
    await raw.transaction('rw', raw.tables, async () => {
      for (const [name, list] of Object.entries(tables)) {
        await raw.table(name).clear();
        await raw.table(name).bulkPut(list);
      }
    });
  } catch (error) {
    throw new BackupImportError(`データベースを復元できませんでした。データベースは変更していません（${messageOf(error)}）`);
  } finally {
    raw.close();
  }
  return { rows, schemaVersion };
}

/**
 * An older backup: IndexedDB cannot go down a version, so the database is deleted and created again at the
 * backup's version, filled in the very transaction that creates it — it exists complete or not at all (a crash
 * in between leaves no database, never a mix; the restore can be run again). The upgraders need the data key and
 * run through the encryption middleware, so they are not run here: the next unlock's `openDatabase` finds the
 * database at the backup's version and Dexie runs every later version's upgrader in order.
 */
async function replaceAtVersion(schemaVersion: number, tables: Record<string, Row[]>, options: BackupDatabaseOptions): Promise<void> {
  try {
    await rawDexie(options).delete();
    const raw = rawDexie(options);
    applySchema(raw, schemaVersions.slice(0, schemaVersion));
    raw.on('populate', (tx) => Promise.all(Object.entries(tables).map(([name, list]) => tx.table(name).bulkAdd(list))));
    await raw.open();
    raw.close();
  } catch (error) {
    throw new BackupImportError(
      `データベース（版 ${schemaVersion}）を復元できませんでした。データベースが空になっている場合は、もう一度復元してください（${messageOf(error)}）`,
    );
  }
}

/** The contract carries the export as base64 (backupCreate, backupRestore). */
export async function exportDatabaseForBackup(options?: BackupDatabaseOptions): Promise<string> {
  const sodium = await loadSodium();
  return sodium.to_base64(await exportDatabase(options), sodium.base64_variants.ORIGINAL);
}

export async function importDatabaseFromBackup(base64: string, options?: BackupDatabaseOptions): Promise<{ rows: number; schemaVersion: number }> {
  const sodium = await loadSodium();
  let bytes: Uint8Array;
  try {
    bytes = sodium.from_base64(base64, sodium.base64_variants.ORIGINAL);
  } catch {
    return refuse('base64 として読めません');
  }
  return importDatabase(bytes, options);
}
