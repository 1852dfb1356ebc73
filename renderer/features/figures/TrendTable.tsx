import { useState } from 'react';
import { addMonthsToMonth } from '../../../shared/casework/calendarDate';
import type { MonthlyFigures } from '../../../shared/figures/monthlyFigures';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';

const TREND_MONTHS = 36;

/** The months up to `last`, oldest first. */
const monthsUpTo = (last: string, count: number): string[] => Array.from({ length: count }, (_, k) => addMonthsToMonth(last, k - count + 1));

const columns: readonly (readonly [string, (f: MonthlyFigures) => number])[] = [
  ['被保護世帯数', (f) => f.households.total.value],
  ['うち停止中', (f) => f.households.suspended.value],
  ['被保護実人員', (f) => f.persons.total.value],
  ['保護開始', (f) => f.starts.total.value],
  ['保護廃止', (f) => f.terminations.total.value],
  ['申請', (f) => f.applications.value],
  ['医療扶助人員', (f) => f.aids.medical.value],
];

/** 推移: the 36 months up to the chosen one, on request (one read of the office, every month computed from it). */
export function TrendTable({ last }: { last: string }) {
  const services = useServices();
  const [rows, setRows] = useState<{ last: string; figures: MonthlyFigures[] } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = async () => {
    setError(null);
    setBusy(true);
    try {
      setRows({ last, figures: (await services.officeFigures.months(monthsUpTo(last, TREND_MONTHS))).figures });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  return (
    <section aria-labelledby="trend-title">
      <h3 id="trend-title">推移</h3>
      {rows?.last !== last && (
        <button type="button" className="no-print" onClick={show} disabled={busy}>
          {busy ? '集計中…' : `直近${TREND_MONTHS}か月の推移を表示`}
        </button>
      )}
      <FormAlert message={error} />
      {rows?.last === last && (
        <table>
          <caption>
            推移（{formatWarekiMonth(last)}までの{TREND_MONTHS}か月）
          </caption>
          <thead>
            <tr>
              <th scope="col">月</th>
              {columns.map(([label]) => (
                <th key={label} scope="col">
                  {label}
                </th>
              ))}
            </tr>
          </thead>
          <tbody>
            {rows.figures.map((f) => (
              <tr key={f.month}>
                <th scope="row" title={f.month}>
                  {formatWarekiMonth(f.month)}
                </th>
                {columns.map(([label, value]) => (
                  <td key={label}>{value(f)}</td>
                ))}
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </section>
  );
}
