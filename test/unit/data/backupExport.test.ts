import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { describe, expect, test } from 'vitest';
import { BackupImportError, exportDatabase, importDatabase, importDatabaseFromBackup, exportDatabaseForBackup } from '../../../renderer/data/backupExport.js';
import { openDatabase } from '../../../renderer/data/db.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { applySchema, schemaVersions, tableNames } from '../../../renderer/data/schema.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { openTestStore, rawRows, seedOffice, session, testKey } from './fixtures.js';

async function seeded() {
  const t = await openTestStore();
  const seed = await seedOffice(t.store);
  await t.repos.staff.record(
    session('systemAdmin', seed.ids.admin),
    'office-1',
    seed.ids.cwA,
    { displayName: '担当A 改', role: 'caseworker', teamId: 'team-1' },
    'active',
  );
  return { ...t, ...seed };
}

async function allRawRows(name: string) {
  return Object.fromEntries(await Promise.all(tableNames.map(async (table) => [table, await rawRows(name, table)] as const)));
}

// biome-ignore lint/suspicious/noExplicitAny: the test edits an untyped JSON document at any depth
const edit = (bytes: Uint8Array, change: (json: Record<string, any>) => void) => {
  const json = JSON.parse(new TextDecoder().decode(bytes));
  change(json);
  return new TextEncoder().encode(JSON.stringify(json));
};

describe('database export for backups', () => {
  test('round trip: a wiped database gets back the same sealed rows, and they open with the key', async () => {
    const { name, hA, mA, noteA } = await seeded();
    const before = await allRawRows(name);
    const exported = await exportDatabase({ name });
    // Sealed on the way out: no personal value appears in the export.
    const text = new TextDecoder().decode(exported);
    for (const secret of [mA.name, mA.kana, hA.address, noteA.body, mA.myNumber!]) expect(text).not.toContain(secret);

    const target = `restored-${uuidv7()}`;
    const { rows } = await importDatabase(exported, { name: target });
    expect(rows).toBe(Object.values(before).reduce((n, r) => n + r.length, 0));
    expect(await allRawRows(target)).toEqual(before);

    const store = await openDatabase(testKey(), { kid: 'k1', device: { id: uuidv7(), profile: 'office' }, name: target });
    expect(await store.db.households.get(hA.id)).toMatchObject({ address: hA.address, assignedTo: hA.assignedTo });
    expect(await store.db.caseRecords.get(noteA.id)).toMatchObject({ body: noteA.body });
    const repos = createRepositories(store);
    expect(await repos.auditLog.verify(session('auditor', 'aud'))).toMatchObject({ ok: true });
  });

  test('the base64 transport the contract uses round-trips too', async () => {
    const { name } = await seeded();
    const before = await allRawRows(name);
    const target = `restored-${uuidv7()}`;
    await importDatabaseFromBackup(await exportDatabaseForBackup({ name }), { name: target });
    expect(await allRawRows(target)).toEqual(before);
    await expect(importDatabaseFromBackup('***', { name: target })).rejects.toBeInstanceOf(BackupImportError);
  });

  test('an import replaces what was there: rows written after the backup are gone', async () => {
    const { name, store, hA } = await seeded();
    const exported = await exportDatabase({ name });
    await store.db.households.delete(hA.id);
    const extra = {
      id: uuidv7(),
      officeId: 'office-1',
      caseNumber: 'K-new',
      assignedTo: null,
      status: 'active' as const,
      address: 'x',
      phone: null,
      hlc: store.clock.stamp(),
    };
    await store.db.households.put(extra);
    store.close();
    await importDatabase(exported, { name });
    const ids = (await rawRows(name, 'households')).map((row) => row.id);
    expect(ids).toContain(hA.id);
    expect(ids).not.toContain(extra.id);
  });

  // biome-ignore lint/suspicious/noExplicitAny: as above
  const malformed: [string, (json: Record<string, any>) => void][] = [
    ['another format', (j) => (j.format = 'something-else')],
    ['another schema version', (j) => (j.schemaVersion = 99)],
    ['an unknown table', (j) => (j.tables.secrets = [])],
    ['a missing table', (j) => delete j.tables.audit],
    ['a row with a field that is not clear (plaintext smuggled in)', (j) => (j.tables.members[0].name = '山田 太郎')],
    ['a row without its ciphertext', (j) => delete j.tables.households[0].c],
    ['a row whose ciphertext is not bytes', (j) => (j.tables.households[0].c = 'abc')],
    ['a row without an id', (j) => delete j.tables.caseRecords[0].id],
    ['a row of another envelope version', (j) => (j.tables.users[0].v = 2)],
    ['a row that is not an object', (j) => (j.tables.users[0] = 7)],
  ];
  test.each(malformed)('%s is refused before anything is written', async (_label, change) => {
    const { name } = await seeded();
    const before = await allRawRows(name);
    const bad = edit(await exportDatabase({ name }), change);
    const target = `victim-${uuidv7()}`;
    // The target has its own data, which must survive the refused import.
    await importDatabase(await exportDatabase({ name }), { name: target });
    const error = await importDatabase(bad, { name: target }).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(BackupImportError);
    expect((error as Error).message).toMatch(/データベースは変更していません/);
    expect(await allRawRows(target)).toEqual(before);
  });

  test('truncated or non-JSON bytes are refused', async () => {
    const { name } = await seeded();
    const before = await allRawRows(name);
    const exported = await exportDatabase({ name });
    await expect(importDatabase(exported.slice(0, exported.length - 10), { name })).rejects.toBeInstanceOf(BackupImportError);
    await expect(importDatabase(new Uint8Array([0xff, 0xfe, 0x00]), { name })).rejects.toBeInstanceOf(BackupImportError);
    expect(await allRawRows(name)).toEqual(before);
  });

  test('a write that fails half way (duplicate audit seq) rolls back every table', async () => {
    const { name } = await seeded();
    const before = await allRawRows(name);
    const bad = edit(await exportDatabase({ name }), (j) => {
      // Passes the shape checks, but the unique seq index refuses it inside the transaction — after other tables were cleared.
      j.tables.audit.push({ ...j.tables.audit[0], id: uuidv7() });
    });
    await expect(importDatabase(bad, { name })).rejects.toBeInstanceOf(BackupImportError);
    expect(await allRawRows(name)).toEqual(before);
  });

  test('an empty, never-opened database can be restored into (a replacement machine)', async () => {
    const { name } = await seeded();
    const fresh = `fresh-${uuidv7()}`;
    expect(await Dexie.exists(fresh)).toBe(false);
    await importDatabase(await exportDatabase({ name }), { name: fresh });
    expect(await allRawRows(fresh)).toEqual(await allRawRows(name));
  });

  test('an empty database left at an older schema version is upgraded and restored into without the key', async () => {
    const { name } = await seeded();
    const old = `old-${uuidv7()}`;
    const v1 = new Dexie(old);
    applySchema(v1, schemaVersions.slice(0, 1));
    await v1.open();
    v1.close();
    await importDatabase(await exportDatabase({ name }), { name: old });
    expect(await allRawRows(old)).toEqual(await allRawRows(name));
  });
});
