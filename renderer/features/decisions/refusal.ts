import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { InvalidRecordError } from '../../data/errors';
import { messageOf } from '../../ui/messageOf';

/**
 * Puts a data-layer refusal where the user will look: on the field it names when the form has that field,
 * otherwise as the form's message (returned for FormAlert).
 */
export function showRefusal<T extends FieldValues>(form: UseFormReturn<T>, fields: readonly string[], error: unknown, prefix: string): string | null {
  if (error instanceof InvalidRecordError && fields.includes(error.field)) {
    form.setError(error.field as Path<T>, { message: error.message }, { shouldFocus: true });
    return null;
  }
  return `${prefix}: ${messageOf(error)}`;
}
