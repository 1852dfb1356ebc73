import { lastDayOf } from '../calc/dates.js';
import type { CalcIncomeInput, CalcInput, CalcMemberInput } from '../calc/input.js';
import type { DeclaredIncome, Household, Member } from '../domain/records.js';

/**
 * The 保護費算定's input built from a case as of a month: what the case already knows goes in, so the caseworker
 * confirms it rather than types it again, and every value says where it came from (the wizard marks the case's
 * values 「ケースから」). The engine's own schema still validates the result; nothing here decides a rule.
 */

/** Where one value of the input came from. */
export type ValueSource =
  /** The case's record says so (`record` names it for the screen, e.g. 「世帯・住居」). */
  | { kind: 'case'; record: string }
  /** The case has no municipality: the office's default applies. */
  | { kind: 'officeDefault'; record: string }
  /** Nothing is recorded on the case: the engine's default stands until the caseworker enters it. */
  | { kind: 'notRecorded'; record: string };

/** The case's facts the input is built from (the member's facts from 稼働能力 on are optional on older records). */
export type CaseFacts = {
  month: string;
  household: Pick<Household, 'housing' | 'municipality' | 'incomes'> & {
    /** ひとり親世帯: not yet a field of the household record; read when a record carries it. */
    singleParent?: boolean | null;
  };
  members: readonly (Pick<Member, 'id' | 'name' | 'birthDate' | 'disability' | 'school' | 'pregnancy'> & {
    /** 介護保険料 (monthly yen): not yet a field of the member record; read when a record carries it. */
    careInsurancePremium?: number | null;
  })[];
  /** The office's 既定の市町村 (settings), used when the household has none. */
  defaultMunicipality: string;
};

export type CaseCalculationInput = {
  input: CalcInput;
  /** Engine path (`housing.rent`, `members[1].disability`, `incomes[0]`) → where its value came from. */
  sources: Record<string, ValueSource>;
  /** Per `input.members[i]`, the case's member record id. */
  memberRecordIds: string[];
  /** Members left out, with why (born after the month). */
  leftOut: { memberRecordId: string; reason: string }[];
};

const fromCase = (record: string): ValueSource => ({ kind: 'case', record });
const notRecorded = (record: string): ValueSource => ({ kind: 'notRecorded', record });

/** Names as the engine's member ids (every basis shows them); a repeated name gets 「（2）」 so ids stay unique. */
function engineIds(names: readonly string[]): string[] {
  const seen = new Map<string, number>();
  return names.map((raw, i) => {
    const name = raw.trim() || `世帯員${i + 1}`;
    const count = (seen.get(name) ?? 0) + 1;
    seen.set(name, count);
    return count === 1 ? name : `${name}（${count}）`;
  });
}

/** 収入申告 in the engine's terms: 就労 with its 必要経費 (実費控除); 手当・仕送り are counted in full as 'other'. */
function engineIncome(income: DeclaredIncome, memberId: string): CalcIncomeInput {
  switch (income.kind) {
    case 'employment':
      return { memberId, type: 'earned', gross: income.gross, expenses: income.expenses, newEmployment: false, employmentStartMonth: null };
    case 'pension':
      return { memberId, type: 'pension', amount: income.amount };
    case 'allowance':
      return { memberId, type: 'other', amount: income.amount };
    case 'temporary':
      return { memberId, type: 'temporary', amount: income.amount };
  }
}

export function caseCalculationInput(facts: CaseFacts): CaseCalculationInput {
  const { month, household } = facts;
  const sources: Record<string, ValueSource> = {};
  const monthEnd = lastDayOf(month);
  // Someone born after the month is not yet in the household that month (the engine would refuse the birth date).
  const present = facts.members.filter((m) => !(m.birthDate > monthEnd));
  const leftOut = facts.members.filter((m) => m.birthDate > monthEnd).map((m) => ({ memberRecordId: m.id, reason: `${m.name}: 基準月より後に出生` }));
  const ids = engineIds(present.map((m) => m.name));

  const members = present.map((m, i): CalcMemberInput => {
    const who = `世帯員 ${m.name}`;
    const at = (field: string, value: unknown) => {
      sources[`members[${i}].${field}`] = value === undefined ? notRecorded(who) : fromCase(who);
    };
    sources[`members[${i}].id`] = fromCase(who);
    at('birthDate', m.birthDate);
    at('disability', m.disability);
    at('school', m.school);
    at('pregnancy', m.pregnancy);
    at('careInsurancePremium', m.careInsurancePremium ?? undefined);
    return {
      id: ids[i]!,
      birthDate: m.birthDate,
      disability: m.disability ?? null,
      school: m.school ?? null,
      pregnancy: m.pregnancy ?? null,
      careInsurancePremium: m.careInsurancePremium ?? 0,
      homePatient: false,
      radiation: null,
      careFacility: false,
    };
  });

  const housingRecord = '世帯・住居';
  let housing: CalcInput['housing'] = null;
  const h = household.housing;
  if (!h) {
    sources.housing = notRecorded(housingRecord);
  } else if ((h.kind === 'rented' || h.kind === 'public') && h.rent !== null) {
    housing = { rent: h.rent, floorAreaSqm: h.floorAreaSqm, specialAllowance: null, freeLowCostLodging: false };
    sources.housing = fromCase(housingRecord);
    sources['housing.rent'] = fromCase(housingRecord);
    sources['housing.floorAreaSqm'] = h.floorAreaSqm === null ? notRecorded(housingRecord) : fromCase(housingRecord);
  } else if (h.kind === 'rented' || h.kind === 'public') {
    // A rented home without its rent: 住宅扶助 cannot be left out on the case's word, so it stays to be entered.
    sources.housing = notRecorded(housingRecord);
  } else {
    // 持家・住居なし: no rent is paid, which is itself the case's answer.
    sources.housing = fromCase(housingRecord);
  }

  const municipality = household.municipality ?? facts.defaultMunicipality;
  sources.municipality = household.municipality ? fromCase('世帯・市町村') : { kind: 'officeDefault', record: '事務所の既定の市町村' };

  const singleParent = household.singleParent ?? false;
  sources.singleParent = household.singleParent === undefined || household.singleParent === null ? notRecorded('世帯') : fromCase('世帯');

  const engineIdOf = new Map(present.map((m, i) => [m.id, ids[i]!]));
  const incomes = (household.incomes ?? []).flatMap((income) => {
    const memberId = engineIdOf.get(income.memberId);
    return income.month === month && memberId !== undefined ? [engineIncome(income, memberId)] : [];
  });
  for (let i = 0; i < incomes.length; i++) sources[`incomes[${i}]`] = fromCase('収入申告');

  const input: CalcInput = { month, municipality, singleParent, members, housing, incomes, proRata: null };
  return { input, sources, memberRecordIds: present.map((m) => m.id), leftOut };
}

type TypedHousing = { rent: number; floorAreaSqm: number | null } | null;

/** The calculation's rent or floor area where it differs from the case's record: what the caseworker may save back. */
export function housingDifferences(
  current: Household['housing'],
  typed: TypedHousing,
): { field: 'rent' | 'floorAreaSqm'; recorded: number | null; typed: number }[] {
  if (!typed) return [];
  const out: { field: 'rent' | 'floorAreaSqm'; recorded: number | null; typed: number }[] = [];
  if (typed.rent !== (current?.rent ?? null)) out.push({ field: 'rent', recorded: current?.rent ?? null, typed: typed.rent });
  // A floor area left blank in the calculation is "not known here", never "erase the case's".
  if (typed.floorAreaSqm !== null && typed.floorAreaSqm !== (current?.floorAreaSqm ?? null))
    out.push({ field: 'floorAreaSqm', recorded: current?.floorAreaSqm ?? null, typed: typed.floorAreaSqm });
  return out;
}

/**
 * The household's housing after saving the calculation's rent and floor area back to it: a rent is paid, so a
 * household recorded as 持家・住居なし or not at all becomes 賃貸; 公営住宅 stays as it is.
 */
export function housingSavedBack(current: Household['housing'], typed: NonNullable<TypedHousing>): NonNullable<Household['housing']> {
  const kind = current?.kind === 'public' ? 'public' : 'rented';
  return { kind, rent: typed.rent, floorAreaSqm: typed.floorAreaSqm ?? current?.floorAreaSqm ?? null };
}
