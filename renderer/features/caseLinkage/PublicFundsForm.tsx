import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { MemberView } from '../../data/repos/members';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { FormAlert } from '../../ui/FormAlert';
import { memberChoices, publicFundsSchema, type PublicFundsInput, type PublicFundsOutput } from './linkageForms';
import { consentMethodLabels } from './payeeAccount';
import { showRefusal } from '../../ui/showRefusal';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

type Props = { householdId: string; members: readonly MemberView[]; today: string; onRequested: (notice: string) => void };

/** 公金受取口座を照会 (預貯金口座登録法 §9): asked only with the person's consent, whose date and form are recorded. */
export function PublicFundsForm({ householdId, members, today, onRequested }: Props) {
  const services = useServices();
  const schema = useMemo(() => publicFundsSchema(members, today), [members, today]);
  const form = useForm<PublicFundsInput, unknown, PublicFundsOutput>({
    resolver: zodResolver(schema),
    ...fieldChecks,
    defaultValues: { memberId: (members.find((m) => m.atenaNumber) ?? members[0])?.id ?? '', givenOn: today, method: 'written' },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async ({ memberId, givenOn, method }) => {
    setFailure(null);
    try {
      await services.linkage.requestPublicFundsAccount({ householdId, memberId, consent: { givenOn, method } });
      onRequested('公金受取口座の照会を依頼しました。次の連携ファイルで送信されます。');
    } catch (error) {
      showRefusal(error, {
        setError: form.setError,
        fieldOf: { memberId: 'memberId', 'consent.givenOn': 'givenOn' },
        fail: setFailure,
        what: '照会を依頼できませんでした',
      });
    }
  });
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="public-funds-title">
      <h4 id="public-funds-title">公金受取口座を照会</h4>
      <SelectField label="対象者" name="memberId" form={form} options={memberChoices(members, true)} />
      <DateField label="同意を得た日" name="givenOn" form={form} />
      <SelectField label="同意の方法" name="method" form={form} options={Object.entries(consentMethodLabels).map(([value, label]) => ({ value, label }))} />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        公金受取口座を照会
      </button>
    </Form>
  );
}
