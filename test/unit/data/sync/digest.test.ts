import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import { compareDigests, readCases, scopeDigest } from '../../../../renderer/data/sync/digest.js';
import { cardVerification, household, member, openTestStore, VALID_MY_NUMBER } from '../fixtures.js';

/** One case written straight into a store (setup, not under test): a household, a member with a number, a note, a debt. */
async function writeCase(store: Awaited<ReturnType<typeof openTestStore>>['store'], ids: { h: string; m: string; n: string; d: string }, withNumber: boolean) {
  const stamp = () => store.clock.stamp();
  await store.db.households.put({ ...household('cw-1', { id: ids.h, caseNumber: 'K-1' }), hlc: stamp() });
  await store.db.members.put({
    ...member(ids.h, { id: ids.m, ...(withNumber && { myNumber: VALID_MY_NUMBER, identityVerification: cardVerification(ids.m, 's1', 's2') }) }),
    hlc: stamp(),
  });
  await store.db.caseRecords.put({ id: ids.n, householdId: ids.h, authorId: 'cw-1', recordedOn: '2026-11-20', kind: 'visit', body: '家庭訪問', hlc: stamp() });
  // A blinded-link table: found through its keyed household link, not a clear householdId.
  await store.db.debts.put({
    id: ids.d,
    householdId: ids.h,
    kind: 'refund63',
    status: 'open',
    principal: 30000,
    schedule: [],
    decidedOn: '2026-10-01',
    basis: '63条',
    receipts: [],
    offsetRequest: null,
    hlc: stamp(),
  });
}

describe('case and scope digests', () => {
  test('the hub with the 個人番号 and a field device without it compute the same digest for the field profile; an edit changes it', async () => {
    const ids = { h: uuidv7(), m: uuidv7(), n: uuidv7(), d: uuidv7() };
    const hub = (await openTestStore('hub')).store;
    const field = (await openTestStore('field')).store;
    await writeCase(hub, ids, true);
    // The field device holds the same content, stamped by another clock and without the number.
    await writeCase(field, ids, false);

    const onHub = await scopeDigest(hub, 'field', [ids.h]);
    const onField = await scopeDigest(field, 'field', [ids.h]);
    expect(onHub.scope).toMatch(/^[0-9a-f]{64}$/);
    expect(compareDigests(onField, onHub)).toEqual({ state: '一致', differing: [] });
    // For an office device the number is content: the hub's digest then differs from the stripped copy.
    expect((await scopeDigest(hub, 'office', [ids.h])).scope).not.toBe(onHub.scope);

    const note = (await field.db.caseRecords.get(ids.n))!;
    await field.db.caseRecords.put({ ...note, body: '家庭訪問（追記）' });
    const edited = await scopeDigest(field, 'field', [ids.h]);
    expect(compareDigests(edited, onHub)).toEqual({ state: '不一致', differing: [ids.h] });

    // The debt is part of the case though its household link is blinded on disk.
    const debtOnly = await readCases(hub, [ids.h]);
    expect(debtOnly.get(ids.h)!.map((r) => r.table)).toContain('debts');
  });

  test('a case only one side holds is listed as differing', async () => {
    const hub = (await openTestStore('hub')).store;
    const a = { h: uuidv7(), m: uuidv7(), n: uuidv7(), d: uuidv7() };
    const b = { h: uuidv7(), m: uuidv7(), n: uuidv7(), d: uuidv7() };
    await writeCase(hub, a, false);
    await writeCase(hub, b, false);
    const both = await scopeDigest(hub, 'office', [a.h, b.h]);
    const one = await scopeDigest(hub, 'office', [a.h]);
    expect(Object.keys(both.cases).sort()).toEqual([a.h, b.h].sort());
    expect(compareDigests(one, both)).toEqual({ state: '不一致', differing: [b.h] });
  });
});
