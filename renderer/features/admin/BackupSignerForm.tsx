import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { contract } from '../../../shared/ipc/contract';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

const schema = z.object({ recoveryKey: contract.backupAttest.request.shape.recoveryKey });
type Fields = z.infer<typeof schema>;

/**
 * 「未署名」 backups: the office was set up before backups were signed (or with its own recovery public key), so the
 * recovery key has never vouched for the office's backup signing key and a new machine could not tell its backups
 * from forgeries. Entering the recovery key once here makes that attestation (main/backup/backupSigner.ts).
 */
export function BackupSignerForm({ onDone }: { onDone: (message: string) => void }) {
  const services = useServices();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Fields>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: { recoveryKey: '' } });
  const submit = form.handleSubmit(async ({ recoveryKey }) => {
    setError(null);
    try {
      await services.backups.attest(recoveryKey);
    } catch (e) {
      return setError(messageOf(e));
    }
    form.reset();
    onDone('回復キーで署名鍵を登録しました。これから作成するバックアップは署名済みになります。');
  });
  return (
    <Form onSubmit={submit} noValidate aria-labelledby="backup-signer-title" className="panel">
      <h4 id="backup-signer-title">署名鍵の登録（未署名のバックアップがあるとき）</h4>
      <p className="hint">
        未署名のバックアップは、偽造されたファイルと区別できないため復元できません。回復キーを一度入力すると、この事務所の署名鍵が回復キーで証明され、以後のバックアップは別の端末でも復元できます。
      </p>
      <TextField label="回復キー" name="recoveryKey" form={form} hint="初期設定で印刷した事務所の回復キーを入力します。" />
      <div className="actions">
        <button type="submit" disabled={form.formState.isSubmitting}>
          署名鍵を登録
        </button>
      </div>
      <FormAlert message={error} />
    </Form>
  );
}
