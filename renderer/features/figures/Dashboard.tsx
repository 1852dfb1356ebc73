import { useState } from 'react';
import { ratePercent } from '../../../shared/figures/visitFigures';
import { formatWareki, formatWarekiMonth } from '../../../shared/format/wareki';
import type { Dashboard as DashboardData, TrendWindow } from '../../services/officeFigures';
import { trendWindows } from '../../services/officeFigures';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { Chart, type ChartSpec } from './Chart';
import { Form } from '../../ui/Form';

const monthCategory = (month: string) => ({ id: month, label: formatWarekiMonth(month), short: month.replace('-', '/') });

/** The charts of a dashboard: the trends over the months, then caseload and visit achievement at the last month's end. */
function chartsOf(d: DashboardData): ChartSpec[] {
  const name = (id: string) => d.names[id] ?? '（不明な職員）';
  const trends: ChartSpec[] = d.charts.map((chart) => ({
    title: chart.title,
    unit: chart.unit,
    kind: chart.kind,
    categories: chart.months.map(monthCategory),
    categoryHeader: '月',
    series: chart.series,
    axisMax: chart.unit === '%' ? 100 : undefined,
  }));
  const workers = d.visits.byWorker.map((row) => row.caseworkerId);
  const gradeRate = (worker: string, code: string) =>
    ratePercent(d.visits.byWorkerAndGrade.find((r) => r.caseworkerId === worker && r.gradeCode === code)?.rate ?? null);
  return [
    ...trends,
    {
      title: `ケースワーカー別の担当世帯数（${formatWareki(d.caseload.asOf)}現在、停止中を含む）`,
      unit: '世帯',
      kind: 'bar',
      categories: d.caseload.rows.map((row) => ({ id: row.caseworkerId, label: name(row.caseworkerId), short: name(row.caseworkerId) })),
      categoryHeader: 'ケースワーカー',
      series: [{ label: '担当世帯数', values: d.caseload.rows.map((row) => row.households) }],
      reference: { label: `標準 ${d.caseload.standard.householdsPerWorker}世帯`, value: d.caseload.standard.householdsPerWorker },
    },
    {
      title: `ケースワーカー別・格付け別の訪問達成率（${formatWarekiMonth(d.visits.month)}）`,
      unit: '%',
      kind: 'bar',
      axisMax: 100,
      categories: workers.map((id) => ({ id, label: name(id), short: name(id) })),
      categoryHeader: 'ケースワーカー',
      series: [
        ...d.grades.map((grade) => ({ label: `${grade.code}（${grade.label}）`, values: workers.map((id) => gradeRate(id, grade.code)) })),
        { label: '全格付け', values: d.visits.byWorker.map((row) => ratePercent(row.rate)) },
      ],
    },
  ];
}

/** ダッシュボード: the office's trends and the month's caseload and visits as charts, each with its table, on request. */
export function Dashboard({ last }: { last: string }) {
  const services = useServices();
  const [span, setSpan] = useState<TrendWindow>(36);
  const [shown, setShown] = useState<{ last: string; span: TrendWindow; data: DashboardData } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const show = async () => {
    setError(null);
    setBusy(true);
    try {
      setShown({ last, span, data: await services.officeFigures.dashboard(last, span) });
    } catch (e) {
      setError(messageOf(e));
    } finally {
      setBusy(false);
    }
  };
  const current = shown?.last === last && shown.span === span ? shown.data : null;
  return (
    <section aria-labelledby="dashboard-title" className="dashboard">
      <h3 id="dashboard-title">ダッシュボード</h3>
      {/* In a Form: a select outside one has its choice saved with the page by Chromium (Form.tsx). */}
      <Form
        className="no-print"
        aria-labelledby="dashboard-title"
        onSubmit={(e) => {
          e.preventDefault();
          void show();
        }}
      >
        <label>
          推移の期間{' '}
          <select value={span} onChange={(e) => setSpan(Number(e.target.value) as TrendWindow)}>
            {trendWindows.map((w) => (
              <option key={w} value={w}>
                直近{w}か月
              </option>
            ))}
          </select>
        </label>{' '}
        {!current && (
          <button type="submit" disabled={busy}>
            {busy ? '集計中…' : 'ダッシュボードを表示'}
          </button>
        )}
      </Form>
      <FormAlert message={error} />
      {current && (
        <>
          {current.damaged > 0 && (
            <p role="alert" className="refusal">
              破損または改ざんされた記録が{current.damaged}件あり、集計から除外しています。
            </p>
          )}
          <p>
            {formatWarekiMonth(current.months[0]!)}から{formatWarekiMonth(current.months.at(-1)!)}までの{current.months.length}
            か月（各月末現在、決定の履歴から集計）。
          </p>
          {chartsOf(current).map((spec) => (
            <Chart key={spec.title} spec={spec} />
          ))}
          <p className="figures-note">
            被保護世帯数 {current.caseload.households.toLocaleString('ja-JP')}世帯に対する現業員の標準数は{current.caseload.standardWorkers}人 （
            {current.caseload.standard.source}、{current.caseload.standard.office}：{current.caseload.standard.baseHouseholds}世帯以下
            {current.caseload.standard.baseWorkers}人、
            {current.caseload.standard.householdsPerWorker}世帯を増すごとに1人）。担当未定 {current.caseload.unassigned}世帯。
            担当はケースの現在の担当者で数えています（担当の変更は日付を記録していないため）。
            {current.caseload.standard.unverified}
          </p>
          <table>
            <caption>格付け別の訪問達成状況（事務所計、{formatWarekiMonth(current.visits.month)}）</caption>
            <thead>
              <tr>
                <th scope="col">格付け</th>
                <th scope="col">訪問予定</th>
                <th scope="col">訪問済み</th>
                <th scope="col">予定外の訪問</th>
                <th scope="col">達成率（%）</th>
              </tr>
            </thead>
            <tbody>
              {current.visits.byGrade.map((row) => (
                <tr key={row.gradeCode}>
                  <th scope="row">{row.gradeCode}</th>
                  <td>{row.due}</td>
                  <td>{row.done}</td>
                  <td>{row.unplanned}</td>
                  <td>{ratePercent(row.rate)?.toFixed(1) ?? '—'}</td>
                </tr>
              ))}
            </tbody>
          </table>
          <p className="figures-note">訪問予定は月末に保護中・停止中の世帯のうち、その月までに訪問すべき世帯（前月以前からの未訪問を含む）です。</p>
        </>
      )}
    </section>
  );
}
