import { useState } from 'react';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import type { IncomeForm, MemberForm } from '../calc/minimumCost/minimumCostForm';

import { wizardIncomesOf } from './wizardIncomes';
import { messageOf } from '../../ui/messageOf';

type Props = { householdId: string; month: string; members: readonly MemberForm[]; onImport(rows: IncomeForm[]): void };

/** On the wizard's 収入 step for a case: adds the incomes declared on the case's 収入 tab for the month being calculated. */
export function DeclaredIncomesImport({ householdId, month: typed, members, onImport }: Props) {
  const services = useServices();
  // The wizard keeps the 基準月 as typed (full width too) until it calculates.
  const month = typed.normalize('NFKC').trim();
  const [message, setMessage] = useState<string | null>(null);
  const [failure, setFailure] = useState<string | null>(null);
  const monthText = /^\d{4}-\d{2}$/.test(month) ? `${formatWarekiMonth(month)}分` : 'この月';

  const importDeclared = async () => {
    setFailure(null);
    try {
      const { rows, leftOut } = wizardIncomesOf(await services.incomes.list(householdId), month, members);
      onImport(rows);
      const skipped = leftOut > 0 ? `（計算の世帯員にいない人の${leftOut}件は取り込んでいません）` : '';
      setMessage(
        rows.length === 0 && leftOut === 0
          ? `${monthText}の申告された収入はありません。`
          : `${monthText}の申告された収入を${rows.length}件取り込みました${skipped}。内容を確認してください。`,
      );
    } catch (error) {
      setFailure(`申告された収入を読めませんでした: ${messageOf(error)}`);
    }
  };

  return (
    <div className="declared-incomes">
      <button type="button" className="secondary" onClick={() => void importDeclared()}>
        {monthText}の申告された収入を取り込む
      </button>
      {message && <p role="status">{message}</p>}
      <FormAlert message={failure} />
    </div>
  );
}
