import { z } from 'zod';
import { addMonths, isRealDate, lastDayOf } from '../calc/dates.js';

/**
 * Calendar dates as `YYYY-MM-DD` strings, months as `YYYY-MM`. The day arithmetic casework needs on top of the
 * calculation engine's month helpers (shared/calc/dates.ts, re-exported here under casework's names): counts of
 * days go through Date.UTC and back with getUTC*, so no time zone or daylight-saving rule can move a day.
 */
export type IsoDate = string;
export type IsoMonth = string;

const dayMs = 86_400_000;

export { addMonths as addMonthsToMonth, isRealDate as isIsoDate, lastDayOf as lastDayOfMonth };

function dayNumber(date: IsoDate): number {
  if (!isRealDate(date)) throw new RangeError(`日付の形式が正しくありません (YYYY-MM-DD): ${date}`);
  return Date.UTC(Number(date.slice(0, 4)), Number(date.slice(5, 7)) - 1, Number(date.slice(8, 10))) / dayMs;
}

/** A form field holding a real calendar date. */
export const isoDateSchema = z.string({ error: '日付を入力してください' }).refine(isRealDate, { error: '日付は実在する日を YYYY-MM-DD で入力してください' });

/** The calendar day of a moment as the device's clock shows it (the office's day, not UTC's). */
export function localIsoDate(moment: Date | number): IsoDate {
  const d = new Date(moment);
  return `${d.getFullYear()}-${String(d.getMonth() + 1).padStart(2, '0')}-${String(d.getDate()).padStart(2, '0')}`;
}

export function addDays(date: IsoDate, days: number): IsoDate {
  return new Date((dayNumber(date) + days) * dayMs).toISOString().slice(0, 10);
}

/** Whole days from `from` to `to` (negative when `to` is earlier). */
export function daysBetween(from: IsoDate, to: IsoDate): number {
  return dayNumber(to) - dayNumber(from);
}

export function monthOf(date: IsoDate): IsoMonth {
  if (!isRealDate(date)) throw new RangeError(`日付の形式が正しくありません (YYYY-MM-DD): ${date}`);
  return date.slice(0, 7);
}

/** Months from `from` to `to` (both `YYYY-MM`). */
export function monthsBetween(from: IsoMonth, to: IsoMonth): number {
  const index = (month: IsoMonth) => Number(month.slice(0, 4)) * 12 + Number(month.slice(5, 7));
  return index(to) - index(from);
}
