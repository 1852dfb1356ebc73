import { useServices } from '../../session/SessionProvider';
import { messageOf } from '../../ui/messageOf';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract } from '../../../shared/ipc/contract';
import type { VaultUser } from './UsersPanel';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

const schema = z
  .object({
    recoveryKey: contract.userResetPassphrase.request.shape.recoveryKey,
    newPassphrase: contract.userResetPassphrase.request.shape.newPassphrase,
    again: z.string(),
  })
  .refine((v) => v.newPassphrase === v.again, { path: ['again'], error: '確認用のパスフレーズが一致しません' });
type Fields = z.infer<typeof schema>;

/**
 * A forgotten passphrase: the office recovery key opens the recovery slot and main wraps the data key under a
 * new passphrase the user must change at their next login.
 */
export function ResetPassphraseForm({ user, onDone, onCancel }: { user: VaultUser; onDone: (message: string) => void; onCancel: () => void }) {
  const services = useServices();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Fields>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: { recoveryKey: '', newPassphrase: '', again: '' } });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      await services.users.resetPassphrase({ userId: user.userId, recoveryKey: v.recoveryKey, newPassphrase: v.newPassphrase });
    } catch (e) {
      return setError(messageOf(e));
    }
    onDone(`${user.profile.displayName}（${user.loginId}）のパスフレーズを再設定しました。次回ログイン時に変更が求められます。`);
  });
  return (
    <Form onSubmit={submit} noValidate aria-labelledby="reset-title" className="panel">
      <h3 id="reset-title">
        パスフレーズの再設定: {user.profile.displayName}（{user.loginId}）
      </h3>
      <TextField label="回復キー" name="recoveryKey" form={form} autoFocus hint="初期設定で印刷した事務所の回復キーを入力します。" />
      <TextField label="新しいパスフレーズ" name="newPassphrase" form={form} type="password" />
      <TextField label="新しいパスフレーズ（確認）" name="again" form={form} type="password" />
      <div className="actions">
        <button type="submit" disabled={form.formState.isSubmitting}>
          再設定する
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          やめる
        </button>
      </div>
      <FormAlert message={error} />
    </Form>
  );
}
