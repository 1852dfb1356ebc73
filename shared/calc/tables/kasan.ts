import type { KyuchiGroup, KyuchiGroupRow, KyuchiRow } from './dimensions.js';
import type { DatedTable, SourceStatus } from './provenance.js';

/** 各種加算（居宅・月額）from kasan.json (benefit-rules.md §3). A `null` amount = not found (❌); never guessed. */

export type DisabilityClass = 'A' | 'B';
export type ShogaishaKasanValues = {
  byClass: Readonly<Record<DisabilityClass, KyuchiGroupRow>>;
  /** Support differs by 級地 group: the 1級地 figures have a second source, the others do not. */
  groupStatus: Readonly<Record<KyuchiGroup, SourceStatus>>;
  /** The figures another source gives for the same period, when the sources disagree. */
  conflictingFigures: { byClass: Readonly<Record<DisabilityClass, KyuchiGroupRow>>; source: string } | null;
};

const shogaishaR7_10: ShogaishaKasanValues['byClass'] = {
  A: { '1級地': 26810, '2級地': 24940, '3級地': 23060 },
  B: { '1級地': 17870, '2級地': 16620, '3級地': 15380 },
};

export const shogaishaKasan: DatedTable<ShogaishaKasanValues> = {
  id: 'shogaishaKasan',
  label: '障害者加算（居宅）',
  file: 'kasan.json',
  periods: [
    {
      from: '2025-10-01',
      to: '2026-03-31',
      status: 'singleSource',
      sources: ['S4', 'S1'],
      note: '1級地はS4（千葉県R7.10）とS1（R3.4）が一致。2級地・3級地はS1（令和3年4月）のみ。',
      values: { byClass: shogaishaR7_10, groupStatus: { '1級地': 'verified', '2級地': 'singleSource', '3級地': 'singleSource' }, conflictingFigures: null },
    },
    {
      from: '2026-04-01',
      to: null,
      status: 'conflicting',
      sources: ['S4', 'S1', 'S3'],
      note: 'S3は「令和8年4月」としてA 27,460/25,540/23,620・B 18,300/17,020/15,750を掲げるが他に裏付けなし。令和7年10月の額を用い、相違を根拠に明示する（告示別表第1第2章で確認すること）。',
      values: {
        byClass: shogaishaR7_10,
        groupStatus: { '1級地': 'conflicting', '2級地': 'conflicting', '3級地': 'conflicting' },
        conflictingFigures: {
          byClass: { A: { '1級地': 27460, '2級地': 25540, '3級地': 23620 }, B: { '1級地': 18300, '2級地': 17020, '3級地': 15750 } },
          source: 'S3（令和8年4月算出方法PDFとの表示）',
        },
      },
    },
  ],
};

export type BoshiKasanValues = Readonly<Record<KyuchiGroup, { child1: number; child2: number; perChildFrom3rd: number }>>;

export const boshiKasan: DatedTable<BoshiKasanValues> = {
  id: 'boshiKasan',
  label: '母子加算',
  file: 'kasan.json',
  periods: [
    {
      from: '2021-04-01',
      to: null,
      status: 'verified',
      sources: ['S1', 'S3', 'S7'],
      note: 'ひとり親世帯（父子も対象）。児童は18歳到達後最初の3月31日まで。令和3年4月〜令和8年4月まで同額。',
      values: {
        '1級地': { child1: 18800, child2: 23600, perChildFrom3rd: 2900 },
        '2級地': { child1: 17400, child2: 21800, perChildFrom3rd: 2700 },
        '3級地': { child1: 16100, child2: 20200, perChildFrom3rd: 2500 },
      },
    },
  ],
};

export const jidoYoikuKasan: DatedTable<{ perChild: number }> = {
  id: 'jidoYoikuKasan',
  label: '児童養育加算',
  file: 'kasan.json',
  periods: [
    {
      from: '2021-04-01',
      to: null,
      status: 'verified',
      sources: ['S1', 'S3', 'S4', 'S7'],
      note: '18歳到達後最初の3月31日までの児童1人につき。',
      values: { perChild: 10190 },
    },
  ],
};

export const jidoYoikuKeikaKasan: DatedTable<{ perChild: number }> = {
  id: 'jidoYoikuKeikaKasan',
  label: '児童養育加算に係る経過的加算',
  file: 'kasan.json',
  periods: [
    {
      from: '2021-04-01',
      to: null,
      status: 'singleSource',
      sources: ['S1'],
      note: 'S1の実装（令和3年）。S3は令和8年4月時点でも存続と記載。対象: 3人以下世帯で3歳未満児が入院等／4人以上世帯の3歳未満児／第3子以降の3歳〜小学校修了前の児童。',
      values: { perChild: 4330 },
    },
  ],
};

export const boshiKeikaAgeBands = ['0-2', '3-5', '6-11', '12-14', '15-17', '18-19'] as const;
export type BoshiKeikaAgeBand = (typeof boshiKeikaAgeBands)[number];

export const boshiSetaiKeikaKasan: DatedTable<Readonly<Record<'3' | '4' | '5+', Readonly<Record<BoshiKeikaAgeBand, KyuchiRow>>>>> = {
  id: 'boshiSetaiKeikaKasan',
  label: '母子世帯等に係る経過的加算',
  file: 'legacy/boshi-keika.csv',
  periods: [
    {
      from: '2021-04-01',
      to: null,
      status: 'singleSource',
      sources: ['S1'],
      note: 'S1の令和3年の表。S3は令和8年4月時点でも存続（〜3,330円）と記載するが現行の表は未確認。子1人のひとり親世帯（3人以上）のみ。',
      values: {
        '3': {
          '0-2': [3330, 3330, 0, 0, 0, 0],
          '3-5': [3330, 3330, 0, 0, 0, 0],
          '6-11': [3330, 3330, 3200, 0, 0, 0],
          '12-14': [3330, 3330, 3200, 2780, 1760, 0],
          '15-17': [0, 0, 0, 0, 0, 0],
          '18-19': [3330, 3330, 3200, 2780, 1760, 0],
        },
        '4': {
          '0-2': [3330, 3330, 3200, 3200, 2900, 0],
          '3-5': [3330, 3330, 3200, 3200, 2900, 2900],
          '6-11': [3330, 3330, 3200, 3200, 2900, 2900],
          '12-14': [3330, 3330, 3200, 3200, 2900, 2900],
          '15-17': [0, 0, 0, 0, 0, 0],
          '18-19': [3330, 3330, 3200, 3200, 2900, 2900],
        },
        '5+': {
          '0-2': [3330, 3330, 3200, 3200, 2900, 2900],
          '3-5': [3330, 3330, 3200, 3200, 2900, 2900],
          '6-11': [3330, 3330, 3200, 3200, 2900, 2900],
          '12-14': [3330, 3330, 3200, 3200, 2900, 2900],
          '15-17': [0, 0, 0, 0, 0, 0],
          '18-19': [3330, 3330, 3200, 3200, 2900, 2900],
        },
      },
    },
  ],
};

export type NinsanpuKasanValues = Readonly<Record<KyuchiGroup, { pregnantUnder6Months: number; pregnant6MonthsOrMore: number; postpartum: number } | null>>;

export const ninsanpuKasan: DatedTable<NinsanpuKasanValues> = {
  id: 'ninsanpuKasan',
  label: '妊産婦加算',
  file: 'kasan.json',
  periods: [
    {
      from: '2021-04-01',
      to: null,
      status: 'singleSource',
      sources: ['S1'],
      note: 'S1（MHLW 000771098.pdf を引用）。1級地の額のみ。2級地・3級地の額は未取得。産後は6か月以内。',
      values: { '1級地': { pregnantUnder6Months: 9130, pregnant6MonthsOrMore: 13790, postpartum: 8480 }, '2級地': null, '3級地': null },
    },
  ],
};

export const kaigoHokenryoKasan: DatedTable<{ rule: string }> = {
  id: 'kaigoHokenryoKasan',
  label: '介護保険料加算',
  file: 'kasan.json',
  periods: [
    {
      from: '2021-04-01',
      to: null,
      status: 'singleSource',
      sources: ['S1'],
      note: '規則のみ（一般知識、S1は実費として計上外）。数表なし。',
      values: { rule: '介護保険第1号被保険者の普通徴収保険料の実費' },
    },
  ],
};

export const zaitakuKanjaKasan: DatedTable<Readonly<Record<KyuchiGroup, number | null>>> = {
  id: 'zaitakuKanjaKasan',
  label: '在宅患者加算',
  file: 'kasan.json',
  periods: [
    {
      from: '2021-04-01',
      to: null,
      status: 'singleSource',
      sources: ['S1'],
      note: 'S1のみ。1級地の額のみ。2級地・3級地の額は未取得。',
      values: { '1級地': 13270, '2級地': null, '3級地': null },
    },
  ],
};

export const hoshasenKasan: DatedTable<{ current: number; recovered: number }> = {
  id: 'hoshasenKasan',
  label: '放射線障害者加算',
  file: 'kasan.json',
  periods: [
    {
      from: '2021-04-01',
      to: null,
      status: 'singleSource',
      sources: ['S1'],
      note: 'S1のみ。現に罹患／治癒（元罹患者）。',
      values: { current: 43830, recovered: 21920 },
    },
  ],
};

export const kaigoShisetsuKasan: DatedTable<{ amount: number }> = {
  id: 'kaigoShisetsuKasan',
  label: '介護施設入所者加算',
  file: 'kasan.json',
  periods: [{ from: '2021-04-01', to: null, status: 'singleSource', sources: ['S1'], note: 'S1のみ。', values: { amount: 9880 } }],
};
