import { z } from 'zod';
import { CalcError } from '../../../../shared/calc/calcError';
import { isRealDate } from '../../../../shared/calc/dates';
import { parseNumber } from '../../../../shared/text/numberText';
import type { FieldIssue } from './wizardTypes';

/** Full-width digits and stray spaces do not matter (NFKC), as everywhere staff type. */
export const text = (value: unknown): string =>
  String(value ?? '')
    .normalize('NFKC')
    .trim();

/** Schema pieces for the benefit wizards' forms, with the same Japanese messages as the engine's input schema. */
export const formSchemas = {
  month: z.preprocess(text, z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年月は YYYY-MM 形式で入力してください' })),
  date: z.preprocess(
    text,
    z
      .string()
      .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日付は YYYY-MM-DD 形式で入力してください' })
      .refine(isRealDate, { error: '存在しない日付です' }),
  ),
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
