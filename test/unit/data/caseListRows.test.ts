import 'fake-indexeddb/auto';
import { afterEach, describe, expect, test, vi } from 'vitest';
import type { CaseEntry } from '../../../renderer/data/caseListRows.js';
import { AccessDeniedError } from '../../../renderer/data/errors.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { household, member, mutateRaw, openTestStore, seedOffice, session } from './fixtures.js';

const opened: { close(): void }[] = [];
afterEach(() => {
  for (const store of opened.splice(0)) store.close();
});

async function office() {
  const t = await openTestStore();
  opened.push(t.store);
  const seeded = await seedOffice(t.store);
  return { ...t, ...seeded };
}

const rows = (entries: readonly CaseEntry[]) => entries.flatMap((e) => (e.kind === 'case' ? [e.row] : []));

describe('repos.households.caseRows: the case list read once', () => {
  test('each household in scope as one line: head, caseworker, next visit — never a 個人番号, never another caseload', async () => {
    const { store, repos, ids, hA, hB } = await office();
    await store.db.members.put({ ...member(hA.id, { name: '山田 花', kana: 'ヤマダ ハナ', relation: '子' }), hlc: store.clock.stamp() });
    const plan = (householdId: string, nextDueOn: string) => ({ id: uuidv7(), householdId, grade: 'A', nextDueOn, note: '', hlc: store.clock.stamp() });
    await store.db.visitPlans.bulkPut([plan(hA.id, '2026-06-30'), plan(hB.id, '2026-07-31')]);

    const caseload = await repos.households.caseRows(session('caseworker', ids.cwA, 'team-1'));
    expect(rows(caseload)).toEqual([
      {
        id: hA.id,
        caseNumber: hA.caseNumber,
        status: hA.status,
        headName: '山田 太郎',
        headKana: 'ヤマダ タロウ',
        address: hA.address,
        caseworkerName: '担当A',
        nextVisitDue: '2026-06-30',
      },
    ]);
    expect(rows(await repos.households.caseRows(session('supervisor', ids.sv1, 'team-1'))).map((r) => r.id)).toEqual([hA.id]);

    const whole = await repos.households.caseRows(session('manager', ids.manager));
    expect(
      rows(whole)
        .map((r) => r.id)
        .sort(),
    ).toEqual([hA.id, hB.id].sort());
    expect(rows(whole).find((r) => r.id === hB.id)).toMatchObject({ headKana: 'サトウ ハナコ', caseworkerName: '担当B', nextVisitDue: '2026-07-31' });
    expect(JSON.stringify(whole)).not.toMatch(/\d{12}/u);
    // 経理 reads households but not plans: lines without the next visit rather than a refusal.
    expect(rows(await repos.households.caseRows(session('accounting', uuidv7()))).every((r) => r.nextVisitDue === null)).toBe(true);
  });

  test('given ids (a page): only those in scope are opened, in the given order', async () => {
    const { repos, ids, hA, hB } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    expect(rows(await repos.households.caseRows(a, [hB.id, hA.id])).map((r) => r.id)).toEqual([hA.id]);
    expect(rows(await repos.households.caseRows(session('manager', ids.manager), [hB.id, hA.id])).map((r) => r.id)).toEqual([hB.id, hA.id]);
  });

  test('refuses roles that may not read members, and lists a damaged household as such', async () => {
    const { store, repos, name, ids } = await office();
    await expect(repos.households.caseRows(session('auditor', ids.auditor))).rejects.toBeInstanceOf(AccessDeniedError);
    const broken = { ...household(ids.cwA, { caseNumber: 'K-broken' }), hlc: store.clock.stamp() };
    await store.db.households.put(broken);
    await mutateRaw(name, 'households', broken.id, (row) => {
      row.status = 'terminated';
    });
    const entries = await repos.households.caseRows(session('caseworker', ids.cwA, 'team-1'));
    expect(entries).toContainEqual({ kind: 'damaged', id: broken.id, message: 'この記録は改ざんまたは破損しています' });
  });
});

describe('repos.households.searchRows', () => {
  test('gives the matches as the same lines the list shows, and is audited once', async () => {
    const { store, repos, ids, hA } = await office();
    const manager = session('manager', ids.manager);
    const found = await repos.households.searchRows(manager, 'やまだ');
    expect(found).toEqual(await repos.households.caseRows(manager, [hA.id]));
    const searches = (await store.db.audit.toArray()).filter((e) => !('__integrityError' in e) && e.kind === 'search');
    expect(searches).toHaveLength(1);
    expect(await repos.households.searchRows(session('caseworker', ids.cwB, 'team-2'), 'やまだ')).toEqual([]);
  });
});

describe('the scope, resolved once per session', () => {
  test('a list read again reads no caseload keys; a reassignment is seen by the next read', async () => {
    const { store, repos, ids, hA, hB } = await office();
    const a = session('caseworker', ids.cwA, 'team-1');
    const where = vi.spyOn(store.db.households, 'where');
    expect(rows(await repos.households.caseRows(a)).map((r) => r.id)).toEqual([hA.id]);
    await repos.households.caseRows(a);
    await repos.households.page(a, 0, 100);
    expect(where.mock.calls.filter(([index]) => (index as unknown) === 'assignedTo')).toHaveLength(1);

    // hB is handed to A (as a sync from the hub would write it): A's next list (same session) has it, without a new unlock.
    await store.db.households.put({ ...hB, assignedTo: ids.cwA, hlc: store.clock.stamp() });
    expect(
      rows(await repos.households.caseRows(a))
        .map((r) => r.id)
        .sort(),
    ).toEqual([hA.id, hB.id].sort());
    expect((await repos.households.page(a, 0, 100)).total).toBe(2);
    // Taken away again: gone from the list at once.
    await store.db.households.put({ ...hB, assignedTo: ids.cwB, hlc: store.clock.stamp() });
    expect(rows(await repos.households.caseRows(a)).map((r) => r.id)).toEqual([hA.id]);
    where.mockRestore();
  });

  test("a supervisor's team follows a change of the staff directory", async () => {
    const { store, repos, ids, hB } = await office();
    const sv = session('supervisor', ids.sv1, 'team-1');
    expect(rows(await repos.households.caseRows(sv)).map((r) => r.id)).not.toContain(hB.id);
    const cwB = await store.db.users.get(ids.cwB);
    await store.db.users.put({ ...cwB!, teamId: 'team-1', hlc: store.clock.stamp() });
    expect(rows(await repos.households.caseRows(sv)).map((r) => r.id)).toContain(hB.id);
  });
});
