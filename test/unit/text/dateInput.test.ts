import { describe, expect, test } from 'vitest';
import { isoDate, pastDate } from '../../../shared/casework/inputKit';
import { readDate } from '../../../shared/format/dateInput';
import { eras } from '../../../shared/format/eras';
import { formatWareki } from '../../../shared/format/wareki';

const read = (typed: string) => {
  const reading = readDate(typed);
  return reading.ok ? reading.date : reading.message;
};

describe('a date typed in 和暦 or 西暦', () => {
  test.each([
    ['昭和40年1月5日', '1965-01-05'],
    ['S40.1.5', '1965-01-05'],
    ['s40/1/5', '1965-01-05'],
    ['R8/12/4', '2026-12-04'],
    ['令和8年12月4日', '2026-12-04'],
    ['令和元年5月1日', '2019-05-01'],
    ['R1.5.1', '2019-05-01'],
    ['平成元年1月8日', '1989-01-08'],
    ['昭和64年1月7日', '1989-01-07'],
    ['平成31年4月30日', '2019-04-30'],
    ['大正元年7月30日', '1912-07-30'],
    ['明治45年7月29日', '1912-07-29'],
    ['Ｓ４０．１．５', '1965-01-05'],
    ['令和８年１２月４日', '2026-12-04'],
    [' 令和 8年 12月 4日 ', '2026-12-04'],
    ['2026-12-04', '2026-12-04'],
    ['2026/12/4', '2026-12-04'],
    ['２０２６／１２／４', '2026-12-04'],
    ['2026年12月4日', '2026-12-04'],
  ])('%s → %s', (typed, expected) => {
    expect(read(typed)).toBe(expected);
  });

  test.each([
    ['昭和64年1月8日', '昭和64年1月8日は実在する日付ではありません（昭和は64年1月7日まで）'],
    ['平成31年5月1日', '平成31年5月1日は実在する日付ではありません（平成は31年4月30日まで）'],
    ['令和元年4月30日', '令和元年4月30日は実在する日付ではありません（令和は元年5月1日から）'],
    ['平成元年1月7日', '平成元年1月7日は実在する日付ではありません（平成は元年1月8日から）'],
    ['H1.1.7', '平成元年1月7日は実在する日付ではありません（平成は元年1月8日から）'],
    ['令和8年2月30日', '令和8年2月30日は実在する日付ではありません'],
    ['2026-02-30', '2026年2月30日は実在する日付ではありません'],
    ['令和0年1月1日', '令和0年1月1日は実在する日付ではありません'],
    ['明治5年12月1日', '明治5年12月1日は実在する日付ではありません（明治は6年1月1日から）'],
    ['昨日', '日付は 令和8年4月1日・R8.4.1・2026-04-01 のように入力してください'],
    ['X8.1.1', '日付は 令和8年4月1日・R8.4.1・2026-04-01 のように入力してください'],
    ['', '日付は 令和8年4月1日・R8.4.1・2026-04-01 のように入力してください'],
  ])('%s is refused: %s', (typed, message) => {
    expect(read(typed)).toBe(message);
  });

  test('each era boundary agrees with the calendar the product displays dates in (ICU)', () => {
    for (const era of eras.slice(1)) {
      const first = read(`${era.name}元年${Number(era.from.slice(5, 7))}月${Number(era.from.slice(8))}日`);
      expect(first).toBe(era.from);
      expect(formatWareki(era.from).startsWith(`${era.name}元年`)).toBe(true);
      const dayBefore = new Date(Date.parse(`${era.from}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);
      expect(formatWareki(dayBefore).startsWith(era.name)).toBe(false);
      expect(read(formatWareki(dayBefore))).toBe(dayBefore);
    }
  });
});

describe('the input kit reads dates the same way, naming the field', () => {
  test('a 和暦 date is stored as YYYY-MM-DD', () => {
    expect(isoDate('生年月日').parse('S40.1.5')).toBe('1965-01-05');
  });
  test('a refusal names the field', () => {
    const result = isoDate('生年月日').safeParse('平成31年5月1日');
    expect(result.error?.issues[0]?.message).toBe('生年月日: 平成31年5月1日は実在する日付ではありません（平成は31年4月30日まで）');
  });
  test('a day that does not exist is not also reported as in the future', () => {
    const result = pastDate('2026-12-04', '生年月日').safeParse('令和9年2月30日');
    expect(result.error?.issues.map((i) => i.message)).toEqual(['生年月日: 令和9年2月30日は実在する日付ではありません']);
  });
});
