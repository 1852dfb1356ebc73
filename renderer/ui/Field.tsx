import { useId, type ReactNode } from 'react';
import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';

/**
 * The form a control belongs to: typed by what its inputs hold (`TInput`, whose paths name the fields) and by what
 * its schema makes of them (`TOutput`), so a form whose schema transforms its values needs no cast.
 */
export type FormOf<TInput extends FieldValues, TOutput> = UseFormReturn<TInput, unknown, TOutput>;

/** What every field component takes: its label, the form and the name of one of its fields. */
export type FieldProps<TInput extends FieldValues, TOutput> = { label: string; form: FormOf<TInput, TOutput>; name: Path<TInput>; hint?: string };

/**
 * What every form control shares: an id, its error from react-hook-form (nested names such as
 * `members.0.birthDate` included), and the aria attributes that tie hint and error to the control.
 */
export function useField<TInput extends FieldValues, TOutput>(form: FormOf<TInput, TOutput>, name: Path<TInput>, hint?: string) {
  const id = useId();
  const message = form.getFieldState(name, form.formState).error?.message;
  const error = typeof message === 'string' ? message : undefined;
  const describedBy = [hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined;
  return { id, error, aria: { 'aria-invalid': error ? true : undefined, 'aria-describedby': describedBy } };
}

/** The label above, the control, then its hint and its error (`ラベル: 理由`, so the message names the field). */
export function FieldFrame({
  id,
  label,
  hint,
  error,
  children,
}: {
  id: string;
  label: string;
  hint?: string | undefined;
  error?: string | undefined;
  children: ReactNode;
}) {
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      {children}
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
      {error && (
        <p id={`${id}-error`} className="field-error">
          {label}: {error}
        </p>
      )}
    </div>
  );
}
