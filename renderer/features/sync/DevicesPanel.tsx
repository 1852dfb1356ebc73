import { useCallback, useEffect, useId, useState } from 'react';
import { deviceProfileLabels } from '../../../shared/auth/roles';
import type { VaultUser } from '../../services/officeAdmin';
import type { DeviceLine } from '../../services/sync';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TimeText } from '../../ui/TimeText';
import { CaseloadsForm } from './CaseloadsForm';
import { EnrolDeviceForm } from './EnrolDeviceForm';
import { RevokeDeviceForm } from './RevokeDeviceForm';
import { digestLabel, skewText } from './syncLabels';

/**
 * 管理 › 端末 (the hub): every enrolled device — profile, users, caseloads, last sync each way, what waits, clock
 * skew, and whether it holds what the hub holds (一致 / 不一致) — with revocation, and the enrolment of a new one.
 */
export function DevicesPanel() {
  const services = useServices();
  const id = useId();
  const [lines, setLines] = useState<DeviceLine[] | null>(null);
  const [users, setUsers] = useState<VaultUser[]>([]);
  const [revoking, setRevoking] = useState<DeviceLine | null>(null);
  const [reassigning, setReassigning] = useState<DeviceLine | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);

  const reload = useCallback(async () => {
    try {
      const [devices, vaultUsers] = await Promise.all([services.syncDevices.list(), services.users.list()]);
      setLines(devices);
      setUsers(vaultUsers);
    } catch (e) {
      setError(messageOf(e));
    }
  }, [services]);
  useEffect(() => void reload(), [reload]);

  const nameOf = (userId: string) => users.find((u) => u.userId === userId)?.profile.displayName ?? '（不明な職員）';
  const names = (ids: readonly string[]) => (ids.length === 0 ? '—' : ids.map(nameOf).join('、'));

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>端末</h3>
      <p role="status">{notice}</p>
      <FormAlert message={error} />
      {lines === null && <p>読み込んでいます…</p>}
      {lines?.length === 0 && <p>登録された端末はまだありません。</p>}
      {lines && lines.length > 0 && (
        <table className="data-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">端末名</th>
              <th scope="col">種類</th>
              <th scope="col">利用者</th>
              <th scope="col">担当ケース</th>
              <th scope="col">最終受信</th>
              <th scope="col">最終送信</th>
              <th scope="col">保留・待機</th>
              <th scope="col">時刻のずれ</th>
              <th scope="col">内容</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {lines.map((line) => {
              const { device, peer } = line;
              return (
                <tr key={device.id}>
                  <th scope="row">
                    {device.name}
                    {device.revoked && (
                      <>
                        <br />
                        失効（{nameOf(device.revoked.by)}、<TimeText iso={device.revoked.at} />
                        、理由: {device.revoked.reason}）
                      </>
                    )}
                  </th>
                  <td>{deviceProfileLabels[device.profile]}</td>
                  <td>{names(device.userIds)}</td>
                  <td>{names(device.caseloadUserIds)}</td>
                  <td>{peer?.lastAppliedAt ? <TimeText iso={peer.lastAppliedAt} /> : '未同期'}</td>
                  <td>{peer?.lastSentAt ? <TimeText iso={peer.lastSentAt} /> : '未同期'}</td>
                  <td>{line.held > 0 ? `保留 ${line.held}件` : '—'}</td>
                  <td>{skewText(peer?.skewMs ?? null)}</td>
                  <td>{digestLabel(line.digest)}</td>
                  <td className="actions">
                    {device.status === 'active' && (
                      <>
                        <button type="button" className="secondary" onClick={() => setReassigning(line)} aria-label={`${device.name}の担当ケースを変更`}>
                          担当の変更
                        </button>
                        <button type="button" className="danger" onClick={() => setRevoking(line)} aria-label={`${device.name}を失効`}>
                          失効
                        </button>
                      </>
                    )}
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
      {revoking && (
        <RevokeDeviceForm
          device={revoking.device}
          onCancel={() => setRevoking(null)}
          onRevoked={(text) => {
            setRevoking(null);
            setNotice(text);
            void reload();
          }}
        />
      )}
      {reassigning && (
        <CaseloadsForm
          device={reassigning.device}
          users={users}
          onCancel={() => setReassigning(null)}
          onSaved={(text) => {
            setReassigning(null);
            setNotice(text);
            void reload();
          }}
        />
      )}
      <EnrolDeviceForm users={users} onEnrolled={() => void reload()} />
    </section>
  );
}
