import { useId, useState } from 'react';
import type { ImportReport } from '../../data/linkage/exchange';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TimeText } from '../../ui/TimeText';
import { useLoaded } from '../../ui/useLoaded';
import { ImportReportTable } from './ImportReportTable';
import { importSummary } from './importReport';
import { QuarantinedResults } from './QuarantinedResults';

/**
 * 取込み（結果）: the result files the 統合宛名 side left in incoming/. Verifying, applying and archiving are the
 * service's (services/linkageExchangeFlow.ts): a refused file changes nothing, and an interrupted import can simply be
 * run again (applied results are skipped). This panel lists the folders, starts an import and shows its report.
 */
export function ImportPanel() {
  const services = useServices();
  const id = useId();
  const incoming = useLoaded(() => services.linkageExchange.incoming(), [services]);
  const [importing, setImporting] = useState<string | null>(null);
  const [report, setReport] = useState<ImportReport | null>(null);
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [imports, setImports] = useState(0);

  const importFolder = async (folder: string) => {
    setImporting(folder);
    setNotice('');
    setError(null);
    setReport(null);
    try {
      const { report, archiveProblem } = await services.linkageExchange.importResults(folder);
      setReport(report);
      setImports((n) => n + 1);
      setNotice(`${report.results.length.toLocaleString('ja-JP')}件の結果を取り込みました（${importSummary(report.results)}）。`);
      if (archiveProblem)
        setError(`結果は反映しましたが、連携フォルダを処理済みに移せませんでした: ${archiveProblem}。もう一度取り込んでも、反映済みの結果は変わりません。`);
    } catch (e) {
      setError(`取り込めませんでした: ${messageOf(e)}`);
    } finally {
      setImporting(null);
      incoming.reload();
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>取込み（結果）</h3>
      <p className="hint">
        連携フォルダの incoming に届いた結果ファイルです。取り込むと署名と内容を確認してから各ケースの連携状況に反映し、処理済みのフォルダへ移します。
      </p>
      <div className="actions">
        <button type="button" className="secondary" onClick={incoming.reload} disabled={importing !== null}>
          一覧を更新
        </button>
      </div>
      {incoming.state === 'loading' && <p>読み込んでいます…</p>}
      {incoming.state === 'failed' && <FormAlert message={incoming.message} />}
      {incoming.state === 'ready' && incoming.value.length === 0 && (
        <p>届いている結果ファイルはありません。中間サーバーから受け取った結果ファイルを連携フォルダに置くと、ここに表示されます。</p>
      )}
      {incoming.state === 'ready' && incoming.value.length > 0 && (
        <table className="data-table" aria-label="届いた結果ファイル">
          <thead>
            <tr>
              <th scope="col">交換ID</th>
              <th scope="col">作成日時</th>
              <th scope="col">件数</th>
              <th scope="col">問題</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {incoming.value.map((exchange, index) => (
              <tr key={exchange.folder}>
                <th scope="row" id={`${id}-exchange-${index}`}>
                  {exchange.exchangeId ?? exchange.folder}
                </th>
                <td>{exchange.createdAt ? <TimeText iso={exchange.createdAt} /> : '—'}</td>
                <td>{exchange.count === null ? '—' : `${exchange.count.toLocaleString('ja-JP')}件`}</td>
                <td>{exchange.problem ?? '—'}</td>
                <td>
                  <button
                    type="button"
                    className="secondary"
                    onClick={() => void importFolder(exchange.folder)}
                    disabled={importing !== null}
                    aria-describedby={`${id}-exchange-${index}`}
                  >
                    {importing === exchange.folder ? '取り込んでいます…' : '取り込む'}
                  </button>
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      <p role="status">{notice}</p>
      <FormAlert message={error} />
      {report && <ImportReportTable report={report} />}
      {/* Read again after every import: a new file may have put results aside. */}
      <QuarantinedResults key={imports} />
    </section>
  );
}
