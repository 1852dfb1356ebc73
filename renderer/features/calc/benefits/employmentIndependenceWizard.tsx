import { useWatch } from 'react-hook-form';
import { z } from 'zod';
import { addMonths, firstDayOf } from '../../../../shared/calc/dates';
import { employmentIndependenceBenefit, type EmploymentIndependenceInput } from '../../../../shared/calc/employmentIndependenceBenefit';
import { standardTables } from '../../../../shared/calc/tables/index';
import { inForceOrNull } from '../../../../shared/calc/tables/provenance';
import { formatWarekiMonth } from '../../../../shared/format/wareki';
import { CheckField } from '../../../ui/ChoiceField';
import { TextField } from '../../../ui/TextField';
import { engineIssues, formSchemas } from '../wizard/formValues';
import { zodFieldIssues } from '../wizard/fieldIssues';
import { GrantResult } from './GrantResult';
import type { ResultProps, StepProps, WizardDef } from '../wizard/wizardTypes';

/** 就労自立給付金 (法55条の4): the eligibility questions, then the earned income of the months before the 廃止月. */
export type EmploymentIndependenceForm = {
  terminationMonth: string;
  householdSize: string;
  stableEmployment: boolean;
  receivedWithin3Years: boolean;
  /** 就労収入 of the counted months, oldest first. */
  earned: string[];
};

/** How many months before the 廃止月 count: a dated parameter of the engine's tables (6 in every period so far). */
function monthsCounted(terminationMonth: string): number {
  const table = standardTables.employmentIndependenceRate;
  const period = /^\d{4}-\d{2}$/.test(terminationMonth) ? inForceOrNull(table, firstDayOf(terminationMonth)) : null;
  return (period ?? table.periods.at(-1)!).values.monthsCounted;
}
const countedMonths = (terminationMonth: string) => {
  const n = monthsCounted(terminationMonth);
  return Array.from({ length: n }, (_, i) => addMonths(terminationMonth, i - n));
};

const schema = z.object({
  terminationMonth: formSchemas.month,
  householdSize: formSchemas.count,
  stableEmployment: z.boolean(),
  receivedWithin3Years: z.boolean(),
  earned: z.array(formSchemas.yen),
});

const labels: Record<string, string> = { terminationMonth: '保護廃止月', householdSize: '世帯人員' };
const labelOf = (field: string) => (field.startsWith('earned.') ? `就労収入（${Number(field.slice(7)) + 1}か月目）` : (labels[field] ?? field));

function toInput(values: z.output<typeof schema>): EmploymentIndependenceInput {
  const months = countedMonths(values.terminationMonth);
  return {
    terminationMonth: values.terminationMonth,
    householdSize: values.householdSize,
    earnedIncomeByMonth: Object.fromEntries(months.map((m, i) => [m, values.earned[i] ?? 0])),
    eligibility: { stableEmploymentEndedAssistance: values.stableEmployment, receivedWithinPast3Years: values.receivedWithin3Years },
  };
}

function validate(values: EmploymentIndependenceForm) {
  const issues = zodFieldIssues(schema, values, labelOf);
  if (issues.length > 0) return issues;
  const input = toInput(schema.parse(values));
  return engineIssues(
    () => employmentIndependenceBenefit(input),
    () => 'terminationMonth',
    labelOf,
  );
}

function RequirementsStep({ form }: StepProps<EmploymentIndependenceForm>) {
  return (
    <>
      <TextField label="保護廃止月" name="terminationMonth" form={form} hint="YYYY-MM 形式（例: 2026-04）" />
      <TextField label="世帯人員" name="householdSize" form={form} numeric hint="単身世帯は上限10万円、複数世帯は15万円" />
      <fieldset>
        <legend>支給要件</legend>
        <CheckField label="安定した職業に就いたこと等により保護を要しなくなった" name="stableEmployment" form={form} />
        <CheckField
          label="過去3年以内に就労自立給付金を受給している"
          name="receivedWithin3Years"
          form={form}
          hint="再受給制限（通説3年）は未確認のため、該当すると要確認として表示します"
        />
      </fieldset>
    </>
  );
}

function EarnedIncomeStep({ form }: StepProps<EmploymentIndependenceForm>) {
  const terminationMonth = useWatch({ control: form.control, name: 'terminationMonth' });
  return (
    <fieldset>
      <legend>廃止月の前{monthsCounted(terminationMonth)}か月の就労収入額</legend>
      {countedMonths(terminationMonth).map((month, i) => (
        <TextField key={month} label={`${formatWarekiMonth(month)}の就労収入`} name={`earned.${i}`} form={form} numeric hint="円。なければ 0" />
      ))}
    </fieldset>
  );
}

function EmploymentIndependenceResult({ values, draft, finish }: ResultProps<EmploymentIndependenceForm>) {
  const result = employmentIndependenceBenefit(toInput(schema.parse(values)));
  return (
    <GrantResult kind="employmentIndependence" householdId={draft.householdId} result={result} reasonsTitle="支給要件・確認事項" finish={() => finish()} />
  );
}

export const employmentIndependenceWizard: WizardDef<EmploymentIndependenceForm> = {
  kind: 'employmentIndependence',
  title: '就労自立給付金',
  steps: [
    { id: 'requirements', title: '要件', owns: (f) => !f.startsWith('earned'), Fields: RequirementsStep },
    { id: 'earned', title: '就労収入', owns: (f) => f.startsWith('earned'), Fields: EarnedIncomeStep },
  ],
  validate,
  Result: EmploymentIndependenceResult,
};

export const initialEmploymentIndependence = (): EmploymentIndependenceForm => ({
  terminationMonth: '',
  householdSize: '1',
  stableEmployment: false,
  receivedWithin3Years: false,
  earned: Array.from({ length: 6 }, () => ''),
});
