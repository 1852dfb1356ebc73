import { expect, test } from 'vitest';
import {
  addDays,
  addMonthsToMonth,
  daysBetween,
  isIsoDate,
  isoDateSchema,
  lastDayOfMonth,
  localIsoDate,
  monthOf,
  monthsBetween,
} from '../../../shared/casework/calendarDate.js';

test('real dates only, leap years included', () => {
  expect(isIsoDate('2028-02-29')).toBe(true);
  expect(isIsoDate('2026-02-29')).toBe(false);
  expect(isIsoDate('2100-02-29')).toBe(false);
  expect(isIsoDate('2000-02-29')).toBe(true);
  expect(isIsoDate('2026/04/01')).toBe(false);
  expect(isoDateSchema.safeParse('2026-13-01').error?.issues[0]?.message).toBe('日付は実在する日を YYYY-MM-DD で入力してください');
});

test('day arithmetic across month, year and leap-day boundaries', () => {
  expect(addDays('2026-01-31', 1)).toBe('2026-02-01');
  expect(addDays('2026-02-28', 1)).toBe('2026-03-01');
  expect(addDays('2028-02-28', 1)).toBe('2028-02-29');
  expect(addDays('2026-12-31', 1)).toBe('2027-01-01');
  expect(addDays('2026-03-01', -1)).toBe('2026-02-28');
  expect(daysBetween('2026-01-01', '2027-01-01')).toBe(365);
  expect(daysBetween('2028-01-01', '2029-01-01')).toBe(366);
  expect(daysBetween('2026-04-15', '2026-04-01')).toBe(-14);
  expect(() => addDays('2026-02-30', 1)).toThrow(RangeError);
});

test('months', () => {
  expect(monthOf('2026-04-03')).toBe('2026-04');
  expect(addMonthsToMonth('2026-11', 3)).toBe('2027-02');
  expect(addMonthsToMonth('2026-01', -1)).toBe('2025-12');
  expect(addMonthsToMonth('2026-12', 12)).toBe('2027-12');
  expect(lastDayOfMonth('2026-02')).toBe('2026-02-28');
  expect(lastDayOfMonth('2028-02')).toBe('2028-02-29');
  expect(lastDayOfMonth('2100-02')).toBe('2100-02-28');
  expect(lastDayOfMonth('2026-12')).toBe('2026-12-31');
  expect(monthsBetween('2026-11', '2027-02')).toBe(3);
  expect(monthsBetween('2027-02', '2026-11')).toBe(-3);
});

test('localIsoDate is the day on the office clock: 02:50 in Tokyo is already the next day there, still the day before in UTC', () => {
  const saved = process.env.TZ;
  try {
    const moment = Date.parse('2026-11-25T17:50:00Z');
    process.env.TZ = 'Asia/Tokyo';
    expect(localIsoDate(moment)).toBe('2026-11-26');
    process.env.TZ = 'UTC';
    expect(localIsoDate(moment)).toBe('2026-11-25');
  } finally {
    process.env.TZ = saved;
  }
});
