import type { FieldValues } from 'react-hook-form';
import { parseNumber } from '../../shared/text/numberText';
import { FieldFrame, useField, type FieldProps } from './Field';

type Props<TInput extends FieldValues, TOutput> = FieldProps<TInput, TOutput> & {
  autoFocus?: boolean;
  type?: 'text' | 'password';
  /** Numbers are typed as text (IME-safe) and handed to the schema as numbers by the one parser (shared/text/numberText). */
  numeric?: boolean;
};

/** '４５，０００' → 45000; blank stays '' and anything that is not a number stays text, so the schema names the field. */
const typedNumber = (value: unknown) => parseNumber(value) ?? '';

/** A labelled text input wired to react-hook-form, with its error announced and tied to the field. */
export function TextField<TInput extends FieldValues, TOutput>({ label, name, form, autoFocus, type = 'text', numeric, hint }: Props<TInput, TOutput>) {
  const { id, error, aria } = useField(form, name, hint);
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <input
        id={id}
        type={type}
        {...form.register(name, numeric ? { setValueAs: typedNumber } : {})}
        autoFocus={autoFocus}
        // Never remembered by the browser, not even the login ID: a shared closed-network terminal keeps no trace of who typed what.
        autoComplete="off"
        inputMode={numeric ? 'numeric' : undefined}
        spellCheck={false}
        {...aria}
      />
    </FieldFrame>
  );
}
