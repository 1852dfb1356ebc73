import { useState, type FormEvent } from 'react';
import { Link } from 'react-router';
import { useServices } from '../../session/SessionProvider';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { useLoaded } from '../../ui/useLoaded';

/**
 * 担当の一括変更（異動）: the 査察指導員 (within the team) or the 課長 picks a caseworker, ticks the cases to move (all,
 * to begin with) and the new caseworker. One move, all or nothing (the data layer's rule); at the next sync the new
 * caseworker's devices get the cases and the old ones erase them.
 */
export function ReassignScreen() {
  const services = useServices();
  const loaded = useLoaded(() => services.caseload.caseloads(), [services]);
  const [from, setFrom] = useState('');
  const [to, setTo] = useState('');
  const [unticked, setUnticked] = useState<ReadonlySet<string>>(new Set());
  const [failure, setFailure] = useState<string | null>(null);
  const [done, setDone] = useState('');
  const [busy, setBusy] = useState(false);

  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  const { from: caseloads, to: targets } = loaded.value;
  const source = caseloads.find((c) => c.userId === from);
  const chosen = source ? source.cases.filter((c) => !unticked.has(c.id)) : [];
  const target = targets.find((t) => t.userId === to);

  const submit = async (event: FormEvent) => {
    event.preventDefault();
    setDone('');
    if (!source) return setFailure('現在の担当: 担当を変更するケースワーカーを選択してください');
    if (chosen.length === 0) return setFailure('ケース: 担当を変更するケースを選択してください');
    if (!target) return setFailure('新しい担当: 選択してください');
    if (target.userId === source.userId) return setFailure('新しい担当: 現在の担当と同じです');
    setFailure(null);
    setBusy(true);
    try {
      const { moved } = await services.caseload.reassign(
        chosen.map((c) => c.id),
        target.userId,
      );
      setDone(`${moved}件のケースの担当を${source.name}から${target.name}に変更しました。次回の同期で各端末に反映されます。`);
      setUnticked(new Set());
      loaded.reload();
    } catch (error) {
      setFailure(messageOf(error));
    } finally {
      setBusy(false);
    }
  };

  return (
    <section aria-labelledby="reassign-title">
      <p>
        <Link to="/cases">ケース一覧へ戻る</Link>
      </p>
      <h2 id="reassign-title">担当の一括変更（異動）</h2>
      <p role="status">{done}</p>
      {caseloads.length === 0 ? (
        <p>担当を変更できるケースはありません。ケースが登録され、担当が決まるとここに表示されます。</p>
      ) : (
        <Form onSubmit={(e) => void submit(e)} aria-labelledby="reassign-title" noValidate>
          <div className="field">
            <label htmlFor="reassign-from">現在の担当</label>
            <select
              id="reassign-from"
              value={from}
              onChange={(e) => {
                setFrom(e.target.value);
                setUnticked(new Set());
              }}
            >
              <option value="">選択してください</option>
              {caseloads.map((c) => (
                <option key={c.userId} value={c.userId}>
                  {c.name}（{c.cases.length}件）
                </option>
              ))}
            </select>
          </div>
          {source && (
            <fieldset>
              <legend>担当を変更するケース（{chosen.length}件を選択中）</legend>
              <ul className="choice-list">
                {source.cases.map((c) => (
                  <li key={c.id}>
                    <label>
                      <input
                        type="checkbox"
                        checked={!unticked.has(c.id)}
                        onChange={(e) => {
                          const next = new Set(unticked);
                          if (e.target.checked) next.delete(c.id);
                          else next.add(c.id);
                          setUnticked(next);
                        }}
                      />
                      {c.caseNumber} {c.address}
                    </label>
                  </li>
                ))}
              </ul>
            </fieldset>
          )}
          <div className="field">
            <label htmlFor="reassign-to">新しい担当</label>
            <select id="reassign-to" value={to} onChange={(e) => setTo(e.target.value)}>
              <option value="">選択してください</option>
              {targets.map((t) => (
                <option key={t.userId} value={t.userId}>
                  {t.name}
                </option>
              ))}
            </select>
          </div>
          <FormAlert message={failure} />
          <div className="actions">
            <button type="submit" disabled={busy}>
              担当を変更する
            </button>
          </div>
        </Form>
      )}
    </section>
  );
}
