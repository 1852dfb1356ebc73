import 'fake-indexeddb/auto';
import { describe, expect, test } from 'vitest';
import type { Role } from '../../../shared/auth/roles.js';
import type { Decision } from '../../../shared/domain/records.js';
import type { SeihoApi } from '../../../shared/ipc/api.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { defaultOfficeSettings, type StoredOfficeSettings } from '../../../shared/settings/officeSettings.js';
import { AccessDeniedError } from '../../../renderer/data/errors.js';
import { createServices } from '../../../renderer/services/index.js';
import { member, mutateRaw, openTestStore, seedOffice, session, VALID_MY_NUMBER } from '../data/fixtures.js';

/**
 * The office's figures through the data layer (fake-indexeddb, real libsodium) and the service: who may read them,
 * that they come from the approved decisions and not from the cases' current status, and that a drill-down shows
 * only the cases the viewer's scope allows.
 */

const settingsApi = (stored: StoredOfficeSettings) =>
  new Proxy({} as SeihoApi, {
    get: (_, name) => async () =>
      name === 'settingsGet' ? { ok: true, value: stored } : { ok: false, error: { code: 'UNAVAILABLE', message: '接続できません' } },
  });

async function office(today = '2026-11-20') {
  const t = await openTestStore('office', { now: () => new Date(`${today}T10:00:00`).getTime() });
  const seeded = await seedOffice(t.store);
  const { store } = t;
  const approved = (householdId: string, over: Partial<Decision>): Decision => ({
    id: uuidv7(),
    householdId,
    applicationId: null,
    kind: 'start',
    stage: 'approved',
    draftedBy: seeded.ids.cwA,
    history: [],
    effectiveOn: '2025-04-01',
    supersedes: null,
    calculationId: null,
    aids: ['living', 'medical'],
    reasons: '開始',
    hlc: store.clock.stamp(),
    ...over,
  });
  // hA (team 1): started 2025-04 for 傷病; hB (team 2): started 2025-04, its child added, suspended 2025-09.
  await store.db.members.put({
    ...member(seeded.hB.id, { name: '佐藤 一郎', kana: 'サトウ イチロウ', birthDate: '2015-06-01', relation: '子' }),
    hlc: store.clock.stamp(),
  });
  await store.db.decisions.bulkPut([
    approved(seeded.hA.id, { reasonCode: 'S01' }),
    approved(seeded.hB.id, { reasonCode: 'S07', aids: ['living', 'housing'] }),
    approved(seeded.hB.id, { kind: 'suspend', effectiveOn: '2025-09-15' }),
    // A draft decides nothing yet.
    { ...approved(seeded.hA.id, { kind: 'terminate', effectiveOn: '2025-05-01' }), stage: 'draft' },
  ]);
  const servicesAs = (role: Role, userId: string, teamId: string | null = null) => {
    const s = session(role, userId, teamId);
    return createServices({
      store,
      session: s,
      api: settingsApi({ ...defaultOfficeSettings, officeName: '加須市福祉事務所', population: { count: 1000, asOf: '2025-01-01' } }),
      officeId: 'office-1',
    });
  };
  return { ...t, ...seeded, servicesAs };
}

describe('統計: the office figures service', () => {
  test('課長, 査察指導員 and システム管理者 read the whole office; a caseworker, intake officer or auditor is refused', async () => {
    const { ids, servicesAs } = await office();
    for (const [role, id, team] of [
      ['manager', ids.manager, null],
      ['supervisor', ids.sv1, 'team-1'],
      ['systemAdmin', ids.admin, null],
    ] as const) {
      const { figures } = await servicesAs(role, id, team).officeFigures.months(['2025-06']);
      expect(figures[0]!.households.total.value).toBe(2);
    }
    for (const [role, id] of [
      ['caseworker', ids.cwA],
      ['intakeOfficer', ids.cwB],
      ['auditor', ids.auditor],
    ] as const) {
      await expect(servicesAs(role, id, 'team-1').officeFigures.months(['2025-06'])).rejects.toBeInstanceOf(AccessDeniedError);
    }
  });

  test('the figures come from the approved decisions: 開始 by reason, 停止中 apart, 扶助別人員, 保護率 against the population', async () => {
    const { ids, hA, hB, servicesAs } = await office();
    const { figures, population } = await servicesAs('manager', ids.manager).officeFigures.months(['2025-04', '2025-09']);
    const [april, september] = figures;
    expect(population).toEqual({ count: 1000, asOf: '2025-01-01' });
    expect(april!.starts.byReason.S01!.householdIds).toEqual([hA.id]);
    expect(april!.starts.byReason.S07!.householdIds).toEqual([hB.id]);
    expect(april!.persons.total.value).toBe(3);
    expect(april!.aids.medical.value).toBe(1);
    expect(april!.aids.housing.value).toBe(2);
    expect(april!.rate.perMille).toBe(3);
    expect(september!.households.suspended.householdIds).toEqual([hB.id]);
    expect(september!.persons).toMatchObject({ total: { value: 3 }, receiving: { value: 1 }, suspended: { value: 2 } });
    expect(september!.reconciliation.every((c) => c.ok)).toBe(true);
  });

  test('a past month stays as it was when a case is terminated through the approval chain today', async () => {
    const { ids, hA, repos, servicesAs } = await office();
    const before = (await servicesAs('manager', ids.manager).officeFigures.months(['2025-06'])).figures[0];
    const cw = session('caseworker', ids.cwA, 'team-1');
    const draft = await repos.decisions.draft(cw, {
      id: uuidv7(),
      householdId: hA.id,
      applicationId: null,
      kind: 'terminate',
      effectiveOn: '2026-11-20',
      supersedes: null,
      calculationId: null,
      aids: ['living'],
      reasons: '死亡',
    });
    await repos.decisions.submit(cw, draft.id);
    await repos.decisions.approve(session('supervisor', ids.sv1, 'team-1'), draft.id);
    await repos.decisions.approve(session('manager', ids.manager), draft.id);
    expect((await repos.households.open(cw, hA.id)).status).toBe('terminated');
    const after = await servicesAs('manager', ids.manager).officeFigures.months(['2025-06', '2026-11']);
    expect(after.figures[0]).toEqual(before);
    expect(after.figures[1]!.terminations.byReason.unrecorded!.householdIds).toEqual([hA.id]);
    expect(after.figures[1]!.households.total.value).toBe(1);
  });

  test('a 廃止 carries its reason code through the approval chain into the figures; a code of another kind is refused', async () => {
    const { ids, hA, repos, servicesAs } = await office();
    const cw = session('caseworker', ids.cwA, 'team-1');
    const terminate = {
      id: uuidv7(),
      householdId: hA.id,
      applicationId: null,
      kind: 'terminate' as const,
      effectiveOn: '2026-11-20',
      supersedes: null,
      calculationId: null,
      aids: ['living' as const],
      reasons: '就労収入の増加',
    };
    const refused = await repos.decisions.draft(cw, { ...terminate, reasonCode: 'S07' }).catch((e: unknown) => e);
    expect(refused).toMatchObject({ field: 'reasonCode' });
    const draft = await repos.decisions.draft(cw, { ...terminate, reasonCode: 'T04' });
    await repos.decisions.submit(cw, draft.id);
    await repos.decisions.approve(session('supervisor', ids.sv1, 'team-1'), draft.id);
    await repos.decisions.approve(session('manager', ids.manager), draft.id);
    const { figures } = await servicesAs('manager', ids.manager).officeFigures.months(['2026-11']);
    expect(figures[0]!.terminations.byReason.T04!.householdIds).toEqual([hA.id]);
  });

  test('a drill-down lists only the cases in the viewer’s scope, and counts the others', async () => {
    const { ids, hA, servicesAs } = await office();
    const sv = servicesAs('supervisor', ids.sv1, 'team-1');
    const { figures } = await sv.officeFigures.months(['2025-06']);
    const { entries, hidden } = await sv.officeFigures.cases(figures[0]!.households.total.householdIds);
    expect(entries.map((e) => (e.kind === 'case' ? e.row.id : e.id))).toEqual([hA.id]);
    expect(hidden).toBe(1);
    const all = await servicesAs('manager', ids.manager).officeFigures.cases(figures[0]!.households.total.householdIds);
    expect(all.entries).toHaveLength(2);
  });

  test('the CSV is the month’s figures, and its export is logged', async () => {
    const { ids, store, servicesAs } = await office();
    const services = servicesAs('manager', ids.manager);
    const csv = await services.officeFigures.csv('2025-09');
    expect(csv).toContain('加須市福祉事務所');
    expect(csv).toContain('要確認');
    expect(csv).toContain('保護停止中世帯数,1\r\n');
    const log = await store.db.audit.toArray();
    expect(log.some((e) => (e as { kind?: string }).kind === 'export')).toBe(true);
  });

  test('a damaged decision is left out and counted', async () => {
    const { ids, name, store, servicesAs } = await office();
    const [first] = await store.db.decisions.toArray();
    await mutateRaw(name, 'decisions', first!.id, (row) => {
      const c = row.c as Uint8Array;
      c[c.length - 1] = (c[c.length - 1] ?? 0) ^ 1;
    });
    const report = await servicesAs('manager', ids.manager).officeFigures.months(['2025-06']);
    expect(report.damaged).toBe(1);
  });

  test('年次調査: the records of the survey day carry no 個人番号, name, address, case number or birth date', async () => {
    const { ids, hA, hB, store, servicesAs } = await office();
    const csv = await servicesAs('manager', ids.manager).officeFigures.annualSurveyCsv('2025-06-30');
    const lines = csv.split('\r\n');
    expect(lines[0]).toContain('要確認');
    // hA: the head; hB: the head and the child (born 2015).
    expect(lines.filter((l) => l.startsWith('世帯,'))).toHaveLength(2);
    expect(lines.filter((l) => l.startsWith('個人,'))).toHaveLength(3);
    const members = await store.db.members.toArray();
    const forbidden = [
      VALID_MY_NUMBER,
      hA.caseNumber,
      hB.caseNumber,
      hA.address,
      hB.address,
      ...members.flatMap((m) => ('name' in m ? [m.name, m.kana, m.birthDate, m.id, m.atenaNumber ?? ''] : [])),
      hA.id,
      hB.id,
    ].filter((text) => text !== '');
    expect(forbidden.length).toBeGreaterThan(10);
    const bytes = Buffer.from(csv, 'utf8');
    for (const text of forbidden) expect(bytes.includes(Buffer.from(text, 'utf8')), text).toBe(false);
    // Names and addresses in part too (the office name in the header may name the city).
    expect(csv).not.toMatch(/山田|佐藤|ヤマダ|サトウ|三俣|北下新井/);
    const log = (await store.db.audit.toArray()) as { kind?: string; detail?: { what?: string } }[];
    expect(log.some((e) => e.kind === 'export' && e.detail?.what === '年次調査 2025-06-30')).toBe(true);
  });

  test('年次調査: a person keeps their key from one year’s export to the next; different persons differ', async () => {
    const { ids, servicesAs } = await office();
    const services = servicesAs('manager', ids.manager);
    const personKeys = (csv: string) =>
      csv
        .split('\r\n')
        .filter((l) => l.startsWith('個人,'))
        .map((l) => l.split(',')[2]!);
    const first = personKeys(await services.officeFigures.annualSurveyCsv('2025-06-30'));
    const second = personKeys(await services.officeFigures.annualSurveyCsv('2026-06-30'));
    expect(first).toHaveLength(3);
    expect(new Set(first).size).toBe(3);
    expect(first.every((key) => /^[0-9a-f]{32}$/.test(key))).toBe(true);
    expect(new Set(second)).toEqual(new Set(first));
    await expect(services.officeFigures.annualSurveyCsv('2025-02-30')).rejects.toMatchObject({ field: 'surveyDay' });
  });

  test('the dashboard: caseload per caseworker against the standard, visit achievement by grade, the trend', async () => {
    const { ids, hA, hB, store, servicesAs } = await office();
    const stamp = () => store.clock.stamp();
    await store.db.visitPlans.bulkPut([
      { id: uuidv7(), householdId: hA.id, grade: 'A', nextDueOn: '2025-04-30', note: '', startedOn: '2025-04-01', hlc: stamp() },
      { id: uuidv7(), householdId: hB.id, grade: 'B', nextDueOn: '2025-04-30', note: '', startedOn: '2025-04-01', hlc: stamp() },
    ]);
    // hA visited in June (due every month: done); hB visited in May (grade B: not due in June).
    const visit = (householdId: string, recordedOn: string) => ({
      id: uuidv7(),
      householdId,
      authorId: ids.cwA,
      recordedOn,
      kind: 'visit' as const,
      body: '訪問',
      hlc: stamp(),
    });
    await store.db.caseRecords.bulkPut([visit(hA.id, '2025-06-10'), visit(hB.id, '2025-05-10')]);
    const dashboard = await servicesAs('manager', ids.manager).officeFigures.dashboard('2025-06', 12);
    expect(dashboard.months).toHaveLength(12);
    expect(dashboard.months.at(-1)).toBe('2025-06');
    expect(dashboard.charts.find((c) => c.id === 'households')!.series[0]!.values).toEqual([0, 0, 0, 0, 0, 0, 0, 0, 0, 2, 2, 2]);
    expect(dashboard.caseload.rows.map((r) => [dashboard.names[r.caseworkerId], r.households]).sort()).toEqual([
      ['担当A', 1],
      ['担当B', 1],
    ]);
    expect(dashboard.caseload.standardWorkers).toBe(3);
    await expect(servicesAs('manager', ids.manager).officeFigures.dashboard('2025-13', 12)).rejects.toMatchObject({ field: 'month' });
    await expect(servicesAs('manager', ids.manager).officeFigures.dashboard('2025-06', 7 as 12)).rejects.toMatchObject({ field: 'window' });
    expect(dashboard.visits.byGrade.map((r) => [r.gradeCode, r.due, r.done])).toEqual([
      ['A', 1, 1],
      ['B', 0, 0],
    ]);
  });
});
