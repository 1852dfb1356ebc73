import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { openDatabase, type DataStore } from '../../../renderer/data/db.js';
import { schemaVersions, tableNames, tableSpecs, type SchemaVersion } from '../../../renderer/data/schema.js';
import type { Household, Member } from '../../../shared/domain/records.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { householdTokens } from '../../../renderer/data/searchIndex.js';
import { Dexie } from 'dexie';
import { loadSodium } from '../../../shared/crypto/sodium.js';
import { deriveBlindKey } from '../../../shared/crypto/blindIndex.js';
import { defaultRandomSource } from '../../../shared/ids/uuidv7.js';
import { encryptionMiddleware } from '../../../renderer/data/middleware/encryption.js';
import { applySchema, clearFieldsOf, formerClearFieldsOf } from '../../../renderer/data/schema.js';
import { ledgerRow } from '../../../renderer/data/linkage/ledger.js';
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

  /**
   * Rows as a device at version `at` sealed them: with the clear fields the tables had then (the middleware of
   * that time), written straight into a database declared with versions 1…at.
   */
  async function sealedAsBefore(name: string, at: number, rows: Record<string, readonly object[]>) {
    const db = new Dexie(name);
    const former = (table: string) => new Set(formerClearFieldsOf(table)[0] ?? clearFieldsOf(table));
    const sodium = await loadSodium();
    const keys = { kid: 'k1', key: testKey(), previous: new Map() };
    db.use(encryptionMiddleware({ sodium, random: defaultRandomSource(), keys, blindKey: deriveBlindKey(sodium, keys.key), clearFieldsOf: former }));
    applySchema(db, schemaVersions.slice(0, at));
    await db.open();
    for (const [table, list] of Object.entries(rows)) await db.table(table).bulkPut(list);
    db.close();
  }

  for (const at of [1, 3]) {
    test(`version 4 seals again the rows of version ${at} whose clear fields told something, and finds them by the new keys`, async () => {
      const name = `upgrade4-${at}-${uuidv7()}`;
      const device = { id: uuidv7(), profile: 'office' as const };
      const home: Household = { ...household('cw-1'), hlc: 'h1' };
      const debt = { id: uuidv7(), hlc: 'h2', householdId: home.id, kind: 'collection78', status: 'open', principal: 280_000, receipts: [] };
      const ticket = { id: uuidv7(), hlc: 'h3', householdId: home.id, memberId: uuidv7(), month: '2026-11', kind: 'pharmacy', status: 'issued' };
      const decision = { id: uuidv7(), hlc: 'h4', householdId: home.id, applicationId: null, kind: 'terminate', stage: 'approved', effectiveOn: '2026-11-01' };
      const note = { id: uuidv7(), hlc: 'h5', householdId: home.id, authorId: 'cw-1', recordedOn: '2026-11-02', kind: 'investigation', body: '調査' };
      const plan = { id: uuidv7(), hlc: 'h6', householdId: home.id, grade: 'A', nextDueOn: '2026-12-01' };
      const key = (kind: string, hash: string) => `linkage:${kind}:${hash.padEnd(32, '0')}`;
      const ledger = [
        {
          id: uuidv7(),
          hlc: 'h7',
          householdId: home.id,
          memberId: ticket.memberId,
          kind: 'medicalEligibility',
          status: 'suppressed',
          idempotencyKey: key('medicalEligibility', 'a1'),
        },
        { id: uuidv7(), hlc: 'h8', householdId: home.id, memberId: null, kind: 'inquiry', status: 'rejected', idempotencyKey: key('inquiry', 'b2') },
        {
          id: uuidv7(),
          hlc: 'h9',
          householdId: home.id,
          memberId: null,
          kind: 'medicalTicketData',
          status: 'sent',
          idempotencyKey: key('medicalTicketData', 'c3'),
        },
      ];
      const entry = {
        id: uuidv7(),
        stream: 'linkage',
        seq: 1,
        deviceId: device.id,
        idempotencyKey: ledger[2]!.idempotencyKey,
        hlc: 'h9',
        createdAt: 'x',
        kind: 'medicalTicketData',
      };
      await sealedAsBefore(name, at, {
        households: [home],
        debts: [debt],
        medicalTickets: [ticket],
        decisions: [decision],
        caseRecords: [note],
        visitPlans: [plan],
        outbox: [entry],
        ...(at >= 3 && { linkageRecords: ledger }),
      });
      const store = await openDatabase(testKey(), { kid: 'k1', device, name });
      try {
        expect(store.db.verno).toBe(schemaVersions.at(-1)!.version);
        const repos = createRepositories(store);
        const cw = session('caseworker', 'cw-1');
        // Every row opens as it was, and the case's tabs find the debt and the ticket by the blinded link.
        expect(await repos.debts.list(cw, home.id)).toEqual([debt]);
        expect(await repos.medicalTickets.list(cw, home.id)).toEqual([ticket]);
        expect(await store.db.decisions.get(decision.id)).toEqual(decision);
        expect(await store.db.caseRecords.get(note.id)).toEqual(note);
        expect(await store.db.visitPlans.get(plan.id)).toEqual(plan);
        expect(await store.db.outbox.get(entry.id)).toEqual(entry);
        const raw = async (table: string) => (await rawRows(name, table)).map(({ c: _sealed, ...clear }) => clear);
        expect(JSON.stringify(await raw('debts'))).not.toMatch(/collection78|open|householdId/);
        expect(JSON.stringify(await raw('medicalTickets'))).not.toMatch(/pharmacy|2026-11|householdId|memberId/);
        expect(await raw('decisions')).not.toContainEqual(expect.objectContaining({ kind: expect.anything() }));
        expect(await raw('caseRecords')).not.toContainEqual(expect.objectContaining({ kind: expect.anything() }));
        expect(await raw('visitPlans')).not.toContainEqual(expect.objectContaining({ grade: expect.anything() }));
        expect(JSON.stringify(await raw('outbox'))).not.toContain('medicalTicketData');
        if (at >= 3) {
          for (const row of ledger) expect(await store.db.linkageRecords.get(row.id)).toEqual(row);
          const stored = await raw('linkageRecords');
          expect(JSON.stringify(stored)).not.toMatch(/suppressed|medicalEligibility|medicalTicketData|inquiry/);
          expect(stored.map((r) => r.queue).sort()).toEqual(['correction', 'sent', 'settled']);
          // The 要訂正 list and a result's lookup by idempotency key go through the new indexes.
          const corrections = await repos.linkage.needingCorrection(session('systemAdmin', 'admin-1'));
          expect(corrections.map((c) => c.record.id)).toEqual([ledger[1]!.id]);
          expect((await ledgerRow(store, ledger[2]!.idempotencyKey))?.id).toBe(ledger[2]!.id);
        }
      } finally {
        store.close();
      }
    });
  }

  test('version 5 adds the sync tables and an hlc index on every synced table, keeping the rows stored at version 4', async () => {
    const row: Household = { ...household('cw-1'), hlc: '2026-11-01T00:00:00.000Z-0000-0123456789abcdef' };
    const later: Member = { ...member(row.id), hlc: '2026-11-02T00:00:00.000Z-0000-0123456789abcdef' };
    await upgradeCase(
      schemaVersions.slice(0, 5),
      async (store) => {
        await store.db.households.put(row);
        await store.db.members.put(later);
      },
      async (store) => {
        expect(await store.db.households.get(row.id)).toEqual(row);
        expect((await store.db.members.where('hlc').above(row.hlc).toArray()).map((m) => m.id)).toEqual([later.id]);
        for (const table of ['syncPeers', 'syncConflicts', 'syncQuarantine', 'deviceAudit'] as const) expect(await store.db.table(table).count()).toBe(0);
      },
    );
  });

  test("version 6 adds the PIA's registers, keeping the rows stored at version 5, and seals them like every table", async () => {
    const row: Household = { ...household('cw-1'), hlc: '2026-11-01T00:00:00.000Z-0000-0123456789abcdef' };
    await upgradeCase(
      schemaVersions.slice(0, 6),
      async (store) => {
        await store.db.households.put(row);
      },
      async (store, name) => {
        expect(await store.db.households.get(row.id)).toEqual(row);
        for (const table of ['privacyRequests', 'incidents', 'trainingRecords', 'piaAssessment'] as const) expect(await store.db.table(table).count()).toBe(0);
        await store.db.trainingRecords.put({ id: 't-1', userId: 'u-1', heldOn: '2026-11-01', content: '研修', provider: '課内', recordedBy: 'u-1' });
        expect(Object.keys((await rawRows(name, 'trainingRecords'))[0]!).sort()).toEqual(['c', 'id', 'kid', 'v']);
      },
    );
  });
});
