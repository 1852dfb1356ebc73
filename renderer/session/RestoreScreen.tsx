import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useRef, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { DeviceProfile } from '../../shared/auth/roles';
import { contract, type ResponseOf } from '../../shared/ipc/contract';
import { seihoApi } from '../api/seihoApi';
import { TimeText } from '../ui/TimeText';
import { FormAlert } from '../ui/FormAlert';
import { TextField } from '../ui/TextField';
import { messageOf } from '../ui/messageOf';
import { clearRestoreRequest, pendingRestore } from './restoreRequest';
import { Form } from '../ui/Form';
import { fieldChecks } from '../ui/fieldChecks';

type Backup = ResponseOf<'backupList'>['backups'][number];

export { pendingRestore, requestRestore } from './restoreRequest';

const schema = z.object({
  fileName: z.string().min(1, { error: '復元するバックアップを選んでください' }),
  recoveryKey: contract.backupRestore.request.shape.recoveryKey,
});
type Fields = z.infer<typeof schema>;

const sizeOf = (bytes: number) => `${(bytes / 1024).toFixed(bytes < 10_240 ? 1 : 0)} KB`;

/**
 * Restore from the lock screen: main verifies the whole backup with the office recovery key before it replaces
 * anything — the recovery key must vouch for the office key that signed it, so a truncated, altered, forged or
 * unsigned file is refused and nothing changes — then the renderer checks and imports the sealed database.
 * Afterwards everyone logs in again.
 */
export function RestoreScreen({ onCancel, deviceProfile }: { onCancel: () => void; deviceProfile?: DeviceProfile }) {
  const [backups, setBackups] = useState<Backup[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  /** Null until restored; then the backup's database schema version and whether it is older than this app's. */
  const [restored, setRestored] = useState<{ schemaVersion: number; older: boolean } | null>(null);
  const doneRef = useRef<HTMLButtonElement>(null);
  const form = useForm<Fields>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: { fileName: pendingRestore() ?? '', recoveryKey: '' } });

  useEffect(() => {
    void seihoApi()
      .backupList({})
      .then((result) => (result.ok ? setBackups(result.value.backups) : setError(result.error.message)));
  }, []);
  useEffect(() => {
    if (restored) doneRef.current?.focus();
  }, [restored]);

  const submit = form.handleSubmit(async ({ fileName, recoveryKey }) => {
    setError(null);
    // A device not set up yet (a replacement machine) takes the profile chosen on the set-up screen.
    // The database layer (Dexie, libsodium) loads only when a restore actually runs, not with the lock screen.
    const { importDatabaseFromBackup, latestSchemaVersion } = await import('../data/backupExport');
    // Main refuses a backup newer than this app before it replaces the key store: a refusal changes nothing.
    const result = await seihoApi().backupRestore({
      fileName,
      recoveryKey,
      newestSchemaVersion: latestSchemaVersion,
      ...(deviceProfile && { deviceProfile }),
    });
    if (!result.ok) return setError(result.error.message);
    try {
      const { schemaVersion } = await importDatabaseFromBackup(result.value.databaseExport);
      clearRestoreRequest();
      setRestored({ schemaVersion, older: schemaVersion < latestSchemaVersion });
    } catch (e) {
      return setError(messageOf(e));
    }
  });
  const cancel = () => {
    clearRestoreRequest();
    onCancel();
  };
  const fileError = form.formState.errors.fileName?.message;

  if (restored) {
    return (
      <main className="gate" aria-labelledby="restore-title">
        <h1 id="restore-title">バックアップから復元</h1>
        <p role="status">
          復元しました。もう一度ログインしてください。
          {restored.older && `このバックアップは以前の版（データベースの版 ${restored.schemaVersion}）のもので、次のログインで現在の版に移行します。`}
        </p>
        <button type="button" ref={doneRef} onClick={() => window.location.reload()}>
          ログイン画面へ
        </button>
      </main>
    );
  }
  return (
    <main className="gate" aria-labelledby="restore-title">
      <h1 id="restore-title">バックアップから復元</h1>
      <p>この端末の鍵ファイルとデータベースを、選んだバックアップの時点に戻します。それ以降の変更は失われます。</p>
      <Form onSubmit={submit} noValidate aria-busy={form.formState.isSubmitting}>
        <fieldset aria-describedby={fileError ? 'restore-file-error' : undefined}>
          <legend>バックアップ</legend>
          {backups === null && !error && <p>読み込んでいます…</p>}
          {backups?.length === 0 && <p>この端末のバックアップフォルダにバックアップがありません。</p>}
          {backups?.map((backup) => (
            <label key={backup.fileName} className="choice">
              <input type="radio" value={backup.fileName} {...form.register('fileName')} />
              <TimeText iso={backup.createdAt} />　{backup.officeName}（{backup.fileName}、{sizeOf(backup.bytes)}）
              {!backup.signed && '　未署名（復元できません）'}
            </label>
          ))}
          {fileError && (
            <p id="restore-file-error" className="field-error">
              バックアップ: {fileError}
            </p>
          )}
        </fieldset>
        <TextField label="回復キー" name="recoveryKey" form={form} hint="初期設定で印刷した事務所の回復キーを入力します。" />
        <div className="actions">
          <button type="submit" disabled={form.formState.isSubmitting}>
            {form.formState.isSubmitting ? '復元しています…' : '復元する'}
          </button>
          <button type="button" className="secondary" onClick={cancel}>
            戻る
          </button>
        </div>
      </Form>
      <FormAlert message={error} />
    </main>
  );
}
