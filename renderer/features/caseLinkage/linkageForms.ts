import { z } from 'zod';
import type { LinkageItem } from '../../../shared/linkage/legalReferences';
import { normalizeKanaName } from '../../../shared/text/kana';
import type { MemberView } from '../../data/repos/members';
import { pastDateField, textField } from '../../ui/formSchemas';

/**
 * The three forms of the 連携 tab, checked on blur with the data layer's own rules (it checks them again), so a
 * mistyped 口座番号 or a member the 統合宛名 side cannot find is a field error before anything is queued.
 */

type Addressable = Pick<MemberView, 'id' | 'name' | 'atenaNumber'>;

/** 対象者 choices; where a 宛名番号 is needed, a member without one is listed with a note rather than hidden. */
export const memberChoices = (members: readonly Addressable[], needsAtena: boolean) =>
  members.map((m) => ({ value: m.id, label: needsAtena && !m.atenaNumber ? `${m.name}（宛名番号が未入力）` : m.name }));

/** Requests name the person by 宛名番号, so a member without one is refused here as the data layer would. */
const addressableMember = (members: readonly Addressable[]) =>
  z.string().superRefine((id, ctx) => {
    const member = members.find((m) => m.id === id);
    if (!member) ctx.addIssue({ code: 'custom', message: '対象者を選択してください' });
    else if (!member.atenaNumber) ctx.addIssue({ code: 'custom', message: `${member.name}さんの宛名番号が未入力です。世帯員の画面で入力してください` });
  });

export const inquiryItems = (items: readonly LinkageItem[]) => items.filter((item) => item.kind === 'inquiry');

export const inquirySchema = (members: readonly Addressable[], items: readonly LinkageItem[]) =>
  z.object({
    memberId: addressableMember(members),
    itemCode: z.string().refine((code) => inquiryItems(items).some((item) => item.code === code), { error: '情報項目を選択してください' }),
    provider: textField(100, '照会先を入力してください'),
    reason: textField(500, '照会の理由を入力してください'),
  });
export type InquiryInput = z.input<ReturnType<typeof inquirySchema>>;
export type InquiryOutput = z.output<ReturnType<typeof inquirySchema>>;

export const publicFundsSchema = (members: readonly Addressable[], today: string) =>
  z.object({
    memberId: addressableMember(members),
    givenOn: pastDateField(today),
    method: z.enum(['written', 'oral'], { error: '同意の方法を選択してください' }),
  });
export type PublicFundsInput = z.input<ReturnType<typeof publicFundsSchema>>;
export type PublicFundsOutput = z.output<ReturnType<typeof publicFundsSchema>>;

/** A code or number as 全銀 writes it: full-width digits, spaces and hyphens typed on an IME are dropped first. */
const digits = (length: number, message: string) =>
  z
    .string()
    .transform((value) => value.normalize('NFKC').replace(/[\s-]/g, ''))
    .pipe(z.string().regex(new RegExp(`^\\d{${length}}$`), { error: message }));

// 全銀 holder names: katakana, long vowel, space, capitals, digits and the few marks banks print (（カ）, ．, －, ／).
const holderKana = /^[\u30A1-\u30FA\u30FC A-Z0-9().,\-/・]+$/u;

export const accountSchema = z.object({
  memberId: z.string().min(1, { error: '対象者を選択してください' }),
  bankCode: digits(4, '金融機関コードは4桁の数字で入力してください'),
  bankName: textField(50, '金融機関名を入力してください'),
  branchCode: digits(3, '支店コードは3桁の数字で入力してください'),
  branchName: textField(50, '支店名を入力してください'),
  accountType: z.enum(['ordinary', 'current', 'savings'], { error: '種別を選択してください' }),
  accountNumber: digits(7, '口座番号は7桁の数字で入力してください（6桁以下は先頭を0で埋めます）'),
  holderKana: z
    .string()
    .transform((value) => normalizeKanaName(value).toUpperCase())
    .pipe(
      z
        .string()
        .min(1, { error: '名義カナを入力してください' })
        .max(100, { error: '100文字以内で入力してください' })
        .regex(holderKana, { error: '名義カナはカタカナで入力してください（ひらがな・半角カナも可）' }),
    ),
});
export type AccountInput = z.input<typeof accountSchema>;
export type AccountOutput = z.output<typeof accountSchema>;

export const emptyAccount = (memberId: string): AccountInput => ({
  memberId,
  bankCode: '',
  bankName: '',
  branchCode: '',
  branchName: '',
  accountType: 'ordinary',
  accountNumber: '',
  holderKana: '',
});
