import type { CalcLine } from '../../../../shared/calc/lines';
import { formatYen } from '../../../../shared/format/yen';
import { readableBasis } from '../legalSources';

/** The result of a benefit or debt wizard: its lines with their bases (要確認 highlighted), and why not, if not eligible. */
export function LinesResult({
  lines,
  reasons,
  reasonsTitle = '支給要件を満たさない理由',
}: {
  lines: readonly CalcLine[];
  reasons: readonly string[];
  reasonsTitle?: string;
}) {
  return (
    <>
      {reasons.length > 0 && (
        <section aria-labelledby="reasons-title" className="needs-confirmation">
          <h4 id="reasons-title">{reasonsTitle}</h4>
          <ul>
            {reasons.map((r) => (
              <li key={r}>{r}</li>
            ))}
          </ul>
        </section>
      )}
      <table className="calc-lines">
        <caption>計算結果</caption>
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">金額</th>
            <th scope="col">根拠</th>
          </tr>
        </thead>
        <tbody>
          {lines.map((l) => (
            <tr key={l.code} className={l.needsConfirmation ? 'needs-confirmation' : undefined}>
              <th scope="row">
                {l.label}
                {l.needsConfirmation && <span className="badge">要確認</span>}
              </th>
              <td className="amount">{formatYen(l.amount)}</td>
              <td className="basis">{readableBasis(l.basis)}</td>
            </tr>
          ))}
        </tbody>
      </table>
    </>
  );
}

/** The one way out of a benefit or debt wizard once its result has been read. */
export function FinishButton({ finish }: { finish(): Promise<void> }) {
  return (
    <p className="wizard-actions">
      <button type="button" onClick={() => void finish()}>
        計算を終了する（下書きを削除）
      </button>
    </p>
  );
}
