import type { FieldValues } from 'react-hook-form';
import type { Draft } from '../../data/repos/drafts';
import { advancementPreparationWizard, initialAdvancementPreparation } from './benefits/advancementPreparationWizard';
import { debtWizard, initialDebt } from './benefits/debtWizard';
import { employmentIndependenceWizard, initialEmploymentIndependence } from './benefits/employmentIndependenceWizard';
import { minimumCostWizard } from './minimumCost/minimumCostWizard';
import type { WizardDef, WizardDraft, WizardKind } from './wizard/wizardTypes';

// Each wizard is typed by its own form; the registry only hands a def to the generic Wizard with its own draft.
// biome-ignore lint/suspicious/noExplicitAny: an existential type — a def is used only with its own draft, and WizardDef<T> is invariant in T
type AnyWizardDef = WizardDef<any>;

/** Every calculation wizard, by the kind its drafts record. */
export const calcWizards: Record<WizardKind, { def: AnyWizardDef; description: string }> = {
  minimumCost: { def: minimumCostWizard, description: '世帯 → 地域 → 加算 → 住宅 → 教育 → 収入 → 結果' },
  employmentIndependence: { def: employmentIndependenceWizard, description: '保護廃止月の前6か月の就労収入 × 算定率（上限 単身10万円・複数15万円）' },
  advancementPreparation: { def: advancementPreparationWizard, description: '自宅から10万円・転居30万円（18歳到達後最初の3月31日まで）' },
  debt: { def: debtWizard, description: '63条返還金・78条徴収金の額、分納計画、78条の2の保護費との調整' },
};

export const otherWizardKinds = ['employmentIndependence', 'advancementPreparation', 'debt'] as const;

export const initialValuesOf: Record<(typeof otherWizardKinds)[number], () => FieldValues> = {
  employmentIndependence: initialEmploymentIndependence,
  advancementPreparation: initialAdvancementPreparation,
  debt: initialDebt,
};

/** A stored draft as a wizard draft, or null when it is not one of ours (or not readable as one). */
export function wizardOfDraft(draft: Draft): (WizardDraft & { title: string }) | null {
  const data = draft.data as Partial<WizardDraft> | null;
  const kind = data?.kind;
  if (!kind || !(kind in calcWizards) || typeof data.step !== 'number' || typeof data.values !== 'object' || data.values === null) return null;
  return {
    id: draft.id,
    kind,
    step: data.step,
    values: data.values,
    householdId: draft.householdId,
    caption: data.caption ?? '',
    title: calcWizards[kind].def.title,
  };
}
