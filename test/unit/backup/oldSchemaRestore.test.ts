import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createBackupService } from '../../../main/backup/backupService.js';
import { exportDatabase, importDatabase } from '../../../renderer/data/backupExport.js';
import { openDatabase } from '../../../renderer/data/db.js';
import { encryptionMiddleware } from '../../../renderer/data/middleware/encryption.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { applySchema, clearFieldsOf, derivedFieldsOf, formerClearFieldsOf, schemaVersions } from '../../../renderer/data/schema.js';
import { householdTokens } from '../../../renderer/data/searchIndex.js';
import { loadSodium } from '../../../shared/crypto/sodium.js';
import type { Household, Member } from '../../../shared/domain/records.js';
import { defaultRandomSource, uuidv7 } from '../../../shared/ids/uuidv7.js';
import { household, member, session } from '../data/fixtures.js';
import { ADMIN, initializedVault, tempDir, testVault } from '../vault/vaultFixtures.js';

/**
 * Finding 7: a backup made by each released schema version restores on this version and is carried forward by the
 * upgraders. The fixtures are made here, deterministically in content, rather than committed: for each version N
 * of `schemaVersions`, a device of that release — a real key store (the test office of vaultFixtures.ts: its
 * administrator's passphrase, and the recovery key printed at its setup) and a database declared with versions
 * 1…N, its rows sealed with the clear fields of that time (the pre-version-4 lists for N < 4, as
 * test/unit/data/schemaVersions.test.ts seeds them) — writes a signed backup through the same code as the app.
 * A new schema version is covered by appending it to `schemaVersions`: the loop picks it up; if it changes a
 * table's clear fields, `clearAt` below must return that version's list for the versions before it.
 */
const latest = schemaVersions.at(-1)!.version;
const clearAt = (version: number) => (table: string) => (version < 4 ? new Set(formerClearFieldsOf(table)[0] ?? clearFieldsOf(table)) : clearFieldsOf(table));

type Keys = { kid: string; dek: Uint8Array; blindKey: Uint8Array };

/** A device at schema version `version`: one household with a member, a 78条 debt, a ケース記録, sealed as then. */
async function deviceAt(version: number, keys: Keys) {
  const name = `release-${version}-${uuidv7()}`;
  const sodium = await loadSodium();
  const home: Household = { ...household('cw-1'), hlc: 'h1' };
  const head: Member = { ...member(home.id), hlc: 'h2' };
  const debt = { id: uuidv7(), hlc: 'h3', householdId: home.id, kind: 'collection78', status: 'open', principal: 280_000, receipts: [] };
  const note = { id: uuidv7(), hlc: 'h4', householdId: home.id, authorId: 'cw-1', recordedOn: '2026-11-02', kind: 'investigation', body: '調査の記録' };
  const db = new Dexie(name);
  db.use(
    encryptionMiddleware({
      sodium,
      random: defaultRandomSource(),
      keys: { kid: keys.kid, key: keys.dek.slice(), previous: new Map() },
      blindKey: keys.blindKey,
      clearFieldsOf: clearAt(version),
      // Derived (blinded) clear fields came with version 4.
      ...(version >= 4 && { derivedFieldsOf }),
    }),
  );
  applySchema(db, schemaVersions.slice(0, version));
  await db.open();
  await db.table('households').put(home);
  await db.table('members').put(head);
  await db.table('debts').put(debt);
  await db.table('caseRecords').put(note);
  // From version 2 the device kept the blind search index itself.
  if (version >= 2) await db.table('householdSearch').put({ id: home.id, tokens: householdTokens({ sodium, blindKey: keys.blindKey }, home, [head]) });
  db.close();
  return { name, home, head, debt, note };
}

async function unlockedKeys(vault: Awaited<ReturnType<typeof testVault>>['vault']): Promise<Keys> {
  const unlocked = await vault.unlock(ADMIN.loginId, ADMIN.passphrase);
  if (!unlocked.ok) throw new Error(unlocked.message);
  return { kid: unlocked.keyId, dek: unlocked.dek, blindKey: unlocked.blindKey };
}

describe('a backup of every released schema version restores and is carried forward', () => {
  for (const { version } of schemaVersions) {
    test(`schema version ${version}${version === latest ? ' (current)' : ''}`, async () => {
      // The office of that release makes a signed backup of its device.
      const office = await initializedVault();
      const keys = await unlockedKeys(office.vault);
      const device = await deviceAt(version, keys);
      const exported = await exportDatabase({ name: device.name, versions: schemaVersions.slice(0, version) });
      expect(JSON.parse(new TextDecoder().decode(exported))).toMatchObject({ schemaVersion: version });
      const signing = await office.vault.backupSigner();
      const file = join(await tempDir(), `release-${version}.seihobak`);
      await createBackupService({ dataDir: office.dataDir, clock: office.clock }).createBackup(file, exported, signing);

      // A replacement machine whose database (at the current version) holds other rows.
      const dataDir = await tempDir();
      const target = `target-${uuidv7()}`;
      const stale = await openDatabase(keys.dek, { kid: keys.kid, blindKey: keys.blindKey, device: { id: uuidv7(), profile: 'office' }, name: target });
      await stale.db.households.put({ ...household('cw-9'), hlc: 'x1' });
      stale.close();

      const restored = await createBackupService({ dataDir, clock: office.clock }).restoreBackup(file, office.recoveryKey);
      expect(await importDatabase(restored.database, { name: target })).toMatchObject({ schemaVersion: version });

      // The next unlock opens it with the restored key store's keys; Dexie runs the later upgraders.
      const { vault } = await testVault({ dataDir });
      const again = await unlockedKeys(vault);
      const store = await openDatabase(again.dek, { kid: again.kid, blindKey: again.blindKey, device: { id: uuidv7(), profile: 'office' }, name: target });
      try {
        expect(store.db.verno).toBe(latest);
        const repos = createRepositories(store);
        const cw = session('caseworker', 'cw-1');
        expect(await store.db.households.toArray()).toEqual([device.home]);
        expect(await store.db.members.get(device.head.id)).toEqual(device.head);
        expect(await store.db.caseRecords.get(device.note.id)).toEqual(device.note);
        expect(await repos.debts.list(cw, device.home.id)).toEqual([device.debt]);
        expect((await repos.households.search(cw, 'ﾔﾏﾀﾞ')).map((m) => m.household.id)).toEqual([device.home.id]);
        // Carried forward: no row keeps a clear field the current version seals.
        const raw = new Dexie(target);
        applySchema(raw);
        await raw.open();
        const debts = await raw.table('debts').toArray();
        raw.close();
        expect(JSON.stringify(debts.map(({ c: _sealed, ...clear }) => clear))).not.toMatch(/collection78|"open"/);
      } finally {
        store.close();
      }
    });
  }

  test('a backup from a newer version of the app is refused and the database is left as it was', async () => {
    const office = await initializedVault();
    const keys = await unlockedKeys(office.vault);
    const device = await deviceAt(latest, keys);
    const json = JSON.parse(new TextDecoder().decode(await exportDatabase({ name: device.name }))) as { schemaVersion: number };
    json.schemaVersion = latest + 1;
    await expect(importDatabase(new TextEncoder().encode(JSON.stringify(json)), { name: device.name })).rejects.toThrow('より新しい');
    const store = await openDatabase(keys.dek, { kid: keys.kid, blindKey: keys.blindKey, device: { id: uuidv7(), profile: 'office' }, name: device.name });
    expect(await store.db.households.toArray()).toEqual([device.home]);
    store.close();
  });
});
