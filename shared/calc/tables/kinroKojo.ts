import type { DatedTable } from './provenance.js';

/** 勤労控除 and the other income rules (benefit-rules.md §6, kinro-kojo-kiso.csv, kinro-kojo-other.json). */

/** `FULL` = the whole income is deducted. */
export const FULL = 'FULL';
export type KisoKojoAmount = number | typeof FULL;
/** [gross from, gross to, 1人目, 2人目以降], both ends inclusive. */
export type KisoKojoRow = readonly [number, number, KisoKojoAmount, KisoKojoAmount];

export type KisoKojoValues = {
  rows: readonly KisoKojoRow[];
  /** Above the last row: each further `step` of gross adds `add1st` / `add2ndAndLater`. */
  overTable: { from: number; step: number; add1st: number; add2ndAndLater: number };
};

export const kisoKojo: DatedTable<KisoKojoValues> = {
  id: 'kisoKojo',
  label: '勤労控除 基礎控除表',
  file: 'kinro-kojo-kiso.csv',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'singleSource',
      sources: ['S2', 'S1'],
      note: '次官通知 別表をS2が転記（表はS2のみ、段階構造はS1の近似と一致）。就労収入の総額（実費控除前）で引く。適用開始日は未確認。',
      values: {
        rows: [
          [0, 15000, FULL, FULL],
          [15001, 15199, FULL, 15000],
          [15200, 18999, 15200, 15000],
          [19000, 22999, 15600, 15000],
          [23000, 26999, 16000, 15000],
          [27000, 30999, 16400, 15000],
          [31000, 34999, 16800, 15000],
          [35000, 38999, 17200, 15000],
          [39000, 42999, 17600, 15000],
          [43000, 46999, 18000, 15300],
          [47000, 50999, 18400, 15640],
          [51000, 54999, 18800, 15980],
          [55000, 58999, 19200, 16320],
          [59000, 62999, 19600, 16660],
          [63000, 66999, 20000, 17000],
          [67000, 70999, 20400, 17340],
          [71000, 74999, 20800, 17680],
          [75000, 78999, 21200, 18020],
          [79000, 82999, 21600, 18360],
          [83000, 86999, 22000, 18700],
          [87000, 90999, 22400, 19040],
          [91000, 94999, 22800, 19380],
          [95000, 98999, 23200, 19720],
          [99000, 102999, 23600, 20060],
          [103000, 106999, 24000, 20400],
          [107000, 110999, 24400, 20740],
          [111000, 114999, 24800, 21080],
          [115000, 118999, 25200, 21420],
          [119000, 122999, 25600, 21760],
          [123000, 126999, 26000, 22100],
          [127000, 130999, 26400, 22440],
          [131000, 134999, 26800, 22780],
          [135000, 138999, 27200, 23120],
          [139000, 142999, 27600, 23460],
          [143000, 146999, 28000, 23800],
          [147000, 150999, 28400, 24140],
          [151000, 154999, 28800, 24480],
          [155000, 158999, 29200, 24820],
          [159000, 162999, 29600, 25160],
          [163000, 166999, 30000, 25500],
          [167000, 170999, 30400, 25840],
          [171000, 174999, 30800, 26180],
          [175000, 178999, 31200, 26520],
          [179000, 182999, 31600, 26860],
          [183000, 186999, 32000, 27200],
          [187000, 190999, 32400, 27540],
          [191000, 194999, 32800, 27880],
          [195000, 198999, 33200, 28220],
          [199000, 202999, 33600, 28560],
          [203000, 206999, 34000, 28900],
          [207000, 210999, 34400, 29240],
          [211000, 214999, 34800, 29580],
          [215000, 218999, 35200, 29920],
          [219000, 222999, 35600, 30260],
          [223000, 226999, 36000, 30600],
          [227000, 230999, 36400, 30940],
        ],
        overTable: { from: 231000, step: 4000, add1st: 400, add2ndAndLater: 340 },
      },
    },
  ],
};

export const shinkiShuroKojo: DatedTable<{ amount: number; months: number }> = {
  id: 'shinkiShuroKojo',
  label: '新規就労控除',
  file: 'kinro-kojo-other.json',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'singleSource',
      sources: ['S2'],
      note: '次官通知 第8-3-(4)／局長通知 第8-3-(2)（S2転記）。中学・高校等卒業後または概ね3年以上就労できなかった者が継続性のある職業に就いた場合、6か月。S1の旧額は11,700円。',
      values: { amount: 12900, months: 6 },
    },
  ],
};

export const under20Kojo: DatedTable<{ amount: number; ageBelow: number }> = {
  id: 'under20Kojo',
  label: '20歳未満控除',
  file: 'kinro-kojo-other.json',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'singleSource',
      sources: ['S2'],
      note: '単身者、配偶者又は自分の子とのみで独立した世帯を営む者を除く。S1の旧額11,600円（成年18歳で判定する誤り）。',
      values: { amount: 11900, ageBelow: 20 },
    },
  ],
};

export const rinjiShunyu: DatedTable<{ householdMonthlyThreshold: number }> = {
  id: 'rinjiShunyu',
  label: '臨時的収入の認定除外額',
  file: 'kinro-kojo-other.json',
  periods: [
    {
      from: '2025-10-01',
      to: null,
      status: 'singleSource',
      sources: ['S2'],
      note: '次官通知 第8-3-(2)-エ-(イ)。世帯合算で月8,000円を超える額を収入認定。',
      values: { householdMonthlyThreshold: 8000 },
    },
  ],
};
