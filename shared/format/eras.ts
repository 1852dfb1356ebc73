/**
 * The eras (元号) a date may be typed in, as data: the first day of each in the Gregorian calendar and the act that
 * set it. An era runs until the day before the next one begins. 明治 is taken from 明治6年1月1日, when Japan
 * adopted the Gregorian calendar (明治5年太政官布告第337号): earlier 明治 dates are lunisolar and cannot be typed
 * as a calendar date here. The display side (shared/format/wareki.ts) uses ICU's calendar, which agrees with this
 * table from 明治6年 on; test/unit/text/dateInput.test.ts checks both at every boundary.
 */
export interface Era {
  /** 令和 */
  name: string;
  /** R: the initial used in 「R8.12.4」. */
  initial: string;
  /** First day, `YYYY-MM-DD`. */
  from: string;
  /** The year of `from` is the era's first year (元年), except for 明治 (see above). */
  firstYear: number;
  source: string;
}

export const eras: readonly Era[] = [
  {
    name: '明治',
    initial: 'M',
    from: '1873-01-01',
    firstYear: 1868,
    source: '改元の詔（明治元年9月8日）; 太陽暦採用 明治5年太政官布告第337号（明治6年1月1日から）',
  },
  { name: '大正', initial: 'T', from: '1912-07-30', firstYear: 1912, source: '改元の詔書（明治45年7月30日）' },
  { name: '昭和', initial: 'S', from: '1926-12-25', firstYear: 1926, source: '改元の詔書（大正15年12月25日）' },
  { name: '平成', initial: 'H', from: '1989-01-08', firstYear: 1989, source: '元号を改める政令（昭和64年政令第1号、平成元年1月8日施行）' },
  { name: '令和', initial: 'R', from: '2019-05-01', firstYear: 2019, source: '元号を改める政令（平成31年政令第143号、令和元年5月1日施行）' },
];
