import { useState } from 'react';
import { Link, useNavigate } from 'react-router';
import { localIsoDate } from '../../../shared/casework/calendarDate';
import type { Calculation } from '../../../shared/domain/records';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { isDamaged, type DamagedRecord } from '../../data/errors';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { breakdownOf, confirmationCount } from '../calc/minimumCost/calculationRecord';
import { startCaseCalculation } from '../calc/minimumCost/startForCase';
import { messageOf } from '../../ui/messageOf';
import { useLoaded } from '../../ui/useLoaded';

export type CalculationRow = { calculation: Calculation /** null when the row is not a 保護費算定 the saved view can show. */; flagged: number | null };

/** Latest month first; within a month the latest saved first (UUIDv7 ids sort by time). Damaged rows are counted apart. */
export function calculationRows(rows: readonly (Calculation | DamagedRecord)[]): { rows: CalculationRow[]; damaged: number } {
  const calculations = rows.filter((r): r is Calculation => !isDamaged(r)).sort((a, b) => b.month.localeCompare(a.month) || b.id.localeCompare(a.id));
  return {
    rows: calculations.map((calculation) => {
      const breakdown = breakdownOf(calculation);
      return { calculation, flagged: breakdown ? confirmationCount(breakdown.result) : null };
    }),
    damaged: rows.length - calculations.length,
  };
}

/** 最低生活費: the case's saved calculations by month, each opened in the 計算 area's saved view; a new one starts there. */
export function MinimumCostTab({ householdId }: { householdId: string }) {
  const services = useServices();
  const navigate = useNavigate();
  const [failure, setFailure] = useState<string | null>(null);
  // This month's calculation starts at once from the case's facts; another month is chosen on the 計算 screen.
  const start = () =>
    void startCaseCalculation(services, householdId, localIsoDate(new Date()).slice(0, 7)).then(
      (draftId) => navigate(`/calc?draft=${draftId}`),
      (e) => setFailure(messageOf(e)),
    );
  const loaded = useLoaded(async () => calculationRows(await services.calculations.list(householdId)), [services, householdId]);
  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  const { rows, damaged } = loaded.value;
  return (
    <>
      <h3>保存済みの計算</h3>
      <p className="wizard-actions">
        {services.access.mayWrite('calculations') && (
          <button type="button" onClick={start}>
            今月分の保護費をケースの内容から計算する
          </button>
        )}
        <Link to={`/calc?household=${encodeURIComponent(householdId)}`}>月を選んで計算する（計算画面へ）</Link>
      </p>
      <FormAlert message={failure} />
      {damaged > 0 && <FormAlert message={`読み取れない計算が${damaged}件あります（管理者に連絡してください）。`} />}
      {rows.length === 0 ? (
        <p>このケースの保存済みの計算はありません。</p>
      ) : (
        <table className="data-table" aria-label="保存済みの計算">
          <thead>
            <tr>
              <th scope="col">対象月</th>
              <th scope="col">最低生活費</th>
              <th scope="col">収入認定額</th>
              <th scope="col">保護費</th>
              <th scope="col">要確認</th>
            </tr>
          </thead>
          <tbody>
            {rows.map(({ calculation: c, flagged }) => (
              <tr key={c.id}>
                <th scope="row">
                  {flagged === null ? `${formatWarekiMonth(c.month)}分` : <Link to={`/calc?calculation=${c.id}`}>{formatWarekiMonth(c.month)}分</Link>}
                </th>
                <td className="amount">{formatYen(c.minimumCost)}</td>
                <td className="amount">{formatYen(c.recognizedIncome)}</td>
                <td className="amount">{formatYen(c.benefit)}</td>
                <td className={flagged ? 'needs-confirmation' : undefined}>{flagged === null ? '—' : `${flagged}件`}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}
