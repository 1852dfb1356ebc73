import type { DatedTable } from './provenance.js';

/** 教育扶助 基準額 and 高等学校等就学費 (benefit-rules.md §5, kyoiku-fujo.json). Monthly yen. */

export const kyoikuFujoElementary: DatedTable<{ amount: number }> = {
  id: 'kyoikuFujoElementary',
  label: '教育扶助 基準額（小学校）',
  file: 'kyoiku-fujo.json',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'verified',
      sources: ['S4', 'S3'],
      note: '千葉県R7.10（S4）と令和8年4月（S3）が一致。適用開始日は未確認（旧額2,600円は令和3年）。',
      values: { amount: 3400 },
    },
  ],
};

export const kyoikuFujoJuniorHigh: DatedTable<{ amount: number }> = {
  id: 'kyoikuFujoJuniorHigh',
  label: '教育扶助 基準額（中学校）',
  file: 'kyoiku-fujo.json',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'singleSource',
      sources: ['S3'],
      note: 'S3（令和8年4月）のみ。benefit-rules.md §12は令和7年10月以降にも用いる。旧額5,100円（令和3年）。',
      values: { amount: 5300 },
    },
  ],
};

export const koutougakkouKihongaku: DatedTable<{ amount: number }> = {
  id: 'koutougakkouKihongaku',
  label: '高等学校等就学費 基本額',
  file: 'kyoiku-fujo.json',
  periods: [
    {
      from: '2025-04-01',
      to: null,
      status: 'verified',
      sources: ['S3', 'S16'],
      note: 'S3（令和8年4月）とS16（令和7年4月現在）が一致。旧額5,300円（令和3年）。',
      values: { amount: 7300 },
    },
  ],
};

/** The other 高等学校等就学費 items are paid at cost up to these caps; the engine only reports them. */
export const koutougakkouOtherItems: DatedTable<{
  gakkyuhiMonthlyMax: number;
  nyugakuKousaryoPerSchoolMax: number;
  nyugakuJunbikinAnnualMax: number;
  gakushuShienhiAnnualMax: number;
}> = {
  id: 'koutougakkouOtherItems',
  label: '高等学校等就学費 その他の費目（上限）',
  file: 'kyoiku-fujo.json',
  periods: [
    {
      from: '2025-04-01',
      to: null,
      status: 'singleSource',
      sources: ['S16'],
      note: 'S16（令和7年4月現在）のみ。教材代・通学交通費は実費、授業料・入学料は公立高校相当額。',
      values: { gakkyuhiMonthlyMax: 2170, nyugakuKousaryoPerSchoolMax: 30000, nyugakuJunbikinAnnualMax: 118200, gakushuShienhiAnnualMax: 101000 },
    },
  ],
};
