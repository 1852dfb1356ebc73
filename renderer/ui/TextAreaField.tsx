import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { FieldFrame, useField } from './Field';

type Props<T extends FieldValues> = { label: string; name: Path<T>; form: UseFormReturn<T>; rows?: number; hint?: string };

/** A labelled multi-line text (notes, narratives), its error announced and tied to the field like TextField's. */
export function TextAreaField<T extends FieldValues>({ label, name, form, rows = 6, hint }: Props<T>) {
  const { id, error, aria } = useField(form, name, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <textarea id={id} rows={rows} {...form.register(name)} {...aria} />
    </FieldFrame>
  );
}
