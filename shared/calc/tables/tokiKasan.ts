import type { BySizeWithAddOn, TokiChiku } from './dimensions.js';
import type { DatedTable, SourceStatus } from './provenance.js';

/** 冬季加算（居宅）by 地区, the same for all 級地 (benefit-rules.md §2.1). `months` are calendar months (1–12). */
export type TokiKasanRow = BySizeWithAddOn & { months: readonly number[]; status: SourceStatus };

const octToApr = [10, 11, 12, 1, 2, 3, 4];
const novToApr = [11, 12, 1, 2, 3, 4];
const novToMar = [11, 12, 1, 2, 3];

export const tokiKasan: DatedTable<Readonly<Record<TokiChiku, TokiKasanRow>>> = {
  id: 'tokiKasan',
  label: '冬季加算（居宅）',
  file: 'toki-kasan.csv',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'singleSource',
      sources: ['S3', 'S4', 'S8'],
      note: 'VI区の額はS3・S4・S8が一致（検証済み）。I〜V区の額と各区の支給月はS3のみ（III・IV区は11月〜4月）。',
      values: {
        I: { months: octToApr, bySize: [12780, 18140, 20620, 22270, 22890, 24330, 25360, 26180, 27010], perPersonOver9: 830, status: 'singleSource' },
        II: { months: octToApr, bySize: [9030, 12820, 14570, 15740, 16170, 17180, 17920, 18500, 19080], perPersonOver9: 580, status: 'singleSource' },
        III: { months: novToApr, bySize: [7460, 10590, 12030, 13000, 13350, 14200, 14800, 15280, 15760], perPersonOver9: 480, status: 'singleSource' },
        IV: { months: novToApr, bySize: [6790, 9630, 10950, 11820, 12150, 12920, 13460, 13900, 14340], perPersonOver9: 440, status: 'singleSource' },
        V: { months: novToMar, bySize: [4630, 6580, 7470, 8070, 8300, 8820, 9200, 9490, 9790], perPersonOver9: 310, status: 'singleSource' },
        VI: { months: novToMar, bySize: [2630, 3730, 4240, 4580, 4710, 5010, 5220, 5380, 5560], perPersonOver9: 180, status: 'verified' },
      },
    },
  ],
};

/** 冬季加算の地区 by prefecture (告示 地区区分表; 埼玉県 = VI). */
export const tokiChikuByPrefecture: DatedTable<Readonly<Record<string, TokiChiku>>> = {
  id: 'tokiChikuByPrefecture',
  label: '冬季加算 地区区分',
  file: 'toki-chiku.csv',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'verified',
      sources: ['S3', 'S1'],
      note: '告示の地区区分表（S3）とS1が一致。',
      values: {
        北海道: 'I',
        青森県: 'I',
        岩手県: 'II',
        宮城県: 'III',
        秋田県: 'I',
        山形県: 'II',
        福島県: 'III',
        茨城県: 'VI',
        栃木県: 'V',
        群馬県: 'V',
        埼玉県: 'VI',
        千葉県: 'VI',
        東京都: 'VI',
        神奈川県: 'VI',
        新潟県: 'II',
        富山県: 'III',
        石川県: 'IV',
        福井県: 'IV',
        山梨県: 'V',
        長野県: 'III',
        岐阜県: 'V',
        静岡県: 'VI',
        愛知県: 'VI',
        三重県: 'VI',
        滋賀県: 'VI',
        京都府: 'VI',
        大阪府: 'VI',
        兵庫県: 'VI',
        奈良県: 'VI',
        和歌山県: 'VI',
        鳥取県: 'V',
        島根県: 'V',
        岡山県: 'VI',
        広島県: 'VI',
        山口県: 'VI',
        徳島県: 'VI',
        香川県: 'VI',
        愛媛県: 'VI',
        高知県: 'VI',
        福岡県: 'VI',
        佐賀県: 'VI',
        長崎県: 'VI',
        熊本県: 'VI',
        大分県: 'VI',
        宮崎県: 'VI',
        鹿児島県: 'VI',
        沖縄県: 'VI',
      },
    },
  ],
};
