import { describe, expect, it } from 'vitest';
import { AccessDeniedError } from '../../../renderer/data/errors.js';
import { household, member, mutateRaw, openTestStore, seedOffice, session } from './fixtures.js';

describe('repos.households.listWithHeads', () => {
  it('gives each household in scope with its 世帯主 only, without any 個人番号', async () => {
    const { store, repos } = await openTestStore();
    const { ids, hA, hB } = await seedOffice(store);
    const child = { ...member(hA.id, { name: '山田 花', kana: 'ヤマダ ハナ', relation: '子' }), hlc: store.clock.stamp() };
    await store.db.members.put(child);

    const caseload = await repos.households.listWithHeads(session('caseworker', ids.cwA, 'team-1'));
    expect(caseload.households.map((h) => h.id)).toEqual([hA.id]);
    expect([...caseload.heads.entries()]).toEqual([[hA.id, { name: '山田 太郎', kana: 'ヤマダ タロウ', relation: 'head' }]]);

    const team = await repos.households.listWithHeads(session('supervisor', ids.sv1, 'team-1'));
    expect(team.households.map((h) => h.id)).toEqual([hA.id]);

    const office = await repos.households.listWithHeads(session('manager', ids.manager));
    expect(office.households.map((h) => h.id).sort()).toEqual([hA.id, hB.id].sort());
    expect(office.heads.get(hB.id)?.kana).toBe('サトウ ハナコ');
    expect(JSON.stringify([...office.heads.values()])).not.toMatch(/\d{12}/u);
  });

  it('refuses roles that may not read members, and lists a damaged household as such', async () => {
    const { store, repos, name } = await openTestStore();
    const { ids } = await seedOffice(store);
    await expect(repos.households.listWithHeads(session('auditor', ids.auditor))).rejects.toBeInstanceOf(AccessDeniedError);

    const broken = { ...household(ids.cwA, { caseNumber: 'K-broken' }), hlc: store.clock.stamp() };
    await store.db.households.put(broken);
    await mutateRaw(name, 'households', broken.id, (row) => {
      row.status = 'terminated';
    });
    const { households, heads } = await repos.households.listWithHeads(session('caseworker', ids.cwA, 'team-1'));
    expect(households.find((h) => h.id === broken.id)).toHaveProperty('__integrityError');
    expect(heads.has(broken.id)).toBe(false);
  });
});
