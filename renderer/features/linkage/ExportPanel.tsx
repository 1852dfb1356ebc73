import { useState } from 'react';
import type { ResponseOf } from '../../../shared/ipc/contract';
import { linkageKindLabels } from '../../../shared/linkage/linkageKinds';
import { seihoApi } from '../../api/seihoApi';
import type { HeldEntry } from '../../data/linkage/exchange';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TimeText } from '../../ui/TimeText';
import { useLoaded } from '../../ui/useLoaded';
import { KindCounts } from './KindCounts';
import { exportConfig } from './officeLinkageSettings';

type Written = ResponseOf<'linkageExport'>;

/**
 * 書き出し（送信）: every pending linkage message goes into one signed exchange file in outgoing/. The outbox is
 * cleared only after main has written the file, so a refused write leaves everything waiting as it was.
 */
export function ExportPanel() {
  const services = useServices();
  const pending = useLoaded(() => services.linkageExchange.pendingCounts(), [services]);
  const [busy, setBusy] = useState(false);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<Written | null>(null);
  const [held, setHeld] = useState<HeldEntry[]>([]);

  const run = async () => {
    setBusy(true);
    setNotice('');
    setError(null);
    setWritten(null);
    setHeld([]);
    try {
      const config = await exportConfig();
      const { items } = config;
      const plan = await services.linkageExchange.prepareExport(config);
      const heldNote = plan.held.length > 0 ? `${plan.held.length}件は書き出していません（要確認）。` : '';
      if (plan.records.length === 0) {
        setHeld(plan.held);
        return setNotice(`書き出す連携データはありません。${heldNote}`);
      }
      const file = await seihoApi().linkageExport({ records: plan.records });
      if (!file.ok) return setError(`書き出せませんでした: ${file.error.message}`);
      setHeld(plan.held);
      try {
        await services.linkageExchange.markExported(file.value.exchangeId, plan.records, items);
      } catch (e) {
        return setError(
          `連携ファイル（${file.value.folder}）は書き出しましたが、送信済みにできませんでした: ${messageOf(e)}。送信待ちのまま残っているため、次の書き出しで同じ内容がもう一度送られます。`,
        );
      }
      setWritten(file.value);
      setNotice(`連携ファイルを書き出しました（${file.value.count.toLocaleString('ja-JP')}件）。${heldNote}`);
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
      pending.reload();
    }
  };

  return (
    <section aria-labelledby="linkage-export-title">
      <h3 id="linkage-export-title">書き出し（送信）</h3>
      <p className="hint">送信待ちの連携データを、署名付きの連携ファイルとして連携フォルダの outgoing に書き出します。</p>
      {pending.state === 'loading' && <p>読み込んでいます…</p>}
      {pending.state === 'failed' && <FormAlert message={pending.message} />}
      {pending.state === 'ready' && <KindCounts label="送信待ちの件数" counts={pending.value} />}
      <button type="button" onClick={() => void run()} disabled={busy}>
        {busy ? '書き出しています…' : '連携ファイルを書き出す'}
      </button>
      <p role="status">{notice}</p>
      <FormAlert message={error} />
      {written && <WrittenFile file={written} />}
      {held.length > 0 && <HeldEntries held={held} />}
    </section>
  );
}

function WrittenFile({ file }: { file: Written }) {
  return (
    <div className="panel">
      <dl className="case-facts">
        <dt>交換ID</dt>
        <dd>{file.exchangeId}</dd>
        <dt>書き出し先</dt>
        <dd>{file.folder}</dd>
        <dt>作成日時</dt>
        <dd>
          <TimeText iso={file.createdAt} />
        </dd>
      </dl>
      <KindCounts label="書き出した件数" counts={file.byKind} />
    </div>
  );
}

/** Messages that stayed in the outbox: no legal basis on this date, or unreadable. They go out once fixed. */
function HeldEntries({ held }: { held: readonly HeldEntry[] }) {
  return (
    <section aria-labelledby="linkage-held-title" className="needs-confirmation">
      <h4 id="linkage-held-title">要確認（書き出さなかった連携データ）</h4>
      <table className="data-table" aria-labelledby="linkage-held-title">
        <thead>
          <tr>
            <th scope="col">番号</th>
            <th scope="col">種別</th>
            <th scope="col">内容</th>
          </tr>
        </thead>
        <tbody>
          {/* A damaged entry comes as seq 0: its number and kind could not be read. */}
          {held.map((entry, index) => (
            <tr key={`${entry.seq}-${index}`}>
              <td>{entry.seq > 0 ? entry.seq : '—'}</td>
              <td>{entry.seq > 0 ? linkageKindLabels[entry.kind] : '—'}</td>
              <td>{entry.problem}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </section>
  );
}
