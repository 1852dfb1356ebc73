import { Dexie, type Table } from 'dexie';
import { AEAD_KEY_BYTES } from '../../shared/crypto/aead.js';
import { deriveBlindKey } from '../../shared/crypto/blindIndex.js';
import { loadSodium, type Sodium } from '../../shared/crypto/sodium.js';
import type { DeviceProfile } from '../../shared/auth/roles.js';
import { defaultRandomSource, type RandomSource } from '../../shared/ids/uuidv7.js';
import { createHlcClock, hlcNodeFromId, type HlcClock } from '../../shared/sync/hlc.js';
import { lastHlc } from './counters.js';
import { encryptionMiddleware, type KeyRing } from './middleware/encryption.js';
import { applySchema, clearFieldsOf, derivedFieldsOf, formerClearFieldsOf, schemaVersions, type SchemaVersion, type TableRows } from './schema.js';

export type SeihoDexie = Dexie & { [K in keyof TableRows]: Table<TableRows[K], string> };

export interface DeviceIdentity {
  id: string;
  profile: DeviceProfile;
  /** The hub this device was enrolled to (its enrolment file); absent or null: the hub itself, or a device set up as its own office. */
  hubDeviceId?: string | null | undefined;
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
  /** The data keys: which one seals rows now, which previous ones still open rows (key rotation). */
  readonly keys: StoreKeys;
  readonly now: () => number;
  /** Closes the database and wipes the keys this store holds. */
  close(): void;
}

export interface StoreKeys {
  /** The key new rows are sealed with. */
  readonly kid: string;
  /** The previous keys still held: rows a rotation has not re-sealed yet carry these. */
  previousKids(): string[];
  /** A rotation started: seal with `next` from now on and keep `previous` to open the rest. Copies both keys. */
  rotateTo(next: { kid: string; key: Uint8Array }, previous: { kid: string; key: Uint8Array }): void;
  /** Every row carries the current key: wipes and drops a previous one. */
  forget(kid: string): void;
}

export interface OpenOptions {
  /** Names the key (the key store's `keyId`); stored in every row so the DEK can later be rotated lazily. */
  kid: string;
  /** While a rotation's re-seal is under way: the previous keys, to open rows not re-sealed yet. */
  previousKeys?: readonly { kid: string; key: Uint8Array }[];
  /** The blind-index key from main (it does not rotate); derived from the data key when absent (never rotated). */
  blindKey?: Uint8Array;
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
  const ring: KeyRing = {
    kid: options.kid,
    key: Uint8Array.from(key),
    previous: new Map((options.previousKeys ?? []).map((previous) => [previous.kid, Uint8Array.from(previous.key)])),
  };
  const blindKey = options.blindKey ? Uint8Array.from(options.blindKey) : deriveBlindKey(sodium, ring.key);
  const db = new Dexie(options.name ?? DEFAULT_DATABASE_NAME, {
    ...(options.indexedDB && { indexedDB: options.indexedDB }),
    ...(options.IDBKeyRange && { IDBKeyRange: options.IDBKeyRange }),
  }) as SeihoDexie;
  db.use(
    encryptionMiddleware({
      sodium,
      random: options.random ?? defaultRandomSource(),
      keys: ring,
      blindKey,
      clearFieldsOf,
      derivedFieldsOf,
      formerClearFieldsOf,
    }),
  );
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
    keys: {
      get kid() {
        return ring.kid;
      },
      previousKids: () => [...ring.previous.keys()],
      rotateTo(next, previous) {
        // The outgoing key may be the previous one itself: copy before wiping.
        ring.previous.set(previous.kid, Uint8Array.from(previous.key));
        sodium.memzero(ring.key);
        ring.key = Uint8Array.from(next.key);
        ring.kid = next.kid;
      },
      forget(kid) {
        const key = ring.previous.get(kid);
        if (key) sodium.memzero(key);
        ring.previous.delete(kid);
      },
    },
    now,
    close() {
      db.close();
      sodium.memzero(ring.key);
      for (const key of ring.previous.values()) sodium.memzero(key);
      ring.previous.clear();
      sodium.memzero(blindKey);
    },
  };
}
