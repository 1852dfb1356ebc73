import { useServices } from '../../session/SessionProvider';
import { DateText } from '../../ui/DateText';
import { CorrectionWorkList } from '../caseLinkage/CorrectionWorkList';
import { localDateOf } from '../../ui/TimeText';
import { useLoaded } from '../../ui/useLoaded';

export function HomeScreen() {
  const { deviceStatus } = useServices();
  const info = useLoaded(() => deviceStatus.appInfo(), [deviceStatus]);
  const health = useLoaded(() => deviceStatus.health(), [deviceStatus]);
  return (
    <section aria-labelledby="home-title">
      <h2 id="home-title">ホーム</h2>
      <p>
        本日は <DateText date={localDateOf(new Date().toISOString())} /> です。
      </p>
      <CorrectionWorkList />
      <h3>端末の状態</h3>
      {health.state === 'loading' && <p>確認しています…</p>}
      {health.state === 'failed' && <p role="alert">状態を確認できません: {health.message}</p>}
      {health.state === 'ready' && (
        <ul className="health-list" aria-label="端末の状態">
          {health.value.checks.map((check) => (
            <li key={check.name} className={check.ok ? 'ok' : 'ng'}>
              {check.ok ? '正常' : '異常'}: {check.name}（{check.detail}）
            </li>
          ))}
        </ul>
      )}
      {info.state === 'ready' && (
        <p className="app-info">
          {info.value.name} {info.value.version}（{info.value.host === 'electron' ? 'デスクトップ' : 'ブラウザホスト'}）
        </p>
      )}
    </section>
  );
}
