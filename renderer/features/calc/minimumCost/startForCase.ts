import { uuidv7 } from '../../../../shared/ids/uuidv7';
import type { Services } from '../../../services';
import { draftForm } from '../wizard/useDraftAutosave';
import type { WizardDraft } from '../wizard/wizardTypes';
import { formFromCase } from './caseForm';
import type { MinimumCostForm } from './minimumCostForm';

/**
 * 保護費算定 started for a case: its facts as of `month` fill the wizard's form, which is saved as a draft so the
 * wizard opens on it (and it survives a closed laptop). Returns the draft's id. No React here: the 計算 screen and
 * the case's 最低生活費 tab both call it.
 */
export async function startCaseCalculation(services: Pick<Services, 'calculationFlow' | 'drafts'>, householdId: string, month: string): Promise<string> {
  const { household, built } = await services.calculationFlow.caseInput(householdId, month);
  const draft: WizardDraft<MinimumCostForm> = {
    id: uuidv7(),
    kind: 'minimumCost',
    step: 0,
    values: formFromCase(built, household.housing ?? null, uuidv7),
    householdId,
    caption: `ケース ${household.caseNumber}`,
  };
  const { id, householdId: hid, ...data } = draft;
  await services.drafts.save({ id, householdId: hid, form: draftForm(draft.kind), data });
  return id;
}
