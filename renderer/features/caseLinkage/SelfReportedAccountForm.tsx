import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { MemberView } from '../../data/repos/members';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { accountSchema, emptyAccount, memberChoices, type AccountInput, type AccountOutput } from './linkageForms';
import { accountTypeLabels } from './payeeAccount';
import { showRefusal } from '../../ui/showRefusal';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

const accountFields = ['bankCode', 'bankName', 'branchCode', 'branchName', 'accountType', 'accountNumber', 'holderKana'] as const;
// The data layer names an account field `payeeAccount.<field>`; the form names it `<field>`.
const fieldOf = { memberId: 'memberId', ...Object.fromEntries(accountFields.map((field) => [`payeeAccount.${field}`, field])) } as Partial<
  Record<string, keyof AccountInput>
>;

type Props = { members: readonly MemberView[]; onSaved: (notice: string) => void };

/** 本人申出の口座を登録: the account the person reported, replacing the recorded one (the change is logged). */
export function SelfReportedAccountForm({ members, onSaved }: Props) {
  const services = useServices();
  const form = useForm<AccountInput, unknown, AccountOutput>({
    resolver: zodResolver(accountSchema),
    ...fieldChecks,
    defaultValues: emptyAccount(members[0]?.id ?? ''),
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async ({ memberId, ...account }) => {
    setFailure(null);
    try {
      await services.linkage.recordPayeeAccount(memberId, account);
      form.reset(emptyAccount(memberId));
      onSaved(`${members.find((m) => m.id === memberId)?.name ?? ''}さんの支給口座（本人申出）を登録しました。`);
    } catch (error) {
      showRefusal(error, { setError: form.setError, fieldOf, fail: setFailure, what: '口座を登録できませんでした' });
    }
  });
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="self-reported-account-title">
      <h4 id="self-reported-account-title">本人申出の口座を登録</h4>
      <SelectField label="対象者" name="memberId" form={form} options={memberChoices(members, false)} />
      <TextField label="金融機関コード" name="bankCode" form={form} hint="4桁" />
      <TextField label="金融機関名" name="bankName" form={form} />
      <TextField label="支店コード" name="branchCode" form={form} hint="3桁" />
      <TextField label="支店名" name="branchName" form={form} />
      <SelectField label="種別" name="accountType" form={form} options={Object.entries(accountTypeLabels).map(([value, label]) => ({ value, label }))} />
      <TextField label="口座番号" name="accountNumber" form={form} hint="7桁" />
      <TextField label="名義カナ" name="holderKana" form={form} hint="通帳の表記のとおり（ひらがな・半角カナも可）" />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        口座を登録
      </button>
    </Form>
  );
}
