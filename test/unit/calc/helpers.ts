import { tryCalculate, type CalcResult } from '../../../shared/calc/minimumCost.js';

/** A birth date that gives `age` on the 1st of `month` (born mid-June, well away from the 1st). */
export function bornAged(age: number, month: string): string {
  const [year, mon] = month.split('-').map(Number) as [number, number];
  return `${year - age - (mon <= 6 ? 1 : 0)}-06-15`;
}

/** Calculates and fails the test with the issues if the input was rejected. */
export function calc(input: Record<string, unknown>): CalcResult {
  const outcome = tryCalculate(input);
  if (!outcome.ok) throw new Error(outcome.issues.map((i) => `${i.path}: ${i.message}`).join('\n'));
  return outcome.value;
}

export const lineAmount = (result: CalcResult, code: string): number | undefined =>
  [...result.lines, ...result.incomeLines].find((l) => l.code === code)?.amount;

export const members = (month: string, ...ages: number[]) => ages.map((age, i) => ({ id: `m${i + 1}`, birthDate: bornAged(age, month) }));
