import { useId } from 'react';
import { deviceProfileLabels } from '../../../shared/auth/roles';
import type { DigestComparison } from '../../data/sync/digest';
import type { BundleLine, HubReport } from '../../services/sync';
import { bundleStatusLabels, skewText } from './syncLabels';

/** The bundles of one sender as one run dealt with them: 反映 / 重複 / 待機 / 保留 / 拒否, and why. */
export function BundleTable({ label, lines }: { label: string; lines: readonly BundleLine[] }) {
  const id = useId();
  if (lines.length === 0) return <p>{label}: ありません。</p>;
  return (
    <table className="data-table" aria-labelledby={`${id}-caption`}>
      <caption id={`${id}-caption`}>{label}</caption>
      <thead>
        <tr>
          <th scope="col">番号</th>
          <th scope="col">結果</th>
          <th scope="col">変更</th>
          <th scope="col">競合</th>
          <th scope="col">理由</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((line) => (
          <tr key={line.file}>
            <td>{line.seq ?? '—'}</td>
            <td>{bundleStatusLabels[line.status]}</td>
            <td>{line.rows.toLocaleString('ja-JP')}件</td>
            <td>{line.conflicts > 0 ? `${line.conflicts}件` : '—'}</td>
            <td>{line.reason ?? '—'}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}

/** 一致, or 不一致 with the cases that differ. */
export function DigestLine({ digest }: { digest: DigestComparison | null }) {
  if (!digest) return <p>内容の照合: 未確認</p>;
  if (digest.state === '一致') return <p>内容の照合: 一致</p>;
  return (
    <p className="needs-confirmation">
      内容の照合: 不一致（{digest.differing.length}件のケース: {digest.differing.join('、')}）
    </p>
  );
}

/** The hub's report: per device what came in, what went back, the clock skew and the digest. */
export function HubReportView({ report }: { report: HubReport }) {
  const id = useId();
  return (
    <section aria-labelledby={`${id}-title`} className="panel">
      <h4 id={`${id}-title`}>端末ごとの結果</h4>
      {report.devices.length === 0 && <p>登録された端末はありません。</p>}
      {report.devices.map((line) => (
        <section key={line.device.id} aria-label={line.device.name} className="sync-device-report">
          <h5>
            {line.device.name}（{deviceProfileLabels[line.device.profile]}
            {line.device.status === 'revoked' ? '・失効' : ''}）
          </h5>
          <BundleTable label={`${line.device.name}から届いた同期バンドル`} lines={line.bundles} />
          <p>
            返送:{' '}
            {line.returned
              ? `${line.returned.file}（${line.returned.rows.toLocaleString('ja-JP')}件の変更）`
              : line.returnProblem
                ? `書き出せませんでした（${line.returnProblem}）`
                : 'なし（失効した端末）'}
          </p>
          <p>時刻のずれ: {skewText(line.skewMs)}</p>
          <DigestLine digest={line.digest} />
        </section>
      ))}
      {report.unknown.length > 0 && <BundleTable label="登録簿にない送り手の同期バンドル" lines={report.unknown} />}
    </section>
  );
}
