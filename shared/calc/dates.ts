/** Calendar arithmetic on ISO strings, without time zones: the engine only ever needs whole days and months. */

export const firstDayOf = (month: string): string => `${month}-01`;

export function daysInMonth(month: string): number {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return new Date(Date.UTC(year, mon, 0)).getUTCDate();
}

export const lastDayOf = (month: string): string => `${month}-${String(daysInMonth(month)).padStart(2, '0')}`;

export function isRealDate(iso: string): boolean {
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(iso);
  if (!match) return false;
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** `month` shifted by `delta` months (`2026-01`, -1 → `2025-12`). */
export function addMonths(month: string, delta: number): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  const index = year * 12 + (mon - 1) + delta;
  return `${Math.floor(index / 12)}-${String((index % 12) + 1).padStart(2, '0')}`;
}

export const calendarMonthOf = (month: string): number => Number(month.slice(5, 7));

/** Completed years on `date`: the anniversary counts from its own day. */
export function ageOn(birthDate: string, date: string): number {
  const years = Number(date.slice(0, 4)) - Number(birthDate.slice(0, 4));
  return date.slice(5) >= birthDate.slice(5) ? years : years - 1;
}

/**
 * The first 31 March after reaching `age`. A person reaches an age at the end of the day before the birthday
 * (年齢計算ニ関スル法律), so someone born on 1 April reaches it on 31 March and belongs to the earlier school year.
 * This is the 「18歳到達後最初の3月31日」 of 母子加算・児童養育加算 and 進学・就職準備給付金.
 */
export function firstMarch31AfterReaching(birthDate: string, age: number): string {
  const year = Number(birthDate.slice(0, 4)) + age + (birthDate.slice(5) <= '04-01' ? 0 : 1);
  return `${year}-03-31`;
}
