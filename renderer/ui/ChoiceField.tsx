import { useId } from 'react';
import { get, type FieldValues, type Path, type UseFormReturn } from 'react-hook-form';

type Option = { value: string; label: string };

type Props<T extends FieldValues> = { label: string; name: Path<T>; form: UseFormReturn<T>; options: readonly Option[]; hint?: string };

/** A labelled select wired to react-hook-form, its error announced and tied to the field like TextField's. */
export function SelectField<T extends FieldValues>({ label, name, form, options, hint }: Props<T>) {
  const id = useId();
  const error = (get(form.formState.errors, name) as { message?: unknown } | undefined)?.message;
  return (
    <div className="field">
      <label htmlFor={id}>{label}</label>
      <select
        id={id}
        {...form.register(name)}
        aria-invalid={error ? true : undefined}
        aria-describedby={[hint && `${id}-hint`, error && `${id}-error`].filter(Boolean).join(' ') || undefined}
      >
        {options.map((o) => (
          <option key={o.value} value={o.value}>
            {o.label}
          </option>
        ))}
      </select>
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

/** A labelled checkbox (yes/no questions such as eligibility requirements). */
export function CheckField<T extends FieldValues>({ label, name, form, hint }: Omit<Props<T>, 'options'>) {
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
