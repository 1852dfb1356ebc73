import type { z } from 'zod';
import { localIsoDate } from '../../shared/casework/calendarDate.js';
import { InvalidRecordError } from './errors.js';

/**
 * A repository's check of what it is asked to store, with the entity's schema from shared/casework (the one its
 * form uses): the value as the schema normalises it, or InvalidRecordError naming the first field that is wrong
 * (`housing.rent`), thrown before anything is written. Repositories that store rows as given (a member's kana as
 * the 住基 spells it, a note's full-width brackets) use it as a gate only; the forms normalise what staff type.
 */
export function validRecord<S extends z.ZodType>(schema: S, value: unknown, fallbackField = 'record'): z.output<S> {
  const parsed = schema.safeParse(value);
  if (parsed.success) return parsed.data;
  const issue = parsed.error.issues[0]!;
  throw new InvalidRecordError(issue.path.length > 0 ? issue.path.join('.') : fallbackField, issue.message);
}

/** The office's day on this device, for rules such as "not in the future". */
export const deviceToday = (): string => localIsoDate(Date.now());
