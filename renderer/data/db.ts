import { Dexie, type Table } from 'dexie';
import { AEAD_KEY_BYTES } from '../../shared/crypto/aead.js';
import { deriveBlindKey } from '../../shared/crypto/blindIndex.js';
import { loadSodium, type Sodium } from '../../shared/crypto/sodium.js';
import type { DeviceProfile } from '../../shared/auth/roles.js';
import { defaultRandomSource, type RandomSource } from '../../shared/ids/uuidv7.js';
import { createHlcClock, hlcNodeFromId, type HlcClock } from '../../shared/sync/hlc.js';
import { lastHlc } from './counters.js';
import { encryptionMiddleware } from './middleware/encryption.js';
import { applySchema, clearFieldsOf, derivedFieldsOf, formerClearFieldsOf, schemaVersions, type SchemaVersion, type TableRows } from './schema.js';

export type SeihoDexie = Dexie & { [K in keyof TableRows]: Table<TableRows[K], string> };

export interface DeviceIdentity {
  id: string;
  profile: DeviceProfile;
}

/** An open, unlocked database and what writing to it needs. Screens get it from the unlock flow. */
export interface DataStore {
  /** For `useLiveQuery` and reads; writes go through the repositories so that they are scoped, audited and queued. */
  readonly db: SeihoDexie;
  readonly device: DeviceIdentity;
  readonly clock: HlcClock;
  readonly sodium: Sodium;
  /** Subkey of the DEK for blind indexes (linkage idempotency keys, the search index). */
  readonly blindKey: Uint8Array;
  readonly now: () => number;
  /** Closes the database and wipes the keys this store holds. */
  close(): void;
}

export interface OpenOptions {
  /** Names the key (the key store's `keyId`); stored in every row so the DEK can later be rotated lazily. */
  kid: string;
  device: DeviceIdentity;
  name?: string;
  /** For the schema-version tests only: a prefix or an extension of `schemaVersions`. */
  versions?: readonly SchemaVersion[];
  /** Another IndexedDB (fake-indexeddb in benches and tests); defaults to the browser's. */
  indexedDB?: IDBFactory;
  IDBKeyRange?: typeof IDBKeyRange;
  now?: () => number;
  random?: RandomSource;
}

export const DEFAULT_DATABASE_NAME = 'seiho-desk';

/**
 * Opens the database with the data key main handed over after unlock. The key must be known before `open()`:
 * schema upgraders run through the encryption middleware. The store keeps its own copy of the key, so the caller
 * wipes theirs right away; `close()` wipes this copy.
 */
export async function openDatabase(key: Uint8Array, options: OpenOptions): Promise<DataStore> {
  if (key.length !== AEAD_KEY_BYTES) throw new Error(`data key must be ${AEAD_KEY_BYTES} bytes`);
  const sodium = await loadSodium();
  const dataKey = Uint8Array.from(key);
  const db = new Dexie(options.name ?? DEFAULT_DATABASE_NAME, {
    ...(options.indexedDB && { indexedDB: options.indexedDB }),
    ...(options.IDBKeyRange && { IDBKeyRange: options.IDBKeyRange }),
  }) as SeihoDexie;
  db.use(
    encryptionMiddleware({
      sodium,
      random: options.random ?? defaultRandomSource(),
      kid: options.kid,
      key: dataKey,
      clearFieldsOf,
      derivedFieldsOf,
      formerClearFieldsOf,
    }),
  );
  const blindKey = deriveBlindKey(sodium, dataKey);
  applySchema(db, options.versions ?? schemaVersions, { sodium, blindKey });
  await db.open();
  const now = options.now ?? Date.now;
  const last = await lastHlc(db);
  return {
    db,
    device: options.device,
    clock: createHlcClock({ node: hlcNodeFromId(options.device.id), now, ...(last && { last }) }),
    sodium,
    blindKey,
    now,
    close() {
      db.close();
      sodium.memzero(dataKey);
      sodium.memzero(blindKey);
    },
  };
}
