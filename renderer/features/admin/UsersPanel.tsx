import { useServices, useUnlocked } from '../../session/SessionProvider';
import { useCallback, useEffect, useState } from 'react';
import { roleLabels, roles, type Role } from '../../../shared/auth/roles';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { DateText } from '../../ui/DateText';
import { localDateOf } from '../../ui/TimeText';
import { ConfirmBar } from './ConfirmBar';
import { CreateUserForm } from './CreateUserForm';
import { ResetPassphraseForm } from './ResetPassphraseForm';
import { messageOf } from '../../ui/messageOf';

export type VaultUser = ResponseOf<'usersList'>['users'][number];

type Pending = { kind: 'deactivate' | 'reset' | 'profile'; user: VaultUser } | null;
type Message = { kind: 'done' | 'error'; text: string } | null;

/** The key store's users: who may unlock this device, in which role, and whether they are locked out. */
export function UsersPanel() {
  const services = useServices();
  const { user: me } = useUnlocked();
  const [users, setUsers] = useState<VaultUser[] | null>(null);
  const [pending, setPending] = useState<Pending>(null);
  const [message, setMessage] = useState<Message>(null);
  // The administrator's choice at each deactivation; off unless ticked, because a rotation re-seals every record.
  const [rotateKey, setRotateKey] = useState(false);
  // The 役割 and 班 being chosen for the user whose profile is open.
  const [draft, setDraft] = useState<{ role: Role; teamId: string }>({ role: 'caseworker', teamId: '' });

  const reload = useCallback(async () => {
    try {
      setUsers(await services.users.list());
    } catch (e) {
      setMessage({ kind: 'error', text: messageOf(e) });
    }
  }, [services]);
  useEffect(() => void reload(), [reload]);

  const finish = async (text: string) => {
    setPending(null);
    setMessage({ kind: 'done', text });
    await reload();
  };
  const fail = (text: string) => setMessage({ kind: 'error', text });

  const deactivate = async (user: VaultUser) => {
    try {
      await services.users.deactivate(user, { rotateKey });
    } catch (e) {
      return fail(messageOf(e));
    }
    await finish(
      `${user.profile.displayName}（${user.loginId}）を無効化しました。この利用者はロック解除できません。${rotateKey ? 'データ鍵を更新し、記録の再暗号化を始めました（進み具合は「データ鍵の更新」）。' : ''}`,
    );
  };
  const changeProfile = async (user: VaultUser) => {
    const teamId = draft.teamId.trim() === '' ? null : draft.teamId.trim();
    try {
      await services.users.changeProfile(user, { role: draft.role, teamId });
    } catch (e) {
      return fail(messageOf(e));
    }
    await finish(`${user.profile.displayName}（${user.loginId}）の役割を${roleLabels[draft.role]}、班を${teamId ?? 'なし'}にしました。`);
  };
  const unlockAccount = async (user: VaultUser) => {
    try {
      await services.users.unlockAccount(user.userId);
    } catch (e) {
      return fail(messageOf(e));
    }
    await finish(`${user.profile.displayName}（${user.loginId}）のロックを解除しました。`);
  };

  return (
    <section aria-labelledby="users-title">
      <h3 id="users-title">利用者</h3>
      <p role="status">{message?.kind === 'done' ? message.text : ''}</p>
      {message?.kind === 'error' && (
        <p role="alert" className="field-error">
          {message.text}
        </p>
      )}
      {users === null ? (
        <p>読み込んでいます…</p>
      ) : (
        <table className="data-table" aria-labelledby="users-title">
          <thead>
            <tr>
              <th scope="col">ログインID</th>
              <th scope="col">氏名</th>
              <th scope="col">役割</th>
              <th scope="col">班</th>
              <th scope="col">状態</th>
              <th scope="col">ロック</th>
              <th scope="col">パスフレーズ変更日</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {users.map((user) => (
              <tr key={user.userId}>
                <th scope="row">{user.loginId}</th>
                <td>{user.profile.displayName}</td>
                <td>{roleLabels[user.profile.role]}</td>
                <td>{user.profile.teamId ?? '—'}</td>
                <td>{user.status === 'active' ? '有効' : '無効'}</td>
                <td>{user.locked ? 'ロック中' : user.failedAttempts > 0 ? `失敗 ${user.failedAttempts} 回` : '—'}</td>
                <td>{user.passphraseChangedAt ? <DateText date={localDateOf(user.passphraseChangedAt)} /> : '未変更'}</td>
                <td className="actions">
                  {user.locked && user.status === 'active' && (
                    <button type="button" className="secondary" onClick={() => void unlockAccount(user)} aria-label={`${user.loginId} のロックを解除`}>
                      ロック解除
                    </button>
                  )}
                  {user.status === 'active' && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => {
                        setDraft({ role: user.profile.role, teamId: user.profile.teamId ?? '' });
                        setPending({ kind: 'profile', user });
                      }}
                      aria-label={`${user.loginId} の役割・班を変更`}
                    >
                      役割・班を変更
                    </button>
                  )}
                  {user.status === 'active' && (
                    <button
                      type="button"
                      className="secondary"
                      onClick={() => setPending({ kind: 'reset', user })}
                      aria-label={`${user.loginId} のパスフレーズを再設定`}
                    >
                      パスフレーズ再設定
                    </button>
                  )}
                  {user.status === 'active' && user.userId !== me.userId && (
                    <button
                      type="button"
                      className="danger"
                      onClick={() => {
                        setRotateKey(false);
                        setPending({ kind: 'deactivate', user });
                      }}
                      aria-label={`${user.loginId} を無効化`}
                    >
                      無効化
                    </button>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {pending?.kind === 'deactivate' && (
        <ConfirmBar
          title={`${pending.user.profile.displayName}（${pending.user.loginId}）を無効化しますか？`}
          detail="鍵スロットが削除され、この利用者はロック解除できなくなります。元に戻すには利用者を作り直します。"
          confirmLabel="無効化する"
          onConfirm={() => deactivate(pending.user)}
          onCancel={() => setPending(null)}
        >
          <label>
            <input type="checkbox" checked={rotateKey} onChange={(e) => setRotateKey(e.target.checked)} autoComplete="off" />{' '}
            データ鍵も更新する（この利用者が知り得た鍵では、以後の記録を開けなくなります）
          </label>
        </ConfirmBar>
      )}
      {pending?.kind === 'profile' && (
        <ConfirmBar
          title={`${pending.user.profile.displayName}（${pending.user.loginId}）の役割・班を変更しますか？`}
          detail="変更は監査ログに記録されます。新しい役割は、この利用者の次のロック解除から使われます。"
          confirmLabel="変更する"
          onConfirm={() => changeProfile(pending.user)}
          onCancel={() => setPending(null)}
        >
          <div className="field">
            <label htmlFor="profile-role">役割</label>
            <select id="profile-role" value={draft.role} onChange={(e) => setDraft((d) => ({ ...d, role: e.target.value as Role }))}>
              {roles.map((role) => (
                <option key={role} value={role}>
                  {roleLabels[role]}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="profile-team">班</label>
            <input id="profile-team" value={draft.teamId} onChange={(e) => setDraft((d) => ({ ...d, teamId: e.target.value }))} autoComplete="off" />
          </div>
        </ConfirmBar>
      )}
      {pending?.kind === 'reset' && <ResetPassphraseForm user={pending.user} onDone={(text) => void finish(text)} onCancel={() => setPending(null)} />}
      <CreateUserForm onCreated={(text) => void finish(text)} />
    </section>
  );
}
