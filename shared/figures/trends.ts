import { aidLabels, aids } from '../domain/aids.js';
import type { MonthlyFigures } from './monthlyFigures.js';

/**
 * The dashboard's trend charts as data: each chart is a set of series over the months, read from the months'
 * figures (monthlyFigures), so the chart, the table behind it and the 月次 tables cannot disagree.
 */
export interface Series {
  label: string;
  /** One value per month of the chart; null where there is nothing to divide by (a share with no persons). */
  values: readonly (number | null)[];
}

export interface TrendChart {
  id: 'households' | 'flow' | 'aids' | 'medicalShare';
  title: string;
  unit: string;
  /** Lines for levels, bars for the month's flows. */
  kind: 'line' | 'bar';
  months: readonly string[];
  series: readonly Series[];
}

/** 医療扶助人員 as a share (%, 0.1) of 被保護実人員 not suspended; null when there is none. */
export const medicalShare = (f: MonthlyFigures): number | null =>
  f.persons.receiving.value === 0 ? null : Math.round((f.aids.medical.value / f.persons.receiving.value) * 1000) / 10;

export function trendCharts(months: readonly MonthlyFigures[]): TrendChart[] {
  const over = (value: (f: MonthlyFigures) => number | null) => months.map(value);
  const axis = months.map((f) => f.month);
  return [
    {
      id: 'households',
      title: '被保護世帯数の推移',
      unit: '世帯',
      kind: 'line',
      months: axis,
      series: [
        { label: '被保護世帯数（停止中を含む）', values: over((f) => f.households.total.value) },
        { label: 'うち保護停止中', values: over((f) => f.households.suspended.value) },
      ],
    },
    {
      id: 'flow',
      title: '保護開始・廃止世帯数の推移',
      unit: '世帯',
      kind: 'bar',
      months: axis,
      series: [
        { label: '保護開始', values: over((f) => f.starts.total.value) },
        { label: '保護廃止', values: over((f) => f.terminations.total.value) },
      ],
    },
    {
      id: 'aids',
      title: '扶助別人員の推移（停止中を除く）',
      unit: '人',
      kind: 'line',
      months: axis,
      series: aids.map((aid) => ({ label: aidLabels[aid], values: over((f) => f.aids[aid].value) })),
    },
    {
      id: 'medicalShare',
      title: '医療扶助人員の割合の推移',
      unit: '%',
      kind: 'line',
      months: axis,
      series: [{ label: '医療扶助人員の割合（被保護実人員（停止中を除く）に対する）', values: over(medicalShare) }],
    },
  ];
}
