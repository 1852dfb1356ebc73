import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { deviceProfileLabels, roleLabels } from '../../shared/auth/roles';
import type { ResponseOf } from '../../shared/ipc/contract';
import { seihoApi } from '../api/seihoApi';
import { Form } from '../ui/Form';
import { FormAlert } from '../ui/FormAlert';
import { TextField } from '../ui/TextField';
import { RecoverySheet } from './RecoverySheet';
import { useSessionControls } from './SessionProvider';
import { fieldChecks } from '../ui/fieldChecks';

type Enrolment = ResponseOf<'syncInspectEnrolment'>;

const fileSchema = z.object({
  path: z.string().trim().min(1, { error: '登録ファイルの場所を入力してください' }).max(1000, { error: '1000文字以内で入力してください' }),
});
type FileFields = z.infer<typeof fileSchema>;

/**
 * First run from an enrolment file (a field laptop or an office desktop the hub enrolled): the file names the office,
 * this device and the users who work on it; the code from the hub's screen opens it, and each user sets their own
 * passphrase here — the first listed at least (the others may set theirs now or the device is enrolled again for them).
 */
export function EnrolmentSetup({ onCancel }: { onCancel: () => void }) {
  const { refresh } = useSessionControls();
  const [enrolment, setEnrolment] = useState<{ path: string; clear: Enrolment } | null>(null);
  const [recovery, setRecovery] = useState<{ key: string; fingerprint: string } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const form = useForm<FileFields>({ resolver: zodResolver(fileSchema), ...fieldChecks, defaultValues: { path: '' } });
  const inspect = form.handleSubmit(async ({ path }) => {
    setError(null);
    const result = await seihoApi().syncInspectEnrolment({ path });
    if (result.ok) setEnrolment({ path, clear: result.value });
    else setError(result.error.message);
  });

  if (recovery) return <RecoverySheet recoveryKey={recovery.key} fingerprint={recovery.fingerprint} onConfirmed={() => void refresh()} />;
  return (
    <main className="gate" aria-labelledby="enrolment-title">
      <h1 id="enrolment-title">登録ファイルから初期設定</h1>
      {!enrolment ? (
        <>
          <p>ハブ端末で作成した登録ファイル（.seihoenrol）の場所を入力してください。</p>
          <Form onSubmit={inspect} noValidate aria-label="登録ファイルの選択">
            <TextField label="登録ファイル" name="path" form={form} autoFocus hint="例: E:\\seiho\\訪問用PC3.seihoenrol" />
            <button type="submit" disabled={form.formState.isSubmitting}>
              登録ファイルを読み込む
            </button>
          </Form>
        </>
      ) : (
        <EnrolmentPassphrases
          path={enrolment.path}
          clear={enrolment.clear}
          onDone={(key, fingerprint) => setRecovery({ key, fingerprint })}
          onBack={() => setEnrolment(null)}
        />
      )}
      <FormAlert message={error} />
      <p>
        <button type="button" className="secondary" onClick={onCancel}>
          戻る（新しい事務所として設定する）
        </button>
      </p>
    </main>
  );
}

const optionalPassphrase = z.string().max(256, { error: 'パスフレーズは256文字以内で入力してください' });
const setupSchema = z
  .object({
    code: z.string().trim().min(1, { error: '登録コードを入力してください' }).max(200, { error: '登録コードが長すぎます' }),
    syncFolder: z.string().trim().max(400, { error: '同期フォルダは400文字以内で入力してください' }),
    users: z.array(z.object({ userId: z.string(), passphrase: optionalPassphrase, again: z.string() })),
  })
  .superRefine((v, ctx) => {
    v.users.forEach((u, i) => {
      if (i === 0 && u.passphrase === '') ctx.addIssue({ code: 'custom', path: ['users', i, 'passphrase'], message: 'パスフレーズを入力してください' });
      if (u.passphrase !== u.again) ctx.addIssue({ code: 'custom', path: ['users', i, 'again'], message: '確認用のパスフレーズが一致しません' });
    });
  });
type SetupFields = z.infer<typeof setupSchema>;

function EnrolmentPassphrases({
  path,
  clear,
  onDone,
  onBack,
}: {
  path: string;
  clear: Enrolment;
  onDone: (recoveryKey: string, fingerprint: string) => void;
  onBack: () => void;
}) {
  const [error, setError] = useState<string | null>(null);
  const form = useForm<SetupFields>({
    resolver: zodResolver(setupSchema),
    ...fieldChecks,
    defaultValues: { code: '', syncFolder: '', users: clear.users.map((u) => ({ userId: u.userId, passphrase: '', again: '' })) },
  });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    const users = v.users.filter((u) => u.passphrase !== '').map((u) => ({ userId: u.userId, passphrase: u.passphrase }));
    const result = await seihoApi().syncSetupFromEnrolment({ path, code: v.code, users, ...(v.syncFolder ? { syncFolder: v.syncFolder } : {}) });
    if (!result.ok) return setError(result.error.message);
    onDone(result.value.recoveryKey, result.value.recoveryFingerprint);
  });
  return (
    <>
      <dl className="case-facts" aria-label="登録ファイルの内容">
        <dt>事務所</dt>
        <dd>{clear.officeName}</dd>
        <dt>端末名</dt>
        <dd>{clear.name}</dd>
        <dt>端末の種類</dt>
        <dd>{deviceProfileLabels[clear.profile]}</dd>
      </dl>
      <Form onSubmit={submit} noValidate aria-label="登録コードとパスフレーズ">
        <TextField label="登録コード" name="code" form={form} autoFocus hint="ハブ端末の画面に一度だけ表示されたコードです。" />
        <TextField label="同期フォルダ" name="syncFolder" form={form} hint="空欄なら登録ファイルのあるフォルダを同期フォルダにします。" />
        {clear.users.map((u, i) => (
          <fieldset key={u.userId}>
            <legend>
              {u.displayName}（{u.loginId}・{roleLabels[u.role]}）
            </legend>
            <TextField
              label={`${u.displayName}のパスフレーズ`}
              name={`users.${i}.passphrase`}
              form={form}
              type="password"
              hint={
                i === 0 ? '12文字以上で、ログインIDを含まないもの。' : '本人がこの場にいない場合は空欄のままにできます（この端末を使うには登録し直します）。'
              }
            />
            <TextField label={`${u.displayName}のパスフレーズ（確認）`} name={`users.${i}.again`} form={form} type="password" />
          </fieldset>
        ))}
        <button type="submit" disabled={form.formState.isSubmitting}>
          {form.formState.isSubmitting ? '鍵を作成しています…' : 'この端末を設定する'}
        </button>
        <button type="button" className="secondary" onClick={onBack}>
          別の登録ファイルを選ぶ
        </button>
      </Form>
      <FormAlert message={error} />
    </>
  );
}
