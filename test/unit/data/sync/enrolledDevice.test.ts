import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import { AccessDeniedError } from '../../../../renderer/data/errors.js';
import { writeTransaction } from '../../../../renderer/data/outbox.js';
import { buildDevicePayload } from '../../../../renderer/data/sync/outgoing.js';
import { quarantineBundle } from '../../../../renderer/data/sync/hubMerge.js';
import { openTestStore, session } from '../fixtures.js';
import { fullRound, hubAndDevice, hubReturn, round } from './syncRound.js';

/**
 * What an enrolled device and the hub owe each other beyond one clean round: a case reassigned while the laptop was
 * out, the hub telling a device its bundle is held, the linkage an office desktop relayed, and the hub's own tables
 * refused where the change would be made.
 */
describe('an enrolled device and its hub', () => {
  test('a case reassigned on the hub while the laptop was out: the visit written before the 異動 is taken, then the case leaves the laptop', async () => {
    const t = await hubAndDevice('field');
    await fullRound(t, 1);
    // Offline on the laptop: a visit to caseworker A's case.
    const visitId = uuidv7();
    await writeTransaction(t.device.store, ['caseRecords'], (w) =>
      w.put('caseRecords', { id: visitId, householdId: t.hA.id, authorId: t.ids.cwA, recordedOn: '2026-12-03', kind: 'visit', body: '異動前の訪問' }),
    );
    // Meanwhile on the hub: the case goes to caseworker B, whose caseload is not on this laptop.
    const onHub = (await t.hub.store.db.households.get(t.hA.id))!;
    await t.hub.store.db.households.put({ ...onHub, assignedTo: t.ids.cwB, hlc: t.hub.store.clock.stamp() });

    // The laptop's bundle is taken (before, it was held as another caseworker's case, every round), and the return
    // that acknowledges it erases the case from the laptop.
    const second = await fullRound(t, 2);
    expect(await t.hub.store.db.caseRecords.get(visitId)).toMatchObject({ body: '異動前の訪問' });
    expect((await t.hub.store.db.households.get(t.hA.id))?.assignedTo).toBe(t.ids.cwB);
    expect(second.applied).toMatchObject({ status: 'applied', erased: [t.hA.id] });
    expect(await t.device.store.db.households.get(t.hA.id)).toBeUndefined();
    // Once the laptop has reported it erased, the hub takes nothing more of that case from it.
    await fullRound(t, 3);
    expect((await t.hub.store.db.syncPeers.get(t.deviceRow.id))?.sentScope).toEqual([]);
  });

  test("a household the hub never sent stays out of reach, whatever the device's digest claims", async () => {
    const t = await hubAndDevice('field');
    await fullRound(t, 1);
    const peer = (await t.hub.store.db.syncPeers.get(t.deviceRow.id))!;
    // The device claims caseworker B's case in its digest: the hub asks it to erase it, and still refuses its changes.
    await t.hub.store.db.syncPeers.put({ ...peer, digest: { ...peer.digest!, cases: { ...peer.digest!.cases, [t.hB.id]: '0'.repeat(64) } } });
    const { payload } = await hubReturn(t);
    expect(payload.erase).toEqual([t.hB.id]);
    expect((await t.hub.store.db.syncPeers.get(t.deviceRow.id))?.sentScope).toEqual([t.hA.id]);
  });

  test('a bundle held on the hub is told to the device in every return while held, with the reason', async () => {
    const t = await hubAndDevice('field');
    await round(t);
    const { payload } = await buildDevicePayload(t.device.store, t.worker, undefined);
    const header = { ...(await hubReturn(t)).header, sender: t.deviceRow.id, recipient: t.hub.store.device.id, seq: 1 };
    await quarantineBundle(t.hub.store, t.admin, { header, payload, sender: t.deviceRow }, ['端末の担当ケース外の世帯の変更です']);
    for (let i = 0; i < 2; i += 1) {
      const bundle = await hubReturn(t);
      expect(bundle.payload.receipts).toEqual([{ seq: 1, status: 'quarantined', reason: '端末の担当ケース外の世帯の変更です' }]);
    }
  });

  test('linkage an office desktop queued is relayed once; the return acknowledges it and the desktop stops sending it', async () => {
    const t = await hubAndDevice('office');
    await fullRound(t, 1);
    await writeTransaction(t.device.store, [], (w) => w.linkage({ kind: 'inquiry', naturalKey: ['desk', 1], payload: { q: 1 } }));
    await fullRound(t, 2);
    expect(await t.hub.store.db.outbox.where('[stream+seq]').between(['linkage', 0], ['linkage', Number.POSITIVE_INFINITY]).count()).toBe(1);
    // The desktop's queue is empty and its next bundle carries no linkage.
    expect(await t.device.store.db.outbox.where('[stream+seq]').between(['linkage', 0], ['linkage', Number.POSITIVE_INFINITY]).count()).toBe(0);
    const peer = await t.device.store.db.syncPeers.get(t.hub.store.device.id);
    expect(peer?.linkageAcknowledged).toBe(1);
    expect((await buildDevicePayload(t.device.store, t.worker, peer)).payload.linkage).toEqual([]);
  });

  test('on an enrolled desktop a draft is written and submitted and reaches the hub; an approval is refused there, changing nothing', async () => {
    const t = await hubAndDevice('office');
    await fullRound(t, 1);
    const sv = session('supervisor', t.ids.sv1, 'team-1', 'office');
    const draft = await t.device.repos.decisions.draft(t.worker, {
      id: uuidv7(),
      householdId: t.hA.id,
      applicationId: null,
      kind: 'change',
      effectiveOn: '2026-12-01',
      supersedes: null,
      calculationId: null,
      aids: ['living'],
      reasons: '収入の変更',
    });
    await t.device.repos.decisions.submit(t.worker, draft.id);
    const before = await t.device.store.db.decisions.get(draft.id);
    const refusal = await t.device.repos.decisions.approve(sv, draft.id, '確認').catch((e: unknown) => e);
    expect(refusal).toBeInstanceOf(AccessDeniedError);
    expect((refusal as Error).message).toMatch(/審査・決裁はハブで行います/);
    expect(await t.device.store.db.decisions.get(draft.id)).toEqual(before);

    // The submitted draft is taken by the hub, where the SV approves it.
    await fullRound(t, 2);
    expect(await t.hub.store.db.decisions.get(draft.id)).toMatchObject({ stage: 'supervisorReview' });
    expect((await t.hub.repos.decisions.approve(session('supervisor', t.ids.sv1, 'team-1', 'hub'), draft.id, '確認')).stage).toBe('managerApproval');
  });

  test("a user's first unlock on an enrolled device keeps their staff row here and asks the hub to take nothing", async () => {
    const t = await hubAndDevice('field');
    const newcomer = uuidv7();
    await t.device.repos.staff.syncSelf(session('caseworker', newcomer, 'team-1', 'field'), 'office-1', {
      displayName: '新任 花子',
      role: 'caseworker',
      teamId: 'team-1',
    });
    expect(await t.device.store.db.users.get(newcomer)).toMatchObject({ name: '新任 花子' });
    expect((await buildDevicePayload(t.device.store, t.worker, undefined)).payload.changes.filter((c) => c.table === 'users')).toEqual([]);
    // A device set up as its own office keeps its directory itself (the control).
    const own = await openTestStore('office');
    await own.repos.staff.syncSelf(session('caseworker', newcomer, 'team-1', 'office'), 'office-1', {
      displayName: '新任 花子',
      role: 'caseworker',
      teamId: 'team-1',
    });
    expect(await own.store.db.outbox.get(`hub:users:${newcomer}`)).toMatchObject({ op: 'put' });
  });
});
