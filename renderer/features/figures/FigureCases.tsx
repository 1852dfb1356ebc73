import { Link } from 'react-router';
import { caseStatusLabels } from '../../../shared/casework/caseStatus';
import { useServices } from '../../session/SessionProvider';
import { useLoaded } from '../../ui/useLoaded';

/**
 * The cases behind one figure, as the case list shows them: only those the viewer's scope allows (the data layer
 * decides); the rest are counted, not named.
 */
export function FigureCases({ title, householdIds, onClose }: { title: string; householdIds: readonly string[]; onClose: () => void }) {
  const services = useServices();
  const loaded = useLoaded(() => services.officeFigures.cases(householdIds), [services, householdIds]);
  return (
    <section aria-labelledby="figure-cases-title" className="figure-cases no-print">
      <h3 id="figure-cases-title">{title}のケース</h3>
      <button type="button" onClick={onClose}>
        閉じる
      </button>
      {loaded.state === 'loading' && <p>読み込み中…</p>}
      {loaded.state === 'failed' && (
        <p role="alert" className="refusal">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'ready' && (
        <>
          {loaded.value.hidden > 0 && <p>ほか{loaded.value.hidden}件は担当範囲外のため表示しません。</p>}
          <table>
            <thead>
              <tr>
                <th scope="col">ケース番号</th>
                <th scope="col">現在の状態</th>
                <th scope="col">世帯主</th>
                <th scope="col">担当</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.entries.map((entry) =>
                entry.kind === 'damaged' ? (
                  <tr key={entry.id}>
                    <td colSpan={4}>{entry.message}</td>
                  </tr>
                ) : (
                  <tr key={entry.row.id}>
                    <td>
                      <Link to={`/cases/${entry.row.id}`}>{entry.row.caseNumber}</Link>
                    </td>
                    <td>{caseStatusLabels[entry.row.status]}</td>
                    <td>{entry.row.headName}</td>
                    <td>{entry.row.caseworkerName}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
        </>
      )}
    </section>
  );
}
