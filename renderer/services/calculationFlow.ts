import { caseCalculationInput, type CaseCalculationInput } from '../../shared/casework/caseCalculationInput';
import { decisionPrefill, savedLines, type DecisionPrefill } from '../../shared/casework/calculationAids';
import type { Calculation, Decision, Household } from '../../shared/domain/records';
import { defaultMunicipality } from '../../shared/calc/tables/municipalities';
import { isDamaged } from '../../shared/domain/damagedRecord';
import type { MemberView } from '../data/repos/members';
import type { ServiceContext } from './context';
import { bindSession } from './sessionBound';

/** A 保護費算定 to save for a case: the calculation row as the wizard built it. */
export type CalculationToSave = Omit<Calculation, 'hlc'>;

/**
 * Case → 保護費算定 → 決定 as one flow: the calculation starts from the case's facts as of a month
 * (shared/casework/caseCalculationInput.ts), its rent and floor area may go back to the household as a recorded
 * change, and a decision drafted from a saved calculation starts with its 扶助 and amounts
 * (shared/casework/calculationAids.ts). Reads and writes go through the repositories, which judge role and scope.
 */
export function calculationFlowServices({ session, repos, api }: ServiceContext) {
  const households = bindSession(repos.households, session);
  const members = bindSession(repos.members, session);
  const calculations = bindSession(repos.calculations, session);
  const decisions = bindSession(repos.decisions, session);

  // The office's 既定の市町村 for a household without one; the engine's own default if the settings cannot be read.
  const officeMunicipality = async () => {
    const settings = await api.settingsGet({}).catch(() => null);
    return settings?.ok ? settings.value.defaultMunicipality : defaultMunicipality;
  };

  return {
    calculationFlow: {
      /** The case (opened, so logged) and its facts as of `month` as the engine's input, each value with its source. */
      async caseInput(householdId: string, month: string): Promise<{ household: Household; built: CaseCalculationInput }> {
        const [household, rows, office] = await Promise.all([households.open(householdId), members.list(householdId), officeMunicipality()]);
        // A member who cannot be read would change the household's size: no calculation rests on a partial household.
        const readable = rows.filter((m): m is MemberView => !isDamaged(m));
        if (readable.length < rows.length) throw new Error('読み取れない世帯員がいるため、ケースから計算を始められません（管理者に連絡してください）');
        const built = caseCalculationInput({ month, household, members: readable, defaultMunicipality: office });
        return { household, built };
      },

      /**
       * Saves the calculation; with `housing` (the caseworker's explicit choice), first writes the rent and floor
       * area the calculation used back to the household through its audited update, so the case no longer says
       * 住居「未登録」 and the next calculation starts from them.
       */
      async save(calculation: CalculationToSave, housing?: { rent: number; floorAreaSqm: number | null }): Promise<Calculation> {
        if (housing) {
          await households.recordHousingCosts(calculation.householdId, housing);
        }
        return calculations.save(calculation);
      },

      /**
       * What 「この計算で決定を起案」 opens with: the case (opened), its approved decisions (a retroactive draft may
       * supersede one) and the prefill from the calculation's lines.
       */
      async decisionFrom(calculationId: string): Promise<{ household: Household; approved: Decision[]; prefill: DecisionPrefill }> {
        const calculation = await calculations.get(calculationId);
        const lines = calculation && !isDamaged(calculation) ? savedLines(calculation.breakdown) : null;
        if (!calculation || !lines) throw new Error('保護費算定の計算が見つかりません');
        const [household, rows] = await Promise.all([households.open(calculation.householdId), decisions.list(calculation.householdId)]);
        const approved = rows.filter((d): d is Decision => !isDamaged(d) && d.stage === 'approved');
        return { household, approved, prefill: decisionPrefill(calculation, lines) };
      },
    },
  };
}
