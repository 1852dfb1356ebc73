import { z } from 'zod';
import { isRealDate } from '../../shared/calc/dates';

/**
 * The zod pieces every form uses, with their Japanese messages: staff type on IME keyboards, so input is
 * NFKC-normalised (full-width digits, spaces) before it is judged.
 */
const normalized = () => z.string().transform((value) => value.normalize('NFKC').trim());

/** A calendar date typed as 年-月-日. */
export const dateField = () => normalized().refine(isRealDate, { error: '実在する日付を 年-月-日（例: 2026-04-01）で入力してください' });

/** A date that has happened: records, applications, visits. */
export const pastDateField = (today: string) => dateField().refine((date) => date <= today, { error: '未来の日付は入力できません' });

/** A year and month typed as 年-月. */
export const monthField = () => normalized().pipe(z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年-月（例: 2026-04）で入力してください' }));

/** Free text up to `max` characters; `required` is the message when it may not be empty. */
export const textField = (max: number, required?: string | null) => {
  const bounded = z.string().max(max, { error: `${max}文字以内で入力してください` });
  return normalized().pipe(required ? bounded.min(1, { error: required }) : bounded);
};
