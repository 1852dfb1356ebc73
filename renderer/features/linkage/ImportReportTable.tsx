import { linkageKindLabels } from '../../../shared/linkage/linkageKinds';
import type { ImportReport } from '../../data/linkage/exchange';
import { applicationLabels, importSummary, outcomeLabels } from './importReport';

/** What became of each result of one imported file. */
export function ImportReportTable({ report }: { report: ImportReport }) {
  return (
    <table className="data-table" aria-label="取込み結果">
      <caption>
        交換ID {report.exchangeId}: {importSummary(report.results)}
      </caption>
      <thead>
        <tr>
          <th scope="col">ケース</th>
          <th scope="col">種別</th>
          <th scope="col">結果</th>
          <th scope="col">取込</th>
          <th scope="col">メッセージ</th>
        </tr>
      </thead>
      <tbody>
        {report.results.map((result) => (
          <tr key={result.resultId} className={result.application === 'unmatched' ? 'needs-confirmation' : undefined}>
            <td>{result.caseNumber ?? '—'}</td>
            <td>{linkageKindLabels[result.kind]}</td>
            <td>{outcomeLabels[result.outcome]}</td>
            <td>{applicationLabels[result.application]}</td>
            <td>{result.message}</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
