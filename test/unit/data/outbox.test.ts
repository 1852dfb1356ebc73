import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { acknowledgeOutbox, pendingOutbox, writeTransaction } from '../../../renderer/data/outbox.js';
import { household, openTestStore, rawRows, seedOffice, session } from './fixtures.js';

async function setup() {
  const t = await openTestStore();
  return { ...t, ...(await seedOffice(t.store)) };
}

describe('transactional outbox', () => {
  test('a change and its hub and linkage entries are written together', async () => {
    const { store, ids } = await setup();
    const row = household(ids.cwA);
    await writeTransaction(store, ['households'], async (w) => {
      await w.put('households', row);
      await w.linkage({ kind: 'replicaRegistration', naturalKey: ['000123456', 'status', '2026-11'], payload: { status: 'active' } });
    });
    const [hub] = await pendingOutbox(store, 'hub');
    expect(hub).toMatchObject({ stream: 'hub', seq: 1, table: 'households', rowId: row.id, op: 'put', deviceId: store.device.id });
    // A reference to the row and its version, not a copy: the sync bundle reads the row when it is built.
    expect(hub?.payload).toBeNull();
    expect(hub?.hlc).toBe((await store.db.households.get(row.id))?.hlc);
    expect(hub?.idempotencyKey).toBe(`hub:households:${row.id}:${hub?.hlc}`);
    const [linkage] = await pendingOutbox(store, 'linkage');
    expect(linkage).toMatchObject({ stream: 'linkage', seq: 1, kind: 'replicaRegistration', op: 'send' });
    expect(linkage?.idempotencyKey).toMatch(/^linkage:replicaRegistration:[0-9a-f]{32}$/);
    expect(linkage?.idempotencyKey).not.toContain('000123456');
  });

  test('a thrown error mid-transaction leaves neither the row nor any outbox entry nor a sequence number', async () => {
    const { store, ids, name } = await setup();
    const row = household(ids.cwA);
    const failing = writeTransaction(store, ['households'], async (w) => {
      await w.put('households', row);
      await w.linkage({ kind: 'inquiry', naturalKey: 1, payload: {} });
      throw new Error('途中で失敗');
    });
    await expect(failing).rejects.toThrow('途中で失敗');
    expect(await store.db.households.get(row.id)).toBeUndefined();
    expect(await rawRows(name, 'outbox')).toEqual([]);
    // The next change takes seq 1: the failed one consumed nothing.
    await writeTransaction(store, ['households'], (w) => w.put('households', row));
    expect((await pendingOutbox(store, 'hub')).map((e) => e.seq)).toEqual([1]);
  });

  test('a refused repository write leaves nothing behind either', async () => {
    const { store, repos, ids, hB } = await setup();
    await expect(repos.households.save(session('caseworker', ids.cwA, 'team-1'), { ...hB, phone: null })).rejects.toThrow();
    expect(await store.db.outbox.count()).toBe(0);
    expect(await store.db.audit.count()).toBe(0);
  });

  test('sequence numbers are per stream, monotonic and gap-free (while no row changes twice), and survive acknowledgement and reopening', async () => {
    const { store, ids, name } = await setup();
    for (let i = 0; i < 5; i += 1) {
      await writeTransaction(store, ['households'], async (w) => {
        await w.put('households', household(ids.cwA));
        if (i % 2 === 0) await w.linkage({ kind: 'inquiry', naturalKey: i, payload: {} });
      });
    }
    expect((await pendingOutbox(store, 'hub')).map((e) => e.seq)).toEqual([1, 2, 3, 4, 5]);
    expect((await pendingOutbox(store, 'linkage')).map((e) => e.seq)).toEqual([1, 2, 3]);
    expect((await pendingOutbox(store, 'hub', 3)).map((e) => e.seq)).toEqual([4, 5]);
    expect(await acknowledgeOutbox(store, 'hub', 4)).toBe(4);
    const hlcs = (await store.db.outbox.toArray()).map((e) => e.hlc);
    store.close();
    const { openDatabase } = await import('../../../renderer/data/db.js');
    const { testKey } = await import('./fixtures.js');
    const reopened = await openDatabase(testKey(), { kid: 'k1', device: store.device, name });
    await writeTransaction(reopened, ['households'], (w) => w.put('households', household(ids.cwA)));
    const after = await pendingOutbox(reopened, 'hub');
    expect(after.map((e) => e.seq)).toEqual([5, 6]);
    // The clock resumes after the last persisted stamp, even though its wall clock says nothing about it.
    expect(after[1]!.hlc > [...hlcs].sort().at(-1)!).toBe(true);
  });

  test('the hub stream holds one pending entry per row: a later change replaces it, a delete leaves a tombstone', async () => {
    const { store, ids } = await setup();
    const [a, b] = [household(ids.cwA), household(ids.cwA)];
    await writeTransaction(store, ['households'], async (w) => {
      await w.put('households', a);
      await w.put('households', b);
      // Twice in one transaction: one entry, one number.
      await w.put('households', { ...a, phone: '1' });
    });
    expect((await pendingOutbox(store, 'hub')).map((e) => [e.rowId, e.seq])).toEqual([
      [b.id, 1],
      [a.id, 2],
    ]);
    await writeTransaction(store, ['households'], (w) => w.put('households', { ...b, phone: '2' }));
    await writeTransaction(store, ['households'], (w) => w.delete('households', a.id));
    const pending = await pendingOutbox(store, 'hub');
    // b's first entry (seq 1) was replaced by seq 3, a's put (seq 2) by its tombstone (seq 4): the gaps are replaced entries.
    expect(pending.map((e) => [e.rowId, e.seq, e.op])).toEqual([
      [b.id, 3, 'put'],
      [a.id, 4, 'delete'],
    ]);
    expect(pending[0]!.hlc).toBe((await store.db.households.get(b.id))?.hlc);
    expect(pending.every((e) => e.payload === null)).toBe(true);
    // A relay that had read through seq 2 finds both rows' latest changes after it.
    expect((await pendingOutbox(store, 'hub', 2)).map((e) => e.rowId)).toEqual([b.id, a.id]);
    // Bounded by the rows changed since the last acknowledgement, however often they change.
    for (let i = 0; i < 20; i += 1) await writeTransaction(store, ['households'], (w) => w.put('households', { ...b, phone: String(i) }));
    expect(await store.db.outbox.count()).toBe(2);
    expect(await acknowledgeOutbox(store, 'hub', 24)).toBe(2);
    expect(await store.db.outbox.count()).toBe(0);
  });

  test('the same linkage natural key gives the same idempotency key; another gives another', async () => {
    const { store } = await setup();
    const send = (period: string) =>
      writeTransaction(store, [], (w) => w.linkage({ kind: 'replicaRegistration', naturalKey: ['000123456', 'status', period], payload: {} }));
    const [a, b, c] = [await send('2026-11'), await send('2026-11'), await send('2026-12')];
    expect(a.idempotencyKey).toBe(b.idempotencyKey);
    expect(a.idempotencyKey).not.toBe(c.idempotencyKey);
  });
});
