import type { DBCore, DBCoreCursor, DBCoreTable, Middleware } from 'dexie';
import { cached } from '../../../shared/collections/cached.js';
import { openSealedTexts, sealBytes } from '../../../shared/crypto/aead.js';
import type { Sodium } from '../../../shared/crypto/sodium.js';
import type { RandomSource } from '../../../shared/ids/uuidv7.js';
import { blindFieldValue } from '../blindFields.js';
import { INTEGRITY_MESSAGE, IntegrityError, isDamaged, type DamagedRecord } from '../errors.js';

/**
 * Seals every row at rest. A stored row is `{...clear fields, kid, v, c}`: the fields queries need stay
 * readable, the rest is one XChaCha20-Poly1305 ciphertext of their JSON, `c` = nonce ‖ ciphertext. The associated data is
 * the table, the primary key and every stored clear field including `kid` and `v`, so a ciphertext cannot be
 * moved to another row and a clear field (say `assignedTo`) cannot be edited on disk without the row failing to open.
 *
 * Level −2: below Dexie's own middlewares (−1 cache, 0 liveQuery, 1 virtual index, 2 hooks), which therefore all
 * see plaintext. Synchronous throughout: an await here would commit the IndexedDB transaction.
 */

export const ENVELOPE_VERSION = 1;

export interface EncryptionOptions {
  sodium: Sodium;
  random: RandomSource;
  /** The data keys, read on every call (a rotation changes them while the database is open); the owner wipes them on lock. */
  keys: KeyRing;
  clearFieldsOf: (table: string) => ReadonlySet<string>;
  /** The blind-index key: from main, it does not rotate with the data key. */
  blindKey: Uint8Array;
  /**
   * Clear fields computed from the plaintext row at sealing (a blinded household link, a coarse state), never
   * returned in the opened row. `blind` hashes under `blindKey`.
   */
  derivedFieldsOf?: (table: string) => ReadonlyMap<string, (row: Row, blind: (value: unknown) => string) => unknown>;
  /** Clear-field lists a table had before, for rows sealed then (opened only when the current list fails). */
  formerClearFieldsOf?: (table: string) => readonly (readonly string[])[];
}

type Row = Record<string, unknown>;

/**
 * The keys rows are sealed with, by kid: `key` (named `kid`) seals every row written and opens rows carrying its
 * kid; `previous` opens rows sealed before a rotation until the re-seal has reached them (keyRotation.ts).
 */
export interface KeyRing {
  kid: string;
  key: Uint8Array;
  previous: Map<string, Uint8Array>;
}

// One encoder for every row: libsodium's from_string constructs a new one per call, which a Chromium profile of
// writing 10,000 households showed as self time.
const utf8 = new TextEncoder();

type Envelope = { kid: unknown; v: unknown };

const damaged = (id: unknown): DamagedRecord => ({ id: id as string, __integrityError: INTEGRITY_MESSAGE });

const noDerived: ReadonlyMap<string, (row: Row, blind: (value: unknown) => string) => unknown> = new Map();

export function encryptionMiddleware(options: EncryptionOptions): Middleware<DBCore> {
  const { sodium, random, keys } = options;
  // Per table, the clear fields in a fixed order: the associated data is their values in that order (no per-row
  // key sorting), and only these fields are ever taken from the clear part of a stored row.
  const clearOrder = new Map<string, readonly string[]>();
  const formerOrder = new Map<string, readonly (readonly string[])[]>();
  const clearFieldsIn = (table: string) => cached(clearOrder, table, () => [...options.clearFieldsOf(table)].sort());
  const derivedIn = (table: string) => options.derivedFieldsOf?.(table) ?? noDerived;
  const formerIn = (table: string) => cached(formerOrder, table, () => (options.formerClearFieldsOf?.(table) ?? []).map((fields) => [...fields].sort()));
  // As text: opening encodes it straight into libsodium's memory (aead.ts), sealing encodes it here.
  const associatedData = (table: string, primaryKey: unknown, stored: Row, envelope: Envelope, fields = clearFieldsIn(table)) =>
    JSON.stringify([table, primaryKey, envelope.kid, envelope.v, fields.map((field) => stored[field] ?? null)]);

  const sealRow = (table: DBCoreTable, value: Row): Row => {
    const { kid, key } = keys;
    const primaryKey = table.schema.primaryKey.extractKey!(value);
    // A damaged row read back and written again would replace the evidence with a valid seal of nothing.
    if (isDamaged(value)) throw new IntegrityError(table.name, primaryKey);
    const clearFields = options.clearFieldsOf(table.name);
    const stored: Row = {};
    const secret: Row = {};
    const derived = derivedIn(table.name);
    for (const [field, fieldValue] of Object.entries(value)) if (!derived.has(field)) (clearFields.has(field) ? stored : secret)[field] = fieldValue;
    if (derived.size > 0) {
      // The store's blind key, which does not rotate with the data key (see renderer/data/README.md, key rotation).
      const { blindKey } = options;
      for (const [field, derive] of derived) stored[field] = derive(value, (v) => blindFieldValue({ sodium, blindKey }, table.name, field, v));
    }
    stored.kid = kid;
    stored.v = ENVELOPE_VERSION;
    stored.c = sealBytes(
      sodium,
      random,
      key,
      utf8.encode(JSON.stringify(secret)),
      utf8.encode(associatedData(table.name, primaryKey, stored, { kid, v: ENVELOPE_VERSION })),
    );
    return stored;
  };

  /**
   * Opens a read's rows together: per key the rows name, one pass over libsodium's memory (aead.ts), then the rows
   * that did not open, with each former clear-field list of their table (rows sealed before it last changed: an
   * upgrade re-seals them, or an old backup's).
   */
  const openRows = (table: DBCoreTable, values: readonly unknown[]): unknown[] => {
    const keyPath = table.schema.primaryKey.keyPath as string;
    const derived = derivedIn(table.name);
    const opened = new Array<unknown>(values.length);
    const byKey = new Map<Uint8Array, number[]>();
    for (const [index, value] of values.entries()) {
      if (value === undefined) continue;
      const row = value as Row;
      // Any known key opens its rows (the previous one while a rotation's re-seal is under way); writes use the current.
      const key = row.kid === keys.kid ? keys.key : keys.previous.get(row.kid as string);
      if (row.c instanceof Uint8Array && key && row.v === ENVELOPE_VERSION) cached(byKey, key, () => []).push(index);
      else opened[index] = damaged(row[keyPath]);
    }
    for (const [key, indices] of byKey) {
      let pending = indices;
      for (const fields of [clearFieldsIn(table.name), ...formerIn(table.name)]) {
        if (pending.length === 0) break;
        const rows = pending.map((index) => values[index] as Row);
        const texts = openSealedTexts(
          sodium,
          key,
          rows.map((row) => ({ sealed: row.c as Uint8Array, associatedData: associatedData(table.name, row[keyPath], row, row as Envelope, fields) })),
        );
        const failed: number[] = [];
        for (let i = 0; i < texts.length; i += 1) {
          const text = texts[i]!;
          if (text === null) {
            failed.push(pending[i]!);
            continue;
          }
          const row = rows[i]!;
          const secret = JSON.parse(text) as Row;
          // Only the authenticated clear fields, derived ones left out: anything else planted in the stored row is ignored.
          for (const field of fields) if (row[field] !== undefined && !derived.has(field)) secret[field] = row[field];
          opened[pending[i]!] = secret;
        }
        pending = failed;
      }
      for (const index of pending) opened[index] = damaged((values[index] as Row)[keyPath]);
    }
    return opened;
  };

  const openCursor = (table: DBCoreTable, cursor: DBCoreCursor): DBCoreCursor => {
    let raw: unknown;
    let opened: unknown;
    // Dexie's cursor is the native IDBCursor: its key getters must run on it, not on this wrapper, or Chromium
    // throws "Illegal invocation" (fake-indexeddb does not check, so only the browser tests catch it).
    return Object.create(cursor, {
      key: { get: () => cursor.key },
      primaryKey: { get: () => cursor.primaryKey },
      value: {
        get() {
          if (cursor.value !== raw) {
            raw = cursor.value;
            opened = openRows(table, [raw])[0];
          }
          return opened;
        },
      },
    }) as DBCoreCursor;
  };

  return {
    stack: 'dbcore',
    name: 'seiho-encryption',
    level: -2,
    create: (down) => ({
      ...down,
      table(name) {
        const table = down.table(name);
        return {
          ...table,
          mutate: (req) =>
            req.type === 'add' || req.type === 'put'
              ? table.mutate({ ...req, values: req.values.map((value: Row) => sealRow(table, value)) })
              : table.mutate(req),
          get: (req) => table.get(req).then((value) => openRows(table, [value])[0]),
          getMany: (req) => table.getMany(req).then((values) => openRows(table, values)),
          query: (req) => table.query(req).then((res) => (req.values ? { ...res, result: openRows(table, res.result) } : res)),
          openCursor: (req) => table.openCursor(req).then((cursor) => cursor && (req.values === false ? cursor : openCursor(table, cursor))),
        };
      },
    }),
  };
}
