import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { advancementPreparationBenefit, type AdvancementPreparationInput } from '../../../../shared/calc/advancementPreparationBenefit';
import { CheckField, SelectField } from '../../../ui/ChoiceField';
import { dateText, engineIssues, formSchemas } from '../wizard/formValues';
import { zodFieldIssues } from '../wizard/fieldIssues';
import { GrantResult } from './GrantResult';
import type { ResultProps, StepProps, WizardDef } from '../wizard/wizardTypes';
import { DateField } from '../../../ui/DateField';

/** 進学・就職準備給付金 (法55条の5): who applies and when, then the path (進学 or, from 2024-01-01, 就職) and the move. */
export type AdvancementPreparationForm = {
  birthDate: string;
  applicationDate: string;
  ordinanceExtension: boolean;
  path: 'education' | 'employment';
  certainEnrolment: boolean;
  stableEmployment: boolean;
  employmentStartDate: string;
  movingOut: boolean;
};

const schema = z
  .object({
    birthDate: formSchemas.date,
    applicationDate: formSchemas.date,
    ordinanceExtension: z.boolean(),
    path: z.enum(['education', 'employment']),
    certainEnrolment: z.boolean(),
    stableEmployment: z.boolean(),
    // Checked only on the 就職 path, below.
    employmentStartDate: z.string(),
    movingOut: z.boolean(),
  })
  .superRefine((v, ctx) => {
    if (v.birthDate >= v.applicationDate) ctx.addIssue({ code: 'custom', path: ['applicationDate'], message: '申請日が生年月日より前です' });
    if (v.path !== 'employment') return;
    const start = formSchemas.date.safeParse(v.employmentStartDate);
    if (!start.success) ctx.addIssue({ code: 'custom', path: ['employmentStartDate'], message: start.error.issues[0]!.message });
  });

const labels: Record<string, string> = { birthDate: '生年月日', applicationDate: '申請日', path: '進路', employmentStartDate: '就職日' };
const labelOf = (field: string) => labels[field] ?? field;

function toInput(v: z.output<typeof schema>): AdvancementPreparationInput {
  return {
    birthDate: v.birthDate,
    applicationDate: v.applicationDate,
    path:
      v.path === 'education'
        ? { kind: 'education', certainEnrolment: v.certainEnrolment }
        : { kind: 'employment', stableEmployment: v.stableEmployment, employmentStartDate: dateText(v.employmentStartDate) },
    movingOut: v.movingOut,
    ordinanceExtension: v.ordinanceExtension,
  };
}

function validate(values: AdvancementPreparationForm) {
  const issues = zodFieldIssues(schema, values, labelOf);
  if (issues.length > 0) return issues;
  const input = toInput(schema.parse(values));
  return engineIssues(
    () => advancementPreparationBenefit(input),
    () => 'applicationDate',
    labelOf,
  );
}

function PersonStep({ form }: StepProps<AdvancementPreparationForm>) {
  return (
    <>
      <DateField label="生年月日" name="birthDate" form={form} hint="18歳到達後最初の3月31日までが対象" />
      <DateField label="申請日" name="applicationDate" form={form} hint="進学・就職の前に申請します" />
      <CheckField label="3月31日を経過したが省令で定める者に該当する" name="ordinanceExtension" form={form} />
    </>
  );
}

function PathStep({ form }: StepProps<AdvancementPreparationForm>) {
  const path = useWatch({ control: form.control, name: 'path' });
  return (
    <>
      <SelectField
        label="進路"
        name="path"
        form={form}
        options={[
          { value: 'education', label: '進学（大学・短大・専修学校専門課程等）' },
          { value: 'employment', label: '就職（2024年1月1日以後）' },
        ]}
      />
      {path === 'education' ? (
        <CheckField label="確実に進学する見込みがある（合格通知等）" name="certainEnrolment" form={form} />
      ) : (
        <>
          <CheckField label="安定した職業に就く見込みがある（内定通知等）" name="stableEmployment" form={form} />
          <DateField label="就職日" name="employmentStartDate" form={form} />
        </>
      )}
      <CheckField label="進学・就職に伴い転居する（30万円。自宅からは10万円）" name="movingOut" form={form} />
    </>
  );
}

function AdvancementPreparationResult({ values, draft, finish }: ResultProps<AdvancementPreparationForm>) {
  const result = advancementPreparationBenefit(toInput(schema.parse(values)));
  return <GrantResult kind="advancementPreparation" householdId={draft.householdId} result={result} finish={() => finish()} />;
}

export const advancementPreparationWizard: WizardDef<AdvancementPreparationForm> = {
  kind: 'advancementPreparation',
  title: '進学・就職準備給付金',
  steps: [
    { id: 'person', title: '本人', owns: (f) => ['birthDate', 'applicationDate', 'ordinanceExtension'].includes(f), Fields: PersonStep },
    {
      id: 'path',
      title: '進路',
      owns: (f) => ['path', 'certainEnrolment', 'stableEmployment', 'employmentStartDate', 'movingOut'].includes(f),
      Fields: PathStep,
    },
  ],
  validate,
  Result: AdvancementPreparationResult,
};

export const initialAdvancementPreparation = (): AdvancementPreparationForm => ({
  birthDate: '',
  applicationDate: '',
  ordinanceExtension: false,
  path: 'education',
  certainEnrolment: false,
  stableEmployment: false,
  employmentStartDate: '',
  movingOut: false,
});
