import { useState } from 'react';
import { linkageKindLabels } from '../../../shared/linkage/linkageKinds';
import type { HeldEntry } from '../../data/linkage/exchange';
import { ExportNotMarkedError, type ExportStep, type WrittenExchange } from '../../services/linkageExchangeFlow';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TimeText } from '../../ui/TimeText';
import { useLoaded } from '../../ui/useLoaded';
import { KindCounts } from './KindCounts';

const stepLabels: Record<ExportStep, string> = {
  finishing: '前回の書き出しを確認しています…',
  preparing: '送信待ちの連携データをまとめています…',
  writing: '連携ファイルを書き出しています…',
  marking: '送信済みにしています…',
};

/**
 * 書き出し（送信）: every pending linkage message goes into one signed exchange file in outgoing/. The workflow —
 * and what happens if it stops between the file and the marking — is the service's (services/linkageExchangeFlow.ts);
 * this panel starts it and shows its progress and outcome.
 */
export function ExportPanel() {
  const services = useServices();
  const pending = useLoaded(() => services.linkageExchange.pendingCounts(), [services]);
  const [step, setStep] = useState<ExportStep | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [written, setWritten] = useState<WrittenExchange | null>(null);
  const [held, setHeld] = useState<HeldEntry[]>([]);

  const run = async () => {
    setStep('finishing');
    setNotice('');
    setError(null);
    setWritten(null);
    setHeld([]);
    try {
      const outcome = await services.linkageExchange.exportPending(setStep);
      const finished = outcome.finished
        .filter((f) => f.count > 0)
        .map((f) => `前回書き出した連携ファイル（交換ID ${f.exchangeId}）の${f.count.toLocaleString('ja-JP')}件を送信済みにしました。`)
        .join('');
      const heldNote = outcome.held.length > 0 ? `${outcome.held.length}件は書き出していません（要確認）。` : '';
      setHeld(outcome.held);
      setWritten(outcome.written);
      setNotice(
        outcome.written
          ? `${finished}連携ファイルを書き出しました（${outcome.written.count.toLocaleString('ja-JP')}件）。${heldNote}`
          : `${finished}書き出す連携データはありません。${heldNote}`,
      );
    } catch (e) {
      // Written but not marked says what state it left; any other refusal left everything waiting as it was.
      setError(e instanceof ExportNotMarkedError ? e.message : `書き出せませんでした: ${messageOf(e)}`);
    } finally {
      setStep(null);
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
      <button type="button" onClick={() => void run()} disabled={step !== null}>
        {step ? stepLabels[step] : '連携ファイルを書き出す'}
      </button>
      <p role="status">{notice}</p>
      <FormAlert message={error} />
      {written && <WrittenFile file={written} />}
      {held.length > 0 && <HeldEntries held={held} />}
    </section>
  );
}

function WrittenFile({ file }: { file: WrittenExchange }) {
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
            // biome-ignore lint/suspicious/noArrayIndexKey: damaged entries all read as seq 0; the list is fixed while shown
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
