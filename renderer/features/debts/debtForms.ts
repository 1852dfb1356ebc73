import { z } from 'zod';
import { dateField, monthField, textField, yenField } from '../../ui/formSchemas';
import { collection78, refund63, type DebtResult } from '../../../shared/calc/debts';
import type { Debt } from '../../../shared/domain/records';

/** The 経理 forms of the 債権 tab: a new ledger from the calculation rules, a 納付, a 78条の2 申出 and 調整. */

export const debtKindLabels: Record<Debt['kind'], string> = {
  refund63: '返還金（63条）',
  collection78: '徴収金（78条）',
  collection77bis: '徴収金（77条の2）',
};
export const debtStatusLabels: Record<Debt['status'], string> = { open: '返済中', settled: '完済', writtenOff: '不納欠損' };

const date = dateField();
const month = monthField();
const yen = (label: string, min = 0) => yenField(label, { min });

export const newDebtSchema = z
  .object({
    kind: z.enum(['refund63', 'collection78'], { error: '種別を選択してください' }),
    decidedOn: date,
    /** 63条: 受けた保護金品の額; 78条: 不正受給額. */
    base: yen('金額', 1),
    /** 63条: 控除額 (with a reason); 78条: 徴収額. */
    second: yen('金額'),
    deductionReason: textField(200),
    surchargePercent: z
      .number({ error: '加算率を数字で入力してください' })
      .int()
      .min(0, { error: '0〜40%です' })
      .max(40, { error: '加算率は100分の40以下です' }),
    monthlyInstallment: yen('分納月額', 1),
    startMonth: month,
  })
  .superRefine((v, ctx) => {
    if (v.kind === 'refund63' && v.second > 0 && v.deductionReason === '')
      ctx.addIssue({ code: 'custom', path: ['deductionReason'], message: '控除には理由が必要です' });
    if (v.kind === 'refund63' && v.second > v.base) ctx.addIssue({ code: 'custom', path: ['second'], message: '控除額が受けた保護金品の額を超えています' });
    if (v.kind === 'collection78' && v.second > v.base) ctx.addIssue({ code: 'custom', path: ['second'], message: '徴収額が不正受給額を超えています' });
    if (v.kind === 'collection78' && v.second === 0) ctx.addIssue({ code: 'custom', path: ['second'], message: '徴収額を入力してください' });
  });
export type NewDebtInput = z.input<typeof newDebtSchema>;
export type NewDebtValues = z.output<typeof newDebtSchema>;

export const emptyDebt = (today: string): NewDebtInput => ({
  kind: 'refund63',
  decidedOn: today,
  base: 0,
  second: 0,
  deductionReason: '',
  surchargePercent: 0,
  monthlyInstallment: 0,
  startMonth: today.slice(0, 7),
});

/** The calculation behind the form (shared/calc/debts.ts): amount, explained lines and schedule. */
export function debtResult(v: NewDebtValues): DebtResult {
  const { monthlyInstallment, startMonth } = v;
  return v.kind === 'refund63'
    ? refund63({ benefitReceived: v.base, deductions: v.second > 0 ? [{ reason: v.deductionReason, amount: v.second }] : [], monthlyInstallment, startMonth })
    : collection78({ wrongfulAmount: v.base, collectAmount: v.second, surchargePercent: v.surchargePercent, monthlyInstallment, startMonth });
}

export const receiptSchema = z.object({ receivedOn: date, amount: yen('納付額', 1) });
export type ReceiptInput = z.input<typeof receiptSchema>;
export type ReceiptValues = z.output<typeof receiptSchema>;

export const offsetRequestSchema = z.object({ requestedOn: date, monthlyAmount: yen('申出額', 1) });
export type OffsetRequestInput = z.input<typeof offsetRequestSchema>;
export type OffsetRequestValues = z.output<typeof offsetRequestSchema>;

export const offsetSchema = z.object({ month, officeFindsMinimumMaintained: z.boolean() });
export type OffsetInput = z.input<typeof offsetSchema>;
export type OffsetValues = z.output<typeof offsetSchema>;
