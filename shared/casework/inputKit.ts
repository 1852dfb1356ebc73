import { z } from 'zod';
import { dateInputMessages, readDate } from '../format/dateInput.js';
import { normalizeText } from '../text/kana.js';
import { numberText, parseNumber } from '../text/numberText.js';

/**
 * The pieces every entity schema and every form is made of — yen, decimals, whole numbers, dates, months, text —
 * with one message set. Each piece takes what staff type (full-width digits, `、` and `，` separators, `2026/4/1`)
 * as well as the stored value, so the schema that checks a form is the one the data layer checks a write with.
 */

/** What a figure may arrive as: the number, the text typed, or nothing. */
export type Typed = number | string | null | undefined;

const blank = (input: unknown) => input === undefined || input === null || input === '';
const named = (label: string | undefined, rest: string) => (label ? `${label}は${rest}` : rest);

export const inputMessages = {
  required: (label: string) => `${label}を入力してください`,
  yenNotNumber: (label: string) => `${label}を円単位の数字で入力してください`,
  yenNotWhole: (label: string) => `${label}は円単位の整数で入力してください`,
  yenAtLeast: (label: string, min: number) => `${label}は${min.toLocaleString('ja-JP')}円以上で入力してください`,
  yenAtMost: (label: string, max: number) => `${label}は${max.toLocaleString('ja-JP')}円以下で入力してください`,
  notNumber: (label: string) => `${label}を数字で入力してください`,
  wholeRange: (label: string, min: number, max: number) => `${label}は${min}〜${max}の整数で入力してください`,
  decimalPlaces: (label: string, places: number) => `${label}は小数点以下${places}桁までで入力してください`,
  above: (label: string, min: number) => `${label}は${min}より大きい値で入力してください`,
  atMost: (label: string, max: number) => `${label}は${max.toLocaleString('ja-JP')}以下で入力してください`,
  date: (label?: string) => (label ? `${label}: ${dateInputMessages.unreadable}` : dateInputMessages.unreadable),
  month: (label?: string) => named(label, '年-月（例: 2026-04）で入力してください'),
  future: '未来の日付は入力できません',
  tooLong: (max: number) => `${max}文字以内で入力してください`,
};

/** A figure typed or stored, read by the one parser (shared/text/numberText.ts) before it is judged. */
const figure = <S extends z.ZodType>(schema: S) => z.preprocess((value: Typed) => parseNumber(value), schema);

/** Integer yen within [min, max]; every message names the field. */
export const yen = (label: string, { min = 0, max = 99_999_999 }: { min?: number; max?: number } = {}) =>
  figure(
    z
      .number({ error: (issue) => (blank(issue.input) ? inputMessages.required(label) : inputMessages.yenNotNumber(label)) })
      .int({ error: inputMessages.yenNotWhole(label) })
      .min(min, { error: inputMessages.yenAtLeast(label, min) })
      .max(max, { error: inputMessages.yenAtMost(label, max) }),
  );

/** A whole number within [min, max] (counts, months, percentages). */
export const whole = (label: string, min: number, max: number) =>
  figure(
    z
      .number({ error: (issue) => (blank(issue.input) ? inputMessages.required(label) : inputMessages.notNumber(label)) })
      .int({ error: inputMessages.wholeRange(label, min, max) })
      .min(min, { error: inputMessages.wholeRange(label, min, max) })
      .max(max, { error: inputMessages.wholeRange(label, min, max) }),
  );

/** A positive decimal of at most `places` decimals, up to `max` (a floor area in ㎡). */
export const positiveDecimal = (label: string, { places, max }: { places: number; max: number }) =>
  figure(
    z
      .number({ error: (issue) => (blank(issue.input) ? inputMessages.required(label) : inputMessages.notNumber(label)) })
      .gt(0, { error: inputMessages.above(label, 0) })
      .max(max, { error: inputMessages.atMost(label, max) })
      .refine((n) => Number(n.toFixed(places)) === n, { error: inputMessages.decimalPlaces(label, places) }),
  );

/** Blank (typed empty, or stored null) is null; anything else must pass `schema`. */
export const optional = <S extends z.ZodType>(schema: S) =>
  z.preprocess((value: Typed) => (blank(typeof value === 'string' ? numberText(value) : value) ? null : value), schema.nullable());

/**
 * A calendar date as staff type it — 和暦 (「昭和40年1月5日」, 「S40.1.5」, 「R8/12/4」, 元年) or 西暦 (`2026-04-01`,
 * `2026/4/1`), full-width digits too (shared/format/dateInput.ts) — stored as `YYYY-MM-DD`. A day the calendar or the
 * era does not have is refused with what is wrong (平成31年5月1日: 平成 ended on 31年4月30日).
 */
export const isoDate = (label?: string) =>
  z.string({ error: inputMessages.date(label) }).transform((value, ctx) => {
    const reading = readDate(value);
    if (reading.ok) return reading.date;
    ctx.addIssue({ code: 'custom', message: label ? `${label}: ${reading.message}` : reading.message });
    return z.NEVER;
  });

/** A date that has happened by `today`: records, applications, visits, births. */
export const pastDate = (today: string, label?: string) => isoDate(label).refine((date) => date <= today, { error: inputMessages.future });

/** A year and month: `2026-04`, `2026/4`, full-width digits; stored as `YYYY-MM`. */
export const isoMonth = (label?: string) =>
  z
    .string({ error: inputMessages.month(label) })
    .transform((value) => {
      const text = value.normalize('NFKC').trim();
      const parts = text.split(/[-/.]/u);
      return parts.length === 2 && parts.every((p) => /^\d+$/u.test(p)) ? `${parts[0]!.padStart(4, '0')}-${parts[1]!.padStart(2, '0')}` : text;
    })
    .pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/u, { error: inputMessages.month(label) }));

/**
 * What a person wrote, judged as written: only the ends are trimmed. Never NFKC: it would print （） as () and full-width
 * digits as ASCII in a case record or a notice. What is searched or compared is folded where it is compared
 * (shared/text/kana's searchKey); codes and numbers, which are compared, use `code` instead.
 */
const written = (as: (value: string) => string) => (max: number, required?: string | null) => {
  const bounded = z.string().max(max, { error: inputMessages.tooLong(max) });
  return z
    .string({ error: required ?? inputMessages.tooLong(max) })
    .transform(as)
    .pipe(required ? bounded.min(1, { error: required }) : bounded);
};

/** Free text (a case record, a reason) up to `max` characters, as written; `required` is the message when it may not be empty. */
export const text = written((value) => value.trim());

/** One line a person wrote (a name, an address): as `text`, with a run of spaces kept as its first space. */
export const line = written((value) => value.trim().replace(/(\s)\s+/gu, '$1'));

/** A code or number typed (ケース番号, 電話番号, 宛名番号, a place name picked from a list): NFKC, so `Ｋ－０１` is `K-01`. */
export const typedCode = written(normalizeText);

/** One of the codes of a label table (a select's value is any string until judged). */
export const code = <K extends string>(labels: Record<K, string>, message: string) =>
  z.string({ error: message }).pipe(z.enum(Object.keys(labels) as [K, ...K[]], { error: message }));

/**
 * A form over an entity's schema: what was typed is put in the entity's shape (`toEntity`), the entity's schema
 * judges it, and each problem goes to the form field it concerns (`fieldOf`, for forms whose fields are not the
 * entity's own, such as one 月数 field for the 妊娠 and 産後 months). `check` adds problems only a form can have.
 */
export function formOf<Input, Output>(
  entity: z.ZodType<Output>,
  toEntity: (input: Input) => unknown,
  { fieldOf = (path) => path, check }: { fieldOf?: (path: string) => string; check?: (input: Input) => { path: string; message: string }[] } = {},
): z.ZodType<Output, Input> {
  return z.custom<Input>().transform((input, ctx) => {
    const result = entity.safeParse(toEntity(input));
    const problems = [
      ...(result.success ? [] : result.error.issues.map((issue) => ({ path: fieldOf(issue.path.join('.')), message: issue.message }))),
      ...(check?.(input) ?? []),
    ];
    for (const { path, message } of problems)
      ctx.addIssue({ code: 'custom', path: path === '' ? [] : path.split('.').map((p) => (/^\d+$/u.test(p) ? Number(p) : p)), message });
    return result.success && problems.length === 0 ? result.data : z.NEVER;
  });
}
