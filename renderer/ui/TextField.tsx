import { useState } from 'react';
import type { FieldValues } from 'react-hook-form';
import { parseNumber } from '../../shared/text/numberText';
import { FieldFrame, useField, type FieldProps } from './Field';

type Props<TInput extends FieldValues, TOutput> = FieldProps<TInput, TOutput> & {
  autoFocus?: boolean;
  /** 'password': shown as dots (see the component's comment for why it is no password input). */
  type?: 'text' | 'password';
  /** Numbers are typed as text (IME-safe) and handed to the schema as numbers by the one parser (shared/text/numberText). */
  numeric?: boolean;
  /** Digits shown as dots while typed (個人番号: not readable over a shoulder), with a 表示 toggle beside it that the keyboard reaches. */
  revealable?: boolean;
};

/** '４５，０００' → 45000; blank stays '' and anything that is not a number stays text, so the schema names the field. */
const typedNumber = (value: unknown) => parseNumber(value) ?? '';

/**
 * A labelled text input wired to react-hook-form, with its error announced and tied to the field.
 *
 * Nothing typed here is kept by the browser: `autoComplete="off"` (and the Form's) keeps Chromium from saving the
 * value with the page for session restore or learning it for autofill, and no spellchecker reads it. Secrets are
 * masked by CSS on a text input, never `type="password"`: Chromium's password manager ignores autocomplete="off" and,
 * on every submit of a form with a password field, writes the field it takes for the user name — a login ID, or a
 * birth date beside a 個人番号 — in clear into the profile's "Login Data".
 */
export function TextField<TInput extends FieldValues, TOutput>({
  label,
  name,
  form,
  autoFocus,
  type = 'text',
  numeric,
  revealable,
  hint,
}: Props<TInput, TOutput>) {
  const { id, error, aria } = useField(form, name, hint);
  const [revealed, setRevealed] = useState(false);
  const masked = (type === 'password' || revealable) && !revealed;
  const input = (
    <input
      id={id}
      type="text"
      className={masked ? 'masked' : undefined}
      {...form.register(name, numeric ? { setValueAs: typedNumber } : {})}
      autoFocus={autoFocus}
      autoComplete="off"
      autoCapitalize="off"
      inputMode={numeric || revealable ? 'numeric' : undefined}
      spellCheck={false}
      {...aria}
    />
  );
  if (!revealable) {
    return (
      <FieldFrame id={id} label={label} hint={hint} error={error}>
        {input}
      </FieldFrame>
    );
  }
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <span className="masked-field">
        {input}
        <button
          type="button"
          className="secondary"
          aria-pressed={revealed}
          aria-controls={id}
          aria-label={`${label}を表示`}
          onClick={() => setRevealed((r) => !r)}
        >
          表示
        </button>
      </span>
    </FieldFrame>
  );
}
