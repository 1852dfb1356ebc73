import type { InputIssue } from './input.js';
import { tryCalculate, type CalcResult } from './minimumCost.js';
import { standardTables, type StandardTables } from './tables/index.js';

/**
 * 一括認定 (基準改定): recalculates many households for one month. A household that fails validation is reported
 * with its issues and does not stop the others.
 */
export type RecalcEntry = { index: number; caseId: string | null } & ({ ok: true; result: CalcResult } | { ok: false; issues: InputIssue[] });
export type RecalcSummary = { month: string; count: number; succeeded: number; failed: number; totalBenefit: number; entries: RecalcEntry[] };

const caseIdOf = (household: unknown): string | null =>
  typeof household === 'object' && household !== null && 'caseId' in household && typeof household.caseId === 'string' ? household.caseId : null;

export function recalc(households: readonly unknown[], month: string, tables: StandardTables = standardTables): RecalcSummary {
  const entries = households.map((household, index): RecalcEntry => {
    const caseId = caseIdOf(household);
    const outcome = tryCalculate(typeof household === 'object' && household !== null ? { ...household, month } : household, tables);
    return outcome.ok
      ? { index, caseId, ok: true, result: outcome.value }
      : { index, caseId, ok: false, issues: outcome.issues.map((i) => ({ ...i, path: `households[${index}].${i.path}`.replace(/\.\$$/, '') })) };
  });
  const succeeded = entries.filter((e) => e.ok);
  return {
    month,
    count: entries.length,
    succeeded: succeeded.length,
    failed: entries.length - succeeded.length,
    totalBenefit: succeeded.reduce((s, e) => s + (e.ok ? e.result.totals.benefit : 0), 0),
    entries,
  };
}
