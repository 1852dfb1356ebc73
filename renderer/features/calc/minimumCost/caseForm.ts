import type { CaseCalculationInput } from '../../../../shared/casework/caseCalculationInput';
import type { Housing } from '../../../../shared/domain/records';
import { text } from '../wizard/formValues';
import { emptyMember, initialMinimumCostForm, type CaseSnapshot, type IncomeForm, type MemberForm, type MinimumCostForm } from './minimumCostForm';

/**
 * The 保護費算定 wizard's form filled from the case's facts as of a month (shared/casework/caseCalculationInput.ts),
 * with a snapshot of what the case said, so each field can show whether it is still the case's value.
 */

export type CaseMark = 'case' | 'officeDefault' | 'changed';

const figureText = (n: number | null | undefined) => (n === null || n === undefined ? '' : String(n));

export function formFromCase(built: CaseCalculationInput, housingRecord: Housing | null, newKey: () => string): MinimumCostForm {
  const { input, sources, memberRecordIds } = built;
  const isCase = (path: string) => sources[path]?.kind === 'case';
  const snapshot: CaseSnapshot = { month: input.month, housingRecord, members: {}, incomes: [] };

  const members = input.members.map((m, i): MemberForm => {
    const member: MemberForm = {
      key: newKey(),
      recordId: memberRecordIds[i] ?? null,
      name: m.id,
      birthDate: m.birthDate,
      disability: m.disability ?? '',
      school: m.school ?? '',
      pregnancy: m.pregnancy === null ? '' : 'months' in m.pregnancy ? 'pregnant' : 'postpartum',
      pregnancyMonths: m.pregnancy === null ? '' : String('months' in m.pregnancy ? m.pregnancy.months : m.pregnancy.postpartumMonths),
      careInsurancePremium: isCase(`members[${i}].careInsurancePremium`) ? String(m.careInsurancePremium) : '',
      homePatient: m.homePatient,
      radiation: m.radiation ?? '',
      careFacility: m.careFacility,
    };
    const known: Partial<MemberForm> = { name: member.name };
    if (isCase(`members[${i}].birthDate`)) known.birthDate = member.birthDate;
    if (isCase(`members[${i}].disability`)) known.disability = member.disability;
    if (isCase(`members[${i}].school`)) known.school = member.school;
    if (isCase(`members[${i}].pregnancy`)) Object.assign(known, { pregnancy: member.pregnancy, pregnancyMonths: member.pregnancyMonths });
    if (isCase(`members[${i}].careInsurancePremium`)) known.careInsurancePremium = member.careInsurancePremium;
    if (member.recordId) snapshot.members[member.recordId] = known;
    return member;
  });

  // A case always has its head; should none be readable, the wizard still opens with one member to fill.
  const form = initialMinimumCostForm(input.month, input.municipality ?? '', members.length > 0 ? members : [emptyMember(newKey(), '世帯員1')]);
  const municipalitySource = sources.municipality;
  if (municipalitySource?.kind === 'case' || municipalitySource?.kind === 'officeDefault')
    snapshot.municipality = { value: form.municipality, officeDefault: municipalitySource.kind === 'officeDefault' };
  form.singleParent = input.singleParent;
  if (isCase('singleParent')) snapshot.singleParent = input.singleParent;

  if (input.housing) {
    form.housing = { ...form.housing, present: true, rent: String(input.housing.rent), floorAreaSqm: figureText(input.housing.floorAreaSqm) };
    snapshot.housing = { present: true, rent: form.housing.rent };
    if (isCase('housing.floorAreaSqm')) snapshot.housing.floorAreaSqm = form.housing.floorAreaSqm;
  } else if (isCase('housing')) {
    // 持家・住居なし on the case: no rent is paid.
    form.housing = { ...form.housing, present: false };
    snapshot.housing = { present: false };
  }
  // Not recorded: the wizard's default (rent paid, amount blank) asks the caseworker for it.

  const keyOf = new Map(input.members.map((m, i) => [m.id, members[i]!.key]));
  form.incomes = input.incomes.map((income, caseIndex): IncomeForm => {
    const memberKey = keyOf.get(income.memberId) ?? '';
    return income.type === 'earned'
      ? {
          memberKey,
          type: 'earned',
          amount: String(income.gross),
          expenses: String(income.expenses),
          newEmployment: income.newEmployment,
          employmentStartMonth: '',
          caseIndex,
        }
      : { memberKey, type: income.type, amount: String(income.amount), expenses: '', newEmployment: false, employmentStartMonth: '', caseIndex };
  });
  snapshot.incomes = form.incomes.map((income) => ({ ...income }));
  form.fromCase = snapshot;
  return form;
}

/** Equal as the caseworker sees them: a numeric field may hold the number it was parsed to. */
const same = (a: unknown, b: unknown) => (typeof a === 'boolean' || typeof b === 'boolean' ? a === b : text(a) === text(b));

/** Whether the value at `field` is the case's, or the caseworker changed it; null when the case said nothing of it. */
export function caseMark(values: MinimumCostForm, field: string): CaseMark | null {
  const snapshot = values.fromCase;
  if (!snapshot) return null;
  const mark = (current: unknown, recorded: unknown, asCase: CaseMark = 'case') =>
    recorded === undefined ? null : same(current, recorded) ? asCase : 'changed';
  const member = /^members\.(\d+)\.(\w+)$/.exec(field);
  if (member) {
    const row = values.members[Number(member[1])];
    const recorded = row?.recordId ? snapshot.members[row.recordId] : undefined;
    return row && recorded ? mark(row[member[2] as keyof MemberForm], recorded[member[2] as keyof MemberForm]) : null;
  }
  const income = /^incomes\.(\d+)\.(\w+)$/.exec(field);
  if (income) {
    const row = values.incomes[Number(income[1])];
    const recorded = row?.caseIndex === undefined ? undefined : snapshot.incomes[row.caseIndex];
    return row && recorded ? mark(row[income[2] as keyof IncomeForm], recorded[income[2] as keyof IncomeForm]) : null;
  }
  const housing = /^housing\.(\w+)$/.exec(field);
  if (housing) return mark(values.housing[housing[1] as keyof MinimumCostForm['housing']], snapshot.housing?.[housing[1] as keyof MinimumCostForm['housing']]);
  if (field === 'municipality') return mark(values.municipality, snapshot.municipality?.value, snapshot.municipality?.officeDefault ? 'officeDefault' : 'case');
  if (field === 'singleParent') return mark(values.singleParent, snapshot.singleParent);
  return null;
}

export const caseMarkLabels: Record<CaseMark, string> = { case: 'ケースから', officeDefault: '事務所の既定', changed: '変更' };

/** The field's hint with its mark in front: 「ケースから　円」. */
export function markedHint(values: MinimumCostForm, field: string, hint?: string): string | undefined {
  const mark = caseMark(values, field);
  const label = mark && `【${caseMarkLabels[mark]}】`;
  return [label, hint].filter(Boolean).join('　') || undefined;
}
