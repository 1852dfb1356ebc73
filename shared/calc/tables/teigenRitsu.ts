import type { DatedTable } from './provenance.js';

/**
 * 逓減率 as whole percentages, so that Σ第1類 × rate stays exact integer arithmetic (0.87 as a float would put
 * the 1円未満切捨て at the mercy of binary fractions).
 */
export type TeigenRitsuValues = { percentBySize: readonly [number, number, number, number, number, number, number, number, number]; percentTenOrMore: number };

export const teigenRitsu: DatedTable<TeigenRitsuValues> = {
  id: 'teigenRitsu',
  label: '逓減率',
  file: 'teigen-ritsu.csv',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'verified',
      sources: ['S2', 'S3', 'S4'],
      note: '全級地共通。S2は1〜5人、S3・S4は1〜9人と10人以上。すべて一致。',
      values: { percentBySize: [100, 87, 75, 66, 59, 58, 55, 52, 50], percentTenOrMore: 50 },
    },
  ],
};
