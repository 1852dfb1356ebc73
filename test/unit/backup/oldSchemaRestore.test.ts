import 'fake-indexeddb/auto';
import { Dexie } from 'dexie';
import { join } from 'node:path';
import { describe, expect, test } from 'vitest';
import { createBackupService } from '../../../main/backup/backupService.js';
import { exportDatabase, importDatabase } from '../../../renderer/data/backupExport.js';
import { openDatabase } from '../../../renderer/data/db.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { applySchema, schemaVersions } from '../../../renderer/data/schema.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { household, session } from '../data/fixtures.js';
import { ADMIN, initializedVault, tempDir, testVault } from '../vault/vaultFixtures.js';
import { deviceAt, releaseRows, type ReleaseKeys } from './oldRelease.js';

/**
 * Finding 7: a backup made by each released schema version restores on this version and is carried forward by the
 * upgraders. The fixtures are made here, deterministically in content, rather than committed: for each version N
 * of `schemaVersions`, a device of that release (oldRelease.ts) of the test office of vaultFixtures.ts — its
 * administrator's passphrase, and the recovery key printed at its setup — writes a signed backup through the same
 * code as the app. A new schema version is covered by appending it to `schemaVersions`: the loop picks it up.
 */
const latest = schemaVersions.at(-1)!.version;

async function unlockedKeys(vault: Awaited<ReturnType<typeof testVault>>['vault']): Promise<ReleaseKeys> {
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
      const device = releaseRows('cw-1');
      const name = await deviceAt(version, keys, device);
      const exported = await exportDatabase({ name, versions: schemaVersions.slice(0, version) });
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
    const device = releaseRows('cw-1');
    const name = await deviceAt(latest, keys, device);
    const json = JSON.parse(new TextDecoder().decode(await exportDatabase({ name }))) as { schemaVersion: number };
    json.schemaVersion = latest + 1;
    await expect(importDatabase(new TextEncoder().encode(JSON.stringify(json)), { name })).rejects.toThrow('より新しい');
    const store = await openDatabase(keys.dek, { kid: keys.kid, blindKey: keys.blindKey, device: { id: uuidv7(), profile: 'office' }, name });
    expect(await store.db.households.toArray()).toEqual([device.home]);
    store.close();
  });
});
