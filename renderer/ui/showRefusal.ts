import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { InvalidRecordError } from '../data/errors';
import { messageOf } from './messageOf';

/**
 * Where a refusal is shown: the data layer's refusal of one field next to that field (`fieldOf` maps its field
 * names to the form's), anything else — no access, out of scope — as the form's alert, after `what` failed.
 */
export function showRefusal<T extends FieldValues>(
  error: unknown,
  {
    setError,
    fieldOf = {},
    fail,
    what,
  }: { setError: UseFormSetError<T>; fieldOf?: Partial<Record<string, Path<T>>>; fail: (message: string) => void; what: string },
): void {
  const field = error instanceof InvalidRecordError ? fieldOf[error.field] : undefined;
  if (field) setError(field, { message: messageOf(error) }, { shouldFocus: true });
  else fail(`${what}: ${messageOf(error)}`);
}
