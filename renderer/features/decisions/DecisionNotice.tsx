import { Link, useParams } from 'react-router';
import { decisionLabels, type DecisionKind } from '../../../shared/casework/caseStatus';
import { formatWareki, formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { useUnlocked } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { localDateOf } from '../../ui/TimeText';

import { AidAmounts } from './AidAmounts';
import { aidList } from './decisionLabels';
import { useDecision } from './useDecision';
import { DocumentActions } from '../documents/DocumentActions';
import { useOfficeSettings } from '../settings/useOfficeSettings';
import type { Decision } from '../../../shared/domain/records';

/** What the notice says was decided, per kind. */
const decided: Record<DecisionKind, string> = {
  start: '生活保護法による保護を開始することに決定しました',
  reject: '生活保護法による保護の申請を却下することに決定しました',
  change: '生活保護法による保護の内容を変更することに決定しました',
  suspend: '生活保護法による保護を停止することに決定しました',
  terminate: '生活保護法による保護を廃止することに決定しました',
};

/**
 * The right to request review (教示, 行政不服審査法第82条) as the notice states it, naming the 知事 of the office's
 * prefecture (設定); until it is set, 都道府県知事, and the screen says so.
 */
const reviewRights = (prefecture: string | undefined) => [
  `この決定に不服があるときは、この決定があったことを知った日の翌日から起算して3か月以内に、${prefecture || '都道府県'}知事に対して審査請求をすることができます（行政不服審査法第2条・第18条、生活保護法第64条）。`,
  'この決定の取消しを求める訴えは、審査請求に対する裁決を経た後でなければ提起することができません（生活保護法第69条）。',
];

/** 文書番号: the office's 記号 and the number the 課長's approval took, e.g. 加福第12号. */
const documentNumber = (prefix: string | undefined, notice: Decision['notice']) => (notice ? `${prefix ?? ''}第${notice.number}号` : null);

/** 決定通知書 as a print preview: only an approved decision has one; printing is logged. */
export function DecisionNotice() {
  const { id = '' } = useParams();
  const { officeName } = useUnlocked();
  const settings = useOfficeSettings();
  const file = useDecision(id);
  if (file.state === 'loading' || settings.state === 'loading') return <p>読み込んでいます…</p>;
  if (file.state === 'failed') return <FormAlert message={file.message} />;
  if (settings.state === 'failed') return <FormAlert message={settings.message} />;
  const { prefecture, documentPrefix } = settings.value;
  const { decision: d, household, head, calculation } = file.value;
  const back = (
    <p className="no-print">
      <Link to={`/intake/decisions/${d.id}`}>決定へ戻る</Link>
    </p>
  );
  if (d.stage !== 'approved') {
    return (
      <section aria-labelledby="notice-title">
        {back}
        <h2 id="notice-title">決定通知書</h2>
        <p role="alert">決裁が済んでいない決定の通知書は作成できません。</p>
      </section>
    );
  }
  // The decision is made when the 課長 approves: the last entry of the chain.
  const decidedOn = localDateOf(d.history.at(-1)!.at);
  return (
    <section aria-labelledby="notice-title">
      {back}
      <DocumentActions what="決定通知書" householdId={household.id} fileTitle={`決定通知書_${household.caseNumber}_${decidedOn}`} />
      {!prefecture && (
        <p className="notice no-print">要確認: 事務所の都道府県が設定されていないため、教示の審査請求先を「都道府県知事」としています（設定 › 都道府県）。</p>
      )}
      <article className="document" aria-label="決定通知書">
        <p className="document-date">
          {documentNumber(documentPrefix, d.notice) && (
            <>
              {documentNumber(documentPrefix, d.notice)}
              <br />
            </>
          )}
          ケース番号 {household.caseNumber}
          <br />
          {formatWareki(decidedOn)}
        </p>
        <p>{head ? `${head.name} 様` : '世帯主 様'}</p>
        <p className="document-from">{officeName}長</p>
        <h2 id="notice-title" className="document-title">
          保護{decisionLabels[d.kind]}決定通知書
        </h2>
        <p>{decided[d.kind]}ので通知します。</p>
        <dl className="document-body">
          <dt>決定の種類</dt>
          <dd>{decisionLabels[d.kind]}</dd>
          <dt>{d.kind === 'reject' ? '決定日' : '適用日'}</dt>
          <dd>{formatWareki(d.kind === 'reject' ? decidedOn : d.effectiveOn)}</dd>
          {d.kind !== 'reject' && (
            <>
              <dt>扶助の種類</dt>
              <dd>{aidList(d.aids)}</dd>
              <dt>保護費の額</dt>
              <dd>{calculation ? `月額 ${formatYen(calculation.benefit)}（${formatWarekiMonth(calculation.month)}分の算定による）` : '別途通知します'}</dd>
            </>
          )}
          <dt>理由</dt>
          <dd className="record-body">{d.reasons}</dd>
        </dl>
        {d.kind !== 'reject' && calculation && <AidAmounts calculation={calculation} />}
        <h3>教示</h3>
        {reviewRights(prefecture).map((text) => (
          <p key={text}>{text}</p>
        ))}
      </article>
    </section>
  );
}
