import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import { writeTransaction } from '../../../../renderer/data/outbox.js';
import { DELETION_FIELD, listConflicts, resolveConflict } from '../../../../renderer/data/sync/conflicts.js';
import { session } from '../fixtures.js';
import { devicePayload, hubAndDevice, importBundle } from './hubFixtures.js';

/** The hub and the laptop changed the same phone number: one open conflict on the hub. */
async function phoneConflict() {
  const t = await hubAndDevice();
  await t.hub.repos.households.update(t.hubCw, t.hA.id, { phone: '0480-11-1111' });
  await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-22-2222' });
  await importBundle(t, 1, await devicePayload(t));
  const [conflict] = await t.hub.store.db.syncConflicts.toArray();
  return { t, conflict: conflict! };
}

describe('同期の競合', () => {
  test('listed for the SV of the case and the 課長, not for another team, a caseworker or the administrator', async () => {
    const { t, conflict } = await phoneConflict();
    expect((await listConflicts(t.hub.store, t.sv)).map((c) => c.id)).toEqual([conflict.id]);
    expect((await listConflicts(t.hub.store, session('manager', uuidv7(), null, 'hub'))).map((c) => c.id)).toEqual([conflict.id]);
    expect(await listConflicts(t.hub.store, session('supervisor', uuidv7(), 'team-2', 'hub'))).toEqual([]);
    await expect(listConflicts(t.hub.store, t.hubCw)).rejects.toThrow('査察指導員・課長');
    await expect(listConflicts(t.hub.store, t.admin)).rejects.toThrow('査察指導員・課長');
  });

  test("the device's value chosen while the row already holds it: nothing rewritten, the conflict closed", async () => {
    const { t, conflict } = await phoneConflict();
    // The later HLC (the laptop's) holds the row meanwhile; the SV picks it explicitly.
    expect((await t.hub.store.db.households.get(t.hA.id))?.phone).toBe('0480-22-2222');
    const before = await t.hub.store.db.households.get(t.hA.id);
    await resolveConflict(t.hub.store, t.sv, conflict.id, 'incoming');
    expect((await t.hub.store.db.households.get(t.hA.id))?.hlc).toBe(before?.hlc);
    expect(await t.hub.store.db.syncConflicts.get(conflict.id)).toMatchObject({ status: 'resolved', resolution: { choice: 'incoming', by: t.ids.sv1 } });
  });

  test('a 課長 may see but not decide; an SV of another team may not decide', async () => {
    const { t, conflict } = await phoneConflict();
    await expect(resolveConflict(t.hub.store, session('manager', uuidv7(), null, 'hub'), conflict.id, 'kept')).rejects.toThrow('査察指導員');
    await expect(resolveConflict(t.hub.store, session('supervisor', uuidv7(), 'team-2', 'hub'), conflict.id, 'kept')).rejects.toThrow('担当範囲外');
    expect(await t.hub.store.db.syncConflicts.get(conflict.id)).toMatchObject({ status: 'open', resolution: null });
  });

  test('a row deleted on the laptop after the hub changed it is kept, and the deletion is asked of the SV', async () => {
    const t = await hubAndDevice();
    await writeTransaction(t.device.store, ['caseRecords'], (w) => w.delete('caseRecords', t.noteA.id));
    const { hlc: _h, ...note } = t.noteA;
    await writeTransaction(t.hub.store, ['caseRecords'], (w) => w.put('caseRecords', { ...note, body: 'ハブで追記' }));
    expect(await importBundle(t, 1, await devicePayload(t))).toMatchObject({ status: 'applied', conflicts: 1, rows: { deleted: 0 } });
    const [conflict] = await listConflicts(t.hub.store, t.sv);
    expect(conflict).toMatchObject({
      field: DELETION_FIELD,
      table: 'caseRecords',
      rowId: t.noteA.id,
      kept: { value: expect.objectContaining({ body: 'ハブで追記' }) },
    });
    await resolveConflict(t.hub.store, t.sv, conflict!.id, 'incoming');
    expect(await t.hub.store.db.caseRecords.get(t.noteA.id)).toBeUndefined();
  });
});
