import { useState } from 'react';
import { Link, useParams } from 'react-router';
import { approvalStageLabels, decisionLabels } from '../../../shared/casework/caseStatus';
import { worksThroughHub } from '../../../shared/domain/staff';
import type { Decision } from '../../../shared/domain/records';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { isDamaged } from '../../data/errors';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { TimeText } from '../../ui/TimeText';

import { useLoaded } from '../../ui/useLoaded';
import { AidAmounts } from './AidAmounts';
import { DecisionWizard } from './DecisionWizard';
import { aidList } from './decisionLabels';
import { useDecision, type DecisionFile } from './useDecision';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';

const entryLabels = { submit: '提出', approve: '承認', return: '差戻し' } as const;

/** One decision: its content, the approval history with comments, and what the session may do at its stage. */
export function DecisionScreen() {
  const { id = '' } = useParams();
  const file = useDecision(id);
  if (file.state === 'loading') return <p>読み込んでいます…</p>;
  if (file.state === 'failed') {
    return (
      <section aria-labelledby="decision-title">
        <h2 id="decision-title">決定を開けません</h2>
        <FormAlert message={file.message} />
        <p>
          <Link to="/intake">相談・申請へ戻る</Link>
        </p>
      </section>
    );
  }
  const { decision: d, household, calculation, staffName } = file.value;
  return (
    <section aria-labelledby="decision-title">
      <p>
        <Link to={`/cases/${household.id}`}>ケース {household.caseNumber} へ</Link>　<Link to="/intake">相談・申請へ</Link>
      </p>
      <h2 id="decision-title">
        {decisionLabels[d.kind]}決定（{approvalStageLabels[d.stage]}）
      </h2>
      <dl className="case-facts">
        <dt>ケース番号</dt>
        <dd>{household.caseNumber}</dd>
        <dt>適用日</dt>
        <dd>
          <DateText date={d.effectiveOn} />
        </dd>
        <dt>扶助</dt>
        <dd>{aidList(d.aids)}</dd>
        <dt>根拠となる計算</dt>
        <dd>
          {calculation ? (
            // The breakdown the decision rests on, for the SV and the 課長 to check before approving.
            <Link to={`/calc?calculation=${calculation.id}`}>
              {formatWarekiMonth(calculation.month)}分 保護費 {formatYen(calculation.benefit)}（計算の内訳を開く）
            </Link>
          ) : (
            '（計算なし）'
          )}
        </dd>
        <dt>理由</dt>
        <dd className="record-body">{d.reasons}</dd>
        <dt>起案者</dt>
        <dd>{staffName(d.draftedBy)}</dd>
      </dl>
      {calculation && <AidAmounts calculation={calculation} />}
      <h3>決裁の経過</h3>
      {d.history.length === 0 ? (
        <p>まだ提出されていません。</p>
      ) : (
        <ol className="case-records" aria-label="決裁の経過">
          {d.history.map((entry, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: an append-only history: an entry's place in it is its identity
            <li key={index}>
              <TimeText iso={entry.at} />　{staffName(entry.staffId)}　{entryLabels[entry.type]}
              {entry.comment && <p className="record-body">{entry.comment}</p>}
            </li>
          ))}
        </ol>
      )}
      <ApprovalActions file={file.value} onDone={file.reload} />
      {d.stage === 'approved' && (
        <p>
          <Link to={`/intake/decisions/${d.id}/notice`}>決定通知書を表示</Link>
        </p>
      )}
    </section>
  );
}

/** 提出 for the drafter; 承認 / 差戻し (comment required for the latter) for the approver at this stage. */
function ApprovalActions({ file, onDone }: { file: DecisionFile; onDone(): void }) {
  const services = useServices();
  const { session } = useUnlocked();
  const [comment, setComment] = useState('');
  const [failure, setFailure] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const { decision: d } = file;
  const run = async (action: () => Promise<unknown>) => {
    setFailure(null);
    setBusy(true);
    try {
      await action();
      setComment('');
      onDone();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };
  const mayApprove = (session.role === 'supervisor' && d.stage === 'supervisorReview') || (session.role === 'manager' && d.stage === 'managerApproval');
  if ((d.stage === 'draft' || d.stage === 'returned') && d.draftedBy === session.userId) {
    return (
      <>
        <div className="actions">
          <button type="button" disabled={busy} onClick={() => void run(() => services.decisions.submit(d.id))}>
            査察指導員へ提出する
          </button>
          <FormAlert message={failure} />
        </div>
        <ReviseDecision file={file} onSaved={onDone} />
      </>
    );
  }
  if (!mayApprove) return null;
  if (worksThroughHub(session)) return <p className="notice">審査・決裁はハブ端末で行います（この端末では起案と提出ができます）。</p>;
  return (
    <Form onSubmit={(e) => e.preventDefault()} aria-labelledby="approval-title">
      <h3 id="approval-title">{session.role === 'manager' ? '課長決裁' : '査察指導員審査'}</h3>
      <div className="field">
        <label htmlFor="approval-comment">コメント（差戻しの場合は必須）</label>
        <textarea id="approval-comment" rows={3} value={comment} onChange={(e) => setComment(e.target.value)} spellCheck={false} />
      </div>
      <FormAlert message={failure} />
      <div className="actions">
        <button type="button" disabled={busy} onClick={() => void run(() => services.decisions.approve(d.id, comment))}>
          承認する
        </button>
        <button type="button" disabled={busy} className="danger" onClick={() => void run(() => services.decisions.returnForRevision(d.id, comment))}>
          差し戻す
        </button>
      </div>
    </Form>
  );
}

/** The drafter's re-draft of a draft or returned decision: the 起案 form filled with it, saved under the same id. */
function ReviseDecision({ file, onSaved }: { file: DecisionFile; onSaved(): void }) {
  const services = useServices();
  const { decision, household } = file;
  // The case's approved decisions, which a retroactive revision may supersede.
  const approved = useLoaded(
    async () => (await services.decisions.list(household.id)).filter((row): row is Decision => !isDamaged(row) && row.stage === 'approved'),
    [services, household.id],
  );
  if (approved.state === 'loading') return <p>読み込んでいます…</p>;
  if (approved.state === 'failed') return <FormAlert message={approved.message} />;
  // Keyed by the decision's version: after a save the form starts again from what was saved.
  return <DecisionWizard key={decision.hlc} household={household} approved={approved.value} revision={{ decision, onSaved }} />;
}
