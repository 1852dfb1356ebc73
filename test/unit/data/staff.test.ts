import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { AccessDeniedError } from '../../../renderer/data/errors.js';
import { openTestStore, seedOffice, session } from './fixtures.js';

const profile = (displayName: string, role: 'systemAdmin' | 'caseworker' | 'supervisor', teamId: string | null = null) => ({ displayName, role, teamId });

describe('the staff directory: 役割 and 班 changed by the administrator', () => {
  test('a change is recorded by field and role, audited, and refused to anyone but the administrator', async () => {
    const { store, repos } = await openTestStore('office');
    const { ids } = await seedOffice(store);
    const admin = session('systemAdmin', ids.admin);
    await repos.staff.record(admin, 'office-1', ids.cwA, profile('担当A', 'supervisor', 'team-2'), 'active');
    expect(await store.db.users.get(ids.cwA)).toMatchObject({ role: 'supervisor', teamId: 'team-2' });
    const entries = await store.db.audit.orderBy('seq').reverse().limit(2).toArray();
    expect(entries.map((e) => e.kind).sort()).toEqual(['roleChanged', 'userChanged']);
    expect(entries.find((e) => e.kind === 'userChanged')).toMatchObject({ actor: ids.admin, detail: { userId: ids.cwA, fields: ['role', 'teamId'] } });
    expect(entries.find((e) => e.kind === 'roleChanged')).toMatchObject({ detail: { from: 'caseworker', to: 'supervisor' } });
    const sv = session('supervisor', ids.sv1, 'team-1');
    await expect(repos.staff.record(sv, 'office-1', ids.cwB, profile('担当B', 'supervisor'), 'active')).rejects.toBeInstanceOf(AccessDeniedError);
    await expect(repos.staff.checkChange(sv, ids.cwB, profile('担当B', 'supervisor'))).rejects.toBeInstanceOf(AccessDeniedError);
  });

  test('the office keeps an active システム管理者, and no one changes their own role', async () => {
    const { store, repos } = await openTestStore('office');
    const { ids } = await seedOffice(store);
    const second = uuidv7();
    const admin = session('systemAdmin', ids.admin);
    await repos.staff.record(admin, 'office-1', ids.admin, profile('管理 花子', 'systemAdmin'), 'active');
    await repos.staff.record(admin, 'office-1', second, profile('管理 次郎', 'systemAdmin'), 'active');
    await expect(repos.staff.checkChange(admin, ids.admin, profile('管理 花子', 'caseworker', 'team-1'))).rejects.toThrow(
      '自分の役割は変更できません。別のシステム管理者が変更します',
    );
    // Another administrator may: the office still has one.
    const other = session('systemAdmin', second);
    await repos.staff.record(other, 'office-1', ids.admin, profile('管理 花子', 'caseworker', 'team-1'), 'active');
    // Now the second is the last: neither a new role nor deactivation takes it away.
    const before = await store.db.audit.count();
    await expect(repos.staff.checkChange(admin, second, profile('管理 次郎', 'supervisor', 'team-1'))).rejects.toThrow(
      '最後のシステム管理者の役割は変更できません。先に別の管理者を追加してください',
    );
    await expect(repos.staff.record(admin, 'office-1', second, profile('管理 次郎', 'systemAdmin'), 'deactivated')).rejects.toThrow('最後のシステム管理者');
    expect(await store.db.users.get(second)).toMatchObject({ role: 'systemAdmin', status: 'active' });
    expect(await store.db.audit.count()).toBe(before);
    // A team change alone is fine for the last administrator.
    await repos.staff.record(other, 'office-1', second, profile('管理 次郎', 'systemAdmin', 'team-1'), 'active');
  });
});
