import { expect, test } from 'vitest';
import { netAmount } from '../../shared/casework/declaredIncome.js';
import { emptyIncome, incomeFormSchema, incomeToForm } from '../../renderer/features/income/incomeFormValues.js';
import { calculationRows } from '../../renderer/features/cases/MinimumCostTab.js';
import { wizardIncomesOf } from '../../renderer/features/income/wizardIncomes.js';

const problems = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

test('a declared income from the form: full-width month and amounts accepted, only the chosen kind kept', () => {
  const form = { ...emptyIncome('i1', '２０２６-０５', 'm1'), gross: 120000, expenses: 8000, amount: 'あ', note: ' 派遣 ' };
  const income = incomeFormSchema.parse(form);
  expect(income).toEqual({ id: 'i1', memberId: 'm1', month: '2026-05', note: '派遣', kind: 'employment', gross: 120000, expenses: 8000 });
  expect(netAmount(income)).toBe(112000);
  expect(incomeFormSchema.parse({ ...form, kind: 'allowance', amount: 30000 })).toEqual({
    id: 'i1',
    memberId: 'm1',
    month: '2026-05',
    note: '派遣',
    kind: 'allowance',
    amount: 30000,
  });
  expect(incomeFormSchema.parse(incomeToForm(income))).toEqual(income);
});

test('amounts are whole yen of zero or more; errors name the field in Japanese', () => {
  const form = emptyIncome('i1', '2026-13', '');
  expect(problems(incomeFormSchema.safeParse({ ...form, gross: '12.5', expenses: -1 }))).toEqual([
    'memberId: 世帯員を選択してください',
    'month: 対象月は年-月（例: 2026-04）で入力してください',
    'gross: 総収入額は円単位の整数で入力してください',
    'expenses: 必要経費は0円以上で入力してください',
  ]);
  // Typed text is read by the one parser (full width, 、 and ， separators); what is not a number names the field.
  expect(incomeFormSchema.parse({ ...form, month: '2026-05', memberId: 'm1', gross: '８２，０００', expenses: '3、000' })).toMatchObject({
    gross: 82000,
    expenses: 3000,
  });
  expect(problems(incomeFormSchema.safeParse({ ...form, month: '2026-05', memberId: 'm1', gross: '8万' }))).toEqual([
    'gross: 総収入額を円単位の数字で入力してください',
  ]);
  expect(problems(incomeFormSchema.safeParse({ ...form, month: '2026-05', memberId: 'm1', kind: 'pension', amount: 1.5 }))).toEqual([
    'amount: 金額は円単位の整数で入力してください',
  ]);
  expect(problems(incomeFormSchema.safeParse({ ...form, month: '2026-05', memberId: 'm1', gross: 1000, expenses: 1001 }))).toEqual([
    'expenses: 必要経費は総収入額以下で入力してください',
  ]);
});

test("the case's calculations: latest month first, 要確認 counted, a row that is not a 保護費算定 not offered to open", () => {
  const line = (code: string, needsConfirmation: boolean) => ({ code, label: code, amount: 1, basis: '', needsConfirmation });
  const calc = (id: string, month: string, breakdown: unknown) => ({
    id,
    hlc: '',
    householdId: 'h',
    month,
    minimumCost: 1,
    recognizedIncome: 0,
    benefit: 1,
    breakdown,
  });
  const result = { lines: [line('a', true), line('b', false)], incomeLines: [line('c', true)], necessity: { needsConfirmation: false } };
  const { rows, damaged } = calculationRows([
    calc('01', '2026-04', { kind: 'minimumCost', result }),
    { id: 'x', __integrityError: '破損' },
    calc('02', '2026-05', { kind: 'debt' }),
  ]);
  expect(rows.map((r) => [r.calculation.month, r.flagged])).toEqual([
    ['2026-05', null],
    ['2026-04', 2],
  ]);
  expect(damaged).toBe(1);
});

test("the wizard's incomes from the declared ones: the month's only, on the member of the same record, others counted apart", () => {
  const declared = [
    { id: '1', memberId: 'r1', month: '2026-05', note: '', kind: 'employment' as const, gross: 90000, expenses: 5000 },
    { id: '2', memberId: 'r1', month: '2026-05', note: '', kind: 'allowance' as const, amount: 10000 },
    { id: '3', memberId: 'gone', month: '2026-05', note: '', kind: 'temporary' as const, amount: 5000 },
    { id: '4', memberId: 'r1', month: '2026-04', note: '', kind: 'pension' as const, amount: 64000 },
  ];
  expect(
    wizardIncomesOf(declared, '2026-05', [
      { key: 'k1', recordId: 'r1' },
      { key: 'k2', recordId: null },
    ]),
  ).toEqual({
    rows: [
      { memberKey: 'k1', type: 'earned', amount: '90000', expenses: '5000', newEmployment: false, employmentStartMonth: '' },
      { memberKey: 'k1', type: 'other', amount: '10000', expenses: '', newEmployment: false, employmentStartMonth: '' },
    ],
    leftOut: 1,
  });
});
