import { useCallback, useEffect, useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { requestRestore } from '../../session/RestoreScreen';
import { useServices, useSessionControls } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { TimeText } from '../../ui/TimeText';
import { BackupSignerForm } from './BackupSignerForm';
import { ConfirmBar } from './ConfirmBar';
import { messageOf } from '../../ui/messageOf';

type Backup = ResponseOf<'backupList'>['backups'][number];

/**
 * Encrypted backups of this device. The renderer hands main the sealed database rows; main adds the key store,
 * encrypts the file to the office recovery key and signs it with the office's key. Restoring replaces both, so it
 * locks first and finishes on the lock screen's restore screen, with the recovery key. A backup whose signer the
 * recovery key has not attested is listed as 「未署名」 (restore refuses it); the form below makes the attestation.
 */
export function BackupsPanel() {
  const services = useServices();
  const { lock } = useSessionControls();
  const [backups, setBackups] = useState<Backup[] | null>(null);
  const [busy, setBusy] = useState(false);
  const [done, setDone] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [restoring, setRestoring] = useState<Backup | null>(null);

  const reload = useCallback(async () => {
    try {
      setBackups(await services.backups.list());
    } catch (e) {
      setError(messageOf(e));
    }
  }, [services]);
  useEffect(() => void reload(), [reload]);

  const create = async () => {
    setBusy(true);
    setError(null);
    setDone('');
    try {
      const fileName = await services.backups.create();
      setDone(`バックアップを作成しました（${fileName}）。`);
      await reload();
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="backups-title">
      <h3 id="backups-title">バックアップ</h3>
      <p className="hint">
        バックアップは事務所の回復キーで暗号化され、事務所の鍵で署名されて、データフォルダの backups に保存されます。定期的に外部媒体へ複製してください。
      </p>
      <button type="button" onClick={() => void create()} disabled={busy}>
        {busy ? '作成しています…' : 'バックアップを作成'}
      </button>
      <p role="status">{done}</p>
      <FormAlert message={error} />
      {backups?.length === 0 && <p>まだバックアップはありません。</p>}
      {backups && backups.length > 0 && (
        <table className="data-table" aria-labelledby="backups-title">
          <thead>
            <tr>
              <th scope="col">作成日時</th>
              <th scope="col">ファイル</th>
              <th scope="col">事務所</th>
              <th scope="col">大きさ</th>
              <th scope="col">署名</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {backups.map((backup) => (
              <tr key={backup.fileName}>
                <td>
                  <TimeText iso={backup.createdAt} />
                </td>
                <th scope="row">{backup.fileName}</th>
                <td>{backup.officeName}</td>
                <td>{backup.bytes.toLocaleString('ja-JP')} バイト</td>
                <td>{backup.signed ? '署名済み' : '未署名'}</td>
                <td>
                  <button type="button" className="secondary" onClick={() => setRestoring(backup)} aria-label={`${backup.fileName} から復元`}>
                    復元
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {backups?.some((backup) => !backup.signed) && (
        <BackupSignerForm
          onDone={(message) => {
            setDone(message);
            void reload();
          }}
        />
      )}
      {restoring && (
        <ConfirmBar
          title={`${restoring.fileName} から復元しますか？`}
          detail="ロックしてから復元画面に移ります。回復キーを入力すると、鍵ファイルとデータベースがこのバックアップの時点に戻り、それ以降の変更は失われます。"
          confirmLabel="ロックして復元へ進む"
          onConfirm={async () => {
            requestRestore(restoring.fileName);
            await lock();
          }}
          onCancel={() => setRestoring(null)}
        />
      )}
    </section>
  );
}
