import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test } from 'vitest';
import { acknowledgeOutbox, pendingOutbox, writeTransaction } from '../../../renderer/data/outbox.js';
import { household, openTestStore, rawRows, seedOffice, session } from './fixtures.js';

const opened: { close(): void }[] = [];
afterEach(() => opened.splice(0).forEach((s) => s.close()));

async function setup() {
  const t = await openTestStore();
  opened.push(t.store);
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
    expect(hub?.payload).toMatchObject({ address: row.address });
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

  test('sequence numbers are per stream, monotonic and gap-free, and survive acknowledgement and reopening', async () => {
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
    opened.push(reopened);
    await writeTransaction(reopened, ['households'], (w) => w.put('households', household(ids.cwA)));
    const after = await pendingOutbox(reopened, 'hub');
    expect(after.map((e) => e.seq)).toEqual([5, 6]);
    // The clock resumes after the last persisted stamp, even though its wall clock says nothing about it.
    expect(after[1]!.hlc > [...hlcs].sort().at(-1)!).toBe(true);
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
