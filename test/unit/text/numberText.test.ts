import { expect, test } from 'vitest';
import type { z } from 'zod';
import { isoDate, isoMonth, optional, positiveDecimal, whole, yen } from '../../../shared/casework/inputKit.js';
import { formSchemas } from '../../../renderer/features/calc/wizard/formValues.js';
import { numberText, parseNumber } from '../../../shared/text/numberText.js';

const messageOf = (schema: z.ZodType, value: unknown) => schema.safeParse(value).error?.issues[0]?.message;

test('full-width digits, and , 、 ， as thousands separators, read as one number', () => {
  expect(parseNumber('４５０００')).toBe(45000);
  expect(parseNumber('45,000')).toBe(45000);
  expect(parseNumber('４５，０００')).toBe(45000);
  expect(parseNumber('4、500、000')).toBe(4500000);
  expect(parseNumber('４５､０００')).toBe(45000); // half-width ､
  expect(parseNumber(' 1 234 ')).toBe(1234);
  expect(parseNumber('１８．５')).toBe(18.5);
  expect(numberText('１２，３４５')).toBe('12345');
});

test('negative numbers, with any minus an IME gives', () => {
  expect(parseNumber('-300')).toBe(-300);
  expect(parseNumber('－３００')).toBe(-300);
  expect(parseNumber('\u2212300')).toBe(-300);
});

test('blank is nothing; anything else that is not a number stays text for the schema to name', () => {
  expect(parseNumber('')).toBeUndefined();
  expect(parseNumber('　')).toBeUndefined();
  expect(parseNumber(null)).toBeUndefined();
  expect(parseNumber(undefined)).toBeUndefined();
  expect(parseNumber('4万')).toBe('4万');
  expect(parseNumber('1.2.3')).toBe('1.2.3');
  expect(parseNumber(42)).toBe(42);
});

test('the kit: one message set for yen, whole numbers, decimals, dates and months', () => {
  const rent = yen('家賃');
  expect(rent.parse('４２，０００')).toBe(42000);
  expect(messageOf(rent, '')).toBe('家賃を入力してください');
  expect(messageOf(rent, '4万')).toBe('家賃を円単位の数字で入力してください');
  expect(messageOf(rent, '12.5')).toBe('家賃は円単位の整数で入力してください');
  expect(messageOf(rent, '-1')).toBe('家賃は0円以上で入力してください');
  expect(messageOf(yen('金額', { max: 100 }), '101')).toBe('金額は100円以下で入力してください');
  expect(optional(rent).parse('')).toBeNull();
  expect(optional(rent).parse(null)).toBeNull();
  expect(optional(rent).parse('、')).toBeNull();
  expect(messageOf(whole('妊娠月数', 1, 10), '１１')).toBe('妊娠月数は1〜10の整数で入力してください');
  const area = positiveDecimal('床面積', { places: 2, max: 10_000 });
  expect(area.parse('１８．５')).toBe(18.5);
  expect(messageOf(area, '0')).toBe('床面積は0より大きい値で入力してください');
  expect(messageOf(area, '18.555')).toBe('床面積は小数点以下2桁までで入力してください');
  expect(isoDate().parse('２０２６/４/１')).toBe('2026-04-01');
  expect(messageOf(isoDate(), '2026-02-30')).toBe('2026年2月30日は実在する日付ではありません');
  expect(isoMonth().parse('２０２６/４')).toBe('2026-04');
  expect(messageOf(isoMonth('対象月'), '2026-13')).toBe('対象月は年-月（例: 2026-04）で入力してください');
});

test('the calculation wizards read an amount as every other form does: full-width digits, 、 and ， grouping', () => {
  expect(formSchemas.yen.parse('１２、３４５')).toBe(12345);
  expect(formSchemas.yen.parse('12，345')).toBe(12345);
  expect(formSchemas.count.parse('３')).toBe(3);
  expect(formSchemas.yen.safeParse('１２円').success).toBe(false);
});
