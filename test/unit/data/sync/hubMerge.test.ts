import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../../shared/ids/uuidv7.js';
import type { DevicePayload } from '../../../../shared/sync/bundleFormat.js';
import { writeTransaction } from '../../../../renderer/data/outbox.js';
import { listConflicts, resolveConflict } from '../../../../renderer/data/sync/conflicts.js';
import { heldReceiptsOf, holdRefusedFile, listQuarantine, releaseHeldBundle } from '../../../../renderer/data/sync/quarantine.js';
import { deviceAuditOf } from '../../../../renderer/data/sync/deviceAudit.js';
import { session } from '../fixtures.js';
import { devicePayload, expectOnlyQuarantined, headerOf, hubAndDevice, importBundle, rawSnapshot } from './hubFixtures.js';

const note = (householdId: string, authorId: string) => ({
  id: uuidv7(),
  householdId,
  authorId,
  recordedOn: '2026-11-25',
  kind: 'visit' as const,
  body: '家庭訪問。変わりなし。',
});

describe('hub import of a device bundle: sequence', () => {
  test('applied once: a replay is 重複 and a bundle after a missing one is 待機, both changing nothing', async () => {
    const t = await hubAndDevice();
    await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-99-9999' });
    const payload = await devicePayload(t);
    const first = await importBundle(t, 1, payload);
    expect(first).toMatchObject({ status: 'applied', rows: { updated: 1 } });
    expect((await t.hub.store.db.households.get(t.hA.id))?.phone).toBe('0480-99-9999');

    const before = await rawSnapshot(t.hub.name);
    expect(await importBundle(t, 1, payload)).toMatchObject({ status: 'duplicate', message: expect.stringContaining('重複') });
    expect(await importBundle(t, 3, payload)).toMatchObject({ status: 'waiting', message: expect.stringContaining('待機') });
    expect(await rawSnapshot(t.hub.name)).toEqual(before);
    // The one that was missing arrives: the next in line is taken.
    expect((await importBundle(t, 2, payload)).status).toBe('applied');
  });

  test('the peer state advances: seq, acknowledged outbox and audit, skew, digest, receipts', async () => {
    const t = await hubAndDevice();
    await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-99-9999' });
    const payload = { ...(await devicePayload(t)), sentAt: t.hub.store.now() + 10 * 60_000 };
    const report = await importBundle(t, 1, payload);
    const peer = await t.hub.store.db.syncPeers.get(t.registry.id);
    expect(peer).toMatchObject({
      appliedSeq: 1,
      outboxAcknowledged: payload.outboxThrough,
      auditAcknowledged: payload.audit.at(-1)!.seq,
      digest: payload.digest,
    });
    expect(peer?.receipts).toEqual([{ seq: 1, status: 'applied', reason: null }]);
    expect(peer!.skewMs!).toBeGreaterThan(9 * 60_000);
    expect(report).toMatchObject({ status: 'applied', skewMs: peer!.skewMs });
  });
});

describe('hub import: merge by policy', () => {
  test('a union table never duplicates: the same note sent twice is one row, and no conflict', async () => {
    const t = await hubAndDevice();
    const written = note(t.hA.id, t.ids.cwA);
    await writeTransaction(t.device.store, ['caseRecords'], (w) => w.put('caseRecords', written));
    const payload = await devicePayload(t);
    const before = await t.hub.store.db.caseRecords.count();
    expect(await importBundle(t, 1, payload)).toMatchObject({ status: 'applied', rows: { inserted: 1 } });
    // Not yet acknowledged to the device: its next bundle carries the note again.
    expect(await importBundle(t, 2, payload)).toMatchObject({ status: 'applied', rows: { inserted: 0, kept: 1 }, conflicts: 0 });
    expect(await t.hub.store.db.caseRecords.count()).toBe(before + 1);
    expect(await t.hub.store.db.caseRecords.get(written.id)).toMatchObject({ body: written.body });
    expect(await t.hub.store.db.syncConflicts.count()).toBe(0);
  });

  test('a union record corrected on the device alone is taken without a conflict; one corrected on both sides is one', async () => {
    const t = await hubAndDevice();
    const { hlc: _h, ...noteA } = t.noteA;
    await writeTransaction(t.device.store, ['caseRecords'], (w) => w.put('caseRecords', { ...noteA, body: '端末で訂正' }));
    expect(await importBundle(t, 1, await devicePayload(t))).toMatchObject({ status: 'applied', rows: { updated: 1 }, conflicts: 0 });
    expect((await t.hub.store.db.caseRecords.get(noteA.id))?.body).toBe('端末で訂正');

    await writeTransaction(t.hub.store, ['caseRecords'], (w) => w.put('caseRecords', { ...noteA, body: 'ハブで訂正' }));
    await writeTransaction(t.device.store, ['caseRecords'], (w) => w.put('caseRecords', { ...noteA, body: '端末で再訂正', recordedOn: '2026-11-21' }));
    expect(await importBundle(t, 2, await devicePayload(t))).toMatchObject({ status: 'applied', conflicts: 1 });
    expect(await t.hub.store.db.syncConflicts.toArray()).toEqual([
      expect.objectContaining({
        table: 'caseRecords',
        field: 'body',
        kept: expect.objectContaining({ value: 'ハブで訂正' }),
        incoming: expect.objectContaining({ value: '端末で再訂正' }),
      }),
    ]);
  });

  test('a field only the device changed is taken; one both changed becomes a conflict with both values, the later HLC holding it', async () => {
    const t = await hubAndDevice();
    await t.hub.repos.households.update(t.sv, t.hA.id, { phone: '0480-11-1111' });
    await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-22-2222', address: '埼玉県加須市騎西2番地' });
    const report = await importBundle(t, 1, await devicePayload(t));
    expect(report).toMatchObject({ status: 'applied', conflicts: 1 });
    const row = await t.hub.store.db.households.get(t.hA.id);
    expect(row).toMatchObject({ address: '埼玉県加須市騎西2番地', phone: '0480-22-2222' });
    const [conflict] = await t.hub.store.db.syncConflicts.toArray();
    expect(conflict).toMatchObject({
      status: 'open',
      table: 'households',
      rowId: t.hA.id,
      householdId: t.hA.id,
      field: 'phone',
      winner: 'incoming',
      // Who wrote each side: the hub's own audit entry for its value, the device's chain for the incoming one.
      kept: { value: '0480-11-1111', deviceId: t.hub.store.device.id, actor: t.ids.sv1 },
      incoming: { value: '0480-22-2222', deviceId: t.registry.id, actor: t.ids.cwA },
    });
    // The same bundle's entries sent again before the acknowledgement: no second conflict.
    await importBundle(t, 2, await devicePayload(t));
    expect(await t.hub.store.db.syncConflicts.count()).toBe(1);
  });

  test('the SV resolves a conflict: the chosen value written as a recorded change, the conflict closed, audited', async () => {
    const t = await hubAndDevice();
    await t.hub.repos.households.update(t.hubCw, t.hA.id, { phone: '0480-11-1111' });
    await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-22-2222' });
    await importBundle(t, 1, await devicePayload(t));
    const [listed] = await listConflicts(t.hub.store, t.sv);
    expect(listed).toMatchObject({ field: 'phone' });
    await expect(resolveConflict(t.hub.store, t.hubCw, listed!.id, 'kept')).rejects.toThrow('査察指導員');
    const auditBefore = await t.hub.store.db.audit.count();
    const resolved = await resolveConflict(t.hub.store, t.sv, listed!.id, 'kept');
    expect(resolved).toMatchObject({ status: 'resolved', resolution: { choice: 'kept', by: t.ids.sv1 } });
    expect((await t.hub.store.db.households.get(t.hA.id))?.phone).toBe('0480-11-1111');
    expect(await listConflicts(t.hub.store, t.sv)).toEqual([]);
    const [entry] = (await t.hub.store.db.audit.toArray()).slice(auditBefore);
    expect(entry).toMatchObject({ kind: 'update', actor: t.ids.sv1, detail: { recordId: t.hA.id, fields: ['競合の解決:phone:kept'] } });
    // The hub's row changed: its return bundle carries the SV's choice to the devices.
    expect((await t.hub.store.db.households.where('hlc').above(resolved.hlc).toArray()).map((h) => h.id)).toContain(t.hA.id);
    await expect(resolveConflict(t.hub.store, t.sv, listed!.id, 'incoming')).rejects.toThrow('すでに解決');
  });

  test('a decision draft from a device is taken; a tombstone deletes the hub row', async () => {
    const t = await hubAndDevice();
    const draft = {
      id: uuidv7(),
      householdId: t.hA.id,
      applicationId: null,
      kind: 'change' as const,
      stage: 'draft' as const,
      draftedBy: t.ids.cwA,
      history: [],
      effectiveOn: '2026-12-01',
      supersedes: null,
      calculationId: null,
      aids: ['living' as const],
      reasons: '収入の変動',
    };
    await writeTransaction(t.device.store, ['decisions', 'caseRecords'], async (w) => {
      await w.put('decisions', draft);
      await w.delete('caseRecords', t.noteA.id);
    });
    expect(await importBundle(t, 1, await devicePayload(t))).toMatchObject({ status: 'applied', rows: { inserted: 1, deleted: 1 } });
    expect(await t.hub.store.db.decisions.get(draft.id)).toMatchObject({ stage: 'draft' });
    expect(await t.hub.store.db.caseRecords.get(t.noteA.id)).toBeUndefined();
  });
});

describe('hub import: every refusal holds the whole bundle and changes nothing else', () => {
  type Pair = Awaited<ReturnType<typeof hubAndDevice>>;
  /** A bundle with one valid change and one the hub must refuse. */
  const cases: [string, (t: Pair, payload: DevicePayload) => DevicePayload | Promise<DevicePayload>, RegExp][] = [
    [
      "another caseworker's case",
      (t, p) => {
        const id = uuidv7();
        const hlc = p.changes[0]!.hlc;
        return { ...p, changes: [...p.changes, { table: 'caseRecords', id, op: 'put', hlc, row: { ...note(t.hB.id, t.ids.cwB), id, hlc } }] };
      },
      /担当ケース外/,
    ],
    [
      'an approval',
      (t, p) => {
        const id = uuidv7();
        const hlc = p.changes[0]!.hlc;
        const row = {
          id,
          hlc,
          householdId: t.hA.id,
          applicationId: null,
          kind: 'start',
          stage: 'approved',
          draftedBy: t.ids.cwA,
          history: [],
          effectiveOn: '2026-12-01',
          supersedes: null,
          calculationId: null,
          aids: ['living'],
          reasons: '',
        };
        return { ...p, changes: [...p.changes, { table: 'decisions', id, op: 'put', hlc, row }] };
      },
      /起案中以外/,
    ],
    [
      'a debt',
      (t, p) => {
        const id = uuidv7();
        const hlc = p.changes[0]!.hlc;
        return {
          ...p,
          changes: [...p.changes, { table: 'debts', id, op: 'put', hlc, row: { id, hlc, householdId: t.hA.id, kind: 'return63', status: 'settled' } }],
        };
      },
      /債権はハブでのみ/,
    ],
    ['a row its schema refuses', (_t, p) => ({ ...p, changes: p.changes.map((c) => ({ ...c, row: { ...c.row, phone: '電話' } })) }), /電話番号/],
    ['an unknown table', (_t, p) => ({ ...p, changes: [...p.changes, { ...p.changes[0]!, table: 'counters' }] }), /同期しない表/],
    [
      'a 個人番号 from a field device',
      async (t, p) => {
        const m = await t.device.store.db.members.get(t.mA.id);
        const hlc = p.changes[0]!.hlc;
        return {
          ...p,
          changes: [...p.changes, { table: 'members', id: t.mA.id, op: 'put', hlc, row: { ...m, hlc, myNumber: '123456789018' }, base: m as never }],
        };
      },
      /個人番号/,
    ],
  ];
  for (const [what, craft, reason] of cases) {
    test(what, async () => {
      const t = await hubAndDevice();
      await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-99-9999' });
      const payload = await craft(t, await devicePayload(t));
      const before = await rawSnapshot(t.hub.name);
      const report = await importBundle(t, 1, payload);
      expect(report).toMatchObject({ status: 'quarantined', message: expect.stringContaining('保留') });
      expect(report.status === 'quarantined' && report.reasons.join('\n')).toMatch(reason);
      expectOnlyQuarantined(before, await rawSnapshot(t.hub.name));
      const [held] = await listQuarantine(t.hub.store, t.admin);
      expect(held).toMatchObject({ status: 'held', sender: t.registry.id, seq: 1, payload });
      expect(held && 'reason' in held && held.reason).toMatch(reason);
      // The device hears of it through its next return bundle.
      expect(await heldReceiptsOf(t.hub.store, t.registry.id)).toEqual([{ seq: 1, status: 'quarantined', reason: expect.stringMatching(reason) }]);
      // The held bundle took its number: the same file again is 重複, the device's next bundle is not left waiting.
      expect((await importBundle(t, 1, payload)).status).toBe('duplicate');
    });
  }

  test('a revoked device', async () => {
    const t = await hubAndDevice();
    await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-99-9999' });
    const payload = await devicePayload(t);
    const before = await rawSnapshot(t.hub.name);
    const revoked = { ...t.registry, status: 'revoked' as const, revoked: { by: t.ids.admin, at: '2026-12-01T00:00:00.000Z', reason: '紛失' } };
    expect(await importBundle(t, 1, payload, revoked)).toMatchObject({ status: 'quarantined', reasons: [expect.stringContaining('失効')] });
    expectOnlyQuarantined(before, await rawSnapshot(t.hub.name));
  });

  test('a file the reader refused is listed once per file and reason, and takes no seq (its header was not trusted)', async () => {
    const t = await hubAndDevice();
    await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-99-9999' });
    const claimed = headerOf(t.registry.id, t.hub.store.device.id, 1);
    const refused = { file: `${t.registry.id}__hub__00000001.seihosync`, header: claimed, reason: '署名が一致しません' };
    const id = await holdRefusedFile(t.hub.store, t.admin, refused);
    expect(await holdRefusedFile(t.hub.store, t.admin, refused)).toBe(id);
    expect(await listQuarantine(t.hub.store, t.admin)).toEqual([
      expect.objectContaining({ id, payload: null, seq: 0, header: claimed, note: { file: refused.file } }),
    ]);
    expect(await heldReceiptsOf(t.hub.store, t.registry.id)).toEqual([]);
    // The genuine bundle 1 is still taken.
    expect((await importBundle(t, 1, await devicePayload(t))).status).toBe('applied');
  });

  test('released after the fix: the held bundle is applied with the same checks', async () => {
    const t = await hubAndDevice();
    await writeTransaction(t.device.store, ['caseRecords'], (w) => w.put('caseRecords', note(t.hB.id, t.ids.cwA)));
    const report = await importBundle(t, 1, await devicePayload(t));
    expect(report.status).toBe('quarantined');
    const id = report.status === 'quarantined' ? report.quarantineId : '';
    const before = await rawSnapshot(t.hub.name);
    await expect(releaseHeldBundle(t.hub.store, t.admin, id)).rejects.toThrow('まだ取り込めません');
    expect(await rawSnapshot(t.hub.name)).toEqual(before);
    // The administrator gives the device household B's caseload too.
    await t.hub.store.db.devices.put({ ...t.registry, caseloadUserIds: [t.ids.cwA, t.ids.cwB] });
    expect(await releaseHeldBundle(t.hub.store, t.admin, id)).toMatchObject({ status: 'applied', rows: { inserted: 1 } });
    expect((await listQuarantine(t.hub.store, t.admin))[0]).toMatchObject({ status: 'released', handledBy: t.ids.admin });
    expect(await heldReceiptsOf(t.hub.store, t.registry.id)).toEqual([]);
    expect((await t.hub.store.db.syncPeers.get(t.registry.id))?.receipts).toEqual([{ seq: 1, status: 'applied', reason: null }]);
  });
});

describe('hub import: the device audit chain', () => {
  const withAudit = async () => {
    const t = await hubAndDevice();
    for (const phone of ['0480-11-1111', '0480-22-2222', '0480-33-3333']) await t.device.repos.households.update(t.cw, t.hA.id, { phone });
    return { t, payload: await devicePayload(t) };
  };

  test('an intact chain is stored under the device id, in order', async () => {
    const { t, payload } = await withAudit();
    expect(await importBundle(t, 1, payload)).toMatchObject({ status: 'applied', audit: { stored: 3, problems: [] } });
    const stored = await t.hub.store.db.deviceAudit.toArray();
    expect(stored.map((row) => row.id)).toEqual([1, 2, 3].map((n) => `${t.registry.id}:${String(n).padStart(10, '0')}`));
    expect(stored.map((row) => row.entry)).toEqual(payload.audit);
    // The auditor reads the device's chain on the hub; no one else does.
    const auditor = session('auditor', t.ids.auditor, null, 'hub');
    expect((await deviceAuditOf(t.hub.store, auditor, t.registry.id)).entries).toEqual(stored);
    await expect(deviceAuditOf(t.hub.store, t.admin, t.registry.id)).rejects.toThrow('監査ログを閲覧できません');
  });

  test('a missing entry and an edited one are reported and kept on the peer, not silently accepted', async () => {
    const { t, payload } = await withAudit();
    const [a, , c] = payload.audit;
    const report = await importBundle(t, 1, { ...payload, audit: [a!, c!] });
    expect(report).toMatchObject({ status: 'applied', audit: { problems: [expect.stringContaining('2〜2 番が欠けています')] } });

    const second = await withAudit();
    const edited = second.payload.audit.map((e, i) => (i === 1 ? { ...e, actor: 'someone-else' } : e));
    const report2 = await importBundle(second.t, 1, { ...second.payload, audit: edited });
    expect(report2.status === 'applied' && report2.audit.problems).toEqual([expect.stringContaining('2 番は書き換えられています')]);
    expect((await deviceAuditOf(second.t.hub.store, session('auditor', second.t.ids.auditor, null, 'hub'), second.t.registry.id)).problems).toEqual([
      expect.objectContaining({ seq: 1, message: expect.stringContaining('書き換え') }),
    ]);
  });
});

describe('hub import: linkage from an office desktop', () => {
  test('queued into the hub stream with its idempotency key, once', async () => {
    const t = await hubAndDevice('office');
    await writeTransaction(t.device.store, [], (w) => w.linkage({ kind: 'inquiry', naturalKey: ['000123456', 'income'], payload: { q: 1 } }));
    const payload = await devicePayload(t);
    expect(await importBundle(t, 1, payload)).toMatchObject({ status: 'applied', linkage: 1 });
    const [entry] = await t.hub.store.db.outbox.where('[stream+seq]').between(['linkage', 0], ['linkage', Number.POSITIVE_INFINITY]).toArray();
    expect(entry).toMatchObject({
      id: payload.linkage[0]!.id,
      idempotencyKey: payload.linkage[0]!.idempotencyKey,
      kind: 'inquiry',
      payload: { q: 1 },
      deviceId: t.hub.store.device.id,
    });
    expect(await importBundle(t, 2, payload)).toMatchObject({ status: 'applied', linkage: 0 });
  });
});

describe('hub import: all or nothing', () => {
  // Where a kill would land: among the merged rows, at the device's audit chain, at the hub's outbox (the relayed
  // linkage and the merged rows' entries), at the peer state (the last write). IndexedDB ends a transaction whole or
  // not at all, so an error there stands for the page killed there: the import must be that one transaction.
  const points = [
    ['among the merged rows', 'caseRecords'],
    ['at the device audit chain', 'deviceAudit'],
    ["at the hub's outbox", 'outbox'],
    ['at the peer state, the last write', 'syncPeers'],
  ] as const;
  for (const [where, table] of points) {
    test(`stopped ${where}: the hub is byte for byte as before, and the same bundle then applies whole`, async () => {
      const t = await hubAndDevice('office');
      await t.device.repos.households.update(t.cw, t.hA.id, { phone: '0480-99-9999' });
      const written = note(t.hA.id, t.ids.cwA);
      await writeTransaction(t.device.store, ['caseRecords'], (w) => w.put('caseRecords', written));
      await writeTransaction(t.device.store, [], (w) => w.linkage({ kind: 'inquiry', naturalKey: ['kill', where], payload: { q: 1 } }));
      const payload = await devicePayload(t);
      const before = await rawSnapshot(t.hub.name);

      const killed = () => {
        throw new Error('killed');
      };
      const hooked = t.hub.store.db.table(table);
      hooked.hook('creating', killed);
      hooked.hook('updating', killed);
      await expect(importBundle(t, 1, payload)).rejects.toThrow('killed');
      hooked.hook('creating').unsubscribe(killed);
      hooked.hook('updating').unsubscribe(killed);
      expect(await rawSnapshot(t.hub.name)).toEqual(before);

      const report = await importBundle(t, 1, payload);
      expect(report).toMatchObject({ status: 'applied', linkage: 1, rows: { inserted: 1, updated: 1 } });
      expect(await t.hub.store.db.caseRecords.get(written.id)).toMatchObject({ body: written.body });
      expect((await t.hub.store.db.syncPeers.get(t.registry.id))?.appliedSeq).toBe(1);
    });
  }
});
