import { aidLabels, aids } from '../domain/aids.js';
import { householdTypeLabels, householdTypes } from './householdTypes.js';
import type { Figure, MonthlyFigures } from './monthlyFigures.js';
import { reasonLabel, startReasons, terminationReasons, UNRECORDED_REASON } from './reasonCodes.js';

/**
 * The 月次 export as data: the layout is a list of rows, each naming a figure by its key (`figureValues`), so the
 * layout can be corrected to the official one without touching the computation. The official import format of the
 * 生活保護業務データシステム was not found (mission-anchors.md §F, §J-4): the layout is ours and the file says so
 * in its header (要確認).
 */

export interface CsvLayout {
  name: string;
  /** null when the layout is the official one, verified; otherwise why it is 要確認 (first line of the file). */
  unverified: string | null;
  columns: readonly [string, string, string];
  rows: readonly { section: string; label: string; key: string }[];
}

export const monthlyCsvLayout: CsvLayout = {
  name: '被保護者調査 月次（本システムの様式）',
  unverified: '要確認: 生活保護業務データシステムの取込様式は未確認のため、本システム独自の様式で出力しています',
  columns: ['区分', '項目', '値'],
  rows: [
    { section: '被保護世帯数', label: '被保護実世帯数（保護停止中を含む）', key: 'households.total' },
    { section: '被保護世帯数', label: '被保護実世帯数（保護停止中を除く）', key: 'households.receiving' },
    { section: '被保護世帯数', label: '保護停止中世帯数', key: 'households.suspended' },
    { section: '被保護実人員', label: '被保護実人員（保護停止中を含む）', key: 'persons.total' },
    { section: '被保護実人員', label: '被保護実人員（保護停止中を除く）', key: 'persons.receiving' },
    { section: '被保護実人員', label: '保護停止中人員', key: 'persons.suspended' },
    ...householdTypes.map((t) => ({ section: '世帯類型別世帯数', label: householdTypeLabels[t], key: `types.${t}` })),
    ...aids.map((a) => ({ section: '扶助別人員', label: aidLabels[a], key: `aids.${a}` })),
    { section: '保護開始', label: '保護開始世帯数', key: 'starts.total' },
    ...[...startReasons.map((r) => r.code), UNRECORDED_REASON].map((c) => ({ section: '保護開始の理由', label: reasonLabel(c), key: `starts.${c}` })),
    { section: '保護廃止', label: '保護廃止世帯数', key: 'terminations.total' },
    ...[...terminationReasons.map((r) => r.code), UNRECORDED_REASON].map((c) => ({
      section: '保護廃止の理由',
      label: reasonLabel(c),
      key: `terminations.${c}`,
    })),
    { section: '申請', label: '保護の申請件数', key: 'applications' },
    { section: '申請', label: '却下件数', key: 'rejections' },
    { section: '申請', label: '取下げ件数', key: 'withdrawals' },
    { section: '保護率', label: '人口', key: 'rate.population' },
    { section: '保護率', label: '保護率（‰）', key: 'rate.perMille' },
  ],
};

/** Every figure of the month by key; the screen and the export both read them from here. */
export function figureValues(f: MonthlyFigures): Record<string, number | null> {
  const values: Record<string, number | null> = {};
  const put = (prefix: string, group: Record<string, Figure>) => {
    for (const [key, figure] of Object.entries(group)) values[`${prefix}.${key}`] = figure.value;
  };
  put('households', f.households);
  put('persons', f.persons);
  put('types', f.types);
  put('aids', f.aids);
  put('starts', { total: f.starts.total, ...f.starts.byReason });
  put('terminations', { total: f.terminations.total, ...f.terminations.byReason });
  values.applications = f.applications.value;
  values.rejections = f.rejections.value;
  values.withdrawals = f.withdrawals.value;
  values['rate.population'] = f.rate.population;
  values['rate.perMille'] = f.rate.perMille;
  return values;
}

const cell = (text: string) => (/[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text);

/**
 * The month's figures as CSV (UTF-8 with BOM for spreadsheet software, CRLF): a header line with the layout's
 * 要確認 note, the month, then one row per layout row. A key the figures do not have is refused, not left blank.
 */
export function monthlyFiguresCsv(f: MonthlyFigures, layout: CsvLayout, officeName: string): string {
  const values = figureValues(f);
  const lines = [
    [`# ${layout.name}`, layout.unverified ?? '様式確認済み', `${officeName} ${f.month}（${f.asOf}現在）`],
    layout.columns,
    ...layout.rows.map((row) => {
      if (!(row.key in values)) throw new Error(`様式の項目「${row.label}」のキー ${row.key} に当たる数値がありません`);
      const value = values[row.key];
      return [row.section, row.label, value === null || value === undefined ? '' : String(value)];
    }),
  ];
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
