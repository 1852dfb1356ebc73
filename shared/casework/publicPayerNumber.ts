import { fail, ok, type Result } from '../ipc/result.js';

/**
 * 公費負担者番号 (8 digits) and 公費負担医療の受給者番号 (7 digits) printed on 医療券・調剤券. Both end in a 検証番号
 * computed by MHLW's method (別添２ 設定要領, via reference/standards-data/check-digits.json): weights 2,1,2,1…
 * from the rightmost digit of the body, two-digit products added digit by digit, and the check digit is what
 * brings the sum to a multiple of ten. That is the Luhn scheme.
 */

/** 法別番号 of 生活保護 (医療扶助・介護扶助), hogo-procedure.json. */
export const SEIHO_LAW_NUMBER = '12';

export type PayerNumber = string & { readonly __brand: 'PayerNumber' };
export type RecipientNumber = string & { readonly __brand: 'RecipientNumber' };

export function mhlwCheckDigit(body: string): number {
  if (!/^\d+$/.test(body)) throw new RangeError('検証番号の計算には数字だけを渡してください');
  let sum = 0;
  for (let i = 0; i < body.length; i++) {
    const product = Number(body[body.length - 1 - i]) * (i % 2 === 0 ? 2 : 1);
    sum += Math.floor(product / 10) + (product % 10);
  }
  return (10 - (sum % 10)) % 10;
}

const digitsOf = (input: string) => input.normalize('NFKC').replace(/[\s-]/gu, '');

function checkDigits(input: string, label: string, length: number, code: string): Result<string> {
  const digits = digitsOf(input);
  if (digits === '') return fail(`${code}.empty`, `${label}を入力してください`);
  if (!/^\d+$/.test(digits)) return fail(`${code}.notDigits`, `${label}は数字で入力してください`);
  if (digits.length !== length) return fail(`${code}.length`, `${label}は${length}桁です（入力は${digits.length}桁）`);
  if (mhlwCheckDigit(digits.slice(0, -1)) !== Number(digits.slice(-1))) {
    return fail(`${code}.checkDigit`, `${label}の検証番号（末尾の1桁）が一致しません。番号を確認してください`);
  }
  return ok(digits);
}

/**
 * 法別番号(2) + 都道府県番号(2) + 実施機関番号(3) + 検証番号(1). By default the 法別番号 must be 12, since the
 * tickets this office issues are 生活保護's; pass `lawNumber: null` to accept another scheme's number (他法).
 * 都道府県番号 01–47 is the JIS X 0401 code list, which the reference names but does not spell out.
 */
export function validatePayerNumber(input: string, options: { lawNumber?: string | null } = {}): Result<PayerNumber> {
  const result = checkDigits(input, '公費負担者番号', 8, 'payerNumber');
  if (!result.ok) return result;
  const number = result.value;
  const lawNumber = options.lawNumber === undefined ? SEIHO_LAW_NUMBER : options.lawNumber;
  if (lawNumber !== null && number.slice(0, 2) !== lawNumber) {
    return fail('payerNumber.lawNumber', `公費負担者番号の法別番号（先頭2桁）が${lawNumber}ではありません`);
  }
  const prefecture = Number(number.slice(2, 4));
  if (prefecture < 1 || prefecture > 47) {
    return fail('payerNumber.prefecture', '公費負担者番号の都道府県番号（3・4桁目）は01〜47です');
  }
  return ok(number as PayerNumber);
}

/** 受給者区分番号(6) + 検証番号(1). */
export function validateRecipientNumber(input: string): Result<RecipientNumber> {
  return checkDigits(input, '受給者番号', 7, 'recipientNumber') as Result<RecipientNumber>;
}

/** A valid 公費負担者番号 from its parts, for tests and the training office. */
export function makePayerNumber(parts: { prefecture: number; agency: number; lawNumber?: string }): PayerNumber {
  const { prefecture, agency, lawNumber = SEIHO_LAW_NUMBER } = parts;
  if (!/^\d{2}$/.test(lawNumber) || !Number.isInteger(prefecture) || prefecture < 1 || prefecture > 47) {
    throw new RangeError('法別番号は2桁、都道府県番号は1〜47です');
  }
  if (!Number.isInteger(agency) || agency < 0 || agency > 999) throw new RangeError('実施機関番号は0〜999です');
  const body = `${lawNumber}${String(prefecture).padStart(2, '0')}${String(agency).padStart(3, '0')}`;
  return `${body}${mhlwCheckDigit(body)}` as PayerNumber;
}

/** A valid 受給者番号 for a 6-digit serial (0–999999). */
export function makeRecipientNumber(serial: number): RecipientNumber {
  if (!Number.isInteger(serial) || serial < 0 || serial > 999_999) throw new RangeError('受給者区分番号は0〜999999です');
  const body = String(serial).padStart(6, '0');
  return `${body}${mhlwCheckDigit(body)}` as RecipientNumber;
}

/** A valid 受給者番号 drawn from `random` (Math.random or a seeded generator, so training data can be repeated). */
export function randomRecipientNumber(random: () => number): RecipientNumber {
  return makeRecipientNumber(Math.floor(random() * 1_000_000));
}
