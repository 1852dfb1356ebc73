import { describe, expect, it } from 'vitest';
import { figureValues, monthlyCsvLayout, monthlyFiguresCsv, type CsvLayout } from '../../../shared/figures/figuresCsv.js';
import { monthlyFigures, prepareOffice } from '../../../shared/figures/monthlyFigures.js';
import { asFigureHousehold, office } from './syntheticOffice.js';

const figures = monthlyFigures(prepareOffice(office.map(asFigureHousehold)), '2025-06', 110_000);

/** The file split back into cells (no cell of ours holds a comma or quote but the header's). */
function parse(csv: string): string[][] {
  expect(csv.startsWith('\uFEFF')).toBe(true);
  expect(csv.endsWith('\r\n')).toBe(true);
  return csv
    .slice(1, -2)
    .split('\r\n')
    .map((line) => line.split(','));
}

describe('月次 CSV', () => {
  it('says in its first line that the layout is not the verified official one (要確認), and for which month', () => {
    const [header] = parse(monthlyFiguresCsv(figures, monthlyCsvLayout, '加須市福祉事務所'));
    expect(header!.join(',')).toContain('要確認');
    expect(header!.join(',')).toContain('2025-06');
  });

  it('has one row per layout row, each with the figure the screen shows for its key', () => {
    const [, columns, ...rows] = parse(monthlyFiguresCsv(figures, monthlyCsvLayout, '加須市福祉事務所'));
    expect(columns).toEqual([...monthlyCsvLayout.columns]);
    const values = figureValues(figures);
    expect(rows).toHaveLength(monthlyCsvLayout.rows.length);
    monthlyCsvLayout.rows.forEach((row, i) => {
      expect(rows[i]!.slice(0, 2)).toEqual([row.section, row.label]);
      expect(rows[i]![2]).toBe(String(values[row.key]));
    });
    // Spot checks against the figures themselves, not only their flattening.
    const byLabel = Object.fromEntries(rows.map((r) => [r[1], r[2]]));
    expect(byLabel['被保護実世帯数（保護停止中を含む）']).toBe(String(figures.households.total.value));
    expect(byLabel.医療扶助).toBe(String(figures.aids.medical.value));
    expect(byLabel['保護率（‰）']).toBe(String(figures.rate.perMille));
  });

  it('follows a corrected layout given as data, and refuses a key that names no figure', () => {
    const corrected: CsvLayout = { ...monthlyCsvLayout, unverified: null, rows: [{ section: 'A', label: '世帯', key: 'households.receiving' }] };
    const [header, , row] = parse(monthlyFiguresCsv(figures, corrected, '事務所'));
    expect(header!.join(',')).not.toContain('要確認');
    expect(row).toEqual(['A', '世帯', String(figures.households.receiving.value)]);
    const broken: CsvLayout = { ...corrected, rows: [{ section: 'A', label: '誤り', key: 'households.everyone' }] };
    expect(() => monthlyFiguresCsv(figures, broken, '事務所')).toThrow('誤り');
  });
});
