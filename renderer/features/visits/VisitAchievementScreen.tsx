import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { localToday } from '../cases/caseLabels';
import { useLoaded } from '../../ui/useLoaded';
import { loadVisitGrades } from './officeVisitGrades';
import { Form } from '../../ui/Form';

const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

/** 訪問達成状況: per caseworker in the session's scope (a supervisor: the team), visits done against due for a month. */
export function VisitAchievementScreen() {
  const services = useServices();
  const [month, setMonth] = useState(localToday().slice(0, 7));
  const [draft, setDraft] = useState(month);
  const [monthError, setMonthError] = useState<string | null>(null);
  const loaded = useLoaded(async () => {
    const [achievement, staff] = await Promise.all([
      loadVisitGrades(services.settings).then((grades) => services.visits.achievement(month, grades)),
      services.staff.list(),
    ]);
    const names = new Map(staff.map((u) => [u.id, u.name]));
    return { ...achievement, nameOf: (id: string) => names.get(id) ?? '（不明な職員）' };
  }, [services, month]);

  const show = (event: FormEvent) => {
    event.preventDefault();
    const value = draft.normalize('NFKC').trim();
    if (!isMonth(value)) return setMonthError('対象月: 年-月（例: 2026-04）で入力してください');
    setMonthError(null);
    setMonth(value);
  };

  return (
    <section aria-labelledby="visit-achievement-title">
      <p>
        <Link to="/cases">ケース一覧へ戻る</Link>
      </p>
      <h2 id="visit-achievement-title">訪問達成状況（{formatWarekiMonth(month)}）</h2>
      <Form onSubmit={show} className="case-search">
        <label htmlFor="achievement-month">対象月</label>
        <input
          id="achievement-month"
          value={draft}
          onChange={(e) => setDraft(e.target.value)}
          aria-invalid={monthError ? true : undefined}
          autoComplete="off"
        />
        <button type="submit">表示</button>
      </Form>
      <FormAlert message={monthError} />
      {loaded.state === 'loading' && <p>読み込んでいます…</p>}
      {loaded.state === 'failed' && <FormAlert message={loaded.message} />}
      {loaded.state === 'ready' &&
        (loaded.value.rows.length === 0 ? (
          <p>訪問計画のあるケースがありません。</p>
        ) : (
          <table className="case-table" aria-label="訪問達成状況">
            <thead>
              <tr>
                <th scope="col">担当</th>
                <th scope="col">訪問予定</th>
                <th scope="col">訪問済み</th>
                <th scope="col">計画外の訪問</th>
                <th scope="col">達成率</th>
                <th scope="col">前月までの期限超過</th>
              </tr>
            </thead>
            <tbody>
              {loaded.value.rows.map((row) => (
                <tr key={row.caseworkerId}>
                  <td>{loaded.value.nameOf(row.caseworkerId)}</td>
                  <td>{row.due}件</td>
                  <td>{row.done}件</td>
                  <td>{row.unplanned}件</td>
                  <td>{row.rate === null ? '—' : `${Math.round(row.rate * 100)}%`}</td>
                  <td>{loaded.value.overdue.get(row.caseworkerId) ?? 0}件</td>
                </tr>
              ))}
            </tbody>
          </table>
        ))}
    </section>
  );
}
