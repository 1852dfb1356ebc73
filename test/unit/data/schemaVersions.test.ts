import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { openDatabase, type DataStore } from '../../../renderer/data/db.js';
import { schemaVersions, tableNames, tableSpecs, type SchemaVersion } from '../../../renderer/data/schema.js';
import type { Household, Member } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { householdTokens } from '../../../renderer/data/searchIndex.js';
import { household, member, rawRows, session, testKey } from './fixtures.js';

/**
 * The upgrade harness: seed a database at version N−1 (through the middleware, so rows are sealed as they would
 * be on a device), close it, open it with versions 1…N and check the result. Each new entry in `schemaVersions`
 * adds a case with `upgradeCase(N, seed, check)`.
 */
async function upgradeCase(
  versions: readonly SchemaVersion[],
  seed: (store: DataStore) => Promise<void>,
  check: (store: DataStore, name: string) => Promise<void>,
) {
  const name = `upgrade-${uuidv7()}`;
  const device = { id: uuidv7(), profile: 'office' as const };
  const before = await openDatabase(testKey(), { kid: 'k1', device, name, versions: versions.slice(0, -1) });
  await seed(before);
  before.close();
  const after = await openDatabase(testKey(), { kid: 'k1', device, name, versions });
  try {
    expect(after.db.verno).toBe(versions.at(-1)!.version);
    await check(after, name);
  } finally {
    after.close();
  }
}

describe('schema versions', () => {
  test('versions are append-only and numbered 1, 2, 3 …', () => {
    expect(schemaVersions.map((v) => v.version)).toEqual(schemaVersions.map((_, i) => i + 1));
  });

  test('the latest version opens on an empty database with every table', async () => {
    const store = await openDatabase(testKey(), { kid: 'k1', device: { id: uuidv7(), profile: 'office' }, name: `empty-${uuidv7()}` });
    expect(store.db.verno).toBe(schemaVersions.at(-1)!.version);
    expect(store.db.tables.map((t) => t.name).sort()).toEqual([...tableNames].sort());
    store.close();
  });

  test('version 2 computes the search tokens of the households stored at version 1', async () => {
    const row: Household = { ...household('cw-1'), hlc: 'h1' };
    const head: Member = { ...member(row.id), hlc: 'h2' };
    await upgradeCase(
      schemaVersions.slice(0, 2),
      async (store) => {
        await store.db.households.put(row);
        await store.db.members.put(head);
      },
      async (store) => {
        expect(await store.db.householdSearch.get(row.id)).toMatchObject({ tokens: householdTokens(store, row, [head]) });
        const found = await createRepositories(store).households.search(session('caseworker', 'cw-1'), 'ﾔﾏﾀﾞ');
        expect(found.map((m) => m.household.id)).toEqual([row.id]);
      },
    );
  });

  test('version 3 adds the linkage ledger and the §23 records, keeping the rows stored at version 2', async () => {
    const row: Household = { ...household('cw-1'), hlc: 'h1' };
    await upgradeCase(
      schemaVersions.slice(0, 3),
      async (store) => {
        await store.db.households.put(row);
      },
      async (store) => {
        expect(await store.db.households.get(row.id)).toEqual(row);
        expect(await store.db.linkageRecords.count()).toBe(0);
        expect(await store.db.provisionRecords.count()).toBe(0);
      },
    );
  });

  test('the harness upgrades sealed rows through the middleware (shown with a trial version 2)', async () => {
    const row = household('cw-1');
    // A trial v2: a new index and an upgrader that fills a field from sealed data. Not part of the app.
    const trial: SchemaVersion = {
      version: schemaVersions.length + 1,
      stores: { households: `${tableSpecs.households.indexes}, kyuchi` },
      upgrade: (tx) =>
        tx
          .table('households')
          .toCollection()
          .modify((h: Record<string, unknown>) => {
            h.addressLength = String(h.address).length; // sealed before; the upgrader must see plaintext
          }),
    };
    await upgradeCase(
      [...schemaVersions, trial],
      (store) => store.db.households.put({ ...row, hlc: store.clock.stamp() }).then(() => undefined),
      async (store, name) => {
        expect(await store.db.households.get(row.id)).toMatchObject({ address: row.address, addressLength: row.address.length });
        const [raw] = await rawRows(name, 'households', [...schemaVersions, trial]);
        expect(JSON.stringify(raw)).not.toContain('加須');
        expect(raw).not.toHaveProperty('addressLength');
      },
    );
  });
});
