// @vitest-environment happy-dom
import { cleanup, fireEvent, render, screen, waitFor } from '@testing-library/react';
import { afterEach, beforeAll, expect, test, vi } from 'vitest';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { unlockedFor, type TestUnlocked } from './unlockedFor.js';
import { openTestStore, seedOffice, session } from '../unit/data/fixtures.js';

// The wizard reads the open store and session from the unlocked app; here they are a real store on fake-indexeddb.
let unlocked: TestUnlocked;
vi.mock('../../renderer/session/SessionProvider', () => ({ useUnlocked: () => unlocked, useServices: () => unlocked.services }));

const { Wizard } = await import('../../renderer/features/calc/wizard/Wizard.js');
const { minimumCostWizard } = await import('../../renderer/features/calc/minimumCost/minimumCostWizard.js');
const { emptyMember, initialMinimumCostForm } = await import('../../renderer/features/calc/minimumCost/minimumCostForm.js');

let seeded: Awaited<ReturnType<typeof seedOffice>>;
beforeAll(async () => {
  const { store } = await openTestStore();
  seeded = await seedOffice(store);
  const s = session('caseworker', seeded.ids.cwA, 'team-1');
  unlocked = unlockedFor(store, s, '担当A', 'cw');
});
afterEach(cleanup);

function renderWizard(step = 0, recordId: string | null = null) {
  const draft = {
    id: uuidv7(),
    kind: 'minimumCost' as const,
    step,
    values: initialMinimumCostForm('2026-12', '加須市', [emptyMember('k1', '山田 太郎', '1960-04-01', recordId)]),
    householdId: seeded.hA.id,
    caption: 'ケース テスト',
  };
  render(<Wizard def={minimumCostWizard} initial={draft} onExit={() => {}} />);
  return draft;
}

test('a step with an invalid field does not advance and names the field in Japanese; a valid one advances and is saved as a draft', async () => {
  const draft = renderWizard();
  const birth = screen.getByLabelText('生年月日');
  fireEvent.change(birth, { target: { value: '1960-02-30' } });
  fireEvent.click(screen.getByRole('button', { name: '次へ' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('世帯員1 生年月日: 1960年2月30日は実在する日付ではありません'));
  expect(screen.getByText('生年月日: 1960年2月30日は実在する日付ではありません')).toBeTruthy();
  expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('手順1: 世帯');

  fireEvent.change(birth, { target: { value: '１９６０-０２-２９' } });
  fireEvent.click(screen.getByRole('button', { name: '次へ' }));
  await waitFor(() => expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('手順2: 地域'));
  await waitFor(async () => {
    const saved = await unlocked.repos.drafts.get(unlocked.session, draft.id);
    expect(saved?.data).toMatchObject({ kind: 'minimumCost', step: 1, values: { members: [{ birthDate: '１９６０-０２-２９' }] } });
  });
});

test("the 収入 step takes the month's incomes declared on the case's 収入 tab, on the same member", async () => {
  const { repos, session: s } = unlocked;
  await repos.incomes.save(s, seeded.hA.id, {
    id: uuidv7(),
    memberId: seeded.mA.id,
    month: '2026-12',
    note: '',
    kind: 'employment',
    gross: 82000,
    expenses: 3000,
  });
  await repos.incomes.save(s, seeded.hA.id, { id: uuidv7(), memberId: seeded.mA.id, month: '2026-11', note: '', kind: 'pension', amount: 64000 });
  renderWizard(5, seeded.mA.id);
  fireEvent.click(await screen.findByRole('button', { name: '令和8年12月分の申告された収入を取り込む' }));
  expect(await screen.findByText('令和8年12月分の申告された収入を1件取り込みました。内容を確認してください。')).toBeTruthy();
  expect((screen.getByLabelText('就労収入（総額・月額）') as HTMLInputElement).value).toBe('82000');
  expect((screen.getByLabelText('必要経費（実費控除）') as HTMLInputElement).value).toBe('3000');
});

test('the debts wizard: a 63条 deduction without a reason stops the step; the result has the schedule and no offset without a request', async () => {
  const { debtWizard, initialDebt } = await import('../../renderer/features/calc/benefits/debtWizard.js');
  const draft = { id: uuidv7(), kind: 'debt' as const, step: 0, values: initialDebt(), householdId: null, caption: '' };
  render(<Wizard def={debtWizard} initial={draft} onExit={() => {}} />);
  fireEvent.change(screen.getByLabelText('決定日'), { target: { value: '2026-04-01' } });
  fireEvent.change(screen.getByLabelText('受けた保護金品の額'), { target: { value: '１００，０００' } });
  fireEvent.click(screen.getByRole('button', { name: '控除を追加' }));
  fireEvent.change(screen.getByLabelText('金額'), { target: { value: '10000' } });
  fireEvent.click(screen.getByRole('button', { name: '次へ' }));
  await waitFor(() => expect(screen.getByRole('alert').textContent).toContain('控除1 理由: 控除の理由を入力してください'));
  fireEvent.change(screen.getByLabelText('理由'), { target: { value: '自立更生のための転居費用' } });
  fireEvent.click(screen.getByRole('button', { name: '次へ' }));
  await waitFor(() => expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('手順2: 分納'));
  fireEvent.change(screen.getByLabelText('分納月額'), { target: { value: '40000' } });
  fireEvent.change(screen.getByLabelText('分納開始月'), { target: { value: '2026-05' } });
  fireEvent.click(screen.getByRole('button', { name: '次へ' }));
  await waitFor(() => expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('手順3: 保護費との調整'));
  fireEvent.click(screen.getByRole('button', { name: '計算する' }));
  await waitFor(() => expect(screen.getByRole('heading', { level: 3 }).textContent).toBe('手順4: 結果'));
  expect(screen.getByText('返還額: 90,000円')).toBeTruthy();
  const schedule = screen.getByRole('table', { name: '分納計画（3回）' });
  expect(schedule.textContent).toContain('令和8年7月10,000円');
  expect(screen.getByRole('heading', { name: /78条の2/ }).textContent).toBe('保護費との調整（78条の2）: 月 0円');
  expect(screen.getByText('78条の2: 被保護者の申出がないため調整しない')).toBeTruthy();
});

test('a 進学・就職準備給付金 run for a case records the 支給決定 on the case (the 副本 correction it causes: householdLinkage.test.ts)', async () => {
  const { advancementPreparationWizard, initialAdvancementPreparation } = await import('../../renderer/features/calc/benefits/advancementPreparationWizard.js');
  const values = {
    ...initialAdvancementPreparation(),
    birthDate: '2008-05-01',
    applicationDate: '2027-02-01',
    path: 'education' as const,
    certainEnrolment: true,
    movingOut: true,
  };
  const draft = { id: uuidv7(), kind: 'advancementPreparation' as const, step: 2, values, householdId: seeded.hA.id, caption: 'ケース テスト' };
  await unlocked.repos.drafts.save(unlocked.session, { id: draft.id, householdId: draft.householdId, form: 'calc/advancementPreparation', data: { ...draft } });
  render(<Wizard def={advancementPreparationWizard} initial={draft} onExit={() => {}} />);
  expect((await screen.findByText(/^支給額: /)).textContent).toContain('300,000円');
  fireEvent.change(screen.getByLabelText('支給決定日'), { target: { value: '2027-02-10' } });
  fireEvent.click(screen.getByRole('button', { name: '支給決定として記録する（300,000円）' }));
  await waitFor(async () => {
    const household = await unlocked.repos.households.open(unlocked.session, seeded.hA.id);
    expect(household.grants).toEqual([
      expect.objectContaining({ kind: 'advancementPreparation', decidedOn: '2027-02-10', amount: 300_000, recordedBy: unlocked.session.userId }),
    ]);
  });
});
