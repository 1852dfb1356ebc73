import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { SEARCH_TOKEN_BITS, searchCandidates } from '../../../renderer/data/searchIndex.js';
import type { DataStore } from '../../../renderer/data/db.js';
import { household, member, openTestStore, rawRows, seedOffice, session } from './fixtures.js';

async function office() {
  const t = await openTestStore();
  const seeded = await seedOffice(t.store);
  const a = session('caseworker', seeded.ids.cwA, 'team-1');
  return { ...t, ...seeded, a };
}

const candidates = async (store: DataStore, query: string) => [...((await searchCandidates(store.db.householdSearch, store, query)) ?? [])];

describe('kana search through the blind index', () => {
  test('finds by name, kana in any width or script, case number and address, and only through the index', async () => {
    const { store, repos, a, hA } = await office();
    for (const query of ['やまだ', 'ﾔﾏﾀﾞ ﾀﾛｳ', 'ヤマダ　タロー', '山田', 'たろう やまだ', hA.caseNumber, '三俣']) {
      expect(
        (await repos.households.search(a, query)).map((m) => m.household.id),
        query,
      ).toEqual([hA.id]);
    }
    // Without its tokens the household is not found: the search reads the index, not the whole scope.
    await store.db.householdSearch.delete(hA.id);
    expect(await repos.households.search(a, 'やまだ')).toEqual([]);
  });

  test('a household holding every bucket of the query but not the text is opened and dropped: no false positives', async () => {
    const { store, repos, a } = await office();
    // ヤマモト and シマダ give the bigrams やま and まだ, so the index names this household for やまだ.
    const decoy = await repos.households.save(a, household(a.userId, { address: '東京都' }));
    await repos.members.save(a, member(decoy.id, { name: '山本 一', kana: 'ヤマモト ハジメ', myNumber: null, atenaNumber: null }));
    await repos.members.save(a, member(decoy.id, { name: '島田 二', kana: 'シマダ ジロウ', relation: '子', myNumber: null, atenaNumber: null }));
    expect(await candidates(store, 'やまだ')).toContain(decoy.id);
    expect((await repos.households.search(a, 'やまだ')).map((m) => m.household.id)).not.toContain(decoy.id);
  });

  test('scope is judged on the opened rows: a candidate outside the caseload is not returned', async () => {
    const { store, repos, a, ids, hB } = await office();
    expect(await candidates(store, 'さとう')).toEqual([hB.id]);
    expect(await repos.households.search(a, 'さとう')).toEqual([]);
    expect((await repos.households.search(session('caseworker', ids.cwB, 'team-2'), 'さとう')).map((m) => m.household.id)).toEqual([hB.id]);
  });

  test("a member's new name replaces the old one in the household's tokens, in the same save", async () => {
    const { repos, a } = await office();
    const h = await repos.households.save(a, household(a.userId));
    const m = member(h.id, { name: '鈴木 一郎', kana: 'スズキ イチロウ', myNumber: null, atenaNumber: null });
    await repos.members.save(a, m);
    expect((await repos.households.search(a, 'すずき')).map((x) => x.household.id)).toEqual([h.id]);
    await repos.members.save(a, { ...m, name: '高橋 一郎', kana: 'タカハシ イチロウ' });
    expect(await repos.households.search(a, 'すずき')).toEqual([]);
    expect((await repos.households.search(a, 'たかはし')).map((x) => x.household.id)).toEqual([h.id]);
    await repos.members.remove(a, m.id);
    expect(await repos.households.search(a, 'たかはし')).toEqual([]);
  });

  test('a query of single characters narrows nothing and still searches the scope', async () => {
    const { store, repos, a, hA } = await office();
    expect(await searchCandidates(store.db.householdSearch, store, '山 太')).toBeNull();
    expect((await repos.households.search(a, '山 太')).map((m) => m.household.id)).toEqual([hA.id]);
  });

  test('on disk the tokens are small numbers, never the bigrams, and the row holds nothing else in clear', async () => {
    const { name, hA } = await office();
    const [raw] = (await rawRows(name, 'householdSearch')).filter((row) => row.id === hA.id);
    expect(Object.keys(raw!).sort()).toEqual(['c', 'id', 'kid', 'tokens', 'v']);
    const tokens = raw!.tokens as unknown[];
    expect(tokens.length).toBeGreaterThan(5);
    expect(tokens.every((t) => Number.isInteger(t) && (t as number) >= 0 && (t as number) < 2 ** SEARCH_TOKEN_BITS)).toBe(true);
    expect(JSON.stringify(raw)).not.toMatch(/やま|ヤマ|山田|加須|まだ/u);
  });
});

describe('the case list read a page at a time', () => {
  test('pages follow the case number over the scope only, counted from the indexes', async () => {
    const { repos, a, ids, hA } = await office();
    const saved = [];
    for (const n of ['K-3', 'K-1', 'K-2']) saved.push(await repos.households.save(a, household(a.userId, { caseNumber: n })));
    const byNumber = [hA, ...saved].sort((x, y) => x.caseNumber.localeCompare(y.caseNumber)).map((h) => h.id);
    expect(await repos.households.page(a, 0, 2)).toEqual({ ids: byNumber.slice(0, 2), total: 4 });
    expect(await repos.households.page(a, 2, 2)).toEqual({ ids: byNumber.slice(2), total: 4 });
    expect((await repos.households.page(session('manager', ids.manager), 0, 100)).total).toBe(5);
  });

  test('reading a page opens only the given households that are in scope', async () => {
    const { repos, a, hA, hB } = await office();
    const entries = await repos.households.caseRows(a, [hB.id, hA.id]);
    expect(entries.map((e) => (e.kind === 'case' ? e.row.id : e.id))).toEqual([hA.id]);
  });
});
