import type { ComponentPropsWithoutRef } from 'react';
import { useWatch, type FieldValues } from 'react-hook-form';
import { readDate } from '../../shared/format/dateInput';
import { formatWareki } from '../../shared/format/wareki';
import { FieldFrame, useField, type FieldProps } from './Field';

/** What every date field says it takes (before the field's own hint, if any). */
export const dateHint = '例: 令和8年4月1日・R8.4.1・S40.1.5・2026-04-01';

/**
 * How a typed date reads, beside the field: `令和8年12月4日（2026-12-04）` — the 和暦 the product shows dates in, and
 * the Western date to cross-check. Nothing while the text is not yet a date: the field's error says why, on blur.
 */
export function DateReading({ typed, htmlFor }: { typed: unknown; htmlFor: string }) {
  const reading = typeof typed === 'string' && typed.trim() !== '' ? readDate(typed) : null;
  return (
    <output htmlFor={htmlFor} className="date-reading">
      {reading?.ok ? `${formatWareki(reading.date)}（${reading.date}）` : ''}
    </output>
  );
}

/**
 * The one date field of every form: a text input (IME-safe; no native date picker, whose mm/dd/yyyy follows the OS
 * locale) that takes 和暦 and 西暦 (shared/format/dateInput.ts, which the form's schema reads with too) and reads the
 * date back beside it.
 */
export function DateField<TInput extends FieldValues, TOutput>({
  label,
  name,
  form,
  hint: note,
  autoFocus,
}: FieldProps<TInput, TOutput> & { autoFocus?: boolean }) {
  const hint = note ? `${dateHint}。${note}` : dateHint;
  const { id, error, aria } = useField(form, name, hint);
  const typed = useWatch({ control: form.control, name });
  return (
    <FieldFrame id={id} label={label} hint={hint} error={error}>
      <span className="date-field">
        <input id={id} type="text" {...form.register(name)} autoFocus={autoFocus} autoComplete="off" spellCheck={false} {...aria} />
        <DateReading typed={typed} htmlFor={id} />
      </span>
    </FieldFrame>
  );
}

/**
 * The same input outside a react-hook-form form (a filter's 期間, a single date beside a result): the caller holds the
 * text and reads it with `typedDay` when it is used.
 */
export function DateInput({
  id,
  value,
  onChange,
  ...rest
}: { id: string; value: string; onChange(value: string): void } & Omit<ComponentPropsWithoutRef<'input'>, 'id' | 'value' | 'onChange' | 'type'>) {
  return (
    <span className="date-field">
      <input id={id} type="text" value={value} onChange={(e) => onChange(e.target.value)} autoComplete="off" spellCheck={false} {...rest} />
      <DateReading typed={value} htmlFor={id} />
    </span>
  );
}

/** A date typed in a DateInput as `YYYY-MM-DD` ('' for blank), or an error whose message starts with the field's label. */
export function typedDay(label: string, typed: string): string {
  if (typed.trim() === '') return '';
  const reading = readDate(typed);
  if (!reading.ok) throw new Error(`${label}: ${reading.message}`);
  return reading.date;
}
