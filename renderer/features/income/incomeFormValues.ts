import { z } from 'zod';
import { declaredIncomeSchema } from '../../../shared/casework/declaredIncome';
import type { DeclaredIncome, IncomeKind } from '../../../shared/domain/records';

/**
 * The 収入 tab's form. It holds every amount field at once (the one for 就労 and the one for the other kinds), so
 * switching the kind loses nothing typed; the shared schema keeps only the fields of the chosen kind. Amounts
 * come as numbers from TextField's numeric mode (full-width digits and commas accepted), or as the text typed.
 */
export type IncomeFormInput = {
  id: string;
  memberId: string;
  month: string;
  kind: IncomeKind;
  gross: number | string;
  expenses: number | string;
  amount: number | string;
  note: string;
};

// The month is compared (NFKC: full-width digits); the note is what a person wrote (only trimmed).
const normalized = (value: unknown) => (typeof value === 'string' ? value.normalize('NFKC').trim() : value);
const trimmed = (value: unknown) => (typeof value === 'string' ? value.trim() : value);

/** Month as typed (full-width, spaces) normalised and the note trimmed, then the stored rules. */
export const incomeFormSchema: z.ZodType<DeclaredIncome, IncomeFormInput> = z.preprocess(
  (input: IncomeFormInput) => ({ ...input, month: normalized(input.month), note: trimmed(input.note) }),
  declaredIncomeSchema,
);

export const emptyIncome = (id: string, month: string, memberId: string): IncomeFormInput => ({
  id,
  memberId,
  month,
  kind: 'employment',
  gross: '',
  expenses: 0,
  amount: '',
  note: '',
});

/** A stored income back into the form, to edit it. */
export function incomeToForm(income: DeclaredIncome): IncomeFormInput {
  const amounts =
    income.kind === 'employment' ? { gross: income.gross, expenses: income.expenses, amount: '' } : { gross: '', expenses: 0, amount: income.amount };
  return { id: income.id, memberId: income.memberId, month: income.month, kind: income.kind, note: income.note, ...amounts };
}
