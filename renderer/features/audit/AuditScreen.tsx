import { useCallback, useEffect, useMemo, useState } from 'react';
import { roleLabels } from '../../../shared/auth/roles';
import { auditKinds, type ChainVerdict } from '../../data/audit';
import { isDamaged } from '../../data/errors';
import { AUDIT_PAGE_SIZE, type AuditPage } from '../../data/repos/auditLog';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { auditCsv, auditJson, download } from './auditFiles';
import { auditKindLabels, auditSummary, kindLabel, type AuditReaders, type NameOf } from './auditLabels';
import { auditFilterOf, describeCriteria, type AuditCriteria } from './auditCriteria';
import { localDateOf, TimeText } from '../../ui/TimeText';
import { messageOf } from '../../ui/messageOf';
import { Tabs } from '../../ui/Tabs';
import { DateRangeFields } from './DateRangeFields';
import { ProvisionRecordsPanel } from './ProvisionRecordsPanel';
import { useDatedSearch } from './useDatedSearch';
import { Form } from '../../ui/Form';

const problemLabels = { damaged: '破損', edited: '書き換え', missing: '欠落' } as const;

/**
 * 監査: for the auditor, the access log (filter, check the hash chain, export; the export is itself logged) and
 * the 番号法§23 records of what was provided and asked through 情報連携.
 */
export function AuditScreen() {
  const { session } = useUnlocked();
  return (
    <section aria-labelledby="audit-title">
      <h2 id="audit-title">監査</h2>
      {session.role === 'auditor' ? (
        <AuditorViews />
      ) : (
        <p role="alert" className="refusal">
          監査ログは監査担当だけが閲覧できます（現在の役割: {roleLabels[session.role]}）。
        </p>
      )}
    </section>
  );
}

/** Both views name staff from the one directory, read once when the screen opens. */
function AuditorViews() {
  const services = useServices();
  const [names, setNames] = useState<Map<string, string>>(new Map());
  useEffect(() => {
    void services.staff.list().then((users) => setNames(new Map(users.map((u) => [u.id, u.name]))));
  }, [services]);
  const nameOf: NameOf = useCallback((id) => (id === null || id === 'vault' ? '（ログイン前）' : (names.get(id) ?? '職員名簿にない職員')), [names]);
  return (
    <Tabs
      label="監査の対象"
      tabs={[
        { key: 'log', label: '監査ログ', panel: () => <AuditLog names={names} nameOf={nameOf} /> },
        { key: 'provision', label: '提供・照会記録（番号法第23条）', panel: () => <ProvisionRecordsPanel nameOf={nameOf} /> },
      ]}
    />
  );
}

function AuditLog({ names, nameOf }: { names: ReadonlyMap<string, string>; nameOf: NameOf }) {
  const services = useServices();
  const today = localDateOf(new Date().toISOString());
  const {
    criteria,
    setCriteria,
    rows: page,
    error,
    setError,
    search,
    submit,
  } = useDatedSearch<AuditCriteria, AuditPage>({ from: '', to: today, actor: '', kind: '', caseNumber: '', offset: 0 }, (current) =>
    services.auditLog.query(auditFilterOf(current), { offset: current.offset }),
  );
  const [verdict, setVerdict] = useState<ChainVerdict | null>(null);
  const [notice, setNotice] = useState('');
  const verify = async () => {
    setVerdict(null);
    try {
      setVerdict(await services.auditLog.verify());
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const exportAs = async (format: 'json' | 'csv') => {
    try {
      const exported = await services.auditLog.export(auditFilterOf(criteria));
      const stamp = today.replace(/-/g, '');
      const described = describeCriteria(criteria, nameOf);
      if (format === 'json') download(`audit-${stamp}.json`, auditJson(exported.rows, described, exported.caseNumbers), 'application/json');
      else download(`audit-${stamp}.csv`, auditCsv(exported.rows, { nameOf, caseNumbers: exported.caseNumbers }), 'text/csv');
      setNotice(`${described}の ${exported.total} 件を${format.toUpperCase()}で出力しました。出力したことも監査ログに記録されています。`);
      await search(criteria);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const turnTo = (offset: number) => {
    const next = { ...criteria, offset };
    setCriteria(next);
    void search(next);
  };

  const actors = useMemo(() => [...names.entries()].sort((a, b) => a[1].localeCompare(b[1], 'ja')), [names]);
  // A changed filter starts again at the first page.
  const set =
    <K extends 'actor' | 'kind' | 'caseNumber'>(key: K) =>
    (event: { target: { value: string } }) =>
      setCriteria((c) => ({ ...c, [key]: event.target.value, offset: 0 }));
  const readers: AuditReaders | null = page && { nameOf, caseNumbers: page.caseNumbers };

  return (
    <>
      <Form onSubmit={submit} className="filters" aria-label="監査ログの絞り込み">
        <DateRangeFields
          idPrefix="audit"
          from={criteria.from}
          to={criteria.to}
          onChange={(field, value) => setCriteria((c) => ({ ...c, [field]: value, offset: 0 }))}
        />
        <div className="field">
          <label htmlFor="audit-actor">職員</label>
          <select id="audit-actor" value={criteria.actor} onChange={set('actor')}>
            <option value="">すべて</option>
            {actors.map(([id, name]) => (
              <option key={id} value={id}>
                {name}
              </option>
            ))}
            <option value="vault">（ログイン前）</option>
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-kind">種類</label>
          <select id="audit-kind" value={criteria.kind} onChange={set('kind')}>
            <option value="">すべて</option>
            {auditKinds.map((kind) => (
              <option key={kind} value={kind}>
                {auditKindLabels[kind]}
              </option>
            ))}
          </select>
        </div>
        <div className="field">
          <label htmlFor="audit-case">ケース番号</label>
          <input id="audit-case" value={criteria.caseNumber} onChange={set('caseNumber')} autoComplete="off" />
        </div>
        <button type="submit">検索</button>
      </Form>

      <div className="actions">
        <button type="button" className="secondary" onClick={() => void verify()}>
          連鎖を検証
        </button>
        <button type="button" className="secondary" onClick={() => void exportAs('json')}>
          JSONで出力
        </button>
        <button type="button" className="secondary" onClick={() => void exportAs('csv')}>
          CSVで出力
        </button>
      </div>
      {verdict?.ok === true && <p role="status">監査ログの連鎖は正常です（{verdict.count} 件を検証しました）。</p>}
      {verdict?.ok === false && (
        <p role="alert" className="field-error">
          連鎖が壊れています: {verdict.message}（番号 {verdict.seq}、{problemLabels[verdict.problem]}）
        </p>
      )}
      <p role="status">{notice}</p>
      <FormAlert message={error} />

      {page === null || readers === null ? (
        <p>読み込んでいます…</p>
      ) : page.total === 0 ? (
        <p role="status" className="empty">
          条件に合う記録はありません。期間を広げるか、職員・種類・ケース番号の条件を外して検索してください。
        </p>
      ) : (
        <>
          <table className="data-table" aria-label="監査ログ">
            <caption>
              全 {page.total.toLocaleString('ja-JP')} 件（新しい順、{(page.offset + 1).toLocaleString('ja-JP')}〜
              {(page.offset + page.rows.length).toLocaleString('ja-JP')} 件目）
            </caption>
            <thead>
              <tr>
                <th scope="col">番号</th>
                <th scope="col">日時</th>
                <th scope="col">職員</th>
                <th scope="col">種類</th>
                <th scope="col">内容</th>
              </tr>
            </thead>
            <tbody>
              {page.rows.map((row) =>
                isDamaged(row) ? (
                  <tr key={row.id} className="damaged-row">
                    <td>—</td>
                    <td colSpan={4}>{row.__integrityError}</td>
                  </tr>
                ) : (
                  <tr key={row.id}>
                    <td>{row.seq}</td>
                    <td>
                      <TimeText iso={row.at} />
                    </td>
                    <td>{nameOf(row.actor)}</td>
                    <td>{kindLabel(row)}</td>
                    <td>{auditSummary(row, readers)}</td>
                  </tr>
                ),
              )}
            </tbody>
          </table>
          <nav aria-label="監査ログのページ" className="actions">
            <button type="button" className="secondary" disabled={page.offset === 0} onClick={() => turnTo(Math.max(0, page.offset - AUDIT_PAGE_SIZE))}>
              前の{AUDIT_PAGE_SIZE}件
            </button>
            <button
              type="button"
              className="secondary"
              disabled={page.offset + page.rows.length >= page.total}
              onClick={() => turnTo(page.offset + AUDIT_PAGE_SIZE)}
            >
              次の{AUDIT_PAGE_SIZE}件
            </button>
          </nav>
        </>
      )}
    </>
  );
}
