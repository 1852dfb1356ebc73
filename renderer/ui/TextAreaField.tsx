import type { FieldValues } from 'react-hook-form';
import { FieldFrame, useField, type FieldProps } from './Field';

/**
 * A labelled multi-line text (notes, narratives), its error announced and tied to the field like TextField's. No
 * spellcheck: the checker would send what is typed (a case note) through the browser's dictionary services.
 */
export function TextAreaField<TInput extends FieldValues, TOutput>({ label, name, form, rows = 6, hint }: FieldProps<TInput, TOutput> & { rows?: number }) {
  const { id, error, aria } = useField(form, name, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} rows={rows} {...form.register(name)} spellCheck={false} {...aria} />
    </FieldFrame>
  );
}
