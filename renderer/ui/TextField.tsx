import { useId } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

type Props<T extends FieldValues> = { label: string; name: Path<T>; form: UseFormReturn<T>; autoFocus?: boolean; inputMode?: 'text' | 'numeric' };

/** A labelled text input wired to react-hook-form, with its error announced and tied to the field. */
export function TextField<T extends FieldValues>({ label, name, form, autoFocus, inputMode }: Props<T>) {
  const id = useId();
  const error = form.formState.errors[name]?.message;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <input
        id={id}
        {...form.register(name)}
        autoFocus={autoFocus}
        inputMode={inputMode}
        aria-invalid={error ? true : undefined}
        aria-describedby={error ? `${id}-error` : undefined}
      />
      {typeof error === 'string' && (
        <p id={`${id}-error`} className="field-error">
          {label}: {error}
        </p>
      )}
    </div>
  );
}
