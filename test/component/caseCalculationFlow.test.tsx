// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor, within } from '@testing-library/react';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import { parseCalcInput } from '../../shared/calc/input.js';
import { calculate } from '../../shared/calc/minimumCost.js';
import { aidAmounts } from '../../shared/casework/calculationAids.js';
import type { Calculation, Decision, Household } from '../../shared/domain/records.js';
import { formatYen } from '../../shared/format/yen.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import type { SeihoApi } from '../../shared/ipc/api.js';
import type { MinimumCostForm } from '../../renderer/features/calc/minimumCost/minimumCostForm.js';
import type { WizardDraft } from '../../renderer/features/calc/wizard/wizardTypes.js';
import { openTestStore, seedOffice, session } from '../unit/data/fixtures.js';
import { unlockedFor, type TestUnlocked } from './unlockedFor.js';

// Screens read the session and services from the unlocked app; here a real store on fake-indexeddb.
let unlocked: TestUnlocked;
vi.mock('../../renderer/session/SessionProvider', () => ({ useUnlocked: () => unlocked, useServices: () => unlocked.services }));

const { MemoryRouter, Route, Routes } = await import('react-router');
const { Wizard } = await import('../../renderer/features/calc/wizard/Wizard.js');
const { minimumCostWizard } = await import('../../renderer/features/calc/minimumCost/minimumCostWizard.js');
const { startCaseCalculation } = await import('../../renderer/features/calc/minimumCost/startForCase.js');
const { wizardOfDraft } = await import('../../renderer/features/calc/calcWizards.js');
const { CalcScreen } = await import('../../renderer/features/calc/CalcScreen.js');
const { DecisionScreen } = await import('../../renderer/features/decisions/DecisionScreen.js');
const { DecisionNotice } = await import('../../renderer/features/decisions/DecisionNotice.js');
const { aidLabels } = await import('../../renderer/features/decisions/decisionLabels.js');

let seeded: Awaited<ReturnType<typeof seedOffice>>;
let cw: TestUnlocked;
const month = '2026-12';

beforeAll(async () => {
  const { store } = await openTestStore();
  seeded = await seedOffice(store);
  cw = unlockedFor(store, session('caseworker', seeded.ids.cwA, 'team-1'), '担当A', 'cw');
  unlocked = cw;
  window.seiho = {
    settingsGet: async () => ({ ok: true, value: { officeName: '', defaultMunicipality: '加須市', idleLockMinutes: 10 } }),
    onSettingsChanged: () => () => {},
    appInfo: async () => ({ ok: true, value: { name: 'Seiho Desk', version: 'test', host: 'browser', platform: 'linux', dataDir: '/tmp' } }),
  } as unknown as SeihoApi;
});
afterEach(cleanup);

/** A case with rent, floor area, a municipality, a disabled head, a high-school child and the month's declared income. */
async function caseWithFacts(): Promise<{ household: Household; child: string }> {
  const { store } = cw;
  const household: Household = {
    ...seeded.hA,
    id: uuidv7(),
    caseNumber: `K-${Date.now() % 100000}`,
    housing: { kind: 'rented', rent: 52000, floorAreaSqm: 24.5 },
    municipality: '熊谷市',
    hlc: store.clock.stamp(),
  };
  const head = {
    ...seeded.mA,
    id: uuidv7(),
    householdId: household.id,
    name: '山田 花子',
    birthDate: '1980-05-10',
    disability: 'B' as const,
    myNumber: null,
    hlc: store.clock.stamp(),
  };
  const child = {
    ...seeded.mA,
    id: uuidv7(),
    householdId: household.id,
    name: '山田 太郎',
    relation: '子',
    birthDate: '2010-08-01',
    school: 'highSchool' as const,
    myNumber: null,
    hlc: store.clock.stamp(),
  };
  household.incomes = [{ id: uuidv7(), memberId: head.id, month, note: '', kind: 'employment', gross: 80000, expenses: 5000 }];
  // Setup written directly; the flow under test reads it through the services.
  await store.db.households.put(household);
  await store.db.members.bulkPut([head, child]);
  return { household, child: child.id };
}

const facts = (rent: number) => ({
  month,
  municipality: '熊谷市',
  members: [
    { id: '山田 花子', birthDate: '1980-05-10', disability: 'B' },
    { id: '山田 太郎', birthDate: '2010-08-01', school: 'highSchool' },
  ],
  housing: { rent, floorAreaSqm: 24.5 },
  incomes: [{ memberId: '山田 花子', type: 'earned', gross: 80000, expenses: 5000 }],
});
const expectedFor = (rent: number) => {
  const parsed = parseCalcInput(facts(rent));
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  return calculate(parsed.value);
};

const value = (label: string, index = 0) => (screen.getAllByLabelText(label)[index] as HTMLInputElement).value;
const description = (label: string, index = 0) => {
  const ids = screen.getAllByLabelText(label)[index]!.getAttribute('aria-describedby') ?? '';
  return ids
    .split(' ')
    .map((id) => document.getElementById(id)?.textContent ?? '')
    .join(' ');
};
const next = async (heading: string) => {
  fireEvent.click(screen.getByRole('button', { name: /^(次へ|計算する)$/ }));
  await waitFor(() => expect(screen.getByRole('heading', { level: 3 }).textContent).toBe(heading));
};

async function openWizard(householdId: string) {
  const draftId = await startCaseCalculation(cw.services, householdId, month);
  const draft = wizardOfDraft((await cw.services.drafts.get(draftId))!) as unknown as WizardDraft<MinimumCostForm>;
  const exits: (string | undefined)[] = [];
  render(<Wizard def={minimumCostWizard} initial={draft} onExit={(then) => exits.push(then)} />);
  return exits;
}

test('started for a case, the 保護費算定 starts with everything the case knows, marked ケースから; a changed rent is 変更 and can be saved back to the household', async () => {
  const { household } = await caseWithFacts();
  const exits = await openWizard(household.id);

  expect(value('生年月日', 0)).toBe('1980-05-10');
  expect(value('生年月日', 1)).toBe('2010-08-01');
  expect(description('生年月日', 1)).toContain('【ケースから】');
  await next('手順2: 地域');
  expect(value('市町村')).toBe('熊谷市');
  expect(description('市町村')).toContain('【ケースから】');
  await next('手順3: 加算');
  expect(value('障害者加算', 0)).toBe('B');
  expect(description('障害者加算', 0)).toContain('【ケースから】');
  expect(value('障害者加算', 1)).toBe('');
  await next('手順4: 住宅');
  expect(value('家賃・間代（月額）')).toBe('52000');
  expect(description('家賃・間代（月額）')).toContain('【ケースから】');
  expect(value('床面積（㎡）')).toBe('24.5');
  expect(description('床面積（㎡）')).toContain('【ケースから】');
  fireEvent.change(screen.getByLabelText('家賃・間代（月額）'), { target: { value: '55000' } });
  await waitFor(() => expect(description('家賃・間代（月額）')).toContain('【変更】'));
  expect(description('床面積（㎡）')).toContain('【ケースから】');
  await next('手順5: 教育');
  expect(value('就学', 1)).toBe('highSchool');
  expect(description('就学', 1)).toContain('【ケースから】');
  await next('手順6: 収入');
  expect(value('就労収入（総額・月額）')).toBe('80000');
  expect(value('必要経費（実費控除）')).toBe('5000');
  expect(description('就労収入（総額・月額）')).toContain('【ケースから】');
  await next('手順7: 結果');

  // The totals are the engine's on the same facts (the CLI's own function; the CLI itself: caseCalculationInput.test.ts).
  const expected = expectedFor(55000);
  const totals = document.querySelector('table.calc-totals')!;
  expect(within(totals as HTMLElement).getByRole('row', { name: /^保護費/ }).textContent).toContain(formatYen(expected.totals.benefit));

  // Saving back is the caseworker's choice, and says what changes.
  const saveBack = screen.getByRole('checkbox', { name: /世帯の住居に反映する/ });
  expect(saveBack.closest('fieldset')!.textContent).toContain('家賃 52,000円 → 55,000円');
  fireEvent.click(saveBack);
  fireEvent.click(screen.getByRole('button', { name: 'ケースに保存' }));
  await waitFor(() => expect(exits).toHaveLength(1));
  const stored = await cw.services.households.open(household.id);
  expect(stored.housing).toEqual({ kind: 'rented', rent: 55000, floorAreaSqm: 24.5 });
  const [saved] = (await cw.services.calculations.list(household.id)) as Calculation[];
  expect(saved).toMatchObject({ month, minimumCost: expected.totals.minimumCost, benefit: expected.totals.benefit });
  expect(exits[0]).toBe(`/calc?calculation=${saved!.id}`);
});

test('a household with no housing recorded: the rent typed in the wizard stays out of the household unless the caseworker chooses', async () => {
  const { household } = await caseWithFacts();
  await cw.store.db.households.put({ ...household, housing: undefined, hlc: cw.store.clock.stamp() });
  const exits = await openWizard(household.id);
  for (const step of ['手順2: 地域', '手順3: 加算', '手順4: 住宅']) await next(step);
  expect(value('家賃・間代（月額）')).toBe('');
  expect(description('家賃・間代（月額）')).not.toContain('【');
  fireEvent.change(screen.getByLabelText('家賃・間代（月額）'), { target: { value: '52000' } });
  for (const step of ['手順5: 教育', '手順6: 収入', '手順7: 結果']) await next(step);
  expect(screen.getByRole('checkbox', { name: /世帯の住居に反映する/ })).toBeTruthy();
  fireEvent.click(screen.getByRole('button', { name: 'ケースに保存' }));
  await waitFor(() => expect(exits).toHaveLength(1));
  expect((await cw.services.households.open(household.id)).housing).toBeUndefined();
});

test('この計算で決定を起案: the decision starts with the calculation’s 扶助, amounts and month; SV and 課長 see the breakdown; the notice shows the amounts', async () => {
  const { household } = await caseWithFacts();
  await openWizard(household.id);
  for (const step of ['手順2: 地域', '手順3: 加算', '手順4: 住宅', '手順5: 教育', '手順6: 収入', '手順7: 結果']) await next(step);
  fireEvent.click(screen.getByRole('button', { name: 'ケースに保存' }));
  await waitFor(async () => expect(await cw.services.calculations.list(household.id)).toHaveLength(1));
  cleanup();
  const [calculation] = (await cw.services.calculations.list(household.id)) as Calculation[];
  const expected = expectedFor(52000);
  const amounts = aidAmounts(expected.lines, expected.totals.recognizedIncome);

  const at = (path: string) =>
    render(
      <MemoryRouter initialEntries={[path]}>
        <Routes>
          <Route path="/calc" element={<CalcScreen />} />
          <Route path="/intake/decisions/:id" element={<DecisionScreen />} />
          <Route path="/intake/decisions/:id/notice" element={<DecisionNotice />} />
        </Routes>
      </MemoryRouter>,
    );
  at(`/calc?calculation=${calculation!.id}`);
  fireEvent.click(await screen.findByRole('button', { name: 'この計算で決定を起案' }));
  const wizard = await screen.findByRole('form', { name: '決定の起案' });
  const inWizard = within(wizard);
  expect((inWizard.getByLabelText('決定の種類') as HTMLSelectElement).value).toBe('change');
  expect((inWizard.getByLabelText('適用日') as HTMLInputElement).value).toBe('2026-12-01');
  const checked = ['生活扶助', '教育扶助', '住宅扶助', '医療扶助', '介護扶助', '出産扶助', '生業扶助', '葬祭扶助'].filter(
    (aid) => (inWizard.getByLabelText(aid) as HTMLInputElement).checked,
  );
  expect(checked).toEqual(['生活扶助', '住宅扶助', '生業扶助']);
  expect((inWizard.getByLabelText('根拠となる計算') as HTMLSelectElement).value).toBe(calculation!.id);
  const table = inWizard.getByRole('table', { name: /扶助別の額/ });
  for (const a of amounts) expect(within(table).getByRole('row', { name: new RegExp(`^${aidLabels[a.aid]}`) }).textContent).toContain(formatYen(a.benefit));
  fireEvent.change(inWizard.getByLabelText('決定の理由'), { target: { value: '家賃の改定による変更' } });
  fireEvent.click(inWizard.getByRole('button', { name: '起案する' }));
  await screen.findByRole('heading', { name: '変更決定（起案中）' });
  const [decision] = (await cw.services.decisions.list(household.id)) as Decision[];
  expect(decision).toMatchObject({ kind: 'change', effectiveOn: '2026-12-01', aids: ['living', 'housing', 'occupational'], calculationId: calculation!.id });
  cleanup();

  // 起案 → SV → 課長, through the data layer; each approver's screen links to the breakdown the decision rests on.
  await cw.repos.decisions.submit(cw.session, decision!.id);
  const sv = unlockedFor(cw.store, session('supervisor', seeded.ids.sv1, 'team-1'), '査察S', 'sv');
  const manager = unlockedFor(cw.store, session('manager', seeded.ids.manager), '課長', 'ka');
  // On a desktop enrolled to a hub the SV is told approvals are the hub's and offered no button to press in vain.
  unlocked = unlockedFor(cw.store, { ...session('supervisor', seeded.ids.sv1, 'team-1'), hubDeviceId: 'hub-1' }, '査察S', 'sv');
  at(`/intake/decisions/${decision!.id}`);
  expect(await screen.findByText(/審査・決裁はハブ端末で行います/)).toBeTruthy();
  expect(screen.queryByRole('button', { name: '承認する' })).toBeNull();
  cleanup();
  for (const approver of [sv, manager]) {
    unlocked = approver;
    at(`/intake/decisions/${decision!.id}`);
    const link = await screen.findByRole('link', { name: /計算の内訳を開く/ });
    expect(link.getAttribute('href')).toBe(`/calc?calculation=${calculation!.id}`);
    expect(screen.getByRole('table', { name: /扶助別の額/ }).textContent).toContain(formatYen(expected.totals.benefit));
    fireEvent.click(screen.getByRole('button', { name: '承認する' }));
    await waitFor(async () => expect((await approver.services.decisions.get(decision!.id))!.history.at(-1)?.staffId).toBe(approver.session.userId));
    cleanup();
  }
  unlocked = cw;
  at(`/intake/decisions/${decision!.id}/notice`);
  const notice = await screen.findByRole('article', { name: '決定通知書' });
  const noticeTable = within(notice).getByRole('table', { name: /扶助別の額/ });
  expect(within(noticeTable).getByRole('row', { name: /^合計/ }).textContent).toContain(formatYen(expected.totals.benefit));
  expect(within(noticeTable).getByRole('row', { name: /^住宅扶助/ }).textContent).toContain(formatYen(amounts.find((a) => a.aid === 'housing')!.benefit));
  expect(within(noticeTable).getByRole('row', { name: /^生活扶助/ }).textContent).toContain(formatYen(amounts.find((a) => a.aid === 'living')!.benefit));
});
