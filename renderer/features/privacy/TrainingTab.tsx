import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { roleLabels } from '../../../shared/auth/roles';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { DateField } from '../../ui/DateField';
import { DateText } from '../../ui/DateText';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { fieldChecks } from '../../ui/fieldChecks';
import { showRefusal } from '../../ui/showRefusal';
import { TextField } from '../../ui/TextField';
import { useLoaded } from '../../ui/useLoaded';
import { localToday } from '../cases/caseLabels';
import { trainingSchema } from './privacyForms';

type TrainingInput = z.input<typeof trainingSchema>;

/** 教育・啓発: the trainings taken, the staff without one this 年度, and a new record. */
export function TrainingTab() {
  const { privacy } = useServices();
  const training = useLoaded(() => privacy.training(), [privacy]);
  if (training.state === 'loading') return <p>読み込んでいます…</p>;
  if (training.state === 'failed') return <FormAlert message={training.message} />;
  const { records, staff, untrained, damaged } = training.value;
  const nameOf = (userId: string) => staff.find((u) => u.id === userId)?.name ?? '（不明な職員）';
  return (
    <>
      {damaged > 0 && <p role="alert">読み込めない記録が{damaged}件あります（改ざんまたは破損）。</p>}
      <h3>今年度の研修が未受講の職員</h3>
      {untrained.length === 0 ? (
        <p>全員が今年度の研修を受講済みです。</p>
      ) : (
        <ul aria-label="今年度の研修が未受講の職員">
          {untrained.map((user) => (
            <li key={user.id}>
              {user.name}（{roleLabels[user.role]}）
            </li>
          ))}
        </ul>
      )}
      <h3>受講の記録</h3>
      {records.length === 0 ? (
        <p>研修の記録はありません。</p>
      ) : (
        <table className="case-table" aria-label="研修の記録">
          <thead>
            <tr>
              <th scope="col">受講日</th>
              <th scope="col">職員</th>
              <th scope="col">内容</th>
              <th scope="col">実施者</th>
            </tr>
          </thead>
          <tbody>
            {records.map((record) => (
              <tr key={record.id}>
                <td>
                  <DateText date={record.heldOn} />
                </td>
                <td>{nameOf(record.userId)}</td>
                <td>{record.content}</td>
                <td>{record.provider}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {privacy.mayKeep() ? <NewTrainingForm staff={staff} onSaved={training.reload} /> : <p>研修の記録は課長・システム管理者が行います（閲覧のみ）。</p>}
    </>
  );
}

function NewTrainingForm({ staff, onSaved }: { staff: { id: string; name: string }[]; onSaved(): void }) {
  const { privacy } = useServices();
  const { session } = useUnlocked();
  const empty = (): TrainingInput => ({ userId: staff[0]?.id ?? session.userId, heldOn: localToday(), content: '', provider: '' });
  const form = useForm<TrainingInput, unknown, z.output<typeof trainingSchema>>({
    resolver: zodResolver(trainingSchema),
    ...fieldChecks,
    defaultValues: empty(),
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await privacy.recordTraining(values);
      form.reset(empty());
      onSaved();
    } catch (error) {
      showRefusal(error, { setError: form.setError, fieldOf: { userId: 'userId', heldOn: 'heldOn' }, fail: setFailure, what: '登録できませんでした' });
    }
  });
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-training-title">
      <h3 id="new-training-title">研修の受講を記録</h3>
      <SelectField label="職員" name="userId" form={form} options={staff.map((u) => ({ value: u.id, label: u.name }))} />
      <DateField label="受講日" name="heldOn" form={form} />
      <TextField label="研修の内容" name="content" form={form} />
      <TextField label="実施者" name="provider" form={form} hint="例: 生活福祉課、県の研修" />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        記録する
      </button>
    </Form>
  );
}
