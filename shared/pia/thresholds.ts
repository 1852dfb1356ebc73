import { ruleOn, type LegalRule } from './legalRule.js';

/**
 * しきい値判断 (the PIA's II and III): how many people the file covers, how many staff handle it, and whether a
 * serious incident happened in the last year decide which assessment the office must file. The choices are the
 * PIA's own (reference 000_45afa01230c66251.txt, II 1–3 and IV 1); which assessment each combination requires is
 * 特定個人情報保護評価に関する規則第4条 and 特定個人情報保護評価指針 第5の2, which the reference does not hold: 要確認.
 */
export const subjectBands = ['under1000', 'from1000', 'from10000', 'from100000', 'from300000'] as const;
export type SubjectBand = (typeof subjectBands)[number];
export const subjectBandLabels: Record<SubjectBand, string> = {
  under1000: '1,000人未満（任意実施）',
  from1000: '1,000人以上1万人未満',
  from10000: '1万人以上10万人未満',
  from100000: '10万人以上30万人未満',
  from300000: '30万人以上',
};

export const staffBands = ['under500', 'from500'] as const;
export type StaffBand = (typeof staffBands)[number];
export const staffBandLabels: Record<StaffBand, string> = { from500: '500人以上', under500: '500人未満' };

export const assessmentKinds = ['none', 'basic', 'basicAndPriority', 'basicAndFull'] as const;
export type AssessmentKind = (typeof assessmentKinds)[number];
export const assessmentKindLabels: Record<AssessmentKind, string> = {
  none: '実施義務なし（任意実施）',
  basic: '基礎項目評価書',
  basicAndPriority: '基礎項目評価書及び重点項目評価書',
  basicAndFull: '基礎項目評価書及び全項目評価書',
};

export type ThresholdValues = {
  /** Lower bounds of the subject bands above the first, in order (people). */
  subjectFloors: { from1000: number; from10000: number; from100000: number; from300000: number };
  /** 取扱者数 at or above this is 500人以上. */
  staffFloor: number;
  /** 過去1年以内: years back from the count date, counted on the calendar (民法第143条). */
  incidentYears: number;
};

export const thresholdRules: readonly LegalRule<ThresholdValues>[] = [
  {
    from: '2014-04-20',
    to: null,
    source: '特定個人情報保護評価に関する規則第4条、特定個人情報保護評価指針第5の2（しきい値判断）。区分は評価書II 1〜3の選択肢',
    confirmed: false,
    note: '区分の境界は評価書の選択肢どおり。区分ごとに必要な評価書は規則・指針（参照資料に収録なし）と自治体の公表資料による。「過去1年以内」は計数日の1年前の同日以後とした',
    values: {
      subjectFloors: { from1000: 1_000, from10000: 10_000, from100000: 100_000, from300000: 300_000 },
      staffFloor: 500,
      incidentYears: 1,
    },
  },
];

export const thresholdRuleOn = (date: string) => ruleOn('しきい値判断', thresholdRules, date);

export function subjectBandOf(people: number, floors: ThresholdValues['subjectFloors']): SubjectBand {
  if (people >= floors.from300000) return 'from300000';
  if (people >= floors.from100000) return 'from100000';
  if (people >= floors.from10000) return 'from10000';
  if (people >= floors.from1000) return 'from1000';
  return 'under1000';
}

export const staffBandOf = (staff: number, floor: number): StaffBand => (staff >= floor ? 'from500' : 'under500');

/** The first day still "within the last year" of `countedOn`: the same calendar day `years` earlier (29 Feb → 1 Mar). */
export function incidentWindowStart(countedOn: string, years: number): string {
  const year = Number(countedOn.slice(0, 4)) - years;
  const start = new Date(Date.UTC(year, Number(countedOn.slice(5, 7)) - 1, Number(countedOn.slice(8, 10))));
  return start.toISOString().slice(0, 10);
}

/** The assessment the three answers require (規則第4条, 要確認: see `thresholdRules`). */
export function requiredAssessment(subject: SubjectBand, staff: StaffBand, seriousIncident: boolean): AssessmentKind {
  const heavy = staff === 'from500' || seriousIncident;
  switch (subject) {
    case 'under1000':
      return 'none';
    case 'from1000':
      return 'basic';
    case 'from10000':
      return heavy ? 'basicAndPriority' : 'basic';
    case 'from100000':
      return heavy ? 'basicAndFull' : 'basicAndPriority';
    case 'from300000':
      return 'basicAndFull';
  }
}

export type ThresholdFigures = {
  countedOn: string;
  /** People whose 個人番号 the file holds. */
  subjects: number;
  /** Accounts whose role reaches 個人番号. */
  handlers: number;
  /** Dates (occurred, else found) of the incidents marked serious. */
  seriousIncidentDates: readonly string[];
};

export type ThresholdJudgement = {
  subjectBand: SubjectBand;
  staffBand: StaffBand;
  seriousIncident: boolean;
  required: AssessmentKind;
  rule: LegalRule<ThresholdValues>;
};

export function judgeThresholds(figures: ThresholdFigures): ThresholdJudgement {
  const rule = thresholdRuleOn(figures.countedOn);
  const { subjectFloors, staffFloor, incidentYears } = rule.values;
  const windowStart = incidentWindowStart(figures.countedOn, incidentYears);
  const subjectBand = subjectBandOf(figures.subjects, subjectFloors);
  const staffBand = staffBandOf(figures.handlers, staffFloor);
  const seriousIncident = figures.seriousIncidentDates.some((date) => date >= windowStart && date <= figures.countedOn);
  return { subjectBand, staffBand, seriousIncident, required: requiredAssessment(subjectBand, staffBand, seriousIncident), rule };
}

/** What the office filed, as its assessment's II and IV 1 say. */
export type FiledAnswers = { subjectBand: SubjectBand; staffBand: StaffBand; seriousIncident: boolean; kind: AssessmentKind };

/** The answers that differ between the filed assessment and today's figures (empty: no re-assessment due). */
export function assessmentDifferences(filed: FiledAnswers, now: ThresholdJudgement): ('subjectBand' | 'staffBand' | 'seriousIncident' | 'kind')[] {
  const differences: ('subjectBand' | 'staffBand' | 'seriousIncident' | 'kind')[] = [];
  if (filed.subjectBand !== now.subjectBand) differences.push('subjectBand');
  if (filed.staffBand !== now.staffBand) differences.push('staffBand');
  if (filed.seriousIncident !== now.seriousIncident) differences.push('seriousIncident');
  if (filed.kind !== now.required) differences.push('kind');
  return differences;
}
