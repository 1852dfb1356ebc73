import { tryCalculate } from '../../../../shared/calc/minimumCost';
import type { Kyuchi, TokiChiku } from '../../../../shared/calc/tables/dimensions';
import type { Housing } from '../../../../shared/domain/records';
import { parseNumber } from '../../../../shared/text/numberText';
import { dateRefusal, dateText, text } from '../wizard/formValues';
import type { FieldIssue } from '../wizard/wizardTypes';

/**
 * The 保護費算定 wizard's form: what the caseworker typed, as typed (text, so IME input and a half-entered figure
 * survive in the draft). `toCalcInput` turns it into the engine's input, and the engine's own schema validates it:
 * the wizard has no rules of its own, only the mapping of engine paths back to the fields.
 */
export type MemberForm = {
  /** Stable within the form: incomes point at it, so renaming or removing a member cannot misattribute income. */
  key: string;
  /** The case's member record, when started from a case. */
  recordId: string | null;
  /** 氏名・呼称; the engine's member id, shown in every basis. */
  name: string;
  birthDate: string;
  disability: '' | 'A' | 'B';
  school: '' | 'elementary' | 'juniorHigh' | 'highSchool';
  pregnancy: '' | 'pregnant' | 'postpartum';
  pregnancyMonths: string;
  careInsurancePremium: string;
  homePatient: boolean;
  radiation: '' | 'current' | 'recovered';
  careFacility: boolean;
};

export type IncomeForm = {
  memberKey: string;
  type: 'earned' | 'pension' | 'other' | 'temporary';
  amount: string;
  expenses: string;
  newEmployment: boolean;
  employmentStartMonth: string;
  /** The income's place in `MinimumCostForm.fromCase.incomes` when it was taken from the case. */
  caseIndex?: number;
};

export type MinimumCostForm = {
  month: string;
  proRataFrom: string;
  proRataTo: string;
  members: MemberForm[];
  municipality: string;
  kyuchi: '' | Kyuchi;
  tokiChiku: '' | TokiChiku;
  singleParent: boolean;
  housing: { present: boolean; rent: string; floorAreaSqm: string; special: boolean; specialReason: string; freeLowCostLodging: boolean };
  incomes: IncomeForm[];
  /** What the case said, when the wizard was started for one (caseForm.ts): the fields it filled are marked. */
  fromCase?: CaseSnapshot;
};

/**
 * What the case said for each field the wizard filled from it, kept in the draft: a field equal to it is
 * 「ケースから」, one the caseworker changed is 「変更」. A value the case does not record has no entry.
 */
export type CaseSnapshot = {
  /** The month whose declared incomes were taken. */
  month: string;
  municipality?: { value: string; officeDefault: boolean };
  singleParent?: boolean;
  housing?: Partial<MinimumCostForm['housing']>;
  /** The household's housing as recorded (null: not recorded), against which a changed rent may be saved back. */
  housingRecord: Housing | null;
  /** By the member's record id (members can be added or removed in the wizard). */
  members: Record<string, Partial<MemberForm>>;
  /** By `IncomeForm.caseIndex` (incomes can be added or removed too). */
  incomes: IncomeForm[];
};

export const emptyMember = (key: string, name: string, birthDate = '', recordId: string | null = null): MemberForm => ({
  key,
  recordId,
  name,
  birthDate,
  disability: '',
  school: '',
  pregnancy: '',
  pregnancyMonths: '',
  careInsurancePremium: '',
  homePatient: false,
  radiation: '',
  careFacility: false,
});

export const emptyIncome = (memberKey: string): IncomeForm => ({
  memberKey,
  type: 'earned',
  amount: '',
  expenses: '',
  newEmployment: false,
  employmentStartMonth: '',
});

export function initialMinimumCostForm(month: string, municipality: string, members: MemberForm[]): MinimumCostForm {
  return {
    month,
    proRataFrom: '',
    proRataTo: '',
    members,
    municipality,
    kyuchi: '',
    tokiChiku: '',
    singleParent: false,
    housing: { present: true, rent: '', floorAreaSqm: '', special: false, specialReason: '', freeLowCostLodging: false },
    incomes: [],
  };
}

const optional = <T extends string>(value: T | ''): T | null => (value === '' ? null : value);

/** The engine's input (unvalidated: `tryCalculate` checks it). */
export function toCalcInput(form: MinimumCostForm): unknown {
  const nameOf = new Map(form.members.map((m) => [m.key, text(m.name)]));
  const from = dateText(form.proRataFrom);
  const to = dateText(form.proRataTo);
  return {
    month: text(form.month),
    municipality: text(form.municipality) || undefined,
    kyuchi: form.kyuchi || undefined,
    tokiChiku: form.tokiChiku || undefined,
    singleParent: form.singleParent,
    members: form.members.map((m) => ({
      id: text(m.name),
      birthDate: dateText(m.birthDate),
      disability: optional(m.disability),
      school: optional(m.school),
      pregnancy:
        m.pregnancy === 'pregnant'
          ? { months: parseNumber(m.pregnancyMonths) }
          : m.pregnancy === 'postpartum'
            ? { postpartumMonths: parseNumber(m.pregnancyMonths) }
            : null,
      careInsurancePremium: parseNumber(m.careInsurancePremium),
      homePatient: m.homePatient,
      radiation: optional(m.radiation),
      careFacility: m.careFacility,
    })),
    housing: form.housing.present
      ? {
          rent: parseNumber(form.housing.rent),
          floorAreaSqm: parseNumber(form.housing.floorAreaSqm),
          specialAllowance: form.housing.special ? { reason: text(form.housing.specialReason) } : null,
          freeLowCostLodging: form.housing.freeLowCostLodging,
        }
      : null,
    incomes: form.incomes.map((income) => {
      const memberId = nameOf.get(income.memberKey) ?? '';
      return income.type === 'earned'
        ? {
            memberId,
            type: 'earned',
            gross: parseNumber(income.amount),
            expenses: parseNumber(income.expenses),
            newEmployment: income.newEmployment,
            employmentStartMonth: text(income.employmentStartMonth) || null,
          }
        : { memberId, type: income.type, amount: parseNumber(income.amount) };
    }),
    proRata: from || to ? { from: from || null, to: to || null } : null,
  };
}

/** Engine path (`members[0].pregnancy.months`) → form field (`members.0.pregnancyMonths`). */
export function fieldOf(enginePath: string): string {
  const path = enginePath.replace(/\[(\d+)\]/g, '.$1');
  const rules: [RegExp, string][] = [
    [/^members\.(\d+)\.id$/, 'members.$1.name'],
    [/^members\.(\d+)\.pregnancy(\..*)?$/, 'members.$1.pregnancyMonths'],
    [/^housing\.specialAllowance(\..*)?$/, 'housing.specialReason'],
    [/^housing$/, 'housing.present'],
    [/^incomes\.(\d+)\.(gross|amount)$/, 'incomes.$1.amount'],
    [/^incomes\.(\d+)\.memberId$/, 'incomes.$1.memberKey'],
    [/^proRata\.from$/, 'proRataFrom'],
    [/^proRata\.to$/, 'proRataTo'],
    [/^(\$|proRata)$/, 'month'],
  ];
  for (const [pattern, replacement] of rules) if (pattern.test(path)) return path.replace(pattern, replacement);
  return path;
}

const memberFieldLabels: Record<string, string> = {
  name: '氏名・呼称',
  birthDate: '生年月日',
  disability: '障害者加算',
  school: '就学',
  pregnancyMonths: '妊娠・産後の月数',
  careInsurancePremium: '介護保険料',
  radiation: '放射線障害',
};
const incomeFieldLabels: Record<string, string> = {
  amount: '金額',
  expenses: '必要経費（実費控除）',
  employmentStartMonth: '就労開始月',
  memberKey: '世帯員',
  type: '種別',
};
const fieldLabels: Record<string, string> = {
  month: '基準月',
  proRataFrom: '日割の開始日',
  proRataTo: '日割の終了日',
  members: '世帯員',
  municipality: '市町村',
  kyuchi: '級地',
  tokiChiku: '冬季加算地区',
  'housing.present': '住宅',
  'housing.rent': '家賃・間代',
  'housing.floorAreaSqm': '床面積（㎡）',
  'housing.specialReason': '特別基準を適用する理由',
};

/** How the screen names a field, for the error summary: `世帯員2 生年月日`. */
export function labelOf(field: string): string {
  const member = /^members\.(\d+)\.(\w+)$/.exec(field);
  if (member) return `世帯員${Number(member[1]) + 1} ${memberFieldLabels[member[2]!] ?? member[2]}`;
  const income = /^incomes\.(\d+)\.(\w+)$/.exec(field);
  if (income) return `収入${Number(income[1]) + 1} ${incomeFieldLabels[income[2]!] ?? income[2]}`;
  return fieldLabels[field] ?? field;
}

export function validateMinimumCost(form: MinimumCostForm): FieldIssue[] {
  // A date typed in a form the engine cannot take (和暦) is read first; one that cannot be read says why, as every date field does.
  const typedDates: [string, string][] = [
    ...form.members.map((m, i): [string, string] => [`members.${i}.birthDate`, m.birthDate]),
    ['proRataFrom', form.proRataFrom],
    ['proRataTo', form.proRataTo],
  ];
  const refusals = new Map<string, string>();
  for (const [field, typed] of typedDates) {
    const refusal = dateRefusal(typed);
    if (refusal) refusals.set(field, refusal);
  }
  const outcome = tryCalculate(toCalcInput(form));
  if (outcome.ok) return [];
  return outcome.issues.map((issue) => {
    const field = fieldOf(issue.path);
    return { field, label: labelOf(field), message: refusals.get(field) ?? issue.message };
  });
}
