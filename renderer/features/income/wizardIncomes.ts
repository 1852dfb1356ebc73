import type { DeclaredIncome, IncomeKind } from '../../../shared/domain/records';
import type { IncomeForm, MemberForm } from '../calc/minimumCost/minimumCostForm';

const wizardType: Record<IncomeKind, IncomeForm['type']> = { employment: 'earned', pension: 'pension', allowance: 'other', temporary: 'temporary' };

/**
 * The month's declared incomes as rows of the 保護費算定 wizard's 収入 step, each on the wizard member taken from
 * the same member record. An income of a member the wizard does not have is left out and counted, never guessed.
 */
export function wizardIncomesOf(
  declared: readonly DeclaredIncome[],
  month: string,
  members: readonly Pick<MemberForm, 'key' | 'recordId'>[],
): { rows: IncomeForm[]; leftOut: number } {
  const keyOf = new Map(members.flatMap((m) => (m.recordId ? [[m.recordId, m.key] as const] : [])));
  const ofMonth = declared.filter((income) => income.month === month);
  const rows = ofMonth.flatMap((income): IncomeForm[] => {
    const memberKey = keyOf.get(income.memberId);
    if (!memberKey) return [];
    const amounts =
      income.kind === 'employment' ? { amount: String(income.gross), expenses: String(income.expenses) } : { amount: String(income.amount), expenses: '' };
    return [{ memberKey, type: wizardType[income.kind], ...amounts, newEmployment: false, employmentStartMonth: '' }];
  });
  return { rows, leftOut: ofMonth.length - rows.length };
}
