import { useId } from 'react';
import type { FieldValues } from 'react-hook-form';
import { FieldFrame, useField, type FieldProps } from './Field';

type Option = { value: string; label: string };

type Props<TInput extends FieldValues, TOutput> = FieldProps<TInput, TOutput> & { options: readonly Option[] };

/** A labelled select wired to react-hook-form, its error announced and tied to the field like TextField's. */
export function SelectField<TInput extends FieldValues, TOutput>({ label, name, form, options, hint }: Props<TInput, TOutput>) {
  const { id, error, aria } = useField(form, name, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <select id={id} {...form.register(name)} {...aria}>
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
    </FieldFrame>
  );
}

/** A labelled checkbox (yes/no questions such as eligibility requirements). */
export function CheckField<TInput extends FieldValues, TOutput>({ label, name, form, hint }: FieldProps<TInput, TOutput>) {
  const id = useId();
  return (
    <div className="field check-field">
      <label htmlFor={id}>
        <input id={id} type="checkbox" {...form.register(name)} aria-describedby={hint ? `${id}-hint` : undefined} /> {label}
      </label>
      {hint && (
        <p id={`${id}-hint`} className="hint">
          {hint}
        </p>
      )}
    </div>
  );
}
