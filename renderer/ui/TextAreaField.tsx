import { useId } from 'react';
import { type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';

type Props<T extends FieldValues> = { label: string; name: Path<T>; form: UseFormReturn<T>; rows?: number; hint?: string };

/** A labelled multi-line text (notes, narratives), its error announced and tied to the field like TextField's. */
export function TextAreaField<T extends FieldValues>({ label, name, form, rows = 6, hint }: Props<T>) {
  const id = useId();
  // getFieldState, so that nested names such as `records.0.body` find their error too.
  const error = form.getFieldState(name, form.formState).error?.message;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <textarea
        id={id}
        rows={rows}
        {...form.register(name)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}
      />
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {typeof error === 'string' && (
        <p id={`${id}-error`} className="field-error">
          {label}: {error}
        </p>
      )}
    </div>
  );
}
