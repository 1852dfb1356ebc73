import { useFieldArray, type UseFormReturn } from 'react-hook-form';
import type { OfficeSettings } from '../../../shared/settings/officeSettings';
import { TextField } from '../../ui/TextField';

/** 訪問格付け in the settings form: code, name and interval per grade, as many as the office uses (at least one). */
export function VisitGradesFields({ form }: { form: UseFormReturn<OfficeSettings> }) {
  const { fields, append, remove } = useFieldArray({ control: form.control, name: 'visitGrades' });
  // The list's own rule (at least one) has no field of its own to show it; a duplicate code is the code's error.
  const listError = form.formState.errors.visitGrades?.root?.message ?? form.formState.errors.visitGrades?.message;
  return (
    <fieldset className="visit-grades">
      <legend>訪問格付け</legend>
      <p className="hint">各ケースの訪問計画は、ここで設定した格付けの間隔で次回訪問期限を決めます。</p>
      {fields.map((field, index) => (
        <fieldset key={field.id} className="visit-grade">
          <legend>格付け{index + 1}</legend>
          <TextField label="記号" name={`visitGrades.${index}.code`} form={form} hint="例: A（3文字以内）" />
          <TextField label="名称" name={`visitGrades.${index}.label`} form={form} hint="例: 毎月" />
          <TextField label="訪問間隔（月）" name={`visitGrades.${index}.intervalMonths`} form={form} numeric />
          <button type="button" className="secondary" disabled={fields.length === 1} onClick={() => remove(index)} aria-label={`格付け${index + 1}を削除`}>
            削除
          </button>
        </fieldset>
      ))}
      {typeof listError === 'string' && <p className="field-error">訪問格付け: {listError}</p>}
      <button type="button" className="secondary" onClick={() => append({ code: '', label: '', intervalMonths: 1 })}>
        格付けを追加
      </button>
    </fieldset>
  );
}
