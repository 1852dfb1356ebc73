import { addDays } from '../casework/calendarDate.js';
import { ageOn } from '../calc/dates.js';

/**
 * 世帯類型 of 被保護者調査, as data: each type's definition quoted from its source, the thresholds the test below reads,
 * and what of it this system cannot verify or does not record (`unverified`, shown as 要確認 on the screen and in
 * the export). The classification is the first type in `householdTypeRules` whose test passes.
 */

export const householdTypes = ['elderly', 'singleMother', 'disabled', 'sick', 'other'] as const;
export type HouseholdType = (typeof householdTypes)[number];

/** The definitions' source: one publisher, read as an archived copy; not in shared/reference (hence 要確認 below). */
export const householdTypeSource = '厚生労働省「被保護者調査 用語の解説 1.世帯類型」 https://www.mhlw.go.jp/toukei/list/74-16_yougo.html';

export interface HouseholdTypeRule {
  type: HouseholdType;
  label: string;
  /** The source's wording. */
  definition: string;
  /** Why the rule as applied here is 要確認; null when the definition is applied as written. */
  unverified: string | null;
}

export const householdTypeThresholds = {
  /** 高齢者: 男女とも65歳以上. */
  elderlyAge: 65,
  /** 高齢者世帯・母子世帯の子: 18歳未満. */
  childAgeBelow: 18,
  /** 母子世帯の母: 65歳未満. */
  motherAgeBelow: 65,
} as const;

const ageBasis = '年齢は各月の末日現在（年齢計算ニ関スル法律により誕生日の前日に加齢）で判定している。調査の基準日は参照資料で未確認。';

export const householdTypeRules: readonly HouseholdTypeRule[] = [
  {
    type: 'elderly',
    label: '高齢者世帯',
    definition: '男女とも65歳以上の者のみで構成されている世帯か、これらに18歳未満の者が加わった世帯をいう。',
    unverified: ageBasis,
  },
  {
    type: 'singleMother',
    label: '母子世帯',
    definition:
      '死別、離別、生死不明及び未婚等により、現に配偶者がいない65歳未満の女子と18歳未満のその子（養子を含む。）のみで構成されている世帯をいい、「死別」、「離別」と「その他」に区分する。',
    unverified: `配偶者の有無は世帯員の続柄（夫・妻）から判断し、「死別」「離別」「その他」の区分は記録項目がないため出さない。${ageBasis}`,
  },
  {
    type: 'disabled',
    label: '障害者世帯',
    definition: '世帯主が障害者加算を受けているか、身体障害、知的障害等の心身上の障害のため働けない者である世帯をいう。',
    unverified: '世帯主の障害者加算（世帯員の「障害」欄）で判定する。「障害のため働けない」は記録項目がないため判定に含まれない。',
  },
  {
    type: 'sick',
    label: '傷病者世帯',
    definition: '世帯主が入院しているか在宅患者加算を受けている世帯、又は世帯主が傷病のため働けない者である世帯をいう。',
    unverified: '入院・在宅患者加算・傷病による稼働不能は世帯員の記録項目にないため、記録されるまで0世帯と計上される。',
  },
  {
    type: 'other',
    label: 'その他の世帯',
    definition: '上記のいずれにも該当しない世帯をいう。',
    unverified: null,
  },
];

/** The order in which the types are tried is the source's numbering; the source does not say it is a precedence. */
export const householdTypeOrderNote = '複数の類型に該当する世帯は、出典の番号順（高齢者→母子→障害者→傷病者）で先の類型に分類している（要確認）。';

export const householdTypeLabels = Object.fromEntries(householdTypeRules.map((r) => [r.type, r.label])) as Record<HouseholdType, string>;

/** What the classification reads of a member. */
export interface TypedMember {
  birthDate: string;
  sex: 'male' | 'female' | 'other';
  /** 'head' for the 世帯主, otherwise the relation to the head (子, 妻 …). */
  relation: string;
  /** Receives 障害者加算 (Member.disability A or B). */
  disability: boolean;
  /** 入院・在宅患者加算・傷病により稼働不能: not recorded on members yet, so false from stored data. */
  sick: boolean;
}

const HEAD = 'head';
const spouses = new Set(['夫', '妻']);

/** The day after `date`, remembered for the last date asked: a month's figures ask it for every member. */
let lastDate = '';
let lastDayAfter = '';
const dayAfter = (date: string) => {
  if (date !== lastDate) {
    lastDate = date;
    lastDayAfter = addDays(date, 1);
  }
  return lastDayAfter;
};

/** Age as of the end of `date`: a person reaches an age the day before the birthday (年齢計算ニ関スル法律). */
export const ageAtEndOf = (birthDate: string, date: string): number => ageOn(birthDate, dayAfter(date));

/**
 * The 世帯類型 of a household whose members (those living in it on `date`) are given; null when it has no head
 * on that date (nothing to classify: the reconciliation lists it).
 */
export function classifyHousehold(members: readonly TypedMember[], date: string): HouseholdType | null {
  const head = members.find((m) => m.relation === HEAD);
  if (!head) return null;
  const { elderlyAge, childAgeBelow, motherAgeBelow } = householdTypeThresholds;
  const ages = members.map((m) => ageAtEndOf(m.birthDate, date));
  const elderly = ages.some((a) => a >= elderlyAge) && ages.every((a) => a >= elderlyAge || a < childAgeBelow);
  if (elderly) return 'elderly';
  const others = members.filter((m) => m !== head);
  const singleMother =
    head.sex === 'female' &&
    ageAtEndOf(head.birthDate, date) < motherAgeBelow &&
    others.length > 0 &&
    others.every((m) => m.relation === '子' && ageAtEndOf(m.birthDate, date) < childAgeBelow) &&
    !members.some((m) => spouses.has(m.relation));
  if (singleMother) return 'singleMother';
  if (head.disability) return 'disabled';
  if (head.sick) return 'sick';
  return 'other';
}
