import { z } from 'zod';
import { validatePayerNumber, validateRecipientNumber } from '../../../shared/casework/publicPayerNumber';
import type { MedicalTicket } from '../../../shared/domain/records';

/**
 * The 医療券・調剤券 form: the numbers are checked on blur with MHLW's check digit (the data layer checks them
 * again), so a mistyped 受給者番号 is a field error in Japanese before anything is saved.
 */

export const ticketKindLabels: Record<MedicalTicket['kind'], string> = { medical: '医療券', pharmacy: '調剤券' };
export const ticketStatusLabels: Record<MedicalTicket['status'], string> = { issued: '発行済', cancelled: '取消（廃止）' };

const checked = (validate: (input: string) => { ok: true; value: string } | { ok: false; error: { message: string } }) =>
  z.string().transform((input, ctx) => {
    const result = validate(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error.message });
    return z.NEVER;
  });

export const ticketSchema = z.object({
  memberId: z.string().min(1, { error: '世帯員を選択してください' }),
  kind: z.enum(['medical', 'pharmacy'], { error: '種別を選択してください' }),
  month: z
    .string()
    .transform((value) => value.normalize('NFKC').trim())
    .pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年-月（例: 2026-04）で入力してください' })),
  institution: z
    .string()
    .transform((value) => value.normalize('NFKC').trim())
    .pipe(z.string().min(1, { error: '医療機関・薬局を入力してください' }).max(100, { error: '100文字以内で入力してください' })),
  payerNumber: checked((input) => validatePayerNumber(input)),
  recipientNumber: checked(validateRecipientNumber),
  copayment: z.number({ error: '本人支払額を円単位の数字で入力してください（なければ0）' }).int({ error: '円単位の整数で入力してください' }).min(0, { error: '0円以上で入力してください' }),
});
export type TicketFormInput = z.input<typeof ticketSchema>;
export type TicketFormOutput = z.output<typeof ticketSchema>;

export const emptyTicket = (month: string, payerNumber: string): TicketFormInput => ({
  memberId: '', kind: 'medical', month, institution: '', payerNumber, recipientNumber: '', copayment: 0,
});
