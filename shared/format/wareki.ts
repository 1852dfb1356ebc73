/**
 * 和暦 formatting through the platform's Japanese calendar (ICU), so era changes come with the runtime rather
 * than a table of ours. Dates are calendar dates (`YYYY-MM-DD`), formatted in UTC so no time zone can shift
 * the day. The first year of an era is written 元年, as official documents do.
 */
const isoDate = /^(\d{4})-(\d{2})-(\d{2})$/;

function toUtcDate(date: string): Date {
  const match = isoDate.exec(date);
  if (!match) throw new RangeError(`日付の形式が正しくありません (YYYY-MM-DD): ${date}`);
  const [, y, m, d] = match.map(Number) as [number, number, number, number];
  const value = new Date(Date.UTC(y, m - 1, d));
  if (value.getUTCFullYear() !== y || value.getUTCMonth() !== m - 1 || value.getUTCDate() !== d) {
    throw new RangeError(`存在しない日付です: ${date}`);
  }
  return value;
}

const formatters = {
  date: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', day: 'numeric', timeZone: 'UTC' }),
  month: new Intl.DateTimeFormat('ja-JP-u-ca-japanese', { era: 'long', year: 'numeric', month: 'long', timeZone: 'UTC' }),
};

function format(kind: keyof typeof formatters, date: Date): string {
  return formatters[kind]
    .formatToParts(date)
    .map((part) => (part.type === 'year' && part.value === '1' ? '元' : part.value))
    .join('');
}

/** `2026-11-25` → `令和8年11月25日`. */
export function formatWareki(date: string): string {
  return format('date', toUtcDate(date));
}

/** `2026-12` → `令和8年12月`. */
export function formatWarekiMonth(month: string): string {
  return format('month', toUtcDate(`${month}-01`));
}

/** `2026-11-25` → `2026年11月25日`, shown beside the 和暦 (e.g. on hover) for cross-checking. */
export function formatSeireki(date: string): string {
  const d = toUtcDate(date);
  return `${d.getUTCFullYear()}年${d.getUTCMonth() + 1}月${d.getUTCDate()}日`;
}
