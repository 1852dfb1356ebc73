import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import type { ResultRecord } from '../../../shared/linkage/exchangeFormat.js';
import { defaultLinkageItems } from '../../../shared/linkage/legalReferences.js';
import { IntegrityError } from '../../../renderer/data/errors.js';
import { ledgerIdOf, ledgerRowsByKey, queueLinkage } from '../../../renderer/data/linkage/ledger.js';
import { linkageIdempotencyKey, pendingOutbox, writeTransaction } from '../../../renderer/data/outbox.js';
import { replicaBody, replicaRequest } from '../../linkage/replicaRequests.js';
import { mutateRaw, openTestStore, session } from '../data/fixtures.js';

/**
 * The ledger found by primary key: a new row's id is derived from its idempotency key, so an export or an import
 * reads thousands with one bulkGet; rows whose id is not derived (written before, or moved to another key) are
 * still found through the index, and a derived id already held by another key's row is never overwritten.
 */

const admin = session('systemAdmin', 'admin-1');
const replica = replicaBody;
const request = (atena: string, over: object = {}) => replicaRequest(atena, { householdId: 'h-1', memberId: `m-${atena}`, requestedBy: 'cw-1' }, over);

async function store() {
  const t = await openTestStore();
  return t;
}

describe('linkage ledger lookups', () => {
  test('a new row takes the id derived from its key, and is found by primary key', async () => {
    const { store: s } = await store();
    const row = await writeTransaction(s, ['linkageRecords'], (w) => queueLinkage(s, w, request('2000000001')));
    expect(row.id).toBe(ledgerIdOf(row.idempotencyKey));
    expect(row.id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/);
    expect((await ledgerRowsByKey(s, [row.idempotencyKey])).get(row.idempotencyKey)?.id).toBe(row.id);
  });

  test('a row with a random id (written before ids were derived) is found through the index, and results apply to it', async () => {
    const { store: s, repos } = await store();
    const row = await writeTransaction(s, ['linkageRecords'], (w) => queueLinkage(s, w, request('2000000002')));
    // Move the row to a random id, as a database from before this change holds it.
    const legacy = { ...row, id: uuidv7() };
    await s.db.transaction('rw', s.db.linkageRecords, async () => {
      await s.db.linkageRecords.delete(row.id);
      await s.db.linkageRecords.put(legacy);
    });
    expect((await ledgerRowsByKey(s, [row.idempotencyKey])).get(row.idempotencyKey)?.id).toBe(legacy.id);
    const plan = await repos.linkageExchange.prepareExport(admin, { items: defaultLinkageItems, payerNumber: '12110010' });
    await repos.linkageExchange.markExported(admin, 'ex-1', plan.records, defaultLinkageItems);
    expect(await s.db.linkageRecords.get(legacy.id)).toMatchObject({ status: 'sent', exchangeId: 'ex-1' });
    const results: ResultRecord[] = plan.records.map((r, i) => ({
      resultId: `res-${i}`,
      requestRecordId: r.recordId,
      idempotencyKey: r.idempotencyKey,
      processedAt: '2026-11-10T03:00:00.000Z',
      kind: r.kind,
      outcome: 'accepted',
    }));
    const report = await repos.linkageExchange.applyResults(admin, 'res-1', results, defaultLinkageItems);
    expect(report.results.map((r) => r.application)).toEqual(['applied']);
    expect(await s.db.linkageRecords.get(legacy.id)).toMatchObject({ status: 'accepted', registered: true });
    expect(await s.db.linkageRecords.count()).toBe(1);
  });

  test('a row that moved to another key keeps its id; a new row for the old key does not overwrite it', async () => {
    const { store: s } = await store();
    const heldKey = ['noAtena', 'm-1', '2026-11-01'];
    const held = await writeTransaction(s, ['linkageRecords'], (w) =>
      queueLinkage(s, w, request('x', { naturalKey: heldKey, body: null, hold: { status: 'blocked', code: 'NO_ATENA', reason: '宛名番号が未入力' } })),
    );
    const moved = await writeTransaction(s, ['linkageRecords'], (w) =>
      queueLinkage(s, w, request('2000000003', { replaces: linkageIdempotencyKey(s, 'replicaRegistration', heldKey) })),
    );
    expect(moved.id).toBe(held.id);
    expect((await ledgerRowsByKey(s, [moved.idempotencyKey])).get(moved.idempotencyKey)?.id).toBe(held.id);
    // Held again under the old key: a second row, with a random id, beside the moved one.
    const again = await writeTransaction(s, ['linkageRecords'], (w) =>
      queueLinkage(s, w, request('x', { naturalKey: heldKey, body: null, hold: { status: 'blocked', code: 'NO_ATENA', reason: '宛名番号が未入力' } })),
    );
    expect(again.id).not.toBe(held.id);
    expect(await s.db.linkageRecords.get(held.id)).toMatchObject({ idempotencyKey: moved.idempotencyKey, status: 'pending' });
    expect(await s.db.linkageRecords.count()).toBe(2);
    expect((await pendingOutbox(s, 'linkage')).map((e) => e.seq)).toEqual([1]);
  });

  test('a damaged row at a derived id is an IntegrityError, not a second registration', async () => {
    const { store: s, name } = await store();
    const row = await writeTransaction(s, ['linkageRecords'], (w) => queueLinkage(s, w, request('2000000004')));
    await mutateRaw(name, 'linkageRecords', row.id, (raw) => {
      (raw.c as Uint8Array)[5]! ^= 1;
    });
    await expect(ledgerRowsByKey(s, [row.idempotencyKey])).rejects.toBeInstanceOf(IntegrityError);
    await expect(
      writeTransaction(s, ['linkageRecords'], (w) => queueLinkage(s, w, request('2000000004', { body: { ...replica('2000000004'), status: 'ended' } }))),
    ).rejects.toBeInstanceOf(IntegrityError);
  });
});
