import type { DatedTable } from './provenance.js';

/** 特例加算 per person per month (benefit-rules.md §1.5). Nothing is decided after 2027-09, so later months fail. */
export type TokureiKasanValues = { kyotaku: number; nyuinShisetsu: number };

export const tokureiKasan: DatedTable<TokureiKasanValues> = {
  id: 'tokureiKasan',
  label: '特例加算',
  file: 'tokurei-kasan.csv',
  periods: [
    {
      from: '2023-10-01',
      to: '2025-09-30',
      status: 'singleSource',
      sources: ['S2'],
      note: 'S2の説明文（「2023年度から」）のみ。数値の表は未確認。',
      values: { kyotaku: 1000, nyuinShisetsu: 1000 },
    },
    {
      from: '2025-10-01',
      to: '2026-09-30',
      status: 'verified',
      sources: ['S2', 'S4', 'S7'],
      note: '居宅1,500円は3出典一致。入院・介護施設1,000円はS2のみ。',
      values: { kyotaku: 1500, nyuinShisetsu: 1000 },
    },
    {
      from: '2026-10-01',
      to: '2027-09-30',
      status: 'verified',
      sources: ['S3', 'S2', 'S7'],
      note: '告示第1章の4「世帯人員一人につき月額2,500円」（令和8年告示第245号）。入院・介護施設1,000円はS2（資料4 p.2）。2027年10月以降は未定。',
      values: { kyotaku: 2500, nyuinShisetsu: 1000 },
    },
  ],
};
