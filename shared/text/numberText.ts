/**
 * The one reading of a number typed by staff, for every form and the command-line input: IME keyboards give
 * full-width digits and signs (NFKC folds them), and people group thousands with `,` `，` or `、`. Anything that is
 * still not a number comes back as the normalised text, so the schema that receives it names the field.
 */

/** Thousands separators and stray spaces: `,` (and `，`, which NFKC folds to it), `、` (and half-width `､`). */
const separators = /[,、\s]/gu;
/** Minus signs NFKC leaves alone (U+2212 MINUS SIGN, U+2010 HYPHEN), read as `-`. */
const minusSigns = /[\u2212\u2010]/gu;
const numeral = /^-?\d+(\.\d+)?$/u;

/** `'１２，３４５'` → `'12345'`: NFKC, one kind of minus, no separators or spaces. */
export function numberText(value: unknown): string {
  return String(value ?? '')
    .normalize('NFKC')
    .replace(minusSigns, '-')
    .replace(separators, '');
}

/** The number typed; `undefined` when nothing was typed; the normalised text when it is not a number. */
export function parseNumber(value: unknown): number | string | undefined {
  if (typeof value === 'number') return value;
  const text = numberText(value);
  if (text === '') return undefined;
  return numeral.test(text) ? Number(text) : text;
}
