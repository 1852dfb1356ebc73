import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { appendAudit, verifyAuditChain } from '../../../renderer/data/audit.js';
import { pendingOutbox, writeInChunks, writeTransaction } from '../../../renderer/data/outbox.js';
import { TRAINING_HOUSEHOLDS_PER_TRANSACTION } from '../../../renderer/data/repos/training.js';
import { generateTrainingHouseholds } from '../../../shared/training/trainingHouseholds.js';
import { household, member, openTestStore, rawRows, seedOffice, session } from './fixtures.js';

/** The batched write path: counters taken once per transaction, audit entries chained in memory, search tokens from the rows in hand. */

// An office desktop: its writes queue an entry per row for the hub (the hub itself keeps only tombstones).
const admin = session('systemAdmin', 'admin-1', null, 'office');
const manager = session('manager', 'manager-1', null, 'office');
const training = (count: number, offset = 0) => generateTrainingHouseholds({ seed: 5, count, offset, assignees: ['cw-1', 'cw-2'], today: '2026-11-30' });

async function office() {
  const t = await openTestStore('office');
  return t;
}

describe('batched writes', () => {
  test('a batch that fails midway leaves no row, no outbox entry, no audit entry and no number taken', async () => {
    const { store, name, repos } = await office();
    const rows = Array.from({ length: 50 }, () => household('cw-1'));
    const failing = writeTransaction(store, ['households', 'members'], async (w) => {
      await w.putMany('households', rows, { fresh: true });
      await w.putMany(
        'members',
        rows.map((h) => member(h.id, { myNumber: null, atenaNumber: null })),
        { fresh: true },
      );
      for (const row of rows) w.audit(admin.userId, { kind: 'create', detail: { table: 'households', recordId: row.id, householdId: row.id, fields: [] } });
      await appendAudit(store, admin.userId, { kind: 'import', detail: { what: 'test', count: 50 } });
      await w.linkage({ kind: 'inquiry', naturalKey: 1, payload: {} });
      throw new Error('途中で失敗');
    });
    await expect(failing).rejects.toThrow('途中で失敗');
    for (const table of ['households', 'members', 'householdSearch', 'outbox', 'audit', 'counters']) expect(await rawRows(name, table), table).toEqual([]);
    // The next batch numbers from 1 in every stream and in the chain.
    await repos.training.seed(admin, 'office-1', training(3));
    expect((await pendingOutbox(store, 'hub')).map((e) => e.seq)[0]).toBe(1);
    expect((await store.db.audit.orderBy('seq').toArray()).map((e) => e.seq)).toEqual([1, 2, 3]);
  });

  test('a training run larger than one transaction commits whole transactions; a failing one stops the run and leaves nothing of itself', async () => {
    const { store } = await office();
    const size = 10;
    const items = Array.from({ length: 35 }, () => household('cw-1'));
    const run = writeInChunks(store, ['households'], items, size, async (w, chunk) => {
      if (chunk[0] === items[20]) {
        await w.putMany('households', chunk);
        throw new Error('3つ目で失敗');
      }
      return w.putMany('households', chunk);
    });
    await expect(run).rejects.toThrow('3つ目で失敗');
    expect(await store.db.households.count()).toBe(20);
    expect((await pendingOutbox(store, 'hub')).map((e) => e.seq)).toEqual(Array.from({ length: 20 }, (_, i) => i + 1));
  });

  test('after batched writes mixed with single writes and plain appends, the chain verifies and every counter is contiguous', async () => {
    const { store, repos } = await office();
    const n = TRAINING_HOUSEHOLDS_PER_TRANSACTION * 2 + 7;
    const ids = await repos.training.seed(admin, 'office-1', training(n));
    expect(ids).toHaveLength(n);
    // The single-row path and an append outside any write transaction, between two batches.
    await repos.households.open(manager, ids[0]!);
    await repos.training.seed(admin, 'office-1', training(5, n));
    const entries = await store.db.audit.orderBy('seq').toArray();
    expect(entries.map((e) => e.seq)).toEqual(Array.from({ length: n + 6 }, (_, i) => i + 1));
    expect(entries.filter((e) => e.kind === 'create')).toHaveLength(n + 5);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: n + 6 });
    const hubSeqs = (await pendingOutbox(store, 'hub', 0, Infinity)).map((e) => e.seq);
    const rows = (await Promise.all(['households', 'members', 'caseRecords', 'visitPlans'].map((t) => store.db.table(t).count()))).reduce((a, b) => a + b);
    expect(hubSeqs).toEqual(Array.from({ length: rows }, (_, i) => i + 1));
  });

  test('batched households are found by search, and a member added later joins their tokens', async () => {
    const { store, repos } = await office();
    const batch = training(TRAINING_HOUSEHOLDS_PER_TRANSACTION + 3);
    const ids = await repos.training.seed(admin, 'office-1', batch);
    expect(await store.db.householdSearch.count()).toBe(batch.length);
    // One from each transaction: the last of the first and the first of the second.
    for (const i of [TRAINING_HOUSEHOLDS_PER_TRANSACTION - 1, TRAINING_HOUSEHOLDS_PER_TRANSACTION]) {
      const { kana } = batch[i]!.members.at(-1)!;
      expect(
        (await repos.households.search(manager, kana)).map((m) => m.household.id),
        kana,
      ).toContain(ids[i]);
    }
    // A later member of a batched household (not fresh any more): the stored members are read, the new one added.
    const target = ids[0]!;
    await writeTransaction(store, ['households', 'members'], (w) =>
      w.put('members', member(target, { name: '蔵前 律子', kana: 'クラマエ リツコ', myNumber: null, atenaNumber: null })),
    );
    expect((await repos.households.search(manager, 'くらまえ')).map((m) => m.household.id)).toEqual([target]);
    expect((await repos.households.search(manager, batch[0]!.members[0]!.kana)).map((m) => m.household.id)).toContain(target);
  });

  test('a repository save nested in a write transaction joins its batch: one number each, the chain intact', async () => {
    const t = await openTestStore();
    const { store, repos } = t;
    const { ids } = await seedOffice(store);
    const cw = session('caseworker', ids.cwA, 'team-1');
    const h = household(cw.userId);
    await writeTransaction(store, ['households', 'members', 'users'], async () => {
      await repos.households.save(cw, h);
      await repos.households.save(cw, { ...h, phone: '0480-11-1111' });
    });
    expect((await pendingOutbox(store, 'hub')).map((e) => [e.rowId, e.seq])).toEqual([[h.id, 1]]);
    expect((await store.db.audit.orderBy('seq').toArray()).map((e) => [e.seq, e.kind])).toEqual([
      [1, 'create'],
      [2, 'update'],
    ]);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 2 });
    // Two saves issued together inside one write transaction share its batch: distinct numbers, one chain.
    const [h2, h3] = [household(cw.userId), household(cw.userId)];
    await writeTransaction(store, ['households', 'members', 'users'], async () => {
      await Promise.all([repos.households.save(cw, h2), repos.households.save(cw, h3)]);
    });
    expect((await pendingOutbox(store, 'hub')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect(await verifyAuditChain(store)).toEqual({ ok: true, count: 4 });
  });
});
