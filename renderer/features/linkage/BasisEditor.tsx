import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useFieldArray, useForm, type UseFormReturn } from 'react-hook-form';
import type { LegalBasis, LinkageItem } from '../../../shared/linkage/legalReferences';
import { CheckField } from '../../ui/ChoiceField';
import { messageOf } from '../../ui/messageOf';
import { SaveOrCancel } from '../../ui/SaveOrCancel';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { basisFormSchema, basisFormValues, newBasis, toLegalBases, type BasisFormInput, type BasisFormValues } from './basisForm';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

/** One item's legal basis periods: change a period, add one (e.g. when the 主務省令 article is confirmed), save. */
export function BasisEditor({
  item,
  today,
  onSave,
  onDone,
}: {
  item: LinkageItem;
  today: string;
  onSave: (basis: LegalBasis[]) => Promise<void>;
  onDone: () => void;
}) {
  const form = useForm<BasisFormInput, unknown, BasisFormValues>({
    resolver: zodResolver(basisFormSchema),
    ...fieldChecks,
    defaultValues: basisFormValues(item),
  });
  // The kit's fields register inputs and read errors only, so they take the input type (as in MemberEditor).
  const fields = form as unknown as UseFormReturn<BasisFormInput>;
  const { fields: periods, append, remove } = useFieldArray({ control: form.control, name: 'basis' });
  const [failure, setFailure] = useState<string | null>(null);
  const listError = form.formState.errors.basis?.root?.message ?? form.formState.errors.basis?.message;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await onSave(toLegalBases(values));
    } catch (e) {
      setFailure(`保存できませんでした: ${messageOf(e)}`);
    }
  });

  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="basis-editor-title" className="panel">
      <h4 id="basis-editor-title">{item.label}の根拠法令を編集</h4>
      {periods.map((period, index) => (
        <fieldset key={period.id}>
          <legend>根拠法令{index + 1}</legend>
          <DateField label="開始日" name={`basis.${index}.from`} form={fields} autoFocus={index === 0} />
          <DateField label="終了日" name={`basis.${index}.to`} form={fields} hint="空欄: 現在も有効" />
          <TextAreaField label="根拠法令" name={`basis.${index}.text`} form={fields} rows={3} />
          <TextField label="出典" name={`basis.${index}.source`} form={fields} hint="確認に使った資料（例: 主務省令の条項、特定個人情報保護評価書）" />
          <CheckField
            label="確認済み"
            name={`basis.${index}.verified`}
            form={fields}
            hint="命令の条文と照合したら付けます。付いていない根拠法令は「要確認」と表示され、連携ファイルにもそう記録されます。"
          />
          <button type="button" className="secondary" disabled={periods.length === 1} onClick={() => remove(index)} aria-label={`根拠法令${index + 1}を削除`}>
            削除
          </button>
        </fieldset>
      ))}
      {typeof listError === 'string' && <p className="field-error">根拠法令: {listError}</p>}
      <div className="actions">
        <button type="button" className="secondary" onClick={() => append(newBasis(today))}>
          根拠法令の期間を追加
        </button>
      </div>
      <SaveOrCancel failure={failure} saving={form.formState.isSubmitting} onCancel={onDone} />
    </Form>
  );
}
