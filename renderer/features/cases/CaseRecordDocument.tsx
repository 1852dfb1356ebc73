import { useParams } from 'react-router';
import { formatWareki } from '../../../shared/format/wareki';
import { isDamaged } from '../../data/errors';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { useLoaded } from '../../ui/useLoaded';
import { CaseDocument } from '../documents/CaseDocument';
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
  return (
    <CaseDocument
      householdId={id}
      titleId="record-title"
      loaded={loaded}
      missing={{ title: 'ケース記録', message: 'この記録は見つかりません。ケースの「ケース記録」タブから開いてください。' }}
    >
      {({ record: r, household, author }) => {
        const title = r.kind === 'visit' ? '訪問記録' : `ケース記録（${recordKindLabels[r.kind]}）`;
        return (
          <>
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
          </>
        );
      }}
    </CaseDocument>
  );
}
