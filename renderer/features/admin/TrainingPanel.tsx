import { useEffect, useId, useState, type FormEvent } from 'react';
import type { User } from '../../../shared/domain/records';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { MAX_TRAINING_HOUSEHOLDS as MAX_HOUSEHOLDS } from '../../services/officeAdmin';
import { FormAlert } from '../../ui/FormAlert';
import { localToday } from '../cases/caseLabels';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';

/** Households per transaction: big enough to be quick, small enough that the progress bar moves. */
const ROUND_ROBIN = '';

/**
 * 研修用データ: synthetic households (shared/training) for a training office — practice for new caseworkers and the
 * figures of the casework bench. Nothing here is a real person; case numbers start with 研修.
 */
export function TrainingPanel() {
  const services = useServices();
  const { officeId } = useUnlocked();
  const id = useId();
  const [caseworkers, setCaseworkers] = useState<User[]>([]);
  const [count, setCount] = useState(20);
  const [assignee, setAssignee] = useState(ROUND_ROBIN);
  // A fresh seed each time, shown so that a trainer can hand it out and repeat the same office elsewhere.
  const [seed, setSeed] = useState(() => Date.now() % 100_000);
  const [confirmed, setConfirmed] = useState(false);
  const [progress, setProgress] = useState<{ done: number; total: number } | null>(null);
  const [running, setRunning] = useState(false);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    void services.staff.list().then(
      (users) => setCaseworkers(users.filter((u) => u.role === 'caseworker' && u.status === 'active' && u.officeId === officeId)),
      (e: unknown) => setError(messageOf(e)),
    );
  }, [services, officeId]);

  const generate = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    if (!Number.isInteger(seed) || seed < 0) return setError('シードは0以上の整数で入力してください');
    if (!confirmed) return setError('研修用事務所であることを確認してください');
    const assignees = assignee === ROUND_ROBIN ? caseworkers.map((u) => u.id) : [assignee];
    setRunning(true);
    setProgress({ done: 0, total: count });
    try {
      await services.training.generate({ seed, count, assignees, today: localToday() }, (done, total) => setProgress({ done, total }));
    } catch (e) {
      setError(`作成を中断しました: ${messageOf(e)}`);
    } finally {
      setRunning(false);
    }
  };

  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>研修用データ</h3>
      <p className="notice">
        実在しない合成の世帯（氏名・年齢・収入・ケース記録）をこの端末のデータベースに書き込みます。研修用事務所の端末専用です。実際の事務所では使わないでください。ケース番号は「研修」で始まり、個人番号は含みません。
      </p>
      <Form onSubmit={(e) => void generate(e)} className="form">
        <label htmlFor={`${id}-count`}>世帯数</label>
        <input
          id={`${id}-count`}
          type="number"
          min={1}
          max={MAX_HOUSEHOLDS}
          value={count}
          onChange={(e) => setCount(e.target.valueAsNumber)}
          disabled={running}
        />
        <label htmlFor={`${id}-assignee`}>担当</label>
        <select id={`${id}-assignee`} value={assignee} onChange={(e) => setAssignee(e.target.value)} disabled={running}>
          <option value={ROUND_ROBIN}>ケースワーカー全員に順番に割り当てる（{caseworkers.length}人）</option>
          {caseworkers.map((u) => (
            <option key={u.id} value={u.id}>
              {u.name}
            </option>
          ))}
        </select>
        <label htmlFor={`${id}-seed`}>シード（同じ数なら同じデータになります）</label>
        <input id={`${id}-seed`} type="number" min={0} value={seed} onChange={(e) => setSeed(e.target.valueAsNumber)} disabled={running} />
        <label className="checkbox">
          <input type="checkbox" checked={confirmed} onChange={(e) => setConfirmed(e.target.checked)} disabled={running} />
          この事務所は研修用事務所であり、合成データを書き込むことを確認しました
        </label>
        <button type="submit" disabled={running || !confirmed}>
          {running ? '作成しています…' : '研修用データを作成'}
        </button>
      </Form>
      {progress && (
        <>
          <progress aria-label="研修用データの作成状況" max={progress.total} value={progress.done} />
          <p role="status">
            {progress.done} / {progress.total} 世帯{progress.done === progress.total ? 'を作成しました。' : 'を作成しています…'}
          </p>
        </>
      )}
      <FormAlert message={error} />
    </section>
  );
}
