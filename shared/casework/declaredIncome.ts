import { z } from 'zod';
import type { DeclaredIncome, IncomeKind } from '../domain/records.js';
import { isoMonth, yen } from './inputKit.js';

/**
 * 収入申告: the incomes a household declares, by month and member. The same rules check the form and the data
 * layer's write, so nothing the form would refuse can be stored by another path.
 */

export const incomeKindLabels: Record<IncomeKind, string> = { employment: '就労', pension: '年金', allowance: '手当・仕送り', temporary: '臨時' };

const common = {
  id: z.string().min(1),
  memberId: z.string().min(1, { error: '世帯員を選択してください' }),
  month: isoMonth('対象月'),
  note: z.string().max(200, { error: '備考は200文字以内で入力してください' }),
};

export const declaredIncomeSchema = z.discriminatedUnion('kind', [
  z
    .object({ ...common, kind: z.literal('employment'), gross: yen('総収入額'), expenses: yen('必要経費') })
    .refine((income) => income.expenses <= income.gross, { path: ['expenses'], error: '必要経費は総収入額以下で入力してください' }),
  z.object({ ...common, kind: z.enum(['pension', 'allowance', 'temporary'], { error: '収入の種類を選択してください' }), amount: yen('金額') }),
]) satisfies z.ZodType<DeclaredIncome>;

/** What the income adds to the month before any 控除: gross less expenses for 就労, else the amount. */
export const netAmount = (income: DeclaredIncome): number => (income.kind === 'employment' ? income.gross - income.expenses : income.amount);

/** Month first (latest on top), then by when it was recorded (UUIDv7 ids sort by time). */
export const sortIncomes = (incomes: readonly DeclaredIncome[]): DeclaredIncome[] =>
  [...incomes].sort((a, b) => b.month.localeCompare(a.month) || a.id.localeCompare(b.id));
