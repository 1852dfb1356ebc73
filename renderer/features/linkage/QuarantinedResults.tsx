import { useId } from 'react';
import { linkageKindLabels, linkageKinds, type LinkageKind } from '../../../shared/linkage/linkageKinds';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { TimeText } from '../../ui/TimeText';
import { useLoaded } from '../../ui/useLoaded';

const kindLabel = (kind: string) => ((linkageKinds as readonly string[]).includes(kind) ? linkageKindLabels[kind as LinkageKind] : kind);

/** Results that matched nothing this office sent: kept, never dropped, for the administrator to look into. */
export function QuarantinedResults() {
  const services = useServices();
  const id = useId();
  const rows = useLoaded(() => services.linkageExchange.quarantined(), [services]);
  return (
    <section aria-labelledby={`${id}-title`}>
      <h4 id={`${id}-title`}>隔離された結果</h4>
      {rows.state === 'loading' && <p>読み込んでいます…</p>}
      {rows.state === 'failed' && <FormAlert message={rows.message} />}
      {rows.state === 'ready' && rows.value.length === 0 && <p>隔離された結果はありません。</p>}
      {rows.state === 'ready' && rows.value.length > 0 && (
        <table className="data-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">受信日時</th>
              <th scope="col">種別</th>
              <th scope="col">問題</th>
            </tr>
          </thead>
          <tbody>
            {rows.value.map((entry) => (
              <tr key={entry.id}>
                <td>
                  <TimeText iso={entry.receivedAt} />
                </td>
                <td>{kindLabel(entry.kind)}</td>
                <td>{entry.problem ?? '—'}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
