import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useMemo, useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { itemByCode, type LinkageItem } from '../../../shared/linkage/legalReferences';
import type { MemberView } from '../../data/repos/members';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { FormAlert } from '../../ui/FormAlert';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { LegalBasisText } from './LegalBasisText';
import { inquiryItems, inquirySchema, memberChoices, type InquiryInput, type InquiryOutput } from './linkageForms';
import { showRefusal } from '../../ui/showRefusal';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

type Props = { householdId: string; members: readonly MemberView[]; items: readonly LinkageItem[]; today: string; onRequested: (notice: string) => void };

/** 情報照会を依頼: who, which item from whom, and why — queued for the next exchange file. */
export function InquiryForm({ householdId, members, items, today, onRequested }: Props) {
  const services = useServices();
  const choices = useMemo(() => inquiryItems(items), [items]);
  const schema = useMemo(() => inquirySchema(members, items), [members, items]);
  const first = choices[0];
  const form = useForm<InquiryInput, unknown, InquiryOutput>({
    resolver: zodResolver(schema),
    ...fieldChecks,
    defaultValues: {
      memberId: (members.find((m) => m.atenaNumber) ?? members[0])?.id ?? '',
      itemCode: first?.code ?? '',
      provider: first?.provider ?? '',
      reason: '',
    },
  });
  // Choosing an item proposes its provider; what the caseworker types there afterwards stays.
  useEffect(() => {
    const watching = form.watch((values, { name }) => {
      if (name === 'itemCode') form.setValue('provider', itemByCode(choices, values.itemCode ?? '')?.provider ?? '');
    });
    return () => watching.unsubscribe();
  }, [form, choices]);
  const itemCode = useWatch({ control: form.control, name: 'itemCode' });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await services.linkage.requestInquiry({ householdId, ...values });
      form.reset({ ...values, reason: '' });
      onRequested(`${itemByCode(choices, values.itemCode)?.label ?? values.itemCode}の照会を依頼しました。次の連携ファイルで送信されます。`);
    } catch (error) {
      showRefusal(error, {
        setError: form.setError,
        fieldOf: { memberId: 'memberId', itemCode: 'itemCode', provider: 'provider', reason: 'reason' },
        fail: setFailure,
        what: '照会を依頼できませんでした',
      });
    }
  });
  if (choices.length === 0) return <p className="notice">照会できる情報項目が連携項目の表にありません。管理者に連携項目の設定を確認してください。</p>;
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="linkage-inquiry-title">
      <h3 id="linkage-inquiry-title">情報照会を依頼</h3>
      <SelectField label="対象者" name="memberId" form={form} options={memberChoices(members, true)} hint="照会は宛名番号で行います（個人番号は送りません）" />
      <SelectField label="情報項目" name="itemCode" form={form} options={choices.map((item) => ({ value: item.code, label: item.label }))} />
      <p className="hint">
        根拠法令: <LegalBasisText item={itemByCode(choices, itemCode)} on={today} />
      </p>
      <TextField label="照会先" name="provider" form={form} />
      <TextAreaField label="照会の理由" name="reason" form={form} rows={3} />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        照会を依頼
      </button>
    </Form>
  );
}
