import { seededRandom } from '../../../shared/training/seededRandom.js';
import { describe, expect, test } from 'vitest';
import {
  makePayerNumber,
  makeRecipientNumber,
  mhlwCheckDigit,
  randomRecipientNumber,
  validatePayerNumber,
  validateRecipientNumber,
} from '../../../shared/casework/publicPayerNumber.js';

describe('MHLW check digit: every example in check-digits.json', () => {
  test.each([
    ['0613048', 8], // 保険者番号, MHLW worked example
    ['341071236', 2], // 医療機関コード, MHLW worked example
    ['1211001', 1], // 公費負担者番号, synthetic
    ['1211000', 3], // 公費負担者番号, synthetic
    ['000001', 8], // 受給者番号, synthetic
    ['123456', 6], // 受給者番号, synthetic
  ])('%s → %i', (body, check) => {
    expect(mhlwCheckDigit(body)).toBe(check);
  });
});

describe('公費負担者番号', () => {
  test('valid 生活保護 numbers, in any width', () => {
    expect(validatePayerNumber('12110011')).toEqual({ ok: true, value: '12110011' });
    expect(validatePayerNumber('１２１１０００３')).toEqual({ ok: true, value: '12110003' });
  });

  test('a wrong check digit, length or character is named', () => {
    expect(validatePayerNumber('12110013')).toEqual({
      ok: false,
      error: { code: 'payerNumber.checkDigit', message: '公費負担者番号の検証番号（末尾の1桁）が一致しません。番号を確認してください' },
    });
    expect(validatePayerNumber('1211001')).toMatchObject({ ok: false, error: { message: '公費負担者番号は8桁です（入力は7桁）' } });
    expect(validatePayerNumber('1211O011')).toMatchObject({ ok: false, error: { code: 'payerNumber.notDigits' } });
    expect(validatePayerNumber(' ')).toMatchObject({ ok: false, error: { message: '公費負担者番号を入力してください' } });
  });

  test('every single-digit slip in a valid number is caught', () => {
    const valid = '12110011';
    for (let i = 0; i < valid.length; i++) {
      for (let d = 0; d <= 9; d++) {
        if (String(d) === valid[i]) continue;
        const slipped = `${valid.slice(0, i)}${d}${valid.slice(i + 1)}`;
        expect(validatePayerNumber(slipped, { lawNumber: null }).ok, slipped).toBe(false);
      }
    }
  });

  test('法別番号 must be 12 unless another scheme is allowed', () => {
    // 06130488: the 保険者番号 example, whose check digit is right but whose first two digits are not 12.
    expect(validatePayerNumber('06130488')).toEqual({
      ok: false,
      error: { code: 'payerNumber.lawNumber', message: '公費負担者番号の法別番号（先頭2桁）が12ではありません' },
    });
    expect(validatePayerNumber('06130488', { lawNumber: null })).toEqual({ ok: true, value: '06130488' });
  });

  test('都道府県番号 outside 01–47 is refused', () => {
    // 1200001 → 2+0+0+0+0+2+2 = 6 → 4;  1248001 → 2+0+0+8+8+2+2 = 22 → 8 (worked by hand).
    expect(validatePayerNumber('12000014')).toMatchObject({ ok: false, error: { code: 'payerNumber.prefecture' } });
    expect(validatePayerNumber('12480018')).toMatchObject({ ok: false, error: { code: 'payerNumber.prefecture' } });
  });

  test('the generator builds the reference example from its parts', () => {
    expect(makePayerNumber({ prefecture: 11, agency: 1 })).toBe('12110011');
    expect(makePayerNumber({ prefecture: 11, agency: 0 })).toBe('12110003');
    expect(() => makePayerNumber({ prefecture: 48, agency: 1 })).toThrow(RangeError);
    expect(() => makePayerNumber({ prefecture: 11, agency: 1000 })).toThrow(RangeError);
  });
});

describe('受給者番号', () => {
  test('reference examples, valid and invalid', () => {
    expect(validateRecipientNumber('0000018')).toEqual({ ok: true, value: '0000018' });
    expect(validateRecipientNumber('1234566')).toEqual({ ok: true, value: '1234566' });
    expect(validateRecipientNumber('1234567')).toEqual({
      ok: false,
      error: { code: 'recipientNumber.checkDigit', message: '受給者番号の検証番号（末尾の1桁）が一致しません。番号を確認してください' },
    });
    expect(validateRecipientNumber('12345667')).toMatchObject({ ok: false, error: { message: '受給者番号は7桁です（入力は8桁）' } });
  });

  test('generated numbers match the examples and always validate', () => {
    expect(makeRecipientNumber(1)).toBe('0000018');
    expect(makeRecipientNumber(123456)).toBe('1234566');
    expect(randomRecipientNumber(() => 0.5)).toBe('5000005'); // 500000 → 5 → 10 − 5
    const random = seededRandom(42);
    for (let i = 0; i < 200; i++) expect(validateRecipientNumber(randomRecipientNumber(random.next)).ok).toBe(true);
    expect(() => makeRecipientNumber(1_000_000)).toThrow(RangeError);
  });
});
