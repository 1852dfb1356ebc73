import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { AccessDeniedError } from '../../../renderer/data/errors.js';
import { mutateRaw, openTestStore, rawRows, seedOffice, session } from './fixtures.js';
import { Dexie } from 'dexie';
import { applySchema } from '../../../renderer/data/schema.js';
import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';

let clock = Date.parse('2026-11-25T09:00:00Z');
async function withLog(entries = 5) {
  const t = await openTestStore('office', { now: () => (clock += 60_000) });
  const seeded = await seedOffice(t.store);
  const cw = session('caseworker', seeded.ids.cwA, 'team-1');
  await t.repos.auditLog.record(cw, { kind: 'login', detail: {} });
  for (let i = 1; i < entries; i += 1) await t.repos.households.open(cw, seeded.hA.id);
  return { ...t, ...seeded, cw, auditor: session('auditor', seeded.ids.auditor) };
}

/** Deletes one audit row as an attacker with disk access would: straight from IndexedDB. */
async function deleteRaw(name: string, seq: number) {
  const raw = new Dexie(name);
  applySchema(raw);
  await raw.open();
  await raw.table('audit').where('seq').equals(seq).delete();
  raw.close();
}

describe('audit log', () => {
  test('an intact chain verifies', async () => {
    const { repos, auditor } = await withLog();
    expect(await repos.auditLog.verify(auditor)).toEqual({ ok: true, count: 5 });
  });

  test('an entry edited through the database (re-sealed with the key) is found', async () => {
    const { store, repos, auditor } = await withLog();
    const entry = await store.db.audit.where('seq').equals(3).first();
    await store.db.audit.put({ ...entry!, actor: 'someone-else' });
    expect(await repos.auditLog.verify(auditor)).toMatchObject({ ok: false, seq: 3, problem: 'edited' });
  });

  test('an entry edited and correctly re-hashed is found by its successor', async () => {
    const { store, repos, auditor } = await withLog();
    const entry = (await store.db.audit.where('seq').equals(2).first())!;
    const { hash: _old, ...body } = { ...entry, at: '2020-01-01T00:00:00.000Z' };
    const { sodium } = store;
    const input = new Uint8Array([...sodium.from_hex(body.prevHash), ...sodium.from_string(canonicalJson(body))]);
    await store.db.audit.put({ ...body, hash: sodium.to_hex(sodium.crypto_generichash(32, input, null)) });
    expect(await repos.auditLog.verify(auditor)).toMatchObject({ ok: false, seq: 2, problem: 'edited' });
  });

  test('a removed middle entry and a removed last entry are found', async () => {
    const first = await withLog();
    await deleteRaw(first.name, 3);
    expect(await first.repos.auditLog.verify(first.auditor)).toMatchObject({ ok: false, seq: 3, problem: 'missing' });
    const second = await withLog();
    await deleteRaw(second.name, 5);
    expect(await second.repos.auditLog.verify(second.auditor)).toMatchObject({ ok: false, seq: 5, problem: 'missing' });
  });

  test('an altered byte on disk is reported for that entry', async () => {
    const { name, repos, auditor } = await withLog();
    const target = (await rawRows(name, 'audit')).find((row) => row.seq === 4)!;
    await mutateRaw(name, 'audit', target.id as string, (row) => {
      (row.c as Uint8Array)[3]! ^= 1;
    });
    expect(await repos.auditLog.verify(auditor)).toMatchObject({ ok: false, seq: 4, problem: 'damaged' });
  });

  test('only seq, at, kind and actor stay clear', async () => {
    const { name } = await withLog(2);
    for (const row of await rawRows(name, 'audit')) expect(Object.keys(row).sort()).toEqual(['actor', 'at', 'c', 'id', 'kid', 'kind', 'seq', 'v']);
  });

  test('the auditor exports by date range, actor and kind, and the export is itself logged', async () => {
    const { store, repos, cw, auditor, ids } = await withLog();
    const all = await repos.auditLog.export(auditor, {});
    expect(all.rows).toHaveLength(5);
    expect((await repos.auditLog.export(auditor, { kind: 'caseOpened', actor: ids.cwA })).rows).toHaveLength(4);
    const times = (await store.db.audit.orderBy('seq').toArray()).map((e) => e.at);
    expect((await repos.auditLog.export(auditor, { from: times[1], to: times[2] })).rows).toHaveLength(2);
    // A period that is not the whole log, with a user and a kind: the period's keys narrowed by both.
    const within = await repos.auditLog.query(auditor, { from: times[0], to: times[2], actor: ids.cwA, kind: 'caseOpened' });
    expect(within.rows.map((row) => ('seq' in row ? row.seq : 0))).toEqual([3, 2]);
    expect((await store.db.audit.orderBy('seq').last())?.kind).toBe('export');
    await expect(repos.auditLog.export(cw, {})).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(repos.auditLog.export(session('systemAdmin', ids.admin), {})).rejects.toBeInstanceOf(AccessDeniedError);
    expect(await repos.auditLog.verify(auditor)).toMatchObject({ ok: true, count: 8 });
  });

  test("the auditor reads pages newest first, with each entry's case number, and filters by case number", async () => {
    const { repos, auditor, hA, hB, ids } = await withLog(6);
    const cwB = session('caseworker', ids.cwB, 'team-1');
    await repos.households.open(cwB, hB.id);
    const first = await repos.auditLog.query(auditor, {}, { offset: 0, limit: 4 });
    expect(first.total).toBe(7);
    expect(first.rows.map((row) => ('seq' in row ? row.seq : 0))).toEqual([7, 6, 5, 4]);
    // Only the households this page names are resolved, to their case numbers alone.
    expect(first.caseNumbers).toEqual({ [hA.id]: hA.caseNumber, [hB.id]: hB.caseNumber });
    const second = await repos.auditLog.query(auditor, {}, { offset: 4, limit: 4 });
    expect(second.rows.map((row) => ('seq' in row ? row.seq : 0))).toEqual([3, 2, 1]);
    expect(second.caseNumbers).toEqual({ [hA.id]: hA.caseNumber });

    const ofB = await repos.auditLog.query(auditor, { caseNumber: hB.caseNumber });
    expect(ofB.total).toBe(1);
    expect(ofB.rows[0]).toMatchObject({ kind: 'caseOpened', actor: ids.cwB, detail: { householdId: hB.id } });
    expect((await repos.auditLog.query(auditor, { caseNumber: hA.caseNumber, actor: ids.cwB })).total).toBe(0);
    await expect(repos.auditLog.query(auditor, { caseNumber: 'NO-SUCH-1' })).rejects.toThrow('ケース番号: NO-SUCH-1 のケースはこの端末にありません');
    // Typed as on paper (full-width), it is the same case.
    const wide = hB.caseNumber.replace(/[0-9A-Za-z-]/g, (c) => String.fromCharCode(c === '-' ? 0xff0d : c.charCodeAt(0) + 0xfee0));
    expect((await repos.auditLog.query(auditor, { caseNumber: wide })).total).toBe(1);
    // The case numbers are the auditor's only view of a case: the households stay closed to the role.
    await expect(repos.households.open(auditor, hA.id)).rejects.toBeInstanceOf(AccessDeniedError);
  });
});
