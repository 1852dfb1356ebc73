/** The axes the tables are indexed by. Column order of every 級地 row follows standards-data/README.md. */
export const kyuchiList = ['1級地-1', '1級地-2', '2級地-1', '2級地-2', '3級地-1', '3級地-2'] as const;
export type Kyuchi = (typeof kyuchiList)[number];
/** One amount per 級地, in `kyuchiList` order. */
export type KyuchiRow = readonly [number, number, number, number, number, number];

/** 加算 and 住宅扶助 are set per 級地 group (1級地 = 1級地-1 and 1級地-2, …). */
export const kyuchiGroups = ['1級地', '2級地', '3級地'] as const;
export type KyuchiGroup = (typeof kyuchiGroups)[number];
export type KyuchiGroupRow = Readonly<Record<KyuchiGroup, number>>;

export const kyuchiGroupOf = (kyuchi: Kyuchi): KyuchiGroup => kyuchi.slice(0, 3) as KyuchiGroup;
export const kyuchiColumn = (row: KyuchiRow, kyuchi: Kyuchi): number => row[kyuchiList.indexOf(kyuchi)]!;

export const tokiChikuList = ['I', 'II', 'III', 'IV', 'V', 'VI'] as const;
export type TokiChiku = (typeof tokiChikuList)[number];

/** 第1類 and 経過的加算 age bands (age on the 1st of the month assessed). */
export const ageBands = ['0-2', '3-5', '6-11', '12-17', '18-19', '20-40', '41-59', '60-64', '65-69', '70-74', '75-'] as const;
export type AgeBand = (typeof ageBands)[number];

/** The band whose lower bound is the highest one not above `age`, for bands written `from-to` / `from-`. */
export function bandOf<B extends string>(bands: readonly B[], age: number): B {
  for (let i = bands.length - 1; i >= 0; i--) if (age >= parseInt(bands[i]!, 10)) return bands[i]!;
  throw new RangeError(`年齢が負です: ${age}`);
}

export const ageBandOf = (age: number): AgeBand => bandOf(ageBands, age);

/** Tables list 1–9 people and an add-on per person from the 10th (第2類, 冬季加算, 期末一時扶助). */
export type BySizeWithAddOn = { bySize: readonly [number, number, number, number, number, number, number, number, number]; perPersonOver9: number };

export function amountForSize(table: BySizeWithAddOn, n: number): number {
  return n <= 9 ? table.bySize[n - 1]! : table.bySize[8] + (n - 9) * table.perPersonOver9;
}
