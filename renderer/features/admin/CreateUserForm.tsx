import { useServices } from '../../session/SessionProvider';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { roleLabels, roles, staffProfileSchema } from '../../../shared/auth/roles';
import { vaultSchemas } from '../../../shared/ipc/vaultSchemas';
import { FormAlert } from '../../ui/FormAlert';
import { SelectField } from '../../ui/ChoiceField';
import { TextField } from '../../ui/TextField';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

const schema = z
  .object({
    loginId: vaultSchemas.loginId,
    displayName: staffProfileSchema.shape.displayName,
    role: staffProfileSchema.shape.role,
    teamId: z.string().trim().max(40, { error: '班は40文字以内で入力してください' }),
    passphrase: vaultSchemas.passphrase,
    again: z.string(),
  })
  .refine((v) => v.passphrase === v.again, { path: ['again'], error: '確認用のパスフレーズが一致しません' });
type Fields = z.infer<typeof schema>;

const roleOptions = roles.map((role) => ({ value: role, label: roleLabels[role] }));
const empty: Fields = { loginId: '', displayName: '', role: 'caseworker', teamId: '', passphrase: '', again: '' };

/**
 * Adds a user to the key store with an initial passphrase (the vault makes them choose their own at first
 * login), then records them in the staff directory so screens and team scopes know them.
 */
export function CreateUserForm({ onCreated }: { onCreated: (message: string) => void }) {
  const services = useServices();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Fields>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: empty });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    const profile = { displayName: v.displayName, role: v.role, teamId: v.teamId === '' ? null : v.teamId };
    try {
      await services.users.create({ loginId: v.loginId, passphrase: v.passphrase, profile });
    } catch (e) {
      return setError(messageOf(e));
    }
    form.reset(empty);
    onCreated(`${v.displayName}（${v.loginId}）を作成しました。初回ログイン時にパスフレーズの変更が求められます。`);
  });
  return (
    <Form onSubmit={submit} noValidate aria-labelledby="create-user-title">
      <h3 id="create-user-title">利用者の作成</h3>
      <TextField label="ログインID" name="loginId" form={form} />
      <TextField label="氏名" name="displayName" form={form} />
      <SelectField label="役割" name="role" form={form} options={roleOptions} />
      <TextField label="班" name="teamId" form={form} hint="ケースワーカーと査察指導員は、同じ班の名前を入力します（例: 第1班）。" />
      <TextField
        label="初期パスフレーズ"
        name="passphrase"
        form={form}
        type="password"
        hint="12文字以上で、ログインIDを含まないもの。本人は初回ログイン時に変更します。"
      />
      <TextField label="初期パスフレーズ（確認）" name="again" form={form} type="password" />
      <button type="submit" disabled={form.formState.isSubmitting}>
        {form.formState.isSubmitting ? '作成しています…' : '利用者を作成'}
      </button>
      <FormAlert message={error} />
    </Form>
  );
}
