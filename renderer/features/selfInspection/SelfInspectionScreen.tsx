import { useState } from 'react';
import { localIsoDate } from '../../../shared/casework/calendarDate';
import { refKindLabels, type InspectionCheck, type InspectionReport } from '../../data/selfInspection';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { typedDay } from '../../ui/DateField';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TimeText } from '../../ui/TimeText';
import { useLoaded } from '../../ui/useLoaded';
import { csvText, download } from '../audit/auditFiles';
import { DateRangeFields } from '../audit/DateRangeFields';
import { DocumentActions } from '../documents/DocumentActions';

/** A year back from today: the PIA's inspection is yearly. */
const defaultPeriod = () => {
  const today = localIsoDate(Date.now());
  return { from: `${Number(today.slice(0, 4)) - 1}${today.slice(4)}`, to: today };
};

/**
 * 自己点検 (the PIA's IV 8): the 監査担当 runs the inspection over the office's own records, reads the findings with
 * the records behind each, signs the report, and prints or exports it; past reports are listed. The システム管理者
 * reads them. Who may do what is decided in the data layer (renderer/data/selfInspection.ts).
 */
export function SelfInspectionScreen() {
  const services = useServices();
  const { session } = useUnlocked();
  const [period, setPeriod] = useState(defaultPeriod);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [shown, setShown] = useState<InspectionReport | null>(null);
  const history = useLoaded(() => services.selfInspection.list(), [services]);
  const act = async (action: () => Promise<void>) => {
    setError(null);
    try {
      await action();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const run = () =>
    act(async () => {
      // Typed as every date is (和暦 or 西暦); the data layer refuses an empty or reversed 期間, naming the field.
      const days = { from: typedDay('期間（開始日）', period.from), to: typedDay('期間（終了日）', period.to) };
      setRunning(true);
      setProgress({ done: 0, total: 0 });
      try {
        setShown(await services.selfInspection.run(days, (done, total) => setProgress({ done, total })));
        history.reload();
      } catch (e) {
        setProgress(null);
        throw e;
      } finally {
        setRunning(false);
      }
    });

  return (
    <section aria-labelledby="self-inspection-title">
      <h2 id="self-inspection-title">自己点検</h2>
      {session.role === 'auditor' && (
        <Form
          className="no-print"
          aria-label="自己点検の実施"
          onSubmit={(event) => {
            event.preventDefault();
            void run();
          }}
        >
          <DateRangeFields
            idPrefix="self-inspection"
            from={period.from}
            to={period.to}
            onChange={(field, value) => setPeriod((p) => ({ ...p, [field]: value }))}
          />
          <button type="submit" disabled={running}>
            {running ? '点検しています…' : '自己点検を実施'}
          </button>
        </Form>
      )}
      {progress && (
        <div className="no-print">
          <progress aria-label="自己点検の進み具合" max={Math.max(progress.total, 1)} value={progress.done} />
          <p role="status">{running ? `監査ログ ${progress.done} / ${progress.total} 件を点検しています…` : '点検が終わりました。'}</p>
        </div>
      )}
      <FormAlert message={error} />
      {shown && (
        <ReportView
          report={shown}
          canSign={session.role === 'auditor'}
          onSign={() =>
            act(async () => {
              setShown(await services.selfInspection.signOff(shown.id));
              history.reload();
            })
          }
          onCsv={() =>
            act(async () => {
              const { header, lines } = await services.selfInspection.csv(shown.id);
              download(`自己点検-${shown.ranAt.slice(0, 10)}.csv`, csvText(header, lines), 'text/csv');
            })
          }
        />
      )}
      <section aria-labelledby="self-inspection-history" className="no-print">
        <h3 id="self-inspection-history">過去の報告</h3>
        {history.state === 'loading' && <p>読み込んでいます…</p>}
        {history.state === 'failed' && <p role="alert">{history.message}</p>}
        {history.state === 'ready' &&
          (history.value.length === 0 ? (
            <p>報告はまだありません。</p>
          ) : (
            <ul aria-label="過去の報告">
              {history.value.map((report) => (
                <li key={report.id}>
                  <button type="button" onClick={() => setShown(report)}>
                    {report.ranAt.slice(0, 10)} の報告（期間 {report.period.from}〜{report.period.to}、指摘{' '}
                    {report.checks.filter((c) => c.status === 'found').length} 項目、{report.signOff ? `署名済み: ${report.signOff.name}` : '未署名'}）
                  </button>
                </li>
              ))}
            </ul>
          ))}
      </section>
    </section>
  );
}

function ReportView({ report, canSign, onSign, onCsv }: { report: InspectionReport; canSign: boolean; onSign: () => void; onCsv: () => void }) {
  const found = report.checks.filter((check) => check.status === 'found').length;
  const title = `自己点検報告書（${report.ranAt.slice(0, 10)}）`;
  return (
    <section aria-label="自己点検の報告">
      <div className="actions no-print">
        {canSign && !report.signOff && (
          <button type="button" onClick={onSign}>
            署名する
          </button>
        )}
        <button type="button" onClick={onCsv}>
          CSVで出力
        </button>
      </div>
      <DocumentActions what={title} householdId={null} fileTitle={`自己点検報告書_${report.ranAt.slice(0, 10)}`} />
      <article className="document" aria-label={title}>
        <h3 className="document-title">{title}</h3>
        <dl className="document-body">
          <dt>点検日時</dt>
          <dd>
            <TimeText iso={report.ranAt} />
          </dd>
          <dt>点検期間</dt>
          <dd>
            {report.period.from}〜{report.period.to}
          </dd>
          <dt>実施者</dt>
          <dd>{report.ranByName}</dd>
          <dt>点検した監査ログ</dt>
          <dd>{report.scanned} 件</dd>
          <dt>指摘のある項目</dt>
          <dd>
            {found} / {report.checks.length} 項目
          </dd>
          <dt>署名</dt>
          <dd>
            {report.signOff ? (
              <>
                {report.signOff.name}（<TimeText iso={report.signOff.at} />）
              </>
            ) : (
              '未署名'
            )}
          </dd>
        </dl>
        {report.checks.map((check) => (
          <CheckView key={check.kind} check={check} />
        ))}
        <section aria-labelledby="handlers-title">
          <h4 id="handlers-title">個人番号を取り扱える職員（{report.handlers.length} 名）</h4>
          <ul>
            {report.handlers.map((handler) => (
              <li key={handler.userId}>
                {handler.name}（{handler.roleLabel}）
              </li>
            ))}
          </ul>
        </section>
        <section aria-labelledby="reveals-title">
          <h4 id="reveals-title">個人番号の表示（職員別）</h4>
          {report.reveals.length === 0 ? (
            <p>点検期間中の表示はありません。</p>
          ) : (
            <table>
              <thead>
                <tr>
                  <th scope="col">職員</th>
                  <th scope="col">件数</th>
                  <th scope="col">理由</th>
                  <th scope="col">通常と異なる日</th>
                </tr>
              </thead>
              <tbody>
                {report.reveals.map((r) => (
                  <tr key={r.userId}>
                    <td>{r.name}</td>
                    <td>{r.count}</td>
                    <td>{r.reasons.map((reason) => `${reason.reason}（${reason.count}）`).join('、')}</td>
                    <td>{r.unusualDays.length === 0 ? 'なし' : <strong>{r.unusualDays.map((d) => `${d.day}: ${d.count}件`).join('、')}</strong>}</td>
                  </tr>
                ))}
              </tbody>
            </table>
          )}
        </section>
      </article>
    </section>
  );
}

function CheckView({ check }: { check: InspectionCheck }) {
  const id = `check-${check.kind}`;
  return (
    <section aria-labelledby={id} data-check={check.kind}>
      <h4 id={id}>
        {check.title}: {check.status === 'found' ? `指摘 ${check.count} 件` : '指摘なし'}
      </h4>
      <p>規則: {check.rule}</p>
      {check.note && <p>{check.note}</p>}
      {check.refs.length === 0 ? (
        <p>指摘事項はありません</p>
      ) : (
        <ul aria-label={`${check.title}の記録`}>
          {check.refs.map((ref) => (
            <li key={`${ref.id}|${ref.at ?? ''}|${ref.detail ?? ''}`}>
              {refKindLabels[ref.kind]} {ref.label}
              {ref.at && (
                <>
                  {' '}
                  <TimeText iso={ref.at} />
                </>
              )}
              {ref.detail && ` — ${ref.detail}`} <span className="record-id">（ID: {ref.id}）</span>
            </li>
          ))}
          {check.count > check.refs.length && <li>ほか {check.count - check.refs.length} 件（CSVにも上限まで記載）</li>}
        </ul>
      )}
    </section>
  );
}
