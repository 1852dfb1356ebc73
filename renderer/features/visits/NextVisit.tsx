import { DateText } from '../../ui/DateText';
import { localToday } from '../cases/caseLabels';
import { planStatus } from './visitRecord';

/** The case list's 次回訪問 cell: the due date with a mark once it is this month or overdue. */
export function NextVisit({ due }: { due: string | null }) {
  if (due === null) return <>未設定</>;
  const status = planStatus({ nextDueOn: due }, localToday());
  return (
    <>
      <DateText date={due} />
      {status.kind !== 'notYetDue' && (
        <span className={status.kind === 'overdue' ? 'badge overdue' : 'badge'}>{status.kind === 'overdue' ? '超過' : '今月'}</span>
      )}
    </>
  );
}
