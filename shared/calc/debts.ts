import { CalcError } from './calcError.js';
import { addMonths } from './dates.js';
import { line, yen, type CalcLine } from './lines.js';

/**
 * 返還金 and 徴収金 (benefit-rules.md §10, hogo-procedure.json): 63条 (repayment where means existed), 77条の2
 * (63条 amounts collected like national taxes, from 2018-10-01), 78条 (wrongful receipt, + up to 40%) and 78条の2
 * (offset against benefit, only on the recipient's request and within the minimum living standard).
 */

export type Installment = { month: string; amount: number };

/** Equal monthly installments; the last one takes the remainder. */
export function installmentSchedule(total: number, monthlyAmount: number, startMonth: string): Installment[] {
  if (!Number.isInteger(monthlyAmount) || monthlyAmount <= 0) throw new CalcError('invalidInput', 'monthlyAmount', '分納月額は1円以上の整数です');
  const count = Math.ceil(total / monthlyAmount);
  return Array.from({ length: count }, (_, i) => ({
    month: addMonths(startMonth, i),
    amount: i === count - 1 ? total - monthlyAmount * (count - 1) : monthlyAmount,
  }));
}

export type Deduction = { reason: string; amount: number };
export type DebtResult = { amount: number; lines: CalcLine[]; schedule: Installment[] };

/** 63条: the office decides an amount up to the protection received; full repayment is the norm, less deductions with reasons. */
export function refund63(input: { benefitReceived: number; deductions: readonly Deduction[]; monthlyInstallment: number; startMonth: string }): DebtResult {
  const deducted = input.deductions.reduce((s, d) => s + d.amount, 0);
  if (input.deductions.some((d) => d.reason.trim() === '')) throw new CalcError('invalidInput', 'deductions', '控除には理由が必要です');
  if (deducted > input.benefitReceived) throw new CalcError('invalidInput', 'deductions', '控除額の合計が受けた保護金品の額を超えています');
  const amount = input.benefitReceived - deducted;
  const detail = input.deductions.map((d) => `${d.reason} ${yen(d.amount)}`).join('、');
  const basis = `63条返還金: 受けた保護金品相当額 ${yen(input.benefitReceived)}${detail ? ` − 控除（${detail}）` : ''} ＝ ${yen(amount)}（全額返還が原則、自立更生に充てた額等は控除可: 別冊問答集 問13-5）`;
  return {
    amount,
    lines: [line('refund63', '返還金（63条）', amount, basis, false)],
    schedule: installmentSchedule(amount, input.monthlyInstallment, input.startMonth),
  };
}

/** 77条の2: from 2018-10-01 a 63条 amount can be collected as a 徴収金 (国税徴収の例; survives bankruptcy) unless an 省令 excludes it. */
export function collection77bis(refund: DebtResult, decisionDate: string, excludedByOrdinance: boolean): { collectable: boolean; basis: string } {
  const collectable = decisionDate >= '2018-10-01' && !excludedByOrdinance;
  const reason =
    decisionDate < '2018-10-01' ? '2018-10-01施行前の決定' : excludedByOrdinance ? '省令で徴収が適当でないとされる場合' : '国税徴収の例により徴収（非免責）';
  return {
    collectable,
    basis: `77条の2: 63条返還額 ${yen(refund.amount)} → ${collectable ? '徴収金として徴収可' : '徴収金としない'}（${reason}）。出典単一のため要確認`,
  };
}

/** 78条: all or part of the cost, plus up to 40% of the amount collected. */
export function collection78(input: {
  wrongfulAmount: number;
  collectAmount: number;
  surchargePercent: number;
  monthlyInstallment: number;
  startMonth: string;
}): DebtResult {
  if (input.collectAmount > input.wrongfulAmount) throw new CalcError('invalidInput', 'collectAmount', '徴収額が不正受給額を超えています');
  if (input.surchargePercent < 0 || input.surchargePercent > 40) throw new CalcError('invalidInput', 'surchargePercent', '加算率は0〜40%です');
  const surcharge = Math.floor((input.collectAmount * input.surchargePercent) / 100);
  const amount = input.collectAmount + surcharge;
  const lines = [
    line(
      'collection78',
      '徴収金（78条）',
      input.collectAmount,
      `78条徴収金: 不正受給額 ${yen(input.wrongfulAmount)} のうち徴収額 ${yen(input.collectAmount)}`,
      false,
    ),
    line(
      'collection78.surcharge',
      '78条 加算額',
      surcharge,
      `徴収額 ${yen(input.collectAmount)} × ${input.surchargePercent}%（100分の40以下）＝ ${yen(surcharge)}（1円未満切捨て）`,
      false,
    ),
  ];
  return { amount, lines, schedule: installmentSchedule(amount, input.monthlyInstallment, input.startMonth) };
}

/**
 * 78条の2: part of a cash benefit may go to a 77条の2・78条 徴収金 only if the recipient asked before payment and the
 * office finds the minimum standard is still maintained. The usual cap per month is not in the references, so the
 * office's finding is an input and the result says 要確認.
 */
export function benefitOffset(input: {
  benefit: number;
  debtBalance: number;
  requestedAmount: number;
  recipientRequested: boolean;
  officeFindsMinimumMaintained: boolean;
}): { amount: number; basis: string; needsConfirmation: boolean } {
  if (!input.recipientRequested) return { amount: 0, basis: '78条の2: 被保護者の申出がないため調整しない', needsConfirmation: false };
  if (!input.officeFindsMinimumMaintained)
    return { amount: 0, basis: '78条の2: 最低限度の生活の維持に支障がないと認められないため調整しない', needsConfirmation: false };
  const amount = Math.min(input.requestedAmount, input.debtBalance, input.benefit);
  return {
    amount,
    basis: `78条の2: 申出額 ${yen(input.requestedAmount)}・債権残高 ${yen(input.debtBalance)}・保護費 ${yen(input.benefit)} のうち最も少ない ${yen(amount)} を徴収金に充当（施行規則第22条の4。月額の目安は未確認・要確認）`,
    needsConfirmation: true,
  };
}
