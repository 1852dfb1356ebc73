import { ageOn, firstDayOf, firstMarch31AfterReaching } from './dates.js';
import type { CalcInput, CalcMemberInput } from './input.js';
import { ageBandOf, type AgeBand, type Kyuchi, type TokiChiku } from './tables/dimensions.js';
import type { StandardTables } from './tables/index.js';
import { defaultMunicipality } from './tables/municipalities.js';
import { inForce } from './tables/provenance.js';

/** A member with the facts every rule needs, fixed once on the 1st of the month assessed. */
export type MemberFacts = CalcMemberInput & {
  age: number;
  ageBand: AgeBand;
  /** 児童 for 母子加算・児童養育加算: up to the first 31 March after reaching 18. */
  isChild: boolean;
};

/** The household as the rules see it: the date, where it lives, and its members. */
export type Household = {
  month: string;
  /** The 1st day of `month`: the standards in force on it apply and ages are taken on it. */
  date: string;
  municipality: string;
  kyuchi: Kyuchi;
  kyuchiOverridden: boolean;
  tokiChiku: TokiChiku;
  singleParent: boolean;
  members: MemberFacts[];
  /** Household size n. */
  size: number;
};

export function describeMember(m: MemberFacts): string {
  return `${m.id}（${m.age}歳）`;
}

export function householdOf(input: CalcInput, tables: StandardTables): Household {
  const date = firstDayOf(input.month);
  const municipality = input.municipality ?? defaultMunicipality;
  const entry = inForce(tables.municipalities, date).values[municipality]!;
  const members = input.members.map((m): MemberFacts => {
    // A child born during the month is 0 on the 1st (the schema rejects births after the month).
    const age = Math.max(0, ageOn(m.birthDate, date));
    return { ...m, age, ageBand: ageBandOf(age), isChild: date <= firstMarch31AfterReaching(m.birthDate, 18) };
  });
  return {
    month: input.month,
    date,
    municipality,
    kyuchi: input.kyuchi ?? entry.kyuchi,
    kyuchiOverridden: input.kyuchi !== undefined && input.kyuchi !== entry.kyuchi,
    tokiChiku: input.tokiChiku ?? inForce(tables.tokiChikuByPrefecture, date).values[entry.prefecture]!,
    singleParent: input.singleParent,
    members,
    size: members.length,
  };
}
