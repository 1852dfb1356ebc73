import { z } from 'zod';
import { fail, ok, type Result } from '../ipc/result.js';

/**
 * 個人番号 (My Number): 11 digits and a 検査用数字, computed as laid down in 平成26年総務省令第85号 第5条
 * (reference/benefit-rules.md §11, check-digits.json). Messages name the problem, never the number: they end up
 * on screens, in logs and in error reports, none of which may hold it.
 */
export type MyNumber = string & { readonly __brand: 'MyNumber' };

// Left-to-right weights of the 11-digit body: Qn = n+1 (n = 1…6) and n−5 (n = 7…11), n counted from the right.
const weights = [6, 5, 4, 3, 2, 7, 6, 5, 4, 3, 2] as const;

/** The 検査用数字 for an 11-digit body. */
export function myNumberCheckDigit(body: string): number {
  if (!/^\d{11}$/.test(body)) throw new RangeError('個人番号の本体は数字11桁です');
  const sum = weights.reduce((total, weight, i) => total + weight * Number(body[i]), 0);
  const remainder = sum % 11;
  return remainder <= 1 ? 0 : 11 - remainder;
}

/** NFKC (full-width digits), then the spaces and hyphens people type between the groups of four go. */
function digitsOf(input: string): string {
  return input.normalize('NFKC').replace(/[\s\-‐]/gu, '');
}

export function validateMyNumber(input: string): Result<MyNumber> {
  const digits = digitsOf(input);
  if (digits === '') return fail('myNumber.empty', '個人番号を入力してください');
  if (!/^\d+$/.test(digits)) return fail('myNumber.notDigits', '個人番号に数字以外の文字が含まれています');
  if (digits.length !== 12) {
    return fail('myNumber.length', `個人番号は12桁です（入力は${digits.length}桁）`);
  }
  if (myNumberCheckDigit(digits.slice(0, 11)) !== Number(digits[11])) {
    return fail('myNumber.checkDigit', '個人番号の検査用数字（末尾の1桁）が一致しません。番号を確認してください');
  }
  return ok(digits as MyNumber);
}

/** A form field: yields the 12 digits, or one Japanese message for the field. */
export const myNumberSchema = z.string({ error: '個人番号を入力してください' }).transform((input, ctx) => {
  const result = validateMyNumber(input);
  if (result.ok) return result.value;
  ctx.addIssue({ code: 'custom', message: result.error.message });
  return z.NEVER;
});

/** The default display: the last four digits only, `**** **** 1234`. Anything not 12 digits shows nothing. */
export function maskMyNumber(input: string): string {
  const digits = digitsOf(input);
  return /^\d{12}$/.test(digits) ? `**** **** ${digits.slice(8)}` : '**** **** ****';
}
