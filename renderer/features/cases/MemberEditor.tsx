import { messageOf } from '../../ui/messageOf';
import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { MemberView } from '../../data/repos/members';
import { useServices } from '../../session/SessionProvider';
import { CheckField, SelectField } from '../../ui/ChoiceField';
import { SaveOrCancel } from '../../ui/SaveOrCancel';
import { TextField } from '../../ui/TextField';
import { HEAD_RELATION, localToday, relationChoices, sexLabels } from './caseLabels';
import {
  careInsuranceLabels,
  disabilityLabels,
  healthInsuranceLabels,
  pregnancyLabels,
  schoolLabels,
  workCapacityLabels,
} from '../../../shared/casework/member';
import { memberEditSchema, memberEditValues, type MemberEdit, type MemberEditInput } from './newCase';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

type Option = { value: string; label: string };
const optionsOf = (labels: Record<string, string>, none: string): Option[] => [
  { value: '', label: none },
  ...Object.entries(labels).map(([value, label]) => ({ value, label })),
];

type Props = {
  householdId: string;
  /** The member to edit; absent, a new member of the household. */
  member?: MemberView;
  onDone: (saved: boolean) => void;
};

/**
 * Adds a member to a case or edits one. 個人番号 is not here: it is taken only through intake with its §16
 * verification, and a save without it keeps the stored number and record (members.save).
 */
export function MemberEditor({ householdId, member, onDone }: Props) {
  const services = useServices();
  const today = localToday();
  const schema = useMemo(() => memberEditSchema(today), [today]);
  const form = useForm<MemberEditInput, unknown, MemberEdit>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: memberEditValues(member) });
  const pregnancy = useWatch({ control: form.control, name: 'pregnancy' });
  const [failure, setFailure] = useState<string | null>(null);
  const isHead = member?.relation === HEAD_RELATION;
  const title = member ? `${member.name}の内容を変更` : '世帯員を追加';
  const relations = [...new Set([...relationChoices, ...(member && !isHead ? [member.relation] : [])])];

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await services.memberEditing.save(householdId, member?.id ?? null, values);
      onDone(true);
    } catch (error) {
      setFailure(`保存できませんでした: ${messageOf(error)}`);
    }
  });

  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="member-editor-title">
      <h3 id="member-editor-title">{title}</h3>
      <TextField label="氏名" name="name" form={form} autoFocus />
      <TextField label="フリガナ" name="kana" form={form} hint="カタカナ（ひらがな・半角カナも可）" />
      <DateField label="生年月日" name="birthDate" form={form} />
      <SelectField label="性別" name="sex" form={form} options={optionsOf(sexLabels, '選択してください')} />
      {!isHead && (
        <SelectField
          label="続柄"
          name="relation"
          form={form}
          options={[{ value: '', label: '選択してください' }, ...relations.map((r) => ({ value: r, label: r }))]}
        />
      )}
      <SelectField label="稼働能力" name="workCapacity" form={form} options={optionsOf(workCapacityLabels, '未確認')} />
      <SelectField label="障害等級" name="disability" form={form} options={optionsOf(disabilityLabels, '該当なし')} hint="障害者加算の区分" />
      <SelectField label="就学" name="school" form={form} options={optionsOf(schoolLabels, '就学していない')} />
      <SelectField label="妊娠・産後" name="pregnancy" form={form} options={optionsOf(pregnancyLabels, '該当なし')} />
      {pregnancy !== '' && (
        <TextField label="月数" name="pregnancyMonths" form={form} hint={pregnancy === 'pregnant' ? '妊娠月数（1〜10）' : '出産後の月数（出産月は0）'} />
      )}
      <SelectField label="医療保険" name="healthInsurance" form={form} options={optionsOf(healthInsuranceLabels, '未確認')} />
      <SelectField label="介護保険" name="careInsurance" form={form} options={optionsOf(careInsuranceLabels, '対象外・未確認')} />
      <TextField label="宛名番号" name="atenaNumber" form={form} hint="任意。団体内統合宛名番号" />
      <CheckField label="不開示（DV等により開示・連携の登録をしない）" name="nonDisclosure" form={form} />
      <SaveOrCancel failure={failure} saving={form.formState.isSubmitting} onCancel={() => onDone(false)} />
    </Form>
  );
}
