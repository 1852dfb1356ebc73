import { useState } from 'react';
import { incomeKindLabels, netAmount } from '../../../shared/casework/declaredIncome';
import type { DeclaredIncome } from '../../../shared/domain/records';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { isDamaged } from '../../data/errors';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { localToday } from '../cases/caseLabels';
import { useLoaded } from '../../ui/useLoaded';
import { IncomeForm } from './IncomeForm';
import { messageOf } from '../../ui/messageOf';

/** How the amount reads in the list: 就労 shows its gross and expenses. */
const amountText = (income: DeclaredIncome) =>
  income.kind === 'employment' ? `${formatYen(income.gross)}（必要経費 ${formatYen(income.expenses)}）` : formatYen(income.amount);

/** 収入: the incomes the household declared, month by month and per member; add, correct or remove one. */
export function IncomeTab({ householdId }: { householdId: string }) {
  const services = useServices();
  const loaded = useLoaded(async () => {
    const [incomes, members] = await Promise.all([services.incomes.list(householdId), services.members.list(householdId)]);
    return { incomes, members: members.flatMap((m) => (isDamaged(m) ? [] : [{ id: m.id, name: m.name }])) };
  }, [services, householdId]);
  const [editing, setEditing] = useState<DeclaredIncome | null>(null);
  // The month the next new income starts in: the last one recorded, so a month's incomes go in one after another.
  const [month, setMonth] = useState(() => localToday().slice(0, 7));
  const [round, setRound] = useState(0);
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState<string | null>(null);

  const saved = (income: DeclaredIncome) => {
    setDone(`${formatWarekiMonth(income.month)}分の収入を${editing ? '更新' : '記録'}しました。`);
    setEditing(null);
    setMonth(income.month);
    setRound((n) => n + 1);
    loaded.reload();
  };

  const remove = async (income: DeclaredIncome) => {
    if (!window.confirm('この収入を削除しますか？')) return;
    setFailure(null);
    try {
      await services.incomes.remove(householdId, income.id);
      setDone(`${formatWarekiMonth(income.month)}分の収入を削除しました。`);
      if (editing?.id === income.id) setEditing(null);
      loaded.reload();
    } catch (error) {
      setFailure(`削除できませんでした: ${messageOf(error)}`);
    }
  };

  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  const { incomes, members } = loaded.value;
  const nameOf = (memberId: string) => members.find((m) => m.id === memberId)?.name ?? '（不明な世帯員）';
  const months = [...new Set(incomes.map((i) => i.month))];
  return (
    <>
      <h3>収入申告</h3>
      {months.length === 0 && <p>申告された収入はまだありません。</p>}
      {months.map((m) => {
        const rows = incomes.filter((i) => i.month === m);
        const caption = `${formatWarekiMonth(m)}分の収入`;
        return (
          <table key={m} className="data-table" aria-label={caption}>
            <caption>
              {caption}（必要経費を除いた合計 {formatYen(rows.reduce((sum, i) => sum + netAmount(i), 0))}）
            </caption>
            <thead>
              <tr>
                <th scope="col">世帯員</th>
                <th scope="col">種類</th>
                <th scope="col">金額</th>
                <th scope="col">備考</th>
                <th scope="col">操作</th>
              </tr>
            </thead>
            <tbody>
              {rows.map((income) => {
                const what = `${nameOf(income.memberId)}の${incomeKindLabels[income.kind]}収入`;
                return (
                  <tr key={income.id}>
                    <th scope="row">{nameOf(income.memberId)}</th>
                    <td>{incomeKindLabels[income.kind]}</td>
                    <td className="amount">{amountText(income)}</td>
                    <td>{income.note}</td>
                    <td>
                      <button
                        type="button"
                        className="secondary"
                        aria-label={`${what}を訂正`}
                        onClick={() => {
                          setDone(null);
                          setEditing(income);
                        }}
                      >
                        訂正
                      </button>{' '}
                      <button type="button" className="secondary" aria-label={`${what}を削除`} onClick={() => void remove(income)}>
                        削除
                      </button>
                    </td>
                  </tr>
                );
              })}
            </tbody>
          </table>
        );
      })}
      <FormAlert message={failure} />
      {done && <p role="status">{done}</p>}
      <IncomeForm
        key={editing?.id ?? `new-${round}`}
        householdId={householdId}
        members={members}
        editing={editing}
        month={month}
        onSaved={saved}
        onCancel={() => setEditing(null)}
      />
    </>
  );
}
