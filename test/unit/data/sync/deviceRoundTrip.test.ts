import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import { writeTransaction } from '../../../../renderer/data/outbox.js';
import { fullRound, hubAndDevice } from './syncRound.js';

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
