import { z } from 'zod';
import { CalcError } from '../../../../shared/calc/calcError';
import { isoDate } from '../../../../shared/casework/inputKit';
import { readDate } from '../../../../shared/format/dateInput';
import { parseNumber } from '../../../../shared/text/numberText';
import type { FieldIssue } from './wizardTypes';

/** Full-width digits and stray spaces do not matter (NFKC), as everywhere staff type. */
export const text = (value: unknown): string =>
  String(value ?? '')
    .normalize('NFKC')
    .trim();

/** A date as typed — 和暦 or 西暦 (shared/format/dateInput) — as `YYYY-MM-DD`; what cannot be read stays as typed. */
export const dateText = (value: unknown): string => {
  const reading = readDate(String(value ?? ''));
  return reading.ok ? reading.date : text(value);
};

/** Why a typed date cannot be read (a day the calendar or the era lacks), or null: blank or readable. */
export const dateRefusal = (value: string): string | null => {
  if (value.trim() === '') return null;
  const reading = readDate(value);
  return reading.ok ? null : reading.message;
};

/** Schema pieces for the benefit wizards' forms, with the same Japanese messages as the engine's input schema. */
export const formSchemas = {
  month: z.preprocess(text, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年月は YYYY-MM 形式で入力してください' })),
  date: z.preprocess((value) => String(value ?? ''), isoDate()),
  yen: z.preprocess(
    parseNumber,
    z
      .number({ error: (issue) => (issue.input === undefined ? '入力してください' : '数値で入力してください') })
      .int({ error: '円単位の整数で入力してください' })
      .min(0, { error: '0以上の金額を入力してください' }),
  ),
  count: z.preprocess(
    parseNumber,
    z
      .number({ error: (issue) => (issue.input === undefined ? '入力してください' : '数値で入力してください') })
      .int({ error: '整数で入力してください' })
      .min(1, { error: '1以上で入力してください' }),
  ),
};

/** Runs an engine function whose refusals are CalcErrors, turning a refusal into an issue on the field it names. */
export function engineIssues(run: () => unknown, fieldOf: (path: string) => string, label: (field: string) => string): FieldIssue[] {
  try {
    run();
    return [];
  } catch (error) {
    if (!(error instanceof CalcError)) throw error;
    const field = fieldOf(error.path);
    return [{ field, label: label(field), message: error.message }];
  }
}
