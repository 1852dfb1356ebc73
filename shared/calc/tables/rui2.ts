import type { BySizeWithAddOn } from './dimensions.js';
import type { DatedTable } from './provenance.js';

/** 第2類 (the same for every 級地), 1–9 people plus 2,760 per person from the 10th (§1.3 ✅✅). */
export const rui2: DatedTable<BySizeWithAddOn> = {
  id: 'rui2',
  label: '生活扶助 第2類',
  file: 'seikatsu-fujo-2rui.csv',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'verified',
      sources: ['S2', 'S3', 'S4'],
      note: 'S2は1〜5人、S3・S4は1〜9人と10人以上の加算額。すべて一致。',
      values: { bySize: [27790, 38060, 44730, 48900, 49180, 55650, 58920, 61910, 64670], perPersonOver9: 2760 },
    },
  ],
};
