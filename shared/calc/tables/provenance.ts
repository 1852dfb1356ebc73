import { CalcError } from '../calcError.js';
import type { SourceId } from './sources.js';

/**
 * Every figure keeps where it came from (benefit-rules.md §0) and how well it is supported:
 * ✅✅ → verified, ✅ → singleSource, ⚠️ → conflicting. Gaps (❌) are not tables; the engine says so in the basis.
 */
export type SourceStatus = 'verified' | 'singleSource' | 'conflicting';

export const sourceStatuses = ['verified', 'singleSource', 'conflicting'] as const satisfies readonly SourceStatus[];

/** An effective period. Dates are ISO `YYYY-MM-DD`, both ends inclusive; `to: null` = until the next amendment. */
export type TablePeriod<T> = {
  from: string;
  to: string | null;
  status: SourceStatus;
  sources: readonly SourceId[];
  /** Why the status is what it is, and anything a reader must know before relying on the figures. */
  note: string;
  values: T;
};

export type DatedTable<T> = {
  id: string;
  /** Japanese name shown in bases and in `seiho params`. */
  label: string;
  /** The standards-data file the figures were transcribed from. */
  file: string;
  periods: readonly TablePeriod<T>[];
};

/** The period in force on `date`, or null — for optional rules whose absence is itself the answer. */
export function inForceOrNull<T>(table: DatedTable<T>, date: string): TablePeriod<T> | null {
  return table.periods.find((p) => p.from <= date && (p.to === null || date <= p.to)) ?? null;
}

/** The period in force on `date`; a date outside every period is an error, never a silent default. */
export function inForce<T>(table: DatedTable<T>, date: string): TablePeriod<T> {
  const period = inForceOrNull(table, date);
  if (!period) {
    const known = table.periods.map((p) => `${p.from}〜${p.to ?? ''}`).join('、');
    throw new CalcError('tableNotInForce', 'month', `${date} に適用される「${table.label}」がありません（収録期間: ${known}）`);
  }
  return period;
}

export const isUnverified = (status: SourceStatus): boolean => status !== 'verified';

const statusLabels: Record<SourceStatus, string> = {
  verified: '複数出典一致',
  singleSource: '単一出典・要確認',
  conflicting: '出典間に相違・要確認',
};

export const statusLabel = (status: SourceStatus): string => statusLabels[status];

/**
 * The provenance appended to every basis: table, period, sources and, when not verified, 要確認. Kept short because a
 * bulk recalculation holds tens of thousands of these; `seiho params` gives the files and the full source register.
 */
export function provenance(table: DatedTable<unknown>, period: TablePeriod<unknown>, status: SourceStatus = period.status): string {
  const sources = period.sources.join('・');
  return `［${table.label} ${period.from}〜${period.to ?? ''} 出典${sources}／${statusLabel(status)}］`;
}
