import { useRef, useState } from 'react';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { localDateOf } from '../../ui/TimeText';
import { ConfirmBar } from '../admin/ConfirmBar';

/** 保存期間: the 番号法§23 records are kept 7 years (施行令§30) and then deleted; the deletion itself is logged. */
export function RetentionPanel() {
  const services = useServices();
  const [confirming, setConfirming] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const trigger = useRef<HTMLButtonElement>(null);
  // The confirmation had the focus; give it back to the button that opened it.
  const close = () => {
    setConfirming(false);
    setTimeout(() => trigger.current?.focus(), 0);
  };

  const purge = async () => {
    setNotice('');
    setError(null);
    try {
      const deleted = await services.provisionRecords.purgeExpired(localDateOf(new Date().toISOString()));
      setNotice(
        deleted === 0
          ? '保存期間を過ぎた提供・照会記録はありませんでした。'
          : `保存期間を過ぎた提供・照会記録を${deleted.toLocaleString('ja-JP')}件削除しました。`,
      );
    } catch (e) {
      setError(`削除できませんでした: ${messageOf(e)}`);
    } finally {
      close();
    }
  };

  return (
    <section aria-labelledby="linkage-retention-title">
      <h3 id="linkage-retention-title">保存期間</h3>
      <p className="hint">
        提供・照会記録（番号法第23条）は記録の日から7年間保存します。保存期限が今日より前の記録を削除します。削除した件数は監査ログに記録されます。
      </p>
      <button type="button" className="danger" ref={trigger} onClick={() => setConfirming(true)} disabled={confirming}>
        保存期間（7年）を過ぎた提供・照会記録を削除
      </button>
      {confirming && (
        <ConfirmBar
          title="保存期間を過ぎた提供・照会記録を削除しますか？"
          detail="削除した記録は元に戻せません。保存期限内の記録は削除されません。"
          confirmLabel="削除する"
          onConfirm={purge}
          onCancel={close}
        />
      )}
      <p role="status">{notice}</p>
      <FormAlert message={error} />
    </section>
  );
}
