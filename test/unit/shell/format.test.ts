import { expect, test } from 'vitest';
import { formatSeireki, formatWareki, formatWarekiMonth } from '../../../shared/format/wareki.js';
import { formatYen } from '../../../shared/format/yen.js';

test('和暦 with 元年 and era boundaries', () => {
  expect(formatWareki('2026-11-25')).toBe('令和8年11月25日');
  expect(formatWareki('2019-05-01')).toBe('令和元年5月1日');
  expect(formatWareki('2019-04-30')).toBe('平成31年4月30日');
  expect(formatWareki('1989-01-07')).toBe('昭和64年1月7日');
  expect(formatWareki('1989-01-08')).toBe('平成元年1月8日');
  expect(formatWarekiMonth('2026-12')).toBe('令和8年12月');
  expect(formatSeireki('2026-01-05')).toBe('2026年1月5日');
});

test('impossible or malformed dates are refused, not rolled over', () => {
  expect(() => formatWareki('2026-02-30')).toThrow('存在しない日付です');
  expect(() => formatWareki('2026/02/01')).toThrow('日付の形式');
});

test('yen with grouping, integers only', () => {
  expect(formatYen(0)).toBe('0円');
  expect(formatYen(1234567)).toBe('1,234,567円');
  expect(formatYen(-8000)).toBe('-8,000円');
  expect(() => formatYen(1.5)).toThrow();
});
