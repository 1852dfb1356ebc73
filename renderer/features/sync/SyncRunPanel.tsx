import { useId, useState } from 'react';
import type { DeviceReport, HubReport, SyncStep } from '../../services/sync';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { BundleTable, DigestLine, HubReportView } from './SyncReport';
import { syncStepLabels } from './syncLabels';

type Progress = { step: SyncStep; done: number; total: number };

/**
 * 同期: one action per side. The hub imports every device's bundles and writes each its return; a device applies the
 * hub's bundles and writes its own. The workflow is the service's; this panel starts it and shows the progress and
 * the report per device.
 */
export function SyncRunPanel({ hub }: { hub: boolean }) {
  const services = useServices();
  const id = useId();
  const [progress, setProgress] = useState<Progress | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [hubReport, setHubReport] = useState<HubReport | null>(null);
  const [deviceReport, setDeviceReport] = useState<DeviceReport | null>(null);

  const run = async () => {
    setError(null);
    setHubReport(null);
    setDeviceReport(null);
    const onProgress = (step: SyncStep, done: number, total: number) => setProgress({ step, done, total });
    onProgress('reading', 0, 1);
    try {
      if (hub) setHubReport(await services.sync.importAndReturn(onProgress));
      else setDeviceReport(await services.sync.syncNow(onProgress));
    } catch (e) {
      setError(`同期できませんでした: ${messageOf(e)}`);
    } finally {
      setProgress(null);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>{hub ? '取込みと返送' : '同期'}</h3>
      <p className="hint">
        {hub
          ? '同期フォルダにある各端末の同期バンドルを取り込み、登録済みの端末ごとに返送の同期バンドルを書き出します。'
          : 'ハブからの同期バンドルを反映し、この端末の変更を同期フォルダに書き出します。'}
      </p>
      <button type="button" onClick={() => void run()} disabled={progress !== null}>
        {progress ? '同期しています…' : hub ? '取込みと返送を実行' : '今すぐ同期'}
      </button>
      {progress && (
        <>
          <progress aria-label="同期の進み具合" max={Math.max(progress.total, 1)} value={progress.done} />
          <p role="status">{syncStepLabels[progress.step]}</p>
        </>
      )}
      {!progress && <p role="status">{hubReport || deviceReport ? '同期が終わりました。' : ''}</p>}
      <FormAlert message={error} />
      {hubReport && <HubReportView report={hubReport} />}
      {deviceReport && (
        <section aria-labelledby={`${id}-report`} className="panel">
          <h4 id={`${id}-report`}>同期の結果</h4>
          <BundleTable label="ハブから受け取った同期バンドル" lines={deviceReport.received} />
          <p>
            送信: {deviceReport.sent.file}（{deviceReport.sent.rows.toLocaleString('ja-JP')}件の変更）
          </p>
          <DigestLine digest={deviceReport.digest} />
          {deviceReport.receipts
            .filter((r) => r.status === 'quarantined')
            .map((r) => (
              <p key={r.seq} className="needs-confirmation">
                この端末の同期バンドル（{r.seq}番）はハブで保留されました: {r.reason}
              </p>
            ))}
        </section>
      )}
    </section>
  );
}
