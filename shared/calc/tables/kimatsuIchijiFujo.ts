import type { BySizeWithAddOn, Kyuchi } from './dimensions.js';
import type { DatedTable } from './provenance.js';

/**
 * 期末一時扶助 (December only), 級地 × household size (benefit-rules.md §2.3). Only the 1級地-2 cells for 3 and 4
 * people are confirmed by a second source; `verifiedCells` lists them so those lines need no 要確認.
 */
export type KimatsuValues = { byKyuchi: Readonly<Record<Kyuchi, BySizeWithAddOn>>; verifiedCells: readonly { kyuchi: Kyuchi; size: number }[] };

export const kimatsuIchijiFujo: DatedTable<KimatsuValues> = {
  id: 'kimatsuIchijiFujo',
  label: '期末一時扶助',
  file: 'kimatsu-ichiji-fujo.csv',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'singleSource',
      sources: ['S3', 'S4'],
      note: '告示（令和8年10月時点）をS3が読んだ額。1級地-2の3人・4人の欄のみS4（千葉県R7.10）と一致。',
      values: {
        byKyuchi: {
          '1級地-1': { bySize: [14500, 23640, 24360, 27410, 28560, 32490, 34500, 36540, 38270], perPersonOver9: 1750 },
          '1級地-2': { bySize: [13850, 22560, 23270, 26170, 27270, 31010, 32950, 34880, 36550], perPersonOver9: 1660 },
          '2級地-1': { bySize: [13190, 21510, 22160, 24930, 25980, 29550, 31400, 33240, 34820], perPersonOver9: 1580 },
          '2級地-2': { bySize: [12550, 20450, 21080, 23720, 24710, 28100, 29860, 31600, 33120], perPersonOver9: 1520 },
          '3級地-1': { bySize: [11890, 19380, 19980, 22470, 23420, 26640, 28300, 29970, 31390], perPersonOver9: 1420 },
          '3級地-2': { bySize: [11240, 18310, 18880, 21230, 22140, 25160, 26730, 28310, 29650], perPersonOver9: 1350 },
        },
        verifiedCells: [
          { kyuchi: '1級地-2', size: 3 },
          { kyuchi: '1級地-2', size: 4 },
        ],
      },
    },
  ],
};
