import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { AccessDeniedError, InvalidRecordError } from '../../../renderer/data/errors.js';
import { household, openTestStore, rawRows, seedOffice, session } from './fixtures.js';

/** 異動: a caseload moved to another caseworker in one transaction, by the SV of the team or the 課長. */
async function office() {
  const t = await openTestStore('hub');
  const seeded = await seedOffice(t.store);
  const { ids } = seeded;
  // A second caseworker in team 1, and a second case of caseworker A.
  const cwC = uuidv7();
  await t.store.db.users.put({
    id: cwC,
    officeId: 'office-1',
    status: 'active',
    teamId: 'team-1',
    role: 'caseworker',
    name: '担当C',
    hlc: t.store.clock.stamp(),
  });
  const hA2 = { ...household(ids.cwA), hlc: t.store.clock.stamp() };
  await t.store.db.households.put(hA2);
  return { ...t, ...seeded, cwC, hA2, sv: session('supervisor', ids.sv1, 'team-1', 'hub'), manager: session('manager', ids.manager, null, 'hub') };
}

const refusal = (promise: Promise<unknown>) =>
  promise.then(
    () => null,
    (error: unknown) => error as Error,
  );

describe('異動: reassigning a caseload', () => {
  test("the SV moves caseworker A's cases to C of the same team: both moved, each audited by field and stamped for the devices", async () => {
    const t = await office();
    expect(await t.repos.households.reassign(t.sv, [t.hA.id, t.hA2.id], t.cwC)).toEqual({ moved: 2 });
    for (const before of [t.hA, t.hA2]) {
      const after = await t.store.db.households.get(before.id);
      expect(after?.assignedTo).toBe(t.cwC);
      // Stamped anew: the hub's next returns (which read rows by their hlc) carry the move to the devices.
      expect(after!.hlc > before.hlc).toBe(true);
    }
    const audit = await t.store.db.audit.toArray();
    const updates = audit.filter((e) => e.kind === 'update' && (e.detail as { table?: string }).table === 'households');
    expect(updates.map((e) => (e.detail as { recordId: string; fields: string[] }).recordId).sort()).toEqual([t.hA.id, t.hA2.id].sort());
    expect(updates.every((e) => (e.detail as { fields: string[] }).fields.join() === 'assignedTo' && e.actor === t.ids.sv1)).toBe(true);
  });

  test('all or none: one case outside the SV’s team stops the whole move, nothing written', async () => {
    const t = await office();
    const before = await rawRows(t.name, 'households');
    const error = await refusal(t.repos.households.reassign(t.sv, [t.hA.id, t.hB.id], t.cwC));
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(await rawRows(t.name, 'households')).toEqual(before);
    expect(await t.store.db.audit.count()).toBe(0);
  });

  test('the SV may not move a case out of their team; the 課長 may', async () => {
    const t = await office();
    expect(await refusal(t.repos.households.reassign(t.sv, [t.hA.id], t.ids.cwB))).toBeInstanceOf(AccessDeniedError);
    expect((await t.store.db.households.get(t.hA.id))?.assignedTo).toBe(t.ids.cwA);
    expect(await t.repos.households.reassign(t.manager, [t.hA.id], t.ids.cwB)).toEqual({ moved: 1 });
    expect((await t.store.db.households.get(t.hA.id))?.assignedTo).toBe(t.ids.cwB);
  });

  test('refused in Japanese, naming the field: a caseworker moving cases, a new 担当 who is not a caseworker, no case chosen', async () => {
    const t = await office();
    const cw = session('caseworker', t.ids.cwA, 'team-1', 'hub');
    expect((await refusal(t.repos.households.reassign(cw, [t.hA.id], t.cwC)))?.message).toMatch(/査察指導員または課長/);
    const notCaseworker = await refusal(t.repos.households.reassign(t.sv, [t.hA.id], t.ids.sv1));
    expect(notCaseworker).toBeInstanceOf(InvalidRecordError);
    expect(notCaseworker).toMatchObject({ field: 'toUserId' });
    expect(await refusal(t.repos.households.reassign(t.sv, [], t.cwC))).toMatchObject({ field: 'householdIds' });
    expect((await t.store.db.households.get(t.hA.id))?.assignedTo).toBe(t.ids.cwA);
  });

  test('made on the hub only: on an enrolled desktop the move is refused (the devices would hold it as out of scope)', async () => {
    const t = await openTestStore('office', { device: { id: uuidv7(), profile: 'office', hubDeviceId: uuidv7() } });
    const { ids, hA } = await seedOffice(t.store);
    const error = await refusal(t.repos.households.reassign(session('supervisor', ids.sv1, 'team-1', 'office'), [hA.id], ids.cwA));
    expect(error).toBeInstanceOf(AccessDeniedError);
    expect(error?.message).toMatch(/ハブ端末/);
  });
});
