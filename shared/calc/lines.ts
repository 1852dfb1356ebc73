/** One explained figure of a calculation. `basis` is Japanese and says how the amount was obtained. */
export type CalcLine = { code: string; label: string; amount: number; basis: string; needsConfirmation: boolean };

/** Integer yen with thousands separators (`12,340円`), by hand because Intl formatting is slow in bulk runs. */
export function yen(amount: number): string {
  const digits = String(Math.abs(amount));
  let grouped = digits.slice(0, digits.length % 3 || 3);
  for (let i = grouped.length; i < digits.length; i += 3) grouped += `,${digits.slice(i, i + 3)}`;
  return `${amount < 0 ? '-' : ''}${grouped}円`;
}

/** Builds a line; a figure that rests on anything unverified always carries 要確認 in its basis. */
export function line(code: string, label: string, amount: number, basis: string, needsConfirmation: boolean): CalcLine {
  if (!Number.isInteger(amount)) throw new RangeError(`金額が円単位の整数ではありません（${code}）: ${amount}`);
  const flagged = needsConfirmation && !basis.includes('要確認') ? `${basis}（要確認）` : basis;
  return { code, label, amount, basis: flagged, needsConfirmation };
}

export const sumLines = (lines: readonly CalcLine[]): number => lines.reduce((sum, l) => sum + l.amount, 0);
