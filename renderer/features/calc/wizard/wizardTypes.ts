import type { ComponentType } from 'react';
import type { FieldValues, UseFormReturn } from 'react-hook-form';

/** One problem with one form field; `field` is the react-hook-form path (`members.0.birthDate`). */
export type FieldIssue = { field: string; label: string; message: string };

export type WizardKind = 'minimumCost' | 'employmentIndependence' | 'advancementPreparation' | 'debt';

/** What a draft holds: enough to put the wizard back exactly where it was. */
export type WizardDraft<V extends FieldValues = FieldValues> = {
  id: string;
  kind: WizardKind;
  /** Index of the step shown; `steps.length` is the result. */
  step: number;
  values: V;
  householdId: string | null;
  /** What the draft list shows, e.g. the case number. */
  caption: string;
};

/** A step's fields, and the case the wizard calculates for (null for a 概算), for steps that read the case's records. */
export type StepProps<V extends FieldValues> = { form: UseFormReturn<V>; householdId: string | null };

export type StepDef<V extends FieldValues> = {
  id: string;
  title: string;
  /** The fields this step answers for: only their issues stop this step. */
  owns(field: string): boolean;
  Fields: ComponentType<StepProps<V>>;
};

export type ResultProps<V extends FieldValues> = {
  values: V;
  draft: WizardDraft<V>;
  /** The wizard is done: its draft is removed and the screen moves on (to `then`, or back to the start). */
  finish(then?: string): Promise<void>;
};

export type WizardDef<V extends FieldValues> = {
  kind: WizardKind;
  title: string;
  steps: readonly StepDef<V>[];
  /** Every issue of the whole form; each step shows the ones it owns. */
  validate(values: V): FieldIssue[];
  Result: ComponentType<ResultProps<V>>;
};
