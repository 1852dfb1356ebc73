import { useEffect, useState } from 'react';
import type { KeyRotationState } from '../../services/keyRotation';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { ConfirmBar } from './ConfirmBar';

/**
 * データ鍵の更新: main makes a new data key and seals it to every active user's slot; this device then re-seals
 * every record in the background (the app stays usable) and the previous key is dropped when the last is done.
 * The progress is the rotation runner's, so it also shows a re-seal resumed at unlock or started by a deactivation.
 */
export function KeyRotationPanel() {
  const services = useServices();
  const [state, setState] = useState<KeyRotationState>(services.keyRotation.state());
  const [confirming, setConfirming] = useState(false);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    setState(services.keyRotation.state());
    return services.keyRotation.subscribe(setState);
  }, [services]);

  const rotate = async () => {
    setError(null);
    try {
      await services.keyRotation.rotate();
      setConfirming(false);
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section aria-labelledby="key-rotation-title">
      <h3 id="key-rotation-title">データ鍵の更新</h3>
      <p className="hint">
        データベースを暗号化する鍵を新しくします。利用者を無効化したときや鍵の漏えいが疑われるときに行います。記録の再暗号化は裏で進み、その間も通常どおり使えます。
      </p>
      <button type="button" onClick={() => setConfirming(true)} disabled={state.phase === 'resealing'}>
        データ鍵を更新
      </button>
      {state.phase === 'resealing' && (
        <p>
          <progress aria-label="再暗号化の進み具合" value={state.resealed} max={Math.max(state.total, 1)} />{' '}
          <span role="status">
            再暗号化しています: {state.resealed.toLocaleString('ja-JP')} / {state.total.toLocaleString('ja-JP')} 件
          </span>
        </p>
      )}
      {state.phase === 'finished' && (
        <p role="status">
          データ鍵の更新が完了しました。{state.resealed.toLocaleString('ja-JP')} 件の記録を新しい鍵で暗号化し、以前の鍵を削除しました。
          {state.damaged > 0 && `（開けない記録 ${state.damaged.toLocaleString('ja-JP')} 件はそのまま残しています）`}
        </p>
      )}
      <FormAlert message={state.phase === 'failed' ? state.message : error} />
      {confirming && (
        <ConfirmBar
          title="データ鍵を更新しますか？"
          detail="新しい鍵は有効な利用者全員と回復キーに渡されます。各利用者は次のロック解除で新しい鍵を受け取ります。無効化された利用者の古い鍵では、更新後の記録を開けません。"
          confirmLabel="更新する"
          onConfirm={rotate}
          onCancel={() => setConfirming(false)}
        />
      )}
    </section>
  );
}
