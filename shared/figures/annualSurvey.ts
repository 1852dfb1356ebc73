import { aidLabels, aids } from '../domain/aids.js';
import type { Member } from '../domain/records.js';
import { ageAtEndOf, classifyHousehold, householdTypeLabels, type TypedMember } from './householdTypes.js';
import type { FigureHousehold } from './monthlyFigures.js';
import { decisionsInForce, isProtected, protectionOn, protectionTimeline } from './statusHistory.js';

/**
 * 被保護者調査 年次調査 (個別調査): one record per household protected on the survey day and one per person of it,
 * keyed by the office's pseudonymous keys (renderer/data/figureFacts.ts) instead of anything that names them: no
 * 個人番号, name, address, case number or birth date (the age on the day instead), and no free text (the relation is
 * reduced to 世帯主 or 世帯員). The layout is ours, as data (要確認: the survey's 調査票 and 記入要領 were not read),
 * so it can be corrected without touching the computation.
 */

export interface SurveyPerson extends TypedMember {
  /** Pseudonymous, stable across years within the office. */
  key: string;
  disabilityGrade: Member['disability'] | null;
  workCapacity: Member['workCapacity'] | null;
  school: Member['school'] | null;
}

export interface SurveyHousehold extends FigureHousehold {
  key: string;
  members: readonly SurveyPerson[];
}

type Values = Record<string, string | number>;

export interface AnnualSurvey {
  surveyDay: string;
  households: Values[];
  persons: Values[];
}

export interface SurveyColumn {
  header: string;
  key: string;
}

export interface AnnualSurveyLayout {
  name: string;
  /** null once checked against the official 調査票; otherwise why it is 要確認 (first line of the file). */
  unverified: string | null;
  household: readonly SurveyColumn[];
  person: readonly SurveyColumn[];
}

export const annualSurveyLayout: AnnualSurveyLayout = {
  name: '被保護者調査 年次調査（個別調査）（本システムの様式）',
  unverified: '要確認: 年次調査の調査票・記入要領は未確認のため、本システム独自の様式で出力しています',
  household: [
    { header: '記録区分', key: 'record' },
    { header: '世帯キー', key: 'householdKey' },
    { header: '保護の状況', key: 'status' },
    { header: '世帯類型', key: 'type' },
    { header: '世帯人員', key: 'persons' },
    { header: '保護開始日', key: 'startedOn' },
    ...aids.map((aid) => ({ header: aidLabels[aid], key: `aid.${aid}` })),
  ],
  person: [
    { header: '記録区分', key: 'record' },
    { header: '世帯キー', key: 'householdKey' },
    { header: '個人キー', key: 'personKey' },
    { header: '世帯主', key: 'head' },
    { header: '性別', key: 'sex' },
    { header: '年齢', key: 'age' },
    { header: '障害者加算', key: 'disability' },
    { header: '稼働能力', key: 'workCapacity' },
    { header: '就学', key: 'school' },
  ],
};

const sexLabels = { male: '男', female: '女', other: 'その他' } as const;
const workCapacityLabels = { able: '有', limited: '一部', unable: '無' } as const;
const schoolLabels = { elementary: '小学校', juniorHigh: '中学校', highSchool: '高等学校等' } as const;

export function annualSurvey(households: readonly SurveyHousehold[], surveyDay: string): AnnualSurvey {
  const householdRecords: Values[] = [];
  const personRecords: Values[] = [];
  for (const household of households) {
    const inForce = decisionsInForce(household.decisions);
    const protection = protectionOn(protectionTimeline(inForce), surveyDay);
    if (!isProtected(protection)) continue;
    const living = household.members.filter((m) => m.birthDate <= surveyDay);
    const type = classifyHousehold(living, surveyDay);
    const started = inForce.filter((d) => d.kind === 'start' && d.effectiveOn <= surveyDay).at(-1);
    householdRecords.push({
      record: '世帯',
      householdKey: household.key,
      status: protection.status === 'suspended' ? '停止中' : '保護中',
      type: type ? householdTypeLabels[type] : '判定不能',
      persons: living.length,
      startedOn: started?.effectiveOn ?? '',
      ...Object.fromEntries(aids.map((aid) => [`aid.${aid}`, protection.aids.includes(aid) ? 1 : 0])),
    });
    for (const person of living) {
      personRecords.push({
        record: '個人',
        householdKey: household.key,
        personKey: person.key,
        head: person.relation === 'head' ? 1 : 0,
        sex: sexLabels[person.sex],
        age: ageAtEndOf(person.birthDate, surveyDay),
        disability: person.disabilityGrade ?? '',
        workCapacity: person.workCapacity ? workCapacityLabels[person.workCapacity] : '',
        school: person.school ? schoolLabels[person.school] : '',
      });
    }
  }
  return { surveyDay, households: householdRecords, persons: personRecords };
}

const cell = (value: string | number) => {
  const text = String(value);
  return /[",\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
};

/** The survey as CSV (UTF-8 with BOM, CRLF): the 要確認 line, then the household records and the person records, each under its header. */
export function annualSurveyCsv(survey: AnnualSurvey, layout: AnnualSurveyLayout, officeName: string): string {
  const rows = (columns: readonly SurveyColumn[], records: readonly Values[]) => [
    columns.map((c) => c.header),
    ...records.map((record) =>
      columns.map((c) => {
        if (!(c.key in record)) throw new Error(`様式の項目「${c.header}」のキー ${c.key} に当たる値がありません`);
        return record[c.key]!;
      }),
    ),
  ];
  const lines = [
    [`# ${layout.name}`, layout.unverified ?? '様式確認済み', `${officeName} 調査日 ${survey.surveyDay}`],
    ...rows(layout.household, survey.households),
    ...rows(layout.person, survey.persons),
  ];
  return `\uFEFF${lines.map((line) => line.map(cell).join(',')).join('\r\n')}\r\n`;
}
