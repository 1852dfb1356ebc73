import { Dexie } from 'dexie';
import { encryptionMiddleware } from '../../../renderer/data/middleware/encryption.js';
import { applySchema, clearFieldsOf, derivedFieldsOf, formerClearFieldsOf, schemaVersions } from '../../../renderer/data/schema.js';
import { householdTokens } from '../../../renderer/data/searchIndex.js';
import { loadSodium } from '../../../shared/crypto/sodium.js';
import type { Household, Member } from '../../../shared/domain/records.js';
import { defaultRandomSource, uuidv7 } from '../../../shared/ids/uuidv7.js';

/**
 * A device of an earlier release, for the older-schema backup tests (unit and browser): a database declared with
 * versions 1…N of `schemaVersions`, its rows sealed with the clear fields of that time (the pre-version-4 lists for
 * N < 4, as test/unit/data/schemaVersions.test.ts seeds them; derived blinded fields from version 4). A schema
 * version that changes a table's clear fields adds its case to `clearAt`.
 */
const clearAt = (version: number) => (table: string) => (version < 4 ? new Set(formerClearFieldsOf(table)[0] ?? clearFieldsOf(table)) : clearFieldsOf(table));

export type ReleaseKeys = { kid: string; dek: Uint8Array; blindKey: Uint8Array };

/** One household with its head, a 78条 debt and a ケース記録 — fields whose clear form changed in version 4. */
export function releaseRows(assignedTo: string) {
  const home: Household = {
    id: uuidv7(),
    officeId: 'office-1',
    caseNumber: 'K-0701',
    assignedTo,
    status: 'active',
    address: '埼玉県加須市三俣二丁目1番地1',
    phone: '0480-00-0000',
    hlc: 'h1',
  };
  const head: Member = {
    id: uuidv7(),
    householdId: home.id,
    name: '山田 太郎',
    kana: 'ヤマダ タロウ',
    birthDate: '1960-04-01',
    sex: 'male',
    relation: 'head',
    myNumber: null,
    atenaNumber: '000123456',
    nonDisclosure: false,
    hlc: 'h2',
  };
  const debt = { id: uuidv7(), hlc: 'h3', householdId: home.id, kind: 'collection78', status: 'open', principal: 280_000, receipts: [] };
  const note = { id: uuidv7(), hlc: 'h4', householdId: home.id, authorId: assignedTo, recordedOn: '2026-11-02', kind: 'investigation', body: '調査の記録' };
  return { home, head, debt, note };
}
export type ReleaseRows = ReturnType<typeof releaseRows>;

/** Writes `rows` as a device at schema version `version` did; returns the database's name. */
export async function deviceAt(
  version: number,
  keys: ReleaseKeys,
  rows: ReleaseRows,
  options: { indexedDB?: IDBFactory; IDBKeyRange?: typeof IDBKeyRange } = {},
): Promise<string> {
  const name = `release-${version}-${uuidv7()}`;
  const sodium = await loadSodium();
  const db = new Dexie(name, options);
  db.use(
    encryptionMiddleware({
      sodium,
      random: defaultRandomSource(),
      keys: { kid: keys.kid, key: keys.dek.slice(), previous: new Map() },
      blindKey: keys.blindKey,
      clearFieldsOf: clearAt(version),
      ...(version >= 4 && { derivedFieldsOf }),
    }),
  );
  applySchema(db, schemaVersions.slice(0, version));
  await db.open();
  await db.table('households').put(rows.home);
  await db.table('members').put(rows.head);
  await db.table('debts').put(rows.debt);
  await db.table('caseRecords').put(rows.note);
  // From version 2 the device kept the blind search index itself.
  if (version >= 2) {
    await db.table('householdSearch').put({ id: rows.home.id, tokens: householdTokens({ sodium, blindKey: keys.blindKey }, rows.home, [rows.head]) });
  }
  db.close();
  return name;
}
