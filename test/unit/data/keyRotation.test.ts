import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { deriveBlindKey } from '../../../shared/crypto/blindIndex.js';
import { loadSodium } from '../../../shared/crypto/sodium.js';
import { verifyAuditChain } from '../../../renderer/data/audit.js';
import { openDatabase } from '../../../renderer/data/db.js';
import { isDamaged } from '../../../renderer/data/errors.js';
import { clearResealCheckpoint, resealAll, resealChunk } from '../../../renderer/data/keyRotation.js';
import { createRepositories } from '../../../renderer/data/repos/index.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { mutateRaw, openTestStore, rawRows, seedOffice, session, testKey } from './fixtures.js';

const nextKey = () => Uint8Array.from({ length: 32 }, (_, i) => 200 - i);
const TABLES = ['audit', 'caseRecords', 'counters', 'households', 'householdSearch', 'members', 'users'];

async function kidsOf(name: string) {
  const counts: Record<string, number> = {};
  for (const table of TABLES) for (const row of await rawRows(name, table)) counts[row.kid as string] = (counts[row.kid as string] ?? 0) + 1;
  return counts;
}

/** An office sealed with k1, with audit entries; the store then rotated to k2 (as the administrator's session does). */
async function rotatedOffice() {
  const t = await openTestStore();
  const seed = await seedOffice(t.store);
  const admin = session('systemAdmin', seed.ids.admin);
  for (let i = 0; i < 12; i += 1) await t.repos.auditLog.record(admin, { kind: 'export', detail: { what: 'backup', householdId: null, count: 1 } });
  const sodium = await loadSodium();
  const blindKey = deriveBlindKey(sodium, testKey());
  t.store.keys.rotateTo({ kid: 'k2', key: nextKey() }, { kid: 'k1', key: testKey() });
  return { ...t, ...seed, blindKey };
}

describe('re-seal after a data key rotation', () => {
  test('a store writes with the new key at once and reads rows under either key', async () => {
    const { store, name, noteA } = await rotatedOffice();
    await store.db.caseRecords.put({ ...noteA, id: uuidv7(), body: '新しい鍵で書いた記録' });
    const kids = await kidsOf(name);
    expect(kids.k1).toBeGreaterThan(10);
    expect(kids.k2).toBeGreaterThan(0);
    expect((await store.db.caseRecords.toArray()).filter(isDamaged)).toEqual([]);
    expect(store.keys.previousKids()).toEqual(['k1']);
  });

  test('killed after some chunks, reopened with both keys: every row opens, the walk resumes from its checkpoint and ends on the new key', async () => {
    const { store, name, ids, blindKey } = await rotatedOffice();
    const before = await kidsOf(name);
    const rows = Object.values(before).reduce((a, b) => a + b, 0);
    let killedAt = 0;
    while (killedAt < 8) killedAt = (await resealChunk(store, 4)).resealed;
    store.close(); // the kill: nothing else of the run survives

    const reopened = await openDatabase(nextKey(), { kid: 'k2', previousKeys: [{ kid: 'k1', key: testKey() }], blindKey, device: store.device, name });
    try {
      const mixed = await kidsOf(name);
      expect(mixed.k1).toBeGreaterThan(0);
      expect(mixed.k2).toBeGreaterThanOrEqual(killedAt);
      for (const table of TABLES) expect((await reopened.db.table(table).toArray()).filter(isDamaged)).toEqual([]);
      const seen: number[] = [];
      const done = await resealAll(reopened, (p) => seen.push(p.resealed), 4);
      expect(done.finished).toBe(true);
      // Resumed, not restarted: the first report is at most one chunk past the checkpoint.
      expect(seen[0]).toBeGreaterThanOrEqual(killedAt);
      expect(seen[0]).toBeLessThanOrEqual(killedAt + 4);
      expect(done.resealed).toBeGreaterThanOrEqual(rows);
      expect(Object.keys(await kidsOf(name))).toEqual(['k2']);
      expect(await verifyAuditChain(reopened)).toMatchObject({ ok: true });
      // The blind key did not rotate: the search index still finds the household.
      const matches = await createRepositories(reopened).households.search(session('caseworker', ids.cwB, 'team-2'), 'サトウ');
      expect(matches.length).toBe(1);
      await clearResealCheckpoint(reopened);
      reopened.keys.forget('k1');
      expect(reopened.keys.previousKids()).toEqual([]);
    } finally {
      reopened.close();
    }
    // Only the new key from now on, and every row opens with it.
    const after = await openDatabase(nextKey(), { kid: 'k2', blindKey, device: store.device, name });
    try {
      for (const table of TABLES) expect((await after.db.table(table).toArray()).filter(isDamaged)).toEqual([]);
    } finally {
      after.close();
    }
  });

  test('without the previous key, rows it sealed open as damaged; a damaged row is left as it is and counted', async () => {
    const { store, name, noteA } = await rotatedOffice();
    store.keys.forget('k1');
    expect((await store.db.caseRecords.get(noteA.id)) as unknown).toMatchObject({ __integrityError: expect.any(String) });
    store.keys.rotateTo({ kid: 'k2', key: nextKey() }, { kid: 'k1', key: testKey() });
    await mutateRaw(name, 'caseRecords', noteA.id, (row) => {
      const c = row.c as Uint8Array;
      c.set([c[30]! ^ 1], 30);
    });
    const done = await resealAll(store, undefined, 50);
    expect(done.damaged).toBe(1);
    const stored = (await rawRows(name, 'caseRecords')).find((row) => row.id === noteA.id);
    expect(stored?.kid).toBe('k1');
  });
});
