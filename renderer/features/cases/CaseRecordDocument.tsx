import { Link, useParams } from 'react-router';
import { formatWareki } from '../../../shared/format/wareki';
import { isDamaged } from '../../data/errors';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { useLoaded } from '../../ui/useLoaded';
import { DocumentActions } from '../documents/DocumentActions';
import { recordKindLabels } from './caseLabels';

/** One ケース記録 (a 訪問記録 above all) as the A4 sheet the case file keeps: the case, the date, who wrote it, as written. */
export function CaseRecordDocument() {
  const { id = '', recordId = '' } = useParams();
  const services = useServices();
  const { officeName } = useUnlocked();
  const loaded = useLoaded(async () => {
    const [records, household, staff] = await Promise.all([services.caseRecords.list(id), services.households.open(id), services.staff.list()]);
    const record = records.find((r) => !isDamaged(r) && r.id === recordId);
    if (!record || isDamaged(record)) return null;
    return { record, household, author: staff.find((u) => u.id === record.authorId)?.name ?? '（不明な職員）' };
  }, [services, id, recordId]);
  const back = (
    <p className="no-print">
      <Link to={`/cases/${id}`}>ケースへ戻る</Link>
    </p>
  );
  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  if (!loaded.value) {
    return (
      <section aria-labelledby="record-title">
        {back}
        <h2 id="record-title">ケース記録</h2>
        <p role="alert">この記録は見つかりません。ケースの「ケース記録」タブから開いてください。</p>
      </section>
    );
  }
  const { record: r, household, author } = loaded.value;
  const title = r.kind === 'visit' ? '訪問記録' : `ケース記録（${recordKindLabels[r.kind]}）`;
  return (
    <section aria-labelledby="record-title">
      {back}
      <DocumentActions what={title} householdId={household.id} fileTitle={`${title}_${household.caseNumber}_${r.recordedOn}`} />
      <article className="document" aria-label={title}>
        <h2 id="record-title" className="document-title">
          {title}
        </h2>
        <dl className="document-body">
          <dt>ケース番号</dt>
          <dd>{household.caseNumber}</dd>
          <dt>日付</dt>
          <dd>{formatWareki(r.recordedOn)}</dd>
          <dt>種別</dt>
          <dd>{recordKindLabels[r.kind]}</dd>
          <dt>記録者</dt>
          <dd>{author}</dd>
        </dl>
        <p className="record-body">{r.body}</p>
        <p className="document-from">{officeName}</p>
      </article>
    </section>
  );
}
