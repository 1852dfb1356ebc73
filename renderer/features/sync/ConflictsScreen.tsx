import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { roleLabels } from '../../../shared/auth/roles';
import type { ConflictLine, ConflictSideLine } from '../../data/repos/sync';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TimeText } from '../../ui/TimeText';
import { useLoaded } from '../../ui/useLoaded';
import { fieldLabel, valueText } from './fieldLabels';

const deciders = new Set(['supervisor']);

/**
 * 同期の競合 (the SV's work list on the hub): where two devices changed the same field of the same record since they
 * last agreed. Both values are shown with who wrote them, when and on which device; the choice is itself a recorded
 * change, and nothing is overwritten silently — until the SV decides, the later value holds and the other is kept here.
 */
export function ConflictsScreen() {
  const services = useServices();
  const { session } = useUnlocked();
  const [notice, setNotice] = useState('');
  const lines = useLoaded(() => services.syncConflicts.list(), [services]);
  return (
    <section aria-labelledby="sync-conflicts-title">
      <h2 id="sync-conflicts-title">同期の競合</h2>
      {!deciders.has(session.role) ? (
        <p role="alert" className="refusal">
          同期の競合は査察指導員が判断します（現在の役割: {roleLabels[session.role]}）。
        </p>
      ) : (
        <>
          <p role="status">{notice}</p>
          {lines.state === 'loading' && <p>読み込んでいます…</p>}
          {lines.state === 'failed' && <FormAlert message={lines.message} />}
          {lines.state === 'ready' && lines.value.length === 0 && <p>判断を待つ競合はありません。</p>}
          {lines.state === 'ready' &&
            lines.value.map((line) => (
              <ConflictForm
                key={line.conflict.id}
                line={line}
                onResolved={(text) => {
                  setNotice(text);
                  lines.reload();
                }}
              />
            ))}
        </>
      )}
    </section>
  );
}

// Nothing is chosen until the SV picks a side: the radios start empty, and submitting so names the question.
const schema = z.object({ choice: z.string().pipe(z.enum(['kept', 'incoming'], { error: 'どちらの値にするか選んでください' })) });
type Fields = z.input<typeof schema>;

function Side({ label, side, value }: { label: string; side: ConflictSideLine; value: unknown }) {
  return (
    <>
      <strong>{valueText(value)}</strong>（{label}: {side.actor ?? '記録者不明'}、<TimeText iso={side.at} />、{side.device}）
    </>
  );
}

function ConflictForm({ line, onResolved }: { line: ConflictLine; onResolved: (message: string) => void }) {
  const services = useServices();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const { conflict } = line;
  const form = useForm<Fields, unknown, z.output<typeof schema>>({ resolver: zodResolver(schema), defaultValues: { choice: '' } });
  const title = `${line.caseNumber ? `ケース ${line.caseNumber}` : line.table}の${line.record}・${fieldLabel(conflict.field)}`;
  const submit = form.handleSubmit(async ({ choice }) => {
    setError(null);
    try {
      await services.syncConflicts.resolve(conflict.id, choice);
    } catch (e) {
      return setError(messageOf(e));
    }
    onResolved(`${title}を「${valueText(conflict[choice].value)}」に決めました。`);
  });
  const choiceError = form.formState.errors.choice?.message;
  return (
    <Form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="panel">
      <h3 id={`${id}-title`}>{title}</h3>
      <p>いまの値: {valueText(conflict[conflict.winner].value)}（査察指導員が決めるまで、後から書かれた値を表示しています）</p>
      <fieldset aria-describedby={choiceError ? `${id}-error` : undefined}>
        <legend>どちらの値にしますか</legend>
        <label className="checkbox">
          <input type="radio" value="kept" {...form.register('choice')} /> <Side label="ハブ" side={line.kept} value={conflict.kept.value} />
        </label>
        <label className="checkbox">
          <input type="radio" value="incoming" {...form.register('choice')} /> <Side label="端末" side={line.incoming} value={conflict.incoming.value} />
        </label>
        {choiceError && (
          <p id={`${id}-error`} className="field-error">
            どちらの値にしますか: {choiceError}
          </p>
        )}
      </fieldset>
      <button type="submit" disabled={form.formState.isSubmitting}>
        この値に決める
      </button>
      <FormAlert message={error} />
    </Form>
  );
}
