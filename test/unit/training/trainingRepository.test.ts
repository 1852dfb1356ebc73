import { describe, expect, it } from 'vitest';
import { AccessDeniedError, InvalidRecordError } from '../../../renderer/data/errors.js';
import { generateTrainingHouseholds } from '../../../shared/training/trainingHouseholds.js';
import { openTestStore, rawRows, session } from '../data/fixtures.js';

const batch = (count: number, assignees: string[]) => generateTrainingHouseholds({ seed: 11, count, assignees, today: '2026-11-30' });

describe('repos.training.seed', () => {
  it('writes a batch of households with members, notes and visit plans, no 個人番号, each with an outbox entry and an audit entry', async () => {
    const { store, repos, name } = await openTestStore('office');
    const admin = session('systemAdmin', 'admin-1', null, 'office');
    const ids = await repos.training.seed(admin, 'office-1', batch(5, ['cw-1']));
    expect(ids).toHaveLength(5);
    const households = await store.db.households.toArray();
    expect(households.map((h) => h.assignedTo)).toEqual(Array(5).fill('cw-1'));
    const members = await store.db.members.toArray();
    expect(members.length).toBeGreaterThanOrEqual(5);
    expect(members.every((m) => m.myNumber === null && m.atenaNumber === null)).toBe(true);
    expect(await store.db.caseRecords.count()).toBeGreaterThanOrEqual(5);
    expect(await store.db.visitPlans.count()).toBe(5);
    const outbox = await rawRows(name, 'outbox');
    expect(outbox.length).toBe(households.length + members.length + (await store.db.caseRecords.count()) + 5);
    const audit = (await store.db.audit.toArray()).filter((e) => e.kind === 'create');
    expect(audit).toHaveLength(5);
    // Sealed at rest like any case data.
    expect(JSON.stringify(await rawRows(name, 'members'))).not.toContain(members[0]!.name);
  });

  it('is the administrator’s alone, and writes nothing that is not marked 研修', async () => {
    const { store, repos } = await openTestStore();
    await expect(repos.training.seed(session('caseworker', 'cw-1', 'team-1'), 'office-1', batch(1, ['cw-1']))).rejects.toBeInstanceOf(AccessDeniedError);
    const forged = batch(1, ['cw-1']).map((h) => ({ ...h, caseNumber: 'K-1' }));
    await expect(repos.training.seed(session('systemAdmin', 'admin-1'), 'office-1', forged)).rejects.toBeInstanceOf(InvalidRecordError);
    expect(await store.db.households.count()).toBe(0);
  });
});
