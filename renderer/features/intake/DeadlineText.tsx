import { deadlineState } from '../../../shared/casework/applicationDeadline';
import type { Application } from '../../../shared/domain/records';
import { DateText } from '../../ui/DateText';

/**
 * An application's decision deadline as a countdown: the days left (marked when few remain), or how far past the
 * 14 days it is and from when the applicant may treat it as rejected (みなし却下).
 */
export function DeadlineText({ application, today }: { application: Application; today: string }) {
  const state = deadlineState({ receivedOn: application.appliedOn, extensionReason: application.extensionReason }, today);
  switch (state.kind) {
    case 'open':
      return (
        <span className={state.warning ? 'deadline-warning' : undefined}>
          期限 <DateText date={state.deadline} />
          （あと{state.daysLeft}日{state.extended ? '・30日に延長' : ''}）{state.warning && ' 期限間近'}
        </span>
      );
    case 'overdue':
      return (
        <strong className="deadline-overdue">
          期限 <DateText date={state.deadline} /> を{state.daysOverdue}日超過（延長理由なし）。
          <DateText date={state.deemedRejectionFrom} />
          からみなし却下
        </strong>
      );
    case 'deemedRejectable':
      return (
        <strong className="deadline-overdue">
          申請から30日を経過: <DateText date={state.deemedRejectionFrom} />
          からみなし却下の対象です
        </strong>
      );
    case 'decided':
      return <span>決定済み</span>;
  }
}
