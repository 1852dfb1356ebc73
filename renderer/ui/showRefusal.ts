import type { FieldValues, Path, UseFormSetError } from 'react-hook-form';
import { messageOf } from './messageOf';

/**
 * Where a refusal is shown: the data layer's refusal of one field next to that field (`fieldOf` maps its field
 * names to the form's), anything else — no access, out of scope — as the form's alert, after `what` failed.
 */
/**
 * The field a refusal names: the data layer's InvalidRecordError carries it. Known by its name, not its class, so the
 * screens' toolkit does not import the data layer.
 */
const refusedField = (error: unknown): string | undefined =>
  error instanceof Error && error.name === 'InvalidRecordError' && typeof (error as { field?: unknown }).field === 'string'
    ? (error as Error & { field: string }).field
    : undefined;

export function showRefusal<T extends FieldValues>(
  error: unknown,
  {
    setError,
    fieldOf = {},
    fail,
    what,
  }: { setError: UseFormSetError<T>; fieldOf?: Partial<Record<string, Path<T>>>; fail: (message: string) => void; what: string },
): void {
  const named = refusedField(error);
  const field = named === undefined ? undefined : fieldOf[named];
  if (field) setError(field, { message: messageOf(error) }, { shouldFocus: true });
  else fail(`${what}: ${messageOf(error)}`);
}
