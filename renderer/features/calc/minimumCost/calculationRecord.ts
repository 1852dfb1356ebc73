import { addMonths, firstDayOf } from '../../../../shared/calc/dates';
import type { CalcInput } from '../../../../shared/calc/input';
import { savedLines } from '../../../../shared/casework/calculationAids';
import type { CalcLine } from '../../../../shared/calc/lines';
import type { CalcResult } from '../../../../shared/calc/minimumCost';
import { allTables } from '../../../../shared/calc/tables/index';
import { inForceOrNull, type SourceStatus } from '../../../../shared/calc/tables/provenance';
import type { Calculation } from '../../../../shared/domain/records';
import { isDamaged, type DamagedRecord } from '../../../data/errors';

/** The version of one table a calculation read: enough to tell, after a 基準改定, which figures it rested on. */
export type TableVersion = { id: string; label: string; from: string; to: string | null; status: SourceStatus; sources: readonly string[] };

/** What `Calculation.breakdown` holds for a 保護費算定: the input, the engine's whole result and the tables in force. */
export type MinimumCostBreakdown = { kind: 'minimumCost'; input: CalcInput; result: CalcResult; tables: TableVersion[] };

export function tablesInForce(month: string): TableVersion[] {
  return allTables().flatMap((table) => {
    const period = inForceOrNull(table, firstDayOf(month));
    return period ? [{ id: table.id, label: table.label, from: period.from, to: period.to, status: period.status, sources: period.sources }] : [];
  });
}

export function minimumCostBreakdown(input: CalcInput, result: CalcResult): MinimumCostBreakdown {
  return { kind: 'minimumCost', input, result, tables: tablesInForce(result.month) };
}

/** The breakdown of a stored calculation, or null when it is not a 保護費算定 this screen can show. */
export function breakdownOf(row: Calculation): MinimumCostBreakdown | null {
  return savedLines(row.breakdown) ? (row.breakdown as MinimumCostBreakdown) : null;
}

/** How many figures of a result are 要確認: its lines (最低生活費 and 収入認定) and the 要否判定. */
export function confirmationCount(result: CalcResult): number {
  return [...result.lines, ...result.incomeLines].filter((l) => l.needsConfirmation).length + (result.necessity.needsConfirmation ? 1 : 0);
}

/** The latest calculation saved for the month before `month` (ids are UUIDv7, so they sort by time of saving). */
export function previousMonthCalculation(rows: readonly (Calculation | DamagedRecord)[], month: string): Calculation | null {
  const previous = addMonths(month, -1);
  const candidates = rows.filter((r): r is Calculation => !isDamaged(r) && r.month === previous && breakdownOf(r) !== null);
  return candidates.sort((a, b) => b.id.localeCompare(a.id))[0] ?? null;
}

export type LineComparison = { code: string; label: string; current: number | null; previous: number | null; difference: number };

/** Line by line (by code, which names the member where a line is per member), this month's lines first. */
export function compareLines(current: readonly CalcLine[], previous: readonly CalcLine[]): LineComparison[] {
  const before = new Map(previous.map((l) => [l.code, l]));
  const rows: LineComparison[] = current.map((l) => {
    const prior = before.get(l.code)?.amount ?? null;
    return { code: l.code, label: l.label, current: l.amount, previous: prior, difference: l.amount - (prior ?? 0) };
  });
  const seen = new Set(current.map((l) => l.code));
  for (const l of previous) if (!seen.has(l.code)) rows.push({ code: l.code, label: l.label, current: null, previous: l.amount, difference: -l.amount });
  return rows;
}
