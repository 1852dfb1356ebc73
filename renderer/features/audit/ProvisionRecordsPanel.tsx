import { useState } from 'react';
import type { ProvisionRecord } from '../../../shared/domain/records';
import { linkageKindLabels } from '../../../shared/linkage/linkageKinds';
import type { ProvisionFilter } from '../../data/repos/provisionRecords';
import { isDamaged, type DamagedRecord } from '../../data/errors';
import { useServices } from '../../session/SessionProvider';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { localDateOf, TimeText } from '../../ui/TimeText';
import { csvText, download } from './auditFiles';
import { DateRangeFields, localDayBounds } from './DateRangeFields';
import { useDatedSearch } from './useDatedSearch';
import type { NameOf } from './auditLabels';
import { Form } from '../../ui/Form';

type Rows = (ProvisionRecord | DamagedRecord)[];
type Criteria = { from: string; to: string; kind: ProvisionRecord['kind'] | '' };

const provisionKindLabels: Record<ProvisionRecord['kind'], string> = { registration: '登録', inquiry: '照会', answer: '回答受領' };

const csvHeader = ['日時', '種別', '連携種別', '項目', '根拠法令', '相手方', '実施者', '依頼者', '世帯ID', '連携ファイル', '保存期限'];

function provisionCsv(rows: Rows, nameOf: NameOf): string {
  const lines = rows.map((row) =>
    isDamaged(row)
      ? [row.id, '', '', '', row.__integrityError, '', '', '', '', '', '']
      : [
          row.at,
          provisionKindLabels[row.kind],
          linkageKindLabels[row.linkageKind],
          row.itemLabel || row.itemCode,
          row.legalBasis,
          row.counterpart,
          nameOf(row.actorId),
          nameOf(row.requestedBy),
          row.householdId ?? '',
          row.exchangeId,
          row.retainUntil,
        ],
  );
  return csvText(csvHeader, lines);
}

const toFilter = ({ from, to, kind }: Criteria): ProvisionFilter => ({ ...localDayBounds(from, to), ...(kind && { kind }) });

/** 提供・照会記録（番号法第23条）for the auditor: what was provided, asked and answered, on what basis, by whom. */
export function ProvisionRecordsPanel({ nameOf }: { nameOf: NameOf }) {
  const services = useServices();
  const today = localDateOf(new Date().toISOString());
  const { criteria, setCriteria, rows, error, setError, submit } = useDatedSearch<Criteria, Rows>({ from: '', to: today, kind: '' }, (current) =>
    services.provisionRecords.query(toFilter(current)),
  );
  const [notice, setNotice] = useState('');
  const exportAs = async (format: 'json' | 'csv') => {
    setError(null);
    try {
      const filter = toFilter(criteria);
      const records = await services.provisionRecords.export(filter);
      const name = `provision-records-${today.replace(/-/g, '')}`;
      if (format === 'json') {
        const file = { format: 'seiho-desk-provision-records', exportedAt: new Date().toISOString(), filter, records };
        download(`${name}.json`, JSON.stringify(file, null, 2), 'application/json');
      } else {
        download(`${name}.csv`, provisionCsv(records, nameOf), 'text/csv');
      }
      setNotice(`${records.length} 件を${format === 'json' ? 'JSON' : 'CSV'}で出力しました。出力したことも監査ログに記録されています。`);
    } catch (e) {
      setError(messageOf(e));
    }
  };
  const set =
    <K extends keyof Criteria>(key: K) =>
    (event: { target: { value: string } }) =>
      setCriteria((c) => ({ ...c, [key]: event.target.value }));

  return (
    <section aria-labelledby="provision-title">
      <h3 id="provision-title">提供・照会記録（番号法第23条）</h3>
      <Form onSubmit={submit} className="filters" aria-label="提供・照会記録の絞り込み">
        <DateRangeFields
          idPrefix="provision"
          from={criteria.from}
          to={criteria.to}
          onChange={(field, value) => setCriteria((c) => ({ ...c, [field]: value }))}
        />
        <div className="field">
          <label htmlFor="provision-kind">種別</label>
          <select id="provision-kind" value={criteria.kind} onChange={set('kind')}>
            <option value="">すべて</option>
            {Object.entries(provisionKindLabels).map(([kind, label]) => (
              <option key={kind} value={kind}>
                {label}
              </option>
            ))}
          </select>
        </div>
        <button type="submit">検索</button>
      </Form>
      <div className="actions">
        <button type="button" className="secondary" onClick={() => void exportAs('json')}>
          JSONで出力
        </button>
        <button type="button" className="secondary" onClick={() => void exportAs('csv')}>
          CSVで出力
        </button>
      </div>
      <p role="status">{notice}</p>
      <FormAlert message={error} />

      {rows === null ? (
        <p>読み込んでいます…</p>
      ) : rows.length === 0 ? (
        <p role="status" className="empty">
          条件に合う提供・照会記録はありません。期間や種別の条件を広げて検索してください（記録は連携ファイルを書き出したとき・結果を取り込んだときに作られます）。
        </p>
      ) : (
        <table className="data-table" aria-label="提供・照会記録">
          <caption>{rows.length} 件</caption>
          <thead>
            <tr>
              <th scope="col">日時</th>
              <th scope="col">種別</th>
              <th scope="col">連携種別</th>
              <th scope="col">項目</th>
              <th scope="col">根拠法令</th>
              <th scope="col">相手方</th>
              <th scope="col">実施者</th>
              <th scope="col">依頼者</th>
              <th scope="col">保存期限</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((row) =>
              isDamaged(row) ? (
                <tr key={row.id} className="damaged-row">
                  <td colSpan={9}>{row.__integrityError}</td>
                </tr>
              ) : (
                <tr key={row.id}>
                  <td>
                    <TimeText iso={row.at} />
                  </td>
                  <td>{provisionKindLabels[row.kind]}</td>
                  <td>{linkageKindLabels[row.linkageKind]}</td>
                  <td>{row.itemLabel || row.itemCode || '—'}</td>
                  <td>{row.legalBasis || '—'}</td>
                  <td>{row.counterpart}</td>
                  <td>{nameOf(row.actorId)}</td>
                  <td>{nameOf(row.requestedBy)}</td>
                  <td>
                    <DateText date={row.retainUntil} />
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
    </section>
  );
}
