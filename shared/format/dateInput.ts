import { eras, type Era } from './eras.js';

/**
 * A date as staff type it, read into `YYYY-MM-DD`: 和暦 (「昭和40年1月5日」, 「S40.1.5」, 「R8/12/4」, 元年) or 西暦
 * (「2026-12-04」, 「2026/12/4」, 「2026年12月4日」), in full or half width (NFKC) with stray spaces. A day the
 * calendar or the era does not have (2月30日, 平成31年5月1日, 令和元年4月30日) is refused with what is wrong, in
 * Japanese; the form puts the field's name before it.
 */
export type DateReading = { ok: true; date: string } | { ok: false; message: string };

export const dateInputMessages = {
  unreadable: '日付は 令和8年4月1日・R8.4.1・2026-04-01 のように入力してください',
  notADay: (written: string) => `${written}は実在する日付ではありません`,
  beforeEra: (written: string, era: Era) => `${written}は実在する日付ではありません（${era.name}は${eraDay(era, era.from)}から）`,
  afterEra: (written: string, era: Era, last: string) => `${written}は実在する日付ではありません（${era.name}は${eraDay(era, last)}まで）`,
};

const western = /^(\d{4})[-/.年](\d{1,2})[-/.月](\d{1,2})日?$/u;
const japanese = new RegExp(`^(${eras.map((e) => `${e.name}|${e.initial}`).join('|')})(元|\\d{1,2})[-/.年](\\d{1,2})[-/.月](\\d{1,2})日?$`, 'iu');

const pad = (n: number, width = 2) => String(n).padStart(width, '0');
const iso = (y: number, m: number, d: number) => `${pad(y, 4)}-${pad(m)}-${pad(d)}`;
const realDay = (y: number, m: number, d: number) => {
  const date = new Date(Date.UTC(y, m - 1, d));
  return y >= 1 && date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
};
const yearText = (year: number) => (year === 1 ? '元' : String(year));
/** `1989-01-07` in `era` → `64年1月7日` (what the messages show). */
function eraDay(era: Era, date: string): string {
  const [y, m, d] = date.split('-').map(Number) as [number, number, number];
  return `${yearText(y - era.firstYear + 1)}年${m}月${d}日`;
}
const dayBefore = (date: string) => new Date(Date.parse(`${date}T00:00:00Z`) - 86_400_000).toISOString().slice(0, 10);

export function readDate(typed: string): DateReading {
  const text = typed.normalize('NFKC').replace(/\s/gu, '');
  const w = western.exec(text);
  if (w) {
    const [y, m, d] = w.slice(1).map(Number) as [number, number, number];
    return realDay(y, m, d) ? { ok: true, date: iso(y, m, d) } : { ok: false, message: dateInputMessages.notADay(`${y}年${m}月${d}日`) };
  }
  const j = japanese.exec(text);
  if (!j) return { ok: false, message: dateInputMessages.unreadable };
  const [, eraText, yearTyped, mText, dText] = j as unknown as [string, string, string, string, string];
  const index = eras.findIndex((e) => e.name === eraText || e.initial === eraText.toUpperCase());
  const era = eras[index]!;
  const eraYear = yearTyped === '元' ? 1 : Number(yearTyped);
  const [m, d] = [Number(mText), Number(dText)];
  const written = `${era.name}${yearText(eraYear)}年${m}月${d}日`;
  const y = era.firstYear + eraYear - 1;
  if (eraYear < 1 || !realDay(y, m, d)) return { ok: false, message: dateInputMessages.notADay(written) };
  const date = iso(y, m, d);
  if (date < era.from) return { ok: false, message: dateInputMessages.beforeEra(written, era) };
  const next = eras[index + 1];
  if (next && date >= next.from) return { ok: false, message: dateInputMessages.afterEra(written, era, dayBefore(next.from)) };
  return { ok: true, date };
}
