import type { KyuchiGroup } from './dimensions.js';
import type { DatedTable, SourceStatus } from './provenance.js';

/** 住宅扶助 limits for 埼玉県 and the rules around them (benefit-rules.md §4, jutaku-saitama.csv, jutaku-rules.json). */

/** Limit for 1人, 2人, 3–5人, 6人, 7人以上. */
export type JutakuLimitRow = { bySizeBand: readonly [number, number, number, number, number]; status: SourceStatus; note: string };

export const jutakuSizeBandLabels = ['1人', '2人', '3〜5人', '6人', '7人以上'] as const;
export const jutakuSizeBandIndex = (n: number): number => (n <= 2 ? n - 1 : n <= 5 ? 2 : n === 6 ? 3 : 4);

export type JutakuLimitValues = {
  /** 埼玉県's own rows, applied by 級地 group to every municipality without its own row. */
  prefecture: Readonly<Record<KyuchiGroup, JutakuLimitRow>>;
  /** 政令市・中核市 with their own limits. */
  cities: Readonly<Record<string, JutakuLimitRow>>;
};

export const jutakuLimits: DatedTable<JutakuLimitValues> = {
  id: 'jutakuLimits',
  label: '住宅扶助 限度額（埼玉県）',
  file: 'jutaku-saitama.csv',
  periods: [
    {
      from: '2015-07-01',
      to: null,
      status: 'verified',
      sources: ['S1', 'S2'],
      note: '社援発0414第9号 別表（平成27年4月14日）。S2が埼玉県HP・札幌市R7.10・MHLW R8.4 PDFと照合し現行と確認。加須市は埼玉県3級地の額（3級地-1）。',
      values: {
        prefecture: {
          '1級地': { bySizeBand: [47700, 57000, 62000, 67000, 74400], status: 'verified', note: 'S1・S2（埼玉県HPと照合）' },
          '2級地': { bySizeBand: [43000, 52000, 56000, 60000, 67000], status: 'verified', note: 'S1・S2・S5（単身43,000）' },
          '3級地': { bySizeBand: [37000, 44000, 48000, 52000, 58000], status: 'verified', note: 'S1・S2' },
        },
        cities: {
          さいたま市: { bySizeBand: [45000, 54000, 59000, 63000, 70000], status: 'verified', note: '政令指定都市。S1・S2・S3（単身・2人）' },
          川越市: { bySizeBand: [42000, 50000, 55000, 59000, 66000], status: 'verified', note: '中核市。S1・S2' },
          越谷市: { bySizeBand: [43000, 52000, 56000, 60000, 67000], status: 'verified', note: '中核市。S1・S2' },
          川口市: {
            bySizeBand: [47700, 57000, 62000, 67000, 74400],
            status: 'singleSource',
            note: '2018年中核市移行。市独自額は未確認で、S1は県1級地の額を用いS2は未確認と注記',
          },
        },
      },
    },
  ],
};

export const jutakuKijungaku: DatedTable<Readonly<Record<KyuchiGroup, number>>> = {
  id: 'jutakuKijungaku',
  label: '住宅扶助 告示基準額',
  file: 'jutaku-rules.json',
  periods: [
    {
      from: '2015-07-01',
      to: null,
      status: 'singleSource',
      sources: ['S17'],
      note: '二次資料の抜粋のみ。これを超える家賃は限度額の範囲で認定する。',
      values: { '1級地': 13000, '2級地': 13000, '3級地': 8000 },
    },
  ],
};

export const jutakuSpecialAllowance: DatedTable<{ percent: number; sevenOrMoreExtraPercent: number }> = {
  id: 'jutakuSpecialAllowance',
  label: '住宅扶助 特別基準（限度額×1.3）',
  file: 'jutaku-rules.json',
  periods: [
    {
      from: '2015-07-01',
      to: null,
      status: 'singleSource',
      sources: ['S17'],
      note: '世帯員数・世帯員の状況・住宅事情によりやむを得ない場合に限度額×1.3（7人以上はさらに×1.2）。二次資料の抜粋のみ。端数処理は未確認（1円未満切捨てで計算）。',
      values: { percent: 130, sevenOrMoreExtraPercent: 120 },
    },
  ],
};

/** Bands are checked top-down: the first whose `overSqm` the floor area exceeds applies. */
export type FloorAreaBand = { overSqm: number; label: string; percent: number };

export const jutakuFloorAreaReduction: DatedTable<{ bands: readonly FloorAreaBand[]; roundingUnit: number }> = {
  id: 'jutakuFloorAreaReduction',
  label: '住宅扶助 床面積別限度額（単身世帯）',
  file: 'jutaku-rules.json',
  periods: [
    {
      from: '2015-07-01',
      to: null,
      status: 'singleSource',
      sources: ['S5'],
      note: '社援保発0513第1号・MHLW説明資料（S5経由）。単身世帯のみ、無料低額宿泊所等の利用者は対象外。1,000円単位の四捨五入はS5の2級地例に合う推定。10㎡超11㎡未満・6㎡超7㎡未満は下位の区分に含めた。',
      values: {
        bands: [
          { overSqm: 15, label: '15㎡超', percent: 100 },
          { overSqm: 10, label: '11〜15㎡', percent: 90 },
          { overSqm: 6, label: '7〜10㎡', percent: 80 },
          { overSqm: 0, label: '6㎡以下', percent: 70 },
        ],
        roundingUnit: 1000,
      },
    },
  ],
};
