import type { WizardDef } from '../wizard/wizardTypes';
import { validateMinimumCost, type MinimumCostForm } from './minimumCostForm';
import { MinimumCostResult } from './MinimumCostResult';
import { minimumCostSteps } from './minimumCostSteps';

export const minimumCostWizard: WizardDef<MinimumCostForm> = {
  kind: 'minimumCost',
  title: '保護費算定',
  steps: minimumCostSteps,
  validate: validateMinimumCost,
  Result: MinimumCostResult,
};
