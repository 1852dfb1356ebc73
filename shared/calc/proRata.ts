import { daysInMonth, firstDayOf, lastDayOf } from './dates.js';
import { line, yen, type CalcLine } from './lines.js';

/**
 * 日割 for a 開始・変更・廃止 within the month. Rule applied: 月額 × 対象日数 ÷ 当該月の暦日数, 1円未満切上げ.
 * Neither the rule nor its rounding is in the collected references (mission-anchors only says 日割 must show its
 * basis), so every pro-rated line is 要確認 until the 実施要領 is read.
 */
export type ProRataPeriod = { from: string; to: string; days: number; daysInMonth: number; rule: string };

export const proRataRule = '月額 × 対象日数 ÷ 当該月の暦日数（1円未満切上げ）。出典未確認（要確認）';

export function proRataPeriod(month: string, range: { from: string | null; to: string | null } | null): ProRataPeriod | null {
  if (range === null) return null;
  const from = range.from ?? firstDayOf(month);
  const to = range.to ?? lastDayOf(month);
  const total = daysInMonth(month);
  const days = Number(to.slice(8)) - Number(from.slice(8)) + 1;
  return days === total ? null : { from, to, days, daysInMonth: total, rule: proRataRule };
}

export function proRated(lines: readonly CalcLine[], p: ProRataPeriod | null): CalcLine[] {
  if (p === null) return [...lines];
  return lines.map((l) => {
    const amount = Math.ceil((l.amount * p.days) / p.daysInMonth);
    const basis = `${l.basis}。日割（${p.from}〜${p.to}）: 月額 ${yen(l.amount)} × ${p.days}日 ÷ ${p.daysInMonth}日 → 1円未満切上げ ${yen(amount)}（日割の規定は出典未確認）`;
    return line(l.code, l.label, amount, basis, true);
  });
}
