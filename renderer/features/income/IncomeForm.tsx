import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { incomeKindLabels } from '../../../shared/casework/declaredIncome';
import { incomeKinds, type DeclaredIncome } from '../../../shared/domain/records';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';

import { emptyIncome, incomeFormSchema, incomeToForm, type IncomeFormInput } from './incomeFormValues';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

const kindOptions = incomeKinds.map((kind) => ({ value: kind, label: incomeKindLabels[kind] }));

type Props = {
  householdId: string;
  members: readonly { id: string; name: string }[];
  /** The income being corrected, or null for a new one (in `month`, for the first member). */
  editing: DeclaredIncome | null;
  month: string;
  onSaved(income: DeclaredIncome): void;
  onCancel(): void;
};

/** Records a new income or corrects one. Remounted (keyed) for each, so its defaults are always the right ones. */
export function IncomeForm({ householdId, members, editing, month, onSaved, onCancel }: Props) {
  const services = useServices();
  // The schema's output is the DeclaredIncome to store.
  const form = useForm<IncomeFormInput, unknown, DeclaredIncome>({
    resolver: zodResolver(incomeFormSchema),
    ...fieldChecks,
    defaultValues: editing ? incomeToForm(editing) : emptyIncome(uuidv7(), month, members[0]?.id ?? ''),
  });
  const [failure, setFailure] = useState<string | null>(null);
  const kind = form.watch('kind');

  const submit = form.handleSubmit(async (income) => {
    setFailure(null);
    try {
      await services.incomes.save(householdId, income);
      onSaved(income);
    } catch (error) {
      setFailure(`保存できませんでした: ${messageOf(error)}`);
    }
  });

  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="income-form-title">
      <h3 id="income-form-title">{editing ? '収入を訂正する' : '収入を記録する'}</h3>
      <TextField label="対象月" name="month" form={form} hint="例: 2026-04" />
      <SelectField
        label="世帯員"
        name="memberId"
        form={form}
        options={[{ value: '', label: '選択してください' }, ...members.map((m) => ({ value: m.id, label: m.name }))]}
      />
      <SelectField label="収入の種類" name="kind" form={form} options={kindOptions} />
      {kind === 'employment' ? (
        <>
          <TextField label="総収入額（円）" name="gross" form={form} numeric hint="税・社会保険料を引く前の額" />
          <TextField label="必要経費（円）" name="expenses" form={form} numeric hint="通勤費など。なければ0" />
        </>
      ) : (
        <TextField label="金額（円）" name="amount" form={form} numeric />
      )}
      <TextField label="備考" name="note" form={form} />
      <FormAlert message={failure} />
      <p className="wizard-actions">
        <button type="submit" disabled={form.formState.isSubmitting}>
          {editing ? '更新する' : '記録する'}
        </button>
        {editing && (
          <button type="button" className="secondary" onClick={onCancel}>
            訂正をやめる
          </button>
        )}
      </p>
    </Form>
  );
}
