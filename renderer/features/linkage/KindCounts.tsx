import { linkageKindLabels, linkageKinds, type LinkageKind } from '../../../shared/linkage/linkageKinds';

/** Message counts by kind with their total: what waits to be sent, or what one exchange file carried. */
export function KindCounts({ label, counts }: { label: string; counts: Partial<Record<LinkageKind, number>> }) {
  const total = linkageKinds.reduce((sum, kind) => sum + (counts[kind] ?? 0), 0);
  return (
    <table className="data-table" aria-label={label}>
      <thead>
        <tr>
          <th scope="col">種別</th>
          <th scope="col">件数</th>
        </tr>
      </thead>
      <tbody>
        {linkageKinds.map((kind) => (
          <tr key={kind}>
            <th scope="row">{linkageKindLabels[kind]}</th>
            <td>{(counts[kind] ?? 0).toLocaleString('ja-JP')}件</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">合計</th>
          <td>{total.toLocaleString('ja-JP')}件</td>
        </tr>
      </tfoot>
    </table>
  );
}
