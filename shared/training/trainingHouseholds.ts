import type { CaseStatus } from '../casework/caseStatus.js';
import { addDays, monthOf, type IsoDate } from '../casework/calendarDate.js';
import { defaultVisitGrades, nextVisitDue } from '../casework/visitPlan.js';
import { addMonths } from '../calc/dates.js';
import type { CaseRecord, Member } from '../domain/records.js';
import { ageAtEndOf, householdTypeThresholds, type HouseholdType } from '../figures/householdTypes.js';
import { formatYen } from '../format/yen.js';
import { familyNames, femaleGivenNames, maleGivenNames, type NameWithKana } from './names.js';
import { apartmentNames, towns } from './places.js';
import { seededRandom, type SeededRandom } from './seededRandom.js';
import { buildTrainingHistory, type TrainingHistory, type TrainingHistoryOptions } from './trainingHistory.js';

/**
 * Synthetic households for a training office (研修用事務所): realistic names and kana, ages, compositions in the
 * proportions welfare offices report (mostly elderly single people), addresses in 加須市, declared incomes, and a
 * short case history. Pure and seeded: the same options give the same households. Never a 個人番号 or a 宛名番号 —
 * nothing here may look like a real identifier — and every case number starts with 研修 so a row is
 * recognisable as synthetic wherever it ends up.
 */

export const TRAINING_CASE_PREFIX = '研修';
/** Member['relation'] of the 世帯主. */
const HEAD = 'head';

export type Composition = 'elderlySingle' | 'elderlyCouple' | 'disabledOrSick' | 'singleMother' | 'other';

/** 世帯類型 roughly as in the national statistics (被保護者調査): over half are elderly households. */
const compositions: readonly (readonly [Composition, number])[] = [
  ['elderlySingle', 46],
  ['elderlyCouple', 8],
  ['disabledOrSick', 25],
  ['singleMother', 4],
  ['other', 17],
];

export const incomeKinds = ['年金', '就労収入', '児童扶養手当', '児童手当'] as const;
export type IncomeKind = (typeof incomeKinds)[number];
export interface DeclaredIncome {
  kind: IncomeKind;
  /** Monthly, integer yen. */
  monthly: number;
}

export type TrainingMember = Pick<Member, 'name' | 'kana' | 'birthDate' | 'sex' | 'relation'> & {
  incomes: DeclaredIncome[];
  /** Only with `history`: the 世帯主 of a 障害者世帯 receives 障害者加算; of a 傷病者世帯 is 傷病 (not stored). */
  disability?: 'A' | 'B';
  sick?: boolean;
};
export type TrainingRecord = Pick<CaseRecord, 'recordedOn' | 'kind' | 'body'>;

export interface TrainingHousehold {
  caseNumber: string;
  composition: Composition;
  status: CaseStatus;
  address: string;
  phone: string | null;
  assignedTo: string | null;
  /** The first member is the head. */
  members: TrainingMember[];
  /** Oldest first. */
  records: TrainingRecord[];
  visit: { grade: string; nextDueOn: IsoDate };
  /** Only with the `history` option. */
  history?: TrainingHistory;
}

export interface TrainingOptions {
  seed: number;
  count: number;
  /** Caseworker user ids, assigned round-robin; empty leaves the households unassigned. */
  assignees: readonly string[];
  /** The date the history leads up to (injected so that output does not depend on the clock). */
  today: IsoDate;
  /** Position of the first household, for generating in batches: batch k of size b passes k × b. */
  offset?: number;
  /**
   * Adds each household's protection history over this many months up to `today` (trainingHistory.ts); its members
   * are then made to fit their 世帯類型 through the whole window and its status is where the history ends. Drawn
   * from a stream of its own: without it, the households are exactly as before.
   */
  history?: TrainingHistoryOptions;
}

const statuses: readonly (readonly [CaseStatus, number])[] = [
  ['active', 88],
  ['suspended', 3],
  ['application', 5],
  ['consultation', 4],
];

/** A date on which someone is `age` years old on `today`. */
function birthDateFor(random: SeededRandom, age: number, today: IsoDate): IsoDate {
  const month = random.int(1, 12);
  const day = random.int(1, 28);
  const mmdd = `${String(month).padStart(2, '0')}-${String(day).padStart(2, '0')}`;
  const year = Number(today.slice(0, 4)) - age - (mmdd > today.slice(5) ? 1 : 0);
  return `${String(year).padStart(4, '0')}-${mmdd}`;
}

function person(random: SeededRandom, family: NameWithKana, sex: 'male' | 'female', age: number, relation: string, today: IsoDate): TrainingMember {
  const [given, givenKana] = random.pick(sex === 'male' ? maleGivenNames : femaleGivenNames);
  return { name: `${family[0]} ${given}`, kana: `${family[1]} ${givenKana}`, birthDate: birthDateFor(random, age, today), sex, relation, incomes: [] };
}

/** 年金 by the month (old-age basic pension, often partial), 就労収入 rounded to 100 yen. */
const pension = (random: SeededRandom): DeclaredIncome => ({ kind: '年金', monthly: random.int(20, 68) * 1000 });
const wages = (random: SeededRandom, low: number, high: number): DeclaredIncome => ({ kind: '就労収入', monthly: random.int(low, high) * 100 });

function membersFor(random: SeededRandom, composition: Composition, today: IsoDate): TrainingMember[] {
  const family = random.pick(familyNames);
  const sex = (): 'male' | 'female' => (random.chance(0.5) ? 'male' : 'female');
  switch (composition) {
    case 'elderlySingle': {
      const head = person(random, family, sex(), random.int(65, 93), HEAD, today);
      if (random.chance(0.7)) head.incomes.push(pension(random));
      return [head];
    }
    case 'elderlyCouple': {
      const head = person(random, family, 'male', random.int(67, 90), HEAD, today);
      const wife = person(random, family, 'female', random.int(63, 88), '妻', today);
      head.incomes.push(pension(random));
      if (random.chance(0.6)) wife.incomes.push(pension(random));
      return [head, wife];
    }
    case 'disabledOrSick': {
      const head = person(random, family, sex(), random.int(35, 64), HEAD, today);
      // 障害基礎年金 (2級 or 1級, by the month) for some.
      if (random.chance(0.4)) head.incomes.push({ kind: '年金', monthly: random.pick([68_000, 85_000]) });
      return [head];
    }
    case 'singleMother': {
      const age = random.int(24, 46);
      const head = person(random, family, 'female', age, HEAD, today);
      const children = Array.from({ length: random.int(1, 3) }, () => person(random, family, sex(), random.int(0, Math.min(17, age - 18)), '子', today));
      if (random.chance(0.6)) head.incomes.push(wages(random, 300, 1400));
      head.incomes.push({ kind: '児童扶養手当', monthly: random.int(30, 46) * 1000 });
      head.incomes.push({ kind: '児童手当', monthly: 10_000 * children.length });
      return [head, ...children];
    }
    case 'other': {
      const age = random.int(22, 64);
      const head = person(random, family, sex(), age, HEAD, today);
      if (random.chance(0.5)) head.incomes.push(wages(random, 200, 1200));
      const parent = random.chance(0.25) ? [person(random, family, 'female', random.int(Math.max(65, age + 20), Math.max(90, age + 30)), '母', today)] : [];
      for (const p of parent) p.incomes.push(pension(random));
      return [head, ...parent];
    }
  }
}

function addressFor(random: SeededRandom): string {
  const town = random.pick(towns);
  const block = town.chome
    ? `${random.int(1, 5)}丁目${random.int(1, 30)}番${random.int(1, 20)}号`
    : `${random.int(1, 3000)}番地${random.chance(0.5) ? random.int(1, 20) : ''}`;
  const flat = random.chance(0.55) ? ` ${random.pick(apartmentNames)}${random.int(1, 3)}0${random.int(1, 8)}号室` : '';
  return `${town.city}${town.town}${block}${flat}`;
}

/** Made up, and unreachable: a 市内局番 never starts with 0, so 0480-00-… is no one's number. */
const phoneFor = (random: SeededRandom): string | null => (random.chance(0.7) ? `0480-00-${String(random.int(0, 9999)).padStart(4, '0')}` : null);

const describeIncomes = (members: readonly TrainingMember[]): string => {
  const lines = members.flatMap((m) => m.incomes.map((i) => `${m.name.split(' ')[1]}の${i.kind} 月額${formatYen(i.monthly)}`));
  return lines.length > 0 ? `収入申告: ${lines.join('、')}。` : '収入なしの申告。';
};

const situations: Record<Composition, readonly string[]> = {
  elderlySingle: ['高齢で就労は困難。預貯金が尽き、家賃の支払いが滞っている。', '年金のみでは生活できず、親族からの援助も見込めない。'],
  elderlyCouple: ['夫婦ともに高齢。年金だけでは生活費と医療費を賄えない。', '夫の入院を機に生活が立ち行かなくなった。'],
  disabledOrSick: ['持病の悪化で離職し、傷病手当金の支給も終了した。', '精神疾患で通院中。就労は主治医と相談しながら検討する。'],
  singleMother: ['離婚後、子を養育しながらパート就労しているが収入が不足する。', '養育費の支払いが止まり、生活費が不足している。'],
  other: ['失業し、求職活動中だが手持ち金が尽きた。', '派遣の契約が終了し、住居を失うおそれがある。'],
};

const visitNotes: readonly string[] = [
  '居宅を訪問し本人と面接。室内は整頓されており、生活状況に大きな変化なし。',
  '家庭訪問。通院状況を確認し、服薬は続けているとのこと。',
  '訪問時不在のため、連絡票を投函した。後日電話で状況を確認する。',
  '家庭訪問。収入の申告漏れがないよう改めて説明した。',
  '訪問。就労に向けてハローワークへの同行を提案した。',
];

function historyFor(
  random: SeededRandom,
  composition: Composition,
  members: TrainingMember[],
  startedOn: IsoDate,
  intervalMonths: number,
  today: IsoDate,
): TrainingRecord[] {
  const records: TrainingRecord[] = [
    {
      recordedOn: addDays(startedOn, -random.int(7, 14)),
      kind: 'interview',
      body: `面接相談。${random.pick(situations[composition])}${describeIncomes(members)}`,
    },
  ];
  // The latest visits before today, one per grade interval, as a caseworker's notes would show them.
  const months: string[] = [];
  for (let month = addMonths(monthOf(startedOn), 1); month < monthOf(today); month = addMonths(month, intervalMonths)) months.push(month);
  for (const month of months.slice(-5)) {
    records.push({
      recordedOn: `${month}-${String(random.int(1, 28)).padStart(2, '0')}`,
      kind: random.chance(0.85) ? 'visit' : 'call',
      body: random.pick(visitNotes),
    });
  }
  return records;
}

const builtAsOf: Record<Composition, (random: SeededRandom) => HouseholdType> = {
  elderlySingle: () => 'elderly',
  elderlyCouple: () => 'elderly',
  disabledOrSick: (random) => (random.chance(0.6) ? 'disabled' : 'sick'),
  singleMother: () => 'singleMother',
  other: () => 'other',
};

const olderBy = (member: TrainingMember, years: number): TrainingMember =>
  years <= 0 ? member : { ...member, birthDate: `${String(Number(member.birthDate.slice(0, 4)) - years).padStart(4, '0')}${member.birthDate.slice(4)}` };

/**
 * The members made to be their type in every month of a window of `years`: elderly members 65 or over from its
 * start, children born before it; the head of a 障害者/傷病者世帯 given the fact that makes it one.
 */
function fitMembers(random: SeededRandom, builtAs: HouseholdType, members: readonly TrainingMember[], years: number, today: IsoDate): TrainingMember[] {
  const age = (m: TrainingMember) => ageAtEndOf(m.birthDate, today);
  const { elderlyAge } = householdTypeThresholds;
  switch (builtAs) {
    case 'elderly':
      return members.map((m) => olderBy(m, elderlyAge + years - age(m)));
    case 'singleMother':
      return members.map((m) => (m.relation === HEAD ? m : olderBy(m, years - age(m))));
    case 'disabled':
      return members.map((m) => (m.relation === HEAD ? { ...m, disability: random.pick(['A', 'B'] as const) } : m));
    case 'sick':
      return members.map((m) => (m.relation === HEAD ? { ...m, sick: true } : m));
    case 'other':
      return [...members];
  }
}

/** The `options.count` households from position `options.offset` on; positions decide case numbers and assignment. */
export function generateTrainingHouseholds(options: TrainingOptions): TrainingHousehold[] {
  const { seed, count, assignees, today, offset = 0 } = options;
  return Array.from({ length: count }, (_, i) => {
    const position = offset + i;
    // One stream per household, so batch k of a generation equals the same slice of a generation in one go.
    const random = seededRandom(Math.imul(seed ^ 0x5bd1e995, 0x01000193) + position * 0x9e3779b1);
    const composition = random.weighted(compositions);
    const status = random.weighted(statuses);
    const members = membersFor(random, composition, today);
    const grade = random.weighted(defaultVisitGrades.slice(0, 3).map((g, k) => [g, [2, 5, 3][k]!] as const));
    const startedOn = addDays(today, -random.int(30, 3650));
    // Cases still at 相談/申請 have only their first interview.
    const records = historyFor(random, composition, members, status === 'active' || status === 'suspended' ? startedOn : today, grade.intervalMonths, today);
    const lastVisit = records.filter((r) => r.kind === 'visit').at(-1)?.recordedOn ?? null;
    const household: TrainingHousehold = {
      caseNumber: `${TRAINING_CASE_PREFIX}${seed}-${String(position + 1).padStart(5, '0')}`,
      composition,
      status,
      address: addressFor(random),
      phone: phoneFor(random),
      assignedTo: assignees.length > 0 ? assignees[position % assignees.length]! : null,
      members,
      records,
      visit: { grade: grade.code, nextDueOn: nextVisitDue(grade, lastVisit, startedOn).dueBy },
    };
    if (!options.history) return household;
    const own = seededRandom(Math.imul(seed ^ 0x27d4eb2f, 0x01000193) + position * 0x85ebca6b);
    const builtAs = builtAsOf[composition](own);
    const built = buildTrainingHistory(own, status, builtAs, today, options.history);
    const years = Math.ceil(options.history.months / 12);
    return { ...household, status: built.status, members: fitMembers(own, builtAs, members, years, today), history: built.history };
  });
}
