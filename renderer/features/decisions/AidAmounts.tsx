import { aidAmounts, incomeApplicationNote, savedLines } from '../../../shared/casework/calculationAids';
import type { Calculation } from '../../../shared/domain/records';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { aidLabels } from './decisionLabels';

/**
 * 扶助別の額 of the calculation a decision rests on: per 扶助 its 最低生活費, the income applied to it and what is
 * paid, and the monthly total, as the approval screen and the 決定通知書 show them. Nothing when the calculation is
 * not a 保護費算定.
 */
export function AidAmounts({ calculation, caption }: { calculation: Calculation; caption?: string }) {
  const lines = savedLines(calculation.breakdown);
  if (!lines) return null;
  const rows = aidAmounts(lines, calculation.recognizedIncome);
  const total = (key: 'minimumCost' | 'incomeApplied' | 'benefit') => rows.reduce((sum, row) => sum + row[key], 0);
  const label = caption ?? `扶助別の額（${formatWarekiMonth(calculation.month)}分の算定）`;
  return (
    <table className="data-table aid-amounts" aria-label={label}>
      <caption>{label}</caption>
      <thead>
        <tr>
          <th scope="col">扶助</th>
          <th scope="col">最低生活費</th>
          <th scope="col">収入充当額</th>
          <th scope="col">支給額（月額）</th>
        </tr>
      </thead>
      <tbody>
        {rows.map((row) => (
          <tr key={row.aid}>
            <th scope="row">{aidLabels[row.aid]}</th>
            <td className="amount">{formatYen(row.minimumCost)}</td>
            <td className="amount">{formatYen(row.incomeApplied)}</td>
            <td className="amount">{formatYen(row.benefit)}</td>
          </tr>
        ))}
      </tbody>
      <tfoot>
        <tr>
          <th scope="row">合計</th>
          <td className="amount">{formatYen(total('minimumCost'))}</td>
          <td className="amount">{formatYen(total('incomeApplied'))}</td>
          <td className="amount">{formatYen(total('benefit'))}</td>
        </tr>
        {calculation.recognizedIncome > 0 && (
          <tr>
            <td colSpan={4} className="hint">
              {incomeApplicationNote}
            </td>
          </tr>
        )}
      </tfoot>
    </table>
  );
}
