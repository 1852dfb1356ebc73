import { z } from 'zod';
import type { MedicalTicket } from '../domain/records.js';
import { isoMonth, line, yen } from './inputKit.js';
import { validatePayerNumber, validateRecipientNumber } from './publicPayerNumber.js';

/**
 * 医療券・調剤券 as issued: one member, one month, one institution, with the 公費負担者番号 and 受給者番号 checked by
 * MHLW's check digit. The 発行 form and the data layer's issue (repos/medicalTickets.ts) check it with this schema.
 */

export const ticketKindLabels: Record<MedicalTicket['kind'], string> = { medical: '医療券', pharmacy: '調剤券' };

type Checked = { ok: true; value: string } | { ok: false; error: { message: string } };

/** A number checked by its validator (which also folds full width), or the validator's message. */
const checkedNumber = (validate: (input: string) => Checked, missing: string) =>
  z.string({ error: missing }).transform((input, ctx) => {
    const result = validate(input);
    if (result.ok) return result.value;
    ctx.addIssue({ code: 'custom', message: result.error.message });
    return z.NEVER;
  });

export const ticketIssueSchema = z.object({
  memberId: z.string({ error: '世帯員を選択してください' }).min(1, { error: '世帯員を選択してください' }),
  kind: z.enum(['medical', 'pharmacy'], { error: '種別を選択してください' }),
  month: isoMonth(),
  institution: line(100, '医療機関・薬局を入力してください'),
  payerNumber: checkedNumber(validatePayerNumber, '公費負担者番号を入力してください'),
  recipientNumber: checkedNumber(validateRecipientNumber, '受給者番号を入力してください'),
  copayment: yen('本人支払額'),
}) satisfies z.ZodType<Pick<MedicalTicket, 'memberId' | 'month' | 'kind' | 'institution' | 'payerNumber' | 'recipientNumber' | 'copayment'>, unknown>;

export type TicketIssueInput = z.input<typeof ticketIssueSchema>;
export type TicketIssue = z.output<typeof ticketIssueSchema>;
