import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { DeviceProfile } from '../../../../shared/auth/roles.js';
import { devicePayloadSchema } from '../../../../shared/sync/bundleFormat.js';
import { acknowledgeOutbox, hubEntryId, writeTransaction } from '../../../../renderer/data/outbox.js';
import { buildDevicePayload } from '../../../../renderer/data/sync/outgoing.js';
import { scopeDigest } from '../../../../renderer/data/sync/digest.js';
import { household, openTestStore, seedOffice, session } from '../fixtures.js';

async function device(profile: DeviceProfile) {
  const t = await openTestStore(profile);
  const seeded = await seedOffice(t.store);
  return { ...t, ...seeded, cw: session('caseworker', seeded.ids.cwA, 'team-1', profile) };
}

describe('the base of a hub entry (the row a field-merged change started from)', () => {
  test('keeps the row before the first change since the last acknowledgement, across later changes; a new row has none', async () => {
    const { store, repos, hA, cw } = await device('field');
    await repos.households.update(cw, hA.id, { phone: '0480-11-1111' });
    await repos.households.update(cw, hA.id, { address: '埼玉県加須市騎西1番地' });
    const entry = await store.db.outbox.get(hubEntryId('households', hA.id));
    // The seeded row, not the row after the first update: the hub merges against what it last agreed.
    expect(entry?.base).toEqual(hA);
    const fresh = await repos.households.save(cw, household(cw.userId));
    expect((await store.db.outbox.get(hubEntryId('households', fresh.id)))?.base).toBeNull();

    await acknowledgeOutbox(store, 'hub', entry!.seq);
    const agreed = await store.db.households.get(hA.id);
    await repos.households.update(cw, hA.id, { phone: null });
    expect((await store.db.outbox.get(hubEntryId('households', hA.id)))?.base).toEqual(agreed);
  });

  test('two changes in one transaction keep the first base; a writer without `previous` reads it; a union table keeps one too; the hub keeps none', async () => {
    const { store, hA, noteA } = await device('office');
    await writeTransaction(store, ['households', 'caseRecords'], async (w) => {
      const { hlc: _h, ...row } = hA;
      await w.put('households', { ...row, phone: '0480-22-2222' });
      await w.put('households', { ...row, phone: '0480-33-3333' });
      const { hlc: _n, ...note } = noteA;
      await w.put('caseRecords', { ...note, body: '追記' });
    });
    expect((await store.db.outbox.get(hubEntryId('households', hA.id)))?.base).toEqual(hA);
    expect((await store.db.outbox.get(hubEntryId('caseRecords', noteA.id)))?.base).toEqual(noteA);

    // The hub queues no put at all (its returns read changed rows by their hlc index), only tombstones, without a base.
    const hub = await device('hub');
    await hub.repos.households.update(session('caseworker', hub.ids.cwA, 'team-1', 'hub'), hub.hA.id, { phone: null });
    expect(await hub.store.db.outbox.get(hubEntryId('households', hub.hA.id))).toBeUndefined();
    await writeTransaction(hub.store, ['caseRecords'], (w) => w.delete('caseRecords', hub.noteA.id));
    const tombstone = await hub.store.db.outbox.get(hubEntryId('caseRecords', hub.noteA.id));
    expect(tombstone).toMatchObject({ op: 'delete' });
    expect(tombstone).not.toHaveProperty('base');
  });
});

describe('buildDevicePayload', () => {
  test('carries the pending rows as they are now with their bases, tombstones, audit after the acknowledged seq, and the digest', async () => {
    const { store, repos, hA, noteA, cw } = await device('field');
    await repos.households.update(cw, hA.id, { phone: '0480-11-1111' });
    await writeTransaction(store, ['caseRecords'], (w) => w.delete('caseRecords', noteA.id));
    const auditBefore = await store.db.audit.toArray();
    const { payload, counts, hlcFrom, hlcTo } = await buildDevicePayload(store, cw, {
      appliedSeq: 3,
      outboxAcknowledged: 0,
      auditAcknowledged: 1,
      erased: [{ householdId: 'gone-1', at: '2026-11-01T00:00:00.000Z' }],
    });
    expect(devicePayloadSchema.parse(payload)).toEqual(payload);
    const current = await store.db.households.get(hA.id);
    expect(payload.changes).toEqual([
      { table: 'households', id: hA.id, op: 'put', hlc: current!.hlc, row: current, base: hA },
      { table: 'caseRecords', id: noteA.id, op: 'delete', hlc: expect.any(String), row: null },
    ]);
    expect(payload.changes[1]!.hlc > payload.changes[0]!.hlc).toBe(true);
    expect(payload.audit.map((e) => e.seq)).toEqual(auditBefore.filter((e) => e.seq > 1).map((e) => e.seq));
    expect(payload.outboxThrough).toBe(
      (await store.db.outbox.toArray())
        .map((e) => e.seq)
        .sort()
        .at(-1),
    );
    expect(payload).toMatchObject({ appliedHubSeq: 3, erased: ['gone-1'], linkage: [] });
    expect(payload.digest).toEqual(await scopeDigest(store, 'field', await store.db.households.toCollection().primaryKeys()));
    expect(counts).toMatchObject({ households: 1, caseRecords: 1, audit: payload.audit.length, linkage: 0, erased: 1 });
    expect([hlcFrom, hlcTo]).toEqual([payload.changes[0]!.hlc, payload.changes[1]!.hlc]);
  });

  test('an office desktop sends its queued linkage entries; a field laptop does not; nothing acknowledged is sent again', async () => {
    for (const profile of ['office', 'field'] as const) {
      const { store, cw } = await device(profile);
      await writeTransaction(store, [], (w) => w.linkage({ kind: 'inquiry', naturalKey: ['x', profile], payload: { q: 1 } }));
      const { payload } = await buildDevicePayload(store, cw, undefined);
      expect(payload.linkage.length).toBe(profile === 'office' ? 1 : 0);
      if (profile === 'office') expect(payload.linkage[0]).toMatchObject({ seq: 1, kind: 'inquiry', payload: { q: 1 } });
      const acknowledged = await buildDevicePayload(store, cw, {
        appliedSeq: 0,
        outboxAcknowledged: 0,
        auditAcknowledged: 0,
        erased: [],
        linkageAcknowledged: 1,
      });
      expect(acknowledged.payload.linkage).toEqual([]);
    }
  });

  test('the hub builds no device bundle', async () => {
    const { store, cw } = await device('hub');
    await expect(buildDevicePayload(store, cw, undefined)).rejects.toThrow('ハブ端末');
  });
});
