import { Link, Route, Routes } from 'react-router';
import { decisionDeadline } from '../../../shared/casework/applicationDeadline';
import { approvalStageLabels, decisionLabels } from '../../../shared/casework/caseStatus';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { localToday } from '../cases/caseLabels';
import { useLoaded } from '../../ui/useLoaded';
import { DecisionNotice } from '../decisions/DecisionNotice';
import { DecisionScreen } from '../decisions/DecisionScreen';
import { DeadlineText } from './DeadlineText';

/** The 相談・申請 area: the approval queue and the deadline list; one decision (`decisions/<id>`) and its notice. */
export function IntakeArea() {
  return (
    <Routes>
      <Route index element={<IntakeHome />} />
      <Route path="decisions/:id" element={<DecisionScreen />} />
      <Route path="decisions/:id/notice" element={<DecisionNotice />} />
    </Routes>
  );
}

function IntakeHome() {
  const { session } = useUnlocked();
  return (
    <section aria-labelledby="intake-title">
      <h2 id="intake-title">相談・申請</h2>
      {(session.role === 'supervisor' || session.role === 'manager') && <ApprovalQueue />}
      <PendingApplications />
    </section>
  );
}

/** Decisions waiting at this approver's stage, oldest first. */
function ApprovalQueue() {
  const services = useServices();
  const queue = useLoaded(() => services.decisions.queue(), [services]);
  return (
    <>
      <h3 id="queue-title">決裁待ちの決定</h3>
      {queue.state === 'loading' && <p>読み込んでいます…</p>}
      {queue.state === 'failed' && <FormAlert message={queue.message} />}
      {queue.state === 'ready' &&
        (queue.value.length === 0 ? (
          <p>決裁待ちの決定はありません。</p>
        ) : (
          <table className="case-table" aria-labelledby="queue-title">
            <thead>
              <tr>
                <th scope="col">ケース番号</th>
                <th scope="col">決定</th>
                <th scope="col">適用日</th>
                <th scope="col">段階</th>
              </tr>
            </thead>
            <tbody>
              {queue.value.map(({ decision, household }) => (
                <tr key={decision.id}>
                  <td>{household.caseNumber}</td>
                  <td>
                    <Link to={`/intake/decisions/${decision.id}`}>{decisionLabels[decision.kind]}決定</Link>
                  </td>
                  <td>
                    <DateText date={decision.effectiveOn} />
                  </td>
                  <td>{approvalStageLabels[decision.stage]}</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </>
  );
}

/** Undecided applications, the most urgent (earliest deadline) first. */
function PendingApplications() {
  const services = useServices();
  const today = localToday();
  const pending = useLoaded(() => services.decisions.pendingApplications(), [services]);
  const due = (p: { application: { appliedOn: string; extensionReason: string | null } }) =>
    decisionDeadline({ receivedOn: p.application.appliedOn, extensionReason: p.application.extensionReason });
  return (
    <>
      <h3 id="pending-title">処理中の保護申請</h3>
      {pending.state === 'loading' && <p>読み込んでいます…</p>}
      {pending.state === 'failed' && <FormAlert message={pending.message} />}
      {pending.state === 'ready' &&
        (pending.value.length === 0 ? (
          <p>処理中の申請はありません。</p>
        ) : (
          <table className="case-table" aria-labelledby="pending-title">
            <thead>
              <tr>
                <th scope="col">ケース番号</th>
                <th scope="col">申請日</th>
                <th scope="col">処理期限</th>
              </tr>
            </thead>
            <tbody>
              {[...pending.value]
                .sort((a, b) => due(a).localeCompare(due(b)))
                .map(({ application, household }) => (
                  <tr key={application.id}>
                    <td>
                      <Link to={`/cases/${household.id}`}>{household.caseNumber}</Link>
                    </td>
                    <td>
                      <DateText date={application.appliedOn} />
                    </td>
                    <td>
                      <DeadlineText application={application} today={today} />
                    </td>
                  </tr>
                ))}
            </tbody>
          </table>
        ))}
    </>
  );
}
