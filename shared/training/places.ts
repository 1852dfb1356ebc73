/**
 * Addresses for synthetic households: town names (町名) of 加須市 and its neighbours, with made-up block numbers
 * and apartment names. The office's municipality comes first; the others are for households that moved in.
 */
export interface Town {
  city: string;
  town: string;
  /** Whether the town uses 丁目 (then the address is 〇丁目〇番〇号). */
  chome: boolean;
}

const kazo = (town: string, chome = false): Town => ({ city: '埼玉県加須市', town, chome });

export const towns: readonly Town[] = [
  kazo('中央', true),
  kazo('本町'),
  kazo('元町'),
  kazo('南町'),
  kazo('富士見町'),
  kazo('諏訪', true),
  kazo('三俣', true),
  kazo('不動岡', true),
  kazo('礼羽'),
  kazo('花崎', true),
  kazo('南篠崎'),
  kazo('久下', true),
  kazo('大越'),
  kazo('下高柳'),
  kazo('騎西'),
  kazo('根古屋'),
  kazo('北川辺'),
  kazo('麦倉'),
  kazo('柏戸'),
  kazo('大利根'),
  kazo('旗井'),
  kazo('琴寄'),
  kazo('北下新井'),
  kazo('水深'),
  { city: '埼玉県羽生市', town: '南', chome: true },
  { city: '埼玉県久喜市', town: '本町', chome: true },
  { city: '埼玉県行田市', town: '忍', chome: true },
];

export const apartmentNames: readonly string[] = [
  'コーポ利根',
  'ハイツ不動岡',
  'メゾン加須',
  'サンハイツ',
  'グリーンコーポ',
  'シティハイム',
  'ニューハイツ騎西',
  'レジデンス中央',
  '市営住宅',
  '県営住宅',
];
