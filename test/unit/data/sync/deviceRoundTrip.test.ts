import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import { type BundleHeader, SYNC_FORMAT, SYNC_FORMAT_VERSION } from '../../../../shared/sync/bundleFormat.js';
import { writeTransaction } from '../../../../renderer/data/outbox.js';
import { applyHubBundle } from '../../../../renderer/data/sync/deviceApply.js';
import { compareDigests, scopeDigest } from '../../../../renderer/data/sync/digest.js';
import { applyDeviceBundle } from '../../../../renderer/data/sync/hubMerge.js';
import { buildDevicePayload } from '../../../../renderer/data/sync/outgoing.js';
import { hubAndDevice, hubReturn, type Setup } from './syncRound.js';

/**
 * Full rounds with the device → hub half (outgoing.ts, hubMerge.ts) in place of the stand-in: the device's bundle
 * merged on the hub, the hub's return applied on the device; after each, both sides hold the same content.
 */
async function fullRound(t: Setup, seq: number) {
  const peerOnDevice = await t.device.store.db.syncPeers.get(t.hub.store.device.id);
  const outgoing = await buildDevicePayload(t.device.store, t.worker, peerOnDevice);
  const header: BundleHeader = {
    format: SYNC_FORMAT,
    version: SYNC_FORMAT_VERSION,
    officeId: 'office-1',
    sender: t.deviceRow.id,
    recipient: t.hub.store.device.id,
    seq,
    createdAt: new Date().toISOString(),
    hlcFrom: outgoing.hlcFrom,
    hlcTo: outgoing.hlcTo,
    counts: outgoing.counts,
    compression: 'gzip',
  };
  const merged = await applyDeviceBundle(t.hub.store, t.admin, { header, payload: outgoing.payload, sender: t.deviceRow });
  expect(merged.status, merged.message).toBe('applied');
  const applied = await applyHubBundle(t.device.store, t.worker, await hubReturn(t));
  expect(applied.status).toBe('applied');
  // The hub's view: its content of the device's scope against the device's digest now.
  const held = (await t.device.store.db.households.toCollection().primaryKeys()) as string[];
  const onDevice = await scopeDigest(t.device.store, 'field', held);
  const onHub = await scopeDigest(t.hub.store, 'field', [t.hA.id]);
  return { applied, hubView: compareDigests(onHub, onDevice) };
}

describe('device ⇄ hub rounds', () => {
  test('offline edits on both sides meet: the visit reaches the hub, the hub’s change and the local one both stand, and the digests agree on both sides', async () => {
    const t = await hubAndDevice('field');
    const first = await fullRound(t, 1);
    expect(first.applied).toMatchObject({ digest: { state: '一致' } });
    expect(first.hubView.state).toBe('一致');

    // Offline on the laptop: a visit recorded and the household's phone changed. On the hub: its address.
    const visitId = uuidv7();
    const local = (await t.device.store.db.households.get(t.hA.id))!;
    const localMember = (await t.device.store.db.members.get(t.mA.id))!;
    const { hlc: _m, ...memberFields } = localMember;
    const { hlc: _, ...unstamped } = local;
    await writeTransaction(t.device.store, ['households', 'caseRecords'], async (w) => {
      await w.put('caseRecords', {
        id: visitId,
        householdId: t.hA.id,
        authorId: t.ids.cwA,
        recordedOn: '2026-12-03',
        kind: 'visit',
        body: '訪問。変わりなし。',
      });
      await w.put('households', { ...unstamped, phone: '090-3333-4444' }, { previous: local });
      // The member as the laptop holds it (no number): its kana corrected.
      await w.put('members', { ...memberFields, kana: 'ヤマダ タロオ' }, { previous: localMember });
    });
    const onHub = (await t.hub.store.db.households.get(t.hA.id))!;
    await writeTransaction(t.hub.store, ['households'], async (w) => {
      const { hlc: __, ...row } = onHub;
      await w.put('households', { ...row, address: '埼玉県加須市中央一丁目1番1号' }, { previous: onHub });
    });

    const second = await fullRound(t, 2);
    expect(await t.hub.store.db.caseRecords.get(visitId)).toMatchObject({ body: '訪問。変わりなし。' });
    expect(await t.hub.store.db.households.get(t.hA.id)).toMatchObject({ address: '埼玉県加須市中央一丁目1番1号', phone: '090-3333-4444' });
    expect(await t.device.store.db.households.get(t.hA.id)).toMatchObject({ address: '埼玉県加須市中央一丁目1番1号', phone: '090-3333-4444' });
    expect(second.applied).toMatchObject({ digest: { state: '一致', differing: [] } });
    expect(second.hubView).toEqual({ state: '一致', differing: [] });
    // The hub acknowledged what the laptop sent: nothing waits to be sent again.
    expect(await t.device.store.db.outbox.where('[stream+seq]').between(['hub', 0], ['hub', Number.POSITIVE_INFINITY]).count()).toBe(0);
    // The laptop's change to the member is taken; its number and §16 record stay on the hub, and never reach the laptop.
    const memberOnHub = await t.hub.store.db.members.get(t.mA.id);
    expect(memberOnHub).toMatchObject({ kana: 'ヤマダ タロオ', myNumber: t.mA.myNumber, identityVerification: { method: 'card' } });
    expect((await t.device.store.db.members.get(t.mA.id))?.myNumber).toBeNull();
  });
});
