import type { FieldValues, Path, UseFormReturn } from 'react-hook-form';
import { FieldFrame, useField } from './Field';

type Props<T extends FieldValues> = {
  label: string;
  name: Path<T>;
  form: UseFormReturn<T>;
  autoFocus?: boolean;
  type?: 'text' | 'password';
  /** Numbers are typed as text (IME-safe), normalised from full width, and handed to the schema as numbers. */
  numeric?: boolean;
  autoComplete?: string;
  hint?: string;
};

/** '１０' or ' 10 ' → 10; anything that is not a whole number stays text, so the schema reports it. */
function toNumber(value: unknown): unknown {
  if (typeof value === 'number') return value;
  const text = String(value ?? '').normalize('NFKC').replace(/[,\s]/g, '');
  return /^-?\d+$/.test(text) ? Number(text) : text;
}

/** A labelled text input wired to react-hook-form, with its error announced and tied to the field. */
export function TextField<T extends FieldValues>({ label, name, form, autoFocus, type = 'text', numeric, autoComplete, hint }: Props<T>) {
  const { id, error, aria } = useField(form, name, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type={type}
        {...form.register(name, numeric ? { setValueAs: toNumber } : {})}
        autoFocus={autoFocus}
        autoComplete={autoComplete ?? 'off'}
        inputMode={numeric ? 'numeric' : undefined}
        {...aria}
      />
    </FieldFrame>
  );
}
