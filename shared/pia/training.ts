/**
 * 教育・啓発 (the PIA's IV 9): whether each member of staff has had a training in the current 年度 (April to March,
 * the office's year). Staff here are accounts, active ones only.
 */
export const fiscalYearOf = (date: string): number => Number(date.slice(0, 4)) - (Number(date.slice(5, 7)) < 4 ? 1 : 0);

export const fiscalYearRange = (year: number): { from: string; to: string } => ({ from: `${year}-04-01`, to: `${year + 1}-03-31` });

export function untrainedStaff<U extends { id: string; status: string }>(
  users: readonly U[],
  trainings: readonly { userId: string; heldOn: string }[],
  today: string,
): U[] {
  const { from, to } = fiscalYearRange(fiscalYearOf(today));
  const trained = new Set(trainings.filter((t) => t.heldOn >= from && t.heldOn <= to).map((t) => t.userId));
  return users.filter((user) => user.status === 'active' && !trained.has(user.id));
}
