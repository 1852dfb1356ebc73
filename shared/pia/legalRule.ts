/**
 * A period or threshold the law gives, kept as data with where it comes from and from when it applies (like the
 * calculation tables, shared/calc/tables). `confirmed: false` is 要確認: the text was not in the project's reference
 * (../shared/reference) and must be checked against the law before it is relied on; the screens say so beside it.
 */
export interface LegalRule<T> {
  /** ISO date from which this version applies (inclusive); `to: null` until the next amendment. */
  from: string;
  to: string | null;
  /** Article or document, in Japanese, as a reader would look it up. */
  source: string;
  confirmed: boolean;
  /** Anything a reader must know before relying on it (how days are counted, what is unverified). */
  note: string;
  values: T;
}

/** The version of a rule in force on `date`; none is an error, never a silent default. */
export function ruleOn<T>(label: string, versions: readonly LegalRule<T>[], date: string): LegalRule<T> {
  const found = versions.find((v) => v.from <= date && (v.to === null || date <= v.to));
  if (!found) throw new RangeError(`${date} に適用される「${label}」の規定が登録されていません`);
  return found;
}

export const confirmationLabel = (rule: { confirmed: boolean }): string => (rule.confirmed ? '' : '要確認');
