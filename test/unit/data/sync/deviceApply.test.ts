import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import { writeTransaction } from '../../../../renderer/data/outbox.js';
import { tableNames } from '../../../../renderer/data/schema.js';
import { applyHubBundle } from '../../../../renderer/data/sync/deviceApply.js';
import { openDatabase } from '../../../../renderer/data/db.js';
import { testKey, VALID_MY_NUMBER } from '../fixtures.js';
import { deviceReports, dump, headerFor, hubAndDevice, hubReturn, round } from './syncRound.js';

const rowsOf = (changes: { table: string; id: string }[]) => changes.map((c) => `${c.table}:${c.id}`).sort();

describe('hub → device: return bundle and device apply', () => {
  test('a first checkout carries the whole scope, an incremental one only what changed; digests agree after each round and differ after an edit', async () => {
    const t = await hubAndDevice();
    const first = await round(t);
    const { changes } = first.bundle.payload;
    expect(first.bundle.payload.since).toBeNull();
    // The case of the device's caseworker, whole (the debt through its blinded link too); nothing of the other case.
    expect(rowsOf(changes.filter((c) => !['users', 'offices', 'devices'].includes(c.table)))).toEqual(
      rowsOf([
        { table: 'households', id: t.hA.id },
        { table: 'members', id: t.mA.id },
        { table: 'caseRecords', id: t.noteA.id },
        { table: 'debts', id: (await t.hub.store.db.debts.toArray())[0]!.id },
      ]),
    );
    expect(JSON.stringify(changes)).not.toContain(t.hB.id);
    expect(first.result).toMatchObject({ status: 'applied', seq: 1, digest: { state: '一致', differing: [] } });
    expect((await t.device.store.db.caseRecords.get(t.noteA.id))?.body).toBe(t.noteA.body);

    // The hub changes one note: the next bundle carries that row and nothing else.
    const note = (await t.hub.store.db.caseRecords.get(t.noteA.id))!;
    await t.hub.store.db.caseRecords.put({ ...note, body: '再訪問。就労開始の報告あり。', hlc: t.hub.store.clock.stamp() });
    const second = await round(t);
    expect(second.bundle.payload.since).toBe(first.bundle.payload.through);
    expect(rowsOf(second.bundle.payload.changes)).toEqual([`caseRecords:${t.noteA.id}`]);
    expect(second.result).toMatchObject({ status: 'applied', seq: 2, digest: { state: '一致' } });
    expect((await t.device.store.db.caseRecords.get(t.noteA.id))?.body).toBe('再訪問。就労開始の報告あり。');

    // Nothing changed: the third carries nothing. Then an edit on the device only: 不一致, naming the case.
    expect((await round(t)).bundle.payload.changes).toEqual([]);
    const onDevice = (await t.device.store.db.caseRecords.get(t.noteA.id))!;
    await t.device.store.db.caseRecords.put({ ...onDevice, body: '端末だけの変更' });
    const fourth = await round(t);
    expect(fourth.result).toMatchObject({ status: 'applied', digest: { state: '不一致', differing: [t.hA.id] } });
    const peer = await t.device.store.db.syncPeers.get(t.hub.store.device.id);
    expect(peer).toMatchObject({ appliedSeq: 4, digestComparison: { state: '不一致', differing: [t.hA.id] } });
  });

  test('a field device holds no 個人番号 anywhere, stored or opened; an office device gets it (the control)', async () => {
    const t = await hubAndDevice('field');
    const { bundle } = await round(t);
    expect(JSON.stringify(bundle.payload)).not.toContain(VALID_MY_NUMBER);
    for (const table of tableNames) {
      const opened = await t.device.store.db.table(table).toArray();
      expect(JSON.stringify(opened), table).not.toContain(VALID_MY_NUMBER);
      expect(JSON.stringify(opened), table).not.toContain('identityVerification');
    }
    expect(JSON.stringify(await dump(t.device.name))).not.toContain(VALID_MY_NUMBER);
    expect(await t.device.store.db.members.get(t.mA.id)).toMatchObject({ name: t.mA.name, myNumber: null });

    const office = await hubAndDevice('office');
    const officeRound = await round(office);
    expect(JSON.stringify(officeRound.bundle.payload)).toContain(VALID_MY_NUMBER);
    expect((await office.device.store.db.members.get(office.mA.id))?.myNumber).toBe(VALID_MY_NUMBER);
  });

  test('a field device refuses a crafted bundle with a 個人番号 — in the member or copied into another field — changing nothing but its quarantine record', async () => {
    const t = await hubAndDevice('field');
    const bundle = await hubReturn(t);
    const crafts = [
      (row: Record<string, unknown>, table: string) => (table === 'members' ? { ...row, myNumber: VALID_MY_NUMBER } : row),
      (row: Record<string, unknown>, table: string) => (table === 'caseRecords' ? { ...row, body: '1234 5678 9018' } : row),
    ];
    for (const craft of crafts) {
      const payload = { ...bundle.payload, changes: bundle.payload.changes.map((c) => ({ ...c, row: c.row && craft(c.row, c.table) })) };
      const before = await dump(t.device.name);
      const result = await applyHubBundle(t.device.store, t.worker, { header: bundle.header, payload });
      expect(result.status).toBe('refused');
      expect(result.status === 'refused' && result.message).toMatch(/個人番号が含まれている/);
      const after = await dump(t.device.name);
      expect({ ...after, syncQuarantine: [] }).toEqual({ ...before, syncQuarantine: [] });
      expect(JSON.stringify(after)).not.toContain(VALID_MY_NUMBER);
    }
    // Recorded once, with the reason and without the payload that carried the number.
    const held = await t.device.store.db.syncQuarantine.toArray();
    expect(held).toHaveLength(1);
    expect(held[0]).toMatchObject({ status: 'held', seq: 1, sender: t.hub.store.device.id, payload: null });
    expect(held[0]!.reason).toMatch(/個人番号/);
    // The bundle as the hub made it is still applied afterwards.
    expect(await applyHubBundle(t.device.store, t.worker, bundle)).toMatchObject({ status: 'applied' });
  });

  test("a device reopened after applying stamps its changes after the hub's watermark, whatever its wall clock says", async () => {
    const t = await hubAndDevice();
    const { bundle } = await round(t);
    const behind = await openDatabase(testKey(), { kid: 'k1', device: t.device.store.device, name: t.device.name, now: () => 0 });
    try {
      expect(behind.clock.stamp() > bundle.payload.through).toBe(true);
    } finally {
      behind.close();
    }
  });

  test('a replayed bundle changes nothing; one after a gap waits', async () => {
    const t = await hubAndDevice();
    const first = await round(t);
    const before = await dump(t.device.name);
    expect(await applyHubBundle(t.device.store, t.worker, first.bundle)).toMatchObject({ status: 'duplicate', seq: 1 });
    expect(await dump(t.device.name)).toEqual(before);
    const skipped = { header: headerFor(t.hub.store, t.device.store, 3, first.bundle.payload), payload: first.bundle.payload };
    expect(await applyHubBundle(t.device.store, t.worker, skipped)).toMatchObject({ status: 'waiting', seq: 3 });
    expect(await dump(t.device.name)).toEqual(before);
  });

  test("a local edit survives the hub's update of other fields of the same row; the entry's base becomes the hub's row", async () => {
    const t = await hubAndDevice();
    await round(t);
    const local = (await t.device.store.db.households.get(t.hA.id))!;
    const { hlc: _, ...unstamped } = local;
    await writeTransaction(t.device.store, ['households'], (w) => w.put('households', { ...unstamped, phone: '090-1111-2222' }, { previous: local }));
    const onHub = (await t.hub.store.db.households.get(t.hA.id))!;
    await t.hub.store.db.households.put({ ...onHub, address: '埼玉県加須市大門町1番1号', hlc: t.hub.store.clock.stamp() });

    const { result } = await round(t);
    expect(result).toMatchObject({ status: 'applied', keptLocal: 1 });
    const merged = await t.device.store.db.households.get(t.hA.id);
    expect(merged).toMatchObject({ address: '埼玉県加須市大門町1番1号', phone: '090-1111-2222' });
    const entry = await t.device.store.db.outbox.get(`hub:households:${t.hA.id}`);
    // The next bundle carries only the phone as the device's change: the base has the hub's address and old phone.
    expect(entry?.base).toMatchObject({ address: '埼玉県加須市大門町1番1号', phone: onHub.phone });
  });

  test("the hub's deletions reach the device as tombstones; a row the device changed and has not sent stays as the device has it", async () => {
    const t = await hubAndDevice();
    const secondNote = { ...t.noteA, id: uuidv7(), body: '二件目', hlc: t.hub.store.clock.stamp() };
    await t.hub.store.db.caseRecords.put(secondNote);
    await round(t);
    // Offline on the device: the second note edited (a union table: no base, the row stays whole until sent).
    const local = (await t.device.store.db.caseRecords.get(secondNote.id))!;
    const { hlc: _, ...unstamped } = local;
    await writeTransaction(t.device.store, ['caseRecords'], (w) => w.put('caseRecords', { ...unstamped, body: '端末で追記' }, { previous: local }));
    // On the hub: the first note deleted through the writer (its tombstone is the hub's outbox entry), the second edited.
    await writeTransaction(t.hub.store, ['caseRecords'], (w) => w.delete('caseRecords', t.noteA.id));
    await t.hub.store.db.caseRecords.put({ ...secondNote, body: 'ハブで修正', hlc: t.hub.store.clock.stamp() });

    const { bundle, result } = await round(t);
    expect(bundle.payload.changes).toContainEqual(expect.objectContaining({ table: 'caseRecords', id: t.noteA.id, op: 'delete', row: null }));
    expect(result).toMatchObject({ status: 'applied', deleted: 1, keptLocal: 1 });
    expect(await t.device.store.db.caseRecords.get(t.noteA.id)).toBeUndefined();
    expect((await t.device.store.db.caseRecords.get(secondNote.id))?.body).toBe('端末で追記');
    expect(await t.device.store.db.outbox.get(`hub:caseRecords:${secondNote.id}`)).toMatchObject({ op: 'put' });
  });

  test('a row the hub deletes and makes again under the same id reaches the device as the row, not as its tombstone', async () => {
    const t = await hubAndDevice();
    await round(t);
    // On the hub a put queues nothing that would replace the stored tombstone: the return must see the row stands.
    await writeTransaction(t.hub.store, ['caseRecords'], (w) => w.delete('caseRecords', t.noteA.id));
    const { hlc: _, ...note } = t.noteA;
    await writeTransaction(t.hub.store, ['caseRecords'], (w) => w.put('caseRecords', { ...note, body: '作り直した記録' }));
    const { bundle, result } = await round(t);
    expect(bundle.payload.changes.filter((c) => c.id === t.noteA.id).map((c) => c.op)).toEqual(['put']);
    expect(result.status).toBe('applied');
    expect((await t.device.store.db.caseRecords.get(t.noteA.id))?.body).toBe('作り直した記録');
  });

  test('a reassigned case is erased on the device and reported; a case with unsent changes waits until they are acknowledged', async () => {
    const t = await hubAndDevice();
    // A second case of the device's caseworker, with a note the device writes offline and has not sent.
    const hC = { ...t.hA, id: uuidv7(), caseNumber: 'K-C', hlc: t.hub.store.clock.stamp() };
    await t.hub.store.db.households.put(hC);
    await round(t);
    expect(await t.device.store.db.households.count()).toBe(2);
    await writeTransaction(t.device.store, ['caseRecords'], (w) =>
      w.put('caseRecords', { id: uuidv7(), householdId: hC.id, authorId: t.ids.cwA, recordedOn: '2026-12-02', kind: 'visit', body: '未送信の記録' }),
    );

    // 異動: both cases go to caseworker B.
    for (const h of [t.hA, hC]) {
      const row = (await t.hub.store.db.households.get(h.id))!;
      await t.hub.store.db.households.put({ ...row, assignedTo: t.ids.cwB, hlc: t.hub.store.clock.stamp() });
    }
    const { bundle, result } = await round(t);
    expect(bundle.payload.erase.sort()).toEqual([t.hA.id, hC.id].sort());
    expect(result).toMatchObject({ status: 'applied', erased: [t.hA.id], erasureHeld: [hC.id] });
    for (const table of ['households', 'members', 'caseRecords', 'debts', 'householdSearch']) {
      const rows = await t.device.store.db.table(table).toArray();
      expect(JSON.stringify(rows), table).not.toContain(t.hA.id);
    }
    expect(await t.device.store.db.households.get(hC.id)).toBeDefined();
    const peer = await t.device.store.db.syncPeers.get(t.hub.store.device.id);
    expect(peer?.erased.map((e) => e.householdId)).toEqual([t.hA.id]);

    // The hub acknowledges the device's entries (its bundle arrived): the next return erases the second case too.
    const entries = await t.device.store.db.outbox.toArray();
    const peerOnHub = (await t.hub.store.db.syncPeers.get(t.deviceRow.id))!;
    await t.hub.store.db.syncPeers.put({ ...peerOnHub, outboxAcknowledged: Math.max(...entries.map((e) => e.seq)) });
    await deviceReports(t);
    const next = await round(t);
    expect(next.result).toMatchObject({ status: 'applied', erased: [hC.id] });
    expect(await t.device.store.db.households.count()).toBe(0);
    expect(await t.device.store.db.outbox.count()).toBe(0);
  });
});
