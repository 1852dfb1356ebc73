import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { vaultSchemas } from '../../shared/ipc/vaultSchemas';
import { seihoApi } from '../api/seihoApi';
import { FormAlert } from '../ui/FormAlert';
import { TextField } from '../ui/TextField';
import { Form } from '../ui/Form';
import { fieldChecks } from '../ui/fieldChecks';

const schema = z
  .object({ currentPassphrase: vaultSchemas.passphrase, newPassphrase: vaultSchemas.passphrase, again: z.string() })
  .refine((v) => v.newPassphrase === v.again, { path: ['again'], error: '確認用のパスフレーズが一致しません' });
type Fields = z.infer<typeof schema>;

/** Re-wraps the user's key slot under a new passphrase; required at the first login after an administrator set one. */
export function ChangePassphrase({ required, onChanged }: { required: boolean; onChanged: () => void }) {
  const [error, setError] = useState<string | null>(null);
  const [done, setDone] = useState(false);
  const form = useForm<Fields>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: { currentPassphrase: '', newPassphrase: '', again: '' } });
  const submit = form.handleSubmit(async ({ currentPassphrase, newPassphrase }) => {
    setError(null);
    const result = await seihoApi().vaultChangePassphrase({ currentPassphrase, newPassphrase });
    if (!result.ok) return setError(result.error.message);
    form.reset();
    setDone(true);
    onChanged();
  });
  return (
    <section aria-labelledby="passphrase-title">
      <h2 id="passphrase-title">パスフレーズの変更</h2>
      {required && <p className="notice">管理者が設定したパスフレーズです。使い始める前に、自分だけが知るパスフレーズに変更してください。</p>}
      <Form onSubmit={submit} noValidate>
        <TextField label="現在のパスフレーズ" name="currentPassphrase" form={form} type="password" autoFocus />
        <TextField label="新しいパスフレーズ" name="newPassphrase" form={form} type="password" hint="12文字以上で、ログインIDを含まないもの。" />
        <TextField label="新しいパスフレーズ（確認）" name="again" form={form} type="password" />
        <button type="submit" disabled={form.formState.isSubmitting}>
          変更する
        </button>
      </Form>
      <p role="status">{done ? 'パスフレーズを変更しました。' : ''}</p>
      <FormAlert message={error} />
    </section>
  );
}
