import { useState } from 'react';
import { addMonthsToMonth, monthOf } from '../../../shared/casework/calendarDate';
import { aids } from '../../../shared/domain/aids';
import { householdTypeOrderNote, householdTypeRules, householdTypeSource } from '../../../shared/figures/householdTypes';
import { monthlyCsvLayout } from '../../../shared/figures/figuresCsv';
import type { Figure, MonthlyFigures } from '../../../shared/figures/monthlyFigures';
import { reasonLabel, reasonSource } from '../../../shared/figures/reasonCodes';
import { formatWareki, formatWarekiMonth } from '../../../shared/format/wareki';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { useLoaded } from '../../ui/useLoaded';
import { download } from '../audit/auditFiles';
import { localToday } from '../cases/caseLabels';
import { aidLabels } from '../decisions/decisionLabels';
import { AnnualSurveyExport } from './AnnualSurveyExport';
import { Dashboard } from './Dashboard';
import { FigureCases } from './FigureCases';
import { PopulationForm } from './PopulationForm';

/** Months offered: the present one and ten years back (the figures are computed for any month the history covers). */
const MONTHS_BACK = 120;

const recentMonths = (today: string): string[] => Array.from({ length: MONTHS_BACK }, (_, k) => addMonthsToMonth(monthOf(today), -k));

/** A figure's number, which opens the list of the cases behind it. */
type Open = (title: string, figure: Figure) => void;

function Count({ figure, title, open }: { figure: Figure; title: string; open: Open }) {
  if (figure.householdIds.length === 0) return <>{figure.value.toLocaleString('ja-JP')}</>;
  return (
    <button type="button" className="link-button" onClick={() => open(title, figure)} aria-label={`${title} ${figure.value}（ケースを表示）`}>
      {figure.value.toLocaleString('ja-JP')}
    </button>
  );
}

/**
 * 統計: the office's 被保護者調査 月次 figures for a month, computed from the cases' decision history (so a past
 * month reads as it stood then), each number opening the cases behind it (those the viewer may see), the check that
 * the tables add up, the CSV in the layout kept as data, and a printable page.
 */
export function FiguresScreen() {
  const services = useServices();
  const { session } = useUnlocked();
  const months = recentMonths(localToday());
  const [month, setMonth] = useState(months[0]!);
  const [drill, setDrill] = useState<{ title: string; figure: Figure } | null>(null);
  const [error, setError] = useState<string | null>(null);
  const loaded = useLoaded(() => services.officeFigures.months([month]), [services, month]);
  const open: Open = (title, figure) => setDrill({ title, figure });

  const exportCsv = async () => {
    setError(null);
    try {
      download(`月次統計-${month}.csv`, await services.officeFigures.csv(month), 'text/csv');
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const print = async () => {
    setError(null);
    try {
      await services.officeFigures.printed(month);
      window.print();
    } catch (e) {
      setError(messageOf(e));
    }
  };

  return (
    <section aria-labelledby="figures-title" className="figures">
      <h2 id="figures-title">統計（被保護者調査 月次）</h2>
      {/* A Form: a select outside one has its choice saved with the page by the browser, whatever its own autocomplete says. */}
      <Form className="no-print figures-controls" onSubmit={(e) => e.preventDefault()}>
        <label>
          対象月{' '}
          <select
            value={month}
            onChange={(e) => {
              setMonth(e.target.value);
              setDrill(null);
            }}
          >
            {months.map((m) => (
              <option key={m} value={m} title={m}>
                {formatWarekiMonth(m)}
              </option>
            ))}
          </select>
        </label>{' '}
        <button type="button" onClick={exportCsv}>
          月次CSV出力
        </button>{' '}
        <button type="button" onClick={print}>
          印刷
        </button>
      </Form>
      <p className="no-print">{monthlyCsvLayout.unverified}</p>
      <FormAlert message={error} />
      {loaded.state === 'loading' && <p>集計中…</p>}
      {loaded.state === 'failed' && (
        <p role="alert" className="refusal">
          {loaded.message}
        </p>
      )}
      {loaded.state === 'ready' && (
        <>
          {loaded.value.damaged > 0 && (
            <p role="alert" className="refusal">
              破損または改ざんされた記録が{loaded.value.damaged}件あり、集計から除外しています。
            </p>
          )}
          <MonthTables figures={loaded.value.figures[0]!} population={loaded.value.population} open={open} />
          <Dashboard last={month} />
          <AnnualSurveyExport />
          {session.role === 'systemAdmin' && <PopulationForm current={loaded.value.population} onSaved={loaded.reload} />}
        </>
      )}
      {drill && <FigureCases title={drill.title} householdIds={drill.figure.householdIds} onClose={() => setDrill(null)} />}
    </section>
  );
}

function MonthTables({ figures: f, population, open }: { figures: MonthlyFigures; population: { count: number; asOf: string } | null; open: Open }) {
  const kinds = [
    ['total', '被保護（保護停止中を含む）'],
    ['receiving', '保護停止中を除く'],
    ['suspended', '保護停止中'],
  ] as const;
  return (
    <div className="figures-tables">
      <p>
        <span title={f.asOf}>{formatWareki(f.asOf)}</span>現在（決定の履歴から集計）
      </p>
      <table>
        <caption>被保護世帯数・被保護実人員</caption>
        <thead>
          <tr>
            <th scope="col">区分</th>
            <th scope="col">世帯数</th>
            <th scope="col">人員</th>
          </tr>
        </thead>
        <tbody>
          {kinds.map(([key, label]) => (
            <tr key={key}>
              <th scope="row">{label}</th>
              <td>
                <Count figure={f.households[key]} title={`世帯数 ${label}`} open={open} />
              </td>
              <td>
                <Count figure={f.persons[key]} title={`人員 ${label}`} open={open} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <table>
        <caption>世帯類型別世帯数（保護停止中を除く）</caption>
        <thead>
          <tr>
            <th scope="col">世帯類型</th>
            <th scope="col">世帯数</th>
            <th scope="col">判定の注記</th>
          </tr>
        </thead>
        <tbody>
          {householdTypeRules.map((rule) => (
            <tr key={rule.type}>
              <th scope="row">{rule.label}</th>
              <td>
                <Count figure={f.types[rule.type]} title={rule.label} open={open} />
              </td>
              <td>{rule.unverified ? <span title={rule.definition}>要確認: {rule.unverified}</span> : <span title={rule.definition}>定義のとおり</span>}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <p className="figures-note">
        定義の出典: {householdTypeSource}。{householdTypeOrderNote}
      </p>

      <table>
        <caption>扶助別人員（保護停止中を除く。複数の扶助を受ける人は各扶助に計上）</caption>
        <thead>
          <tr>
            <th scope="col">扶助</th>
            <th scope="col">人員</th>
          </tr>
        </thead>
        <tbody>
          {aids.map((aid) => (
            <tr key={aid}>
              <th scope="row">{aidLabels[aid]}</th>
              <td>
                <Count figure={f.aids[aid]} title={aidLabels[aid]} open={open} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>

      <ReasonTable caption="保護開始世帯数（理由別）" total={f.starts.total} byReason={f.starts.byReason} open={open} />
      <ReasonTable caption="保護廃止世帯数（理由別）" total={f.terminations.total} byReason={f.terminations.byReason} open={open} />
      <p className="figures-note">理由コード: {reasonSource}（要確認）</p>

      <table>
        <caption>申請・却下・取下げ（件数）</caption>
        <tbody>
          <tr>
            <th scope="row">保護の申請</th>
            <td>
              <Count figure={f.applications} title="保護の申請" open={open} />
            </td>
          </tr>
          <tr>
            <th scope="row">却下</th>
            <td>
              <Count figure={f.rejections} title="却下" open={open} />
            </td>
          </tr>
          <tr>
            <th scope="row">取下げ</th>
            <td>
              <Count figure={f.withdrawals} title="取下げ" open={open} />
            </td>
          </tr>
        </tbody>
      </table>

      <table>
        <caption>保護率（人口千対）</caption>
        <tbody>
          <tr>
            <th scope="row">人口</th>
            <td>
              {population ? `${population.count.toLocaleString('ja-JP')}人（${formatWareki(population.asOf)}現在）` : '未設定（システム管理者が設定します）'}
            </td>
          </tr>
          <tr>
            <th scope="row">保護率（‰）</th>
            <td>{f.rate.perMille === null ? '—' : f.rate.perMille.toFixed(2)}</td>
          </tr>
        </tbody>
      </table>

      <table>
        <caption>点検（集計の整合）</caption>
        <thead>
          <tr>
            <th scope="col">点検項目</th>
            <th scope="col">結果</th>
            <th scope="col">期待値</th>
            <th scope="col">実際</th>
            <th scope="col">該当ケース</th>
          </tr>
        </thead>
        <tbody>
          {f.reconciliation.map((check) => (
            <tr key={check.id}>
              <th scope="row">{check.label}</th>
              <td className={check.ok ? undefined : 'refusal'}>{check.ok ? '一致' : '不一致'}</td>
              <td>{check.expected}</td>
              <td>{check.actual}</td>
              <td>
                <Count figure={{ value: check.mismatched.length, householdIds: check.mismatched }} title={`点検 ${check.label}`} open={open} />
              </td>
            </tr>
          ))}
        </tbody>
      </table>
    </div>
  );
}

function ReasonTable({ caption, total, byReason, open }: { caption: string; total: Figure; byReason: Record<string, Figure>; open: Open }) {
  return (
    <table>
      <caption>{caption}</caption>
      <tbody>
        <tr>
          <th scope="row">計</th>
          <td>
            <Count figure={total} title={`${caption} 計`} open={open} />
          </td>
        </tr>
        {Object.entries(byReason).map(([code, figure]) => (
          <tr key={code}>
            <th scope="row">{reasonLabel(code)}</th>
            <td>
              <Count figure={figure} title={`${caption} ${reasonLabel(code)}`} open={open} />
            </td>
          </tr>
        ))}
      </tbody>
    </table>
  );
}
