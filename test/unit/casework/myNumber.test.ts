import { describe, expect, test } from 'vitest';
import { maskMyNumber, myNumberCheckDigit, myNumberSchema, validateMyNumber } from '../../../shared/casework/myNumber.js';

// benefit-rules.md §11 / check-digits.json: body 12345678901 → 8. The others are worked by hand with the
// left-to-right weights 6 5 4 3 2 7 6 5 4 3 2 (shown as weighted sum and remainder mod 11).
const checkDigitCases: [body: string, check: number][] = [
  ['12345678901', 8], // reference
  ['98765432109', 3], // 228, r 8 → 11 − 8
  ['00000000001', 9], // 2, r 2 → 9
  ['10000000000', 5], // 6, r 6 → 5
  ['00000000000', 0], // 0, r 0 → 0
  ['00000000006', 0], // 12, r 1 → 0 (remainder ≤ 1 gives 0)
];

describe('検査用数字', () => {
  test.each(checkDigitCases)('%s → %i', (body, check) => {
    expect(myNumberCheckDigit(body)).toBe(check);
  });

  test('the body must be 11 digits', () => {
    expect(() => myNumberCheckDigit('1234567890')).toThrow(RangeError);
  });
});

describe('validation', () => {
  test('valid numbers, typed in the ways people type them', () => {
    for (const input of ['123456789018', '１２３４５６７８９０１８', '1234 5678 9018', '1234-5678-9018', ' 987654321093 ']) {
      const result = validateMyNumber(input);
      expect(result.ok, input).toBe(true);
    }
    expect(validateMyNumber('１２３４ ５６７８ ９０１８')).toEqual({ ok: true, value: '123456789018' });
  });

  test.each([
    ['', 'myNumber.empty', '個人番号を入力してください'],
    ['1234567890a8', 'myNumber.notDigits', '個人番号に数字以外の文字が含まれています'],
    ['12345678901', 'myNumber.length', '個人番号は12桁です（入力は11桁）'],
    ['1234567890188', 'myNumber.length', '個人番号は12桁です（入力は13桁）'],
    ['123456789010', 'myNumber.checkDigit', '個人番号の検査用数字（末尾の1桁）が一致しません。番号を確認してください'],
    ['123456789081', 'myNumber.checkDigit', '個人番号の検査用数字（末尾の1桁）が一致しません。番号を確認してください'],
  ])('%j is refused with %s', (input, code, message) => {
    expect(validateMyNumber(input)).toEqual({ ok: false, error: { code, message } });
  });

  test('no message ever contains the digits that were entered', () => {
    for (const input of ['123456789010', '12345678901', '1234567890a8']) {
      const result = validateMyNumber(input);
      expect(result.ok).toBe(false);
      if (!result.ok) expect(result.error.message).not.toMatch(/\d{3}/);
    }
  });

  test('the form schema yields the digits or one Japanese message', () => {
    expect(myNumberSchema.parse('1234 5678 9018')).toBe('123456789018');
    const bad = myNumberSchema.safeParse('123456789019');
    expect(bad.error?.issues.map((i) => i.message)).toEqual(['個人番号の検査用数字（末尾の1桁）が一致しません。番号を確認してください']);
    expect(myNumberSchema.safeParse(undefined).error?.issues[0]?.message).toBe('個人番号を入力してください');
  });
});

test('masking shows only the last four digits', () => {
  expect(maskMyNumber('123456789018')).toBe('**** **** 9018');
  expect(maskMyNumber('１２３４ ５６７８ ９０１８')).toBe('**** **** 9018');
  expect(maskMyNumber('12345')).toBe('**** **** ****');
});
