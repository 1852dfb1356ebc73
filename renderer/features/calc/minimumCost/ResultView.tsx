import type { CalcLine } from '../../../../shared/calc/lines';
import type { CalcResult, CalcTotals } from '../../../../shared/calc/minimumCost';
import { formatWarekiMonth } from '../../../../shared/format/wareki';
import { formatYen } from '../../../../shared/format/yen';
import { readableBasis, tableCitation } from '../legalSources';
import { compareLines, confirmationCount, type TableVersion } from './calculationRecord';

export type PreviousCalculation = { month: string; result: CalcResult };

const signedYen = (amount: number) => (amount > 0 ? `+${formatYen(amount)}` : formatYen(amount));

const totalRows: { key: keyof CalcTotals; label: string }[] = [
  { key: 'minimumCost', label: '最低生活費' },
  { key: 'recognizedIncome', label: '収入認定額' },
  { key: 'benefit', label: '保護費' },
];

/** The explained result of a 保護費算定: every line with its basis, 要確認 highlighted and counted, 要否, and the month before. */
export function ResultView({ result, previous, tables }: { result: CalcResult; previous: PreviousCalculation | null; tables?: readonly TableVersion[] }) {
  const flagged = confirmationCount(result);
  return (
    <div className="calc-result">
      <p>
        {formatWarekiMonth(result.month)}分　{result.municipality}（{result.kyuchi}、冬季加算 {result.tokiChiku}区）
      </p>
      <p className={flagged > 0 ? 'needs-confirmation confirmation-count' : 'confirmation-count'} role="status" aria-label="要確認の件数">
        {flagged > 0 ? `要確認の数値が ${flagged}件 あります。根拠を確認してください。` : '要確認の数値はありません。'}
      </p>
      <LineTable caption="最低生活費の内訳" lines={result.lines} previous={previous?.result.lines ?? null} />
      <LineTable caption="収入認定" lines={result.incomeLines} previous={previous?.result.incomeLines ?? null} />
      <table className="calc-totals">
        <caption>合計{previous && `（前月 ${formatWarekiMonth(previous.month)} との比較）`}</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            <th scope="col">金額</th>
            {previous && <th scope="col">前月</th>}
            {previous && <th scope="col">差額</th>}
          </tr>
        </thead>
        <tbody>
          {totalRows.map(({ key, label }) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td className="amount">{formatYen(result.totals[key])}</td>
              {previous && <td className="amount">{formatYen(previous.result.totals[key])}</td>}
              {previous && <td className="amount">{signedYen(result.totals[key] - previous.result.totals[key])}</td>}
            </tr>
          ))}
        </tbody>
      </table>
      {!previous && <p className="notice">前月の保存済み計算はありません（比較なし）。</p>}
      <section aria-labelledby="necessity-title" className={result.necessity.needsConfirmation ? 'needs-confirmation' : undefined}>
        <h4 id="necessity-title">要否判定: {result.necessity.required ? '保護を要する' : '保護を要しない'}</h4>
        <p>{readableBasis(result.necessity.basis)}</p>
      </section>
      {tables && (
        <details>
          <summary>使用した基準表（{tables.length}表）</summary>
          <ul className="table-versions">
            {tables.map((t) => (
              <li key={t.id}>{tableCitation(t)}</li>
            ))}
          </ul>
        </details>
      )}
    </div>
  );
}

function LineTable({ caption, lines, previous }: { caption: string; lines: readonly CalcLine[]; previous: readonly CalcLine[] | null }) {
  const compared = previous ? new Map(compareLines(lines, previous).map((c) => [c.code, c])) : null;
  const dropped = previous ? compareLines(lines, previous).filter((c) => c.current === null) : [];
  if (lines.length === 0 && dropped.length === 0) return <p>{caption}: なし</p>;
  return (
    <table className="calc-lines">
      <caption>{caption}</caption>
      <thead>
        <tr>
          <th scope="col">項目</th>
          <th scope="col">金額</th>
          {compared && <th scope="col">前月</th>}
          {compared && <th scope="col">差額</th>}
          <th scope="col">根拠</th>
        </tr>
      </thead>
      <tbody>
        {lines.map((l) => {
          const c = compared?.get(l.code);
          return (
            <tr key={l.code} className={l.needsConfirmation ? 'needs-confirmation' : undefined} data-code={l.code}>
              <th scope="row">
                {l.label}
                {l.needsConfirmation && <span className="badge">要確認</span>}
              </th>
              <td className="amount">{formatYen(l.amount)}</td>
              {compared && <td className="amount">{c?.previous === null || c === undefined ? '—' : formatYen(c.previous)}</td>}
              {compared && <td className="amount">{c ? signedYen(c.difference) : ''}</td>}
              <td className="basis">{readableBasis(l.basis)}</td>
            </tr>
          );
        })}
        {dropped.map((c) => (
          <tr key={c.code} data-code={c.code}>
            <th scope="row">{c.label}（今月なし）</th>
            <td className="amount">—</td>
            <td className="amount">{formatYen(c.previous ?? 0)}</td>
            <td className="amount">{signedYen(c.difference)}</td>
            <td className="basis">前月のみの項目</td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
