import { zodResolver } from '@hookform/resolvers/zod';
import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { QuarantineLine } from '../../data/repos/sync';
import { useServices } from '../../session/SessionProvider';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TextField } from '../../ui/TextField';
import { TimeText } from '../../ui/TimeText';
import { useLoaded } from '../../ui/useLoaded';
import { fieldChecks } from '../../ui/fieldChecks';

/** A held bundle by its number; a file main refused has none it could trust (its header was not verified). */
const bundleName = (line: QuarantineLine) =>
  line.entry.seq > 0 ? `${line.sender}の同期バンドル（${line.entry.seq}番）` : `${line.sender}からの読めなかった同期ファイル`;

const statusLabels: Record<QuarantineLine['entry']['status'], string> = { held: '保留中', released: '解除済み', assigned: 'ケースに割当済み' };

/**
 * 同期の保留 (the administrator, on the hub): what the hub could not apply — out of scope, a bad row, an unknown case,
 * a revoked device, a state change only the hub makes, a file refused whole — kept with the reason. Released after a
 * fix (applied then, checked again whole), or assigned to a case for the caseworker to take up.
 */
export function QuarantinePanel() {
  const services = useServices();
  const id = useId();
  const [notice, setNotice] = useState('');
  const [error, setError] = useState<string | null>(null);
  const [assigning, setAssigning] = useState<QuarantineLine | null>(null);
  const lines = useLoaded(() => services.syncQuarantine.list(), [services]);
  const release = async (line: QuarantineLine) => {
    setError(null);
    try {
      await services.syncQuarantine.release(line.entry.id);
    } catch (e) {
      return setError(messageOf(e));
    }
    setNotice(`${bundleName(line)}の保留を解除し、反映しました。`);
    lines.reload();
  };
  return (
    <section aria-labelledby={`${id}-title`}>
      <h3 id={`${id}-title`}>同期の保留</h3>
      <p role="status">{notice}</p>
      <FormAlert message={error} />
      {lines.state === 'loading' && <p>読み込んでいます…</p>}
      {lines.state === 'failed' && <FormAlert message={lines.message} />}
      {lines.state === 'ready' && lines.value.length === 0 && <p>保留された同期バンドルはありません。</p>}
      {lines.state === 'ready' && lines.value.length > 0 && (
        <table className="data-table" aria-labelledby={`${id}-title`}>
          <thead>
            <tr>
              <th scope="col">受信日時</th>
              <th scope="col">送り手</th>
              <th scope="col">番号</th>
              <th scope="col">理由</th>
              <th scope="col">状態</th>
              <th scope="col">操作</th>
            </tr>
          </thead>
          <tbody>
            {lines.value.map((line) => (
              <tr key={line.entry.id}>
                <td>
                  <TimeText iso={line.entry.receivedAt} />
                </td>
                <td>{line.sender}</td>
                <td>{line.entry.seq > 0 ? line.entry.seq : '—'}</td>
                <td>{line.entry.reason}</td>
                <td>
                  {statusLabels[line.entry.status]}
                  {line.caseNumber && `（ケース ${line.caseNumber}）`}
                </td>
                <td className="actions">
                  {line.entry.status === 'held' && (
                    <>
                      <button type="button" className="secondary" onClick={() => void release(line)} aria-label={`${bundleName(line)}の保留を解除`}>
                        解除
                      </button>
                      <button type="button" className="secondary" onClick={() => setAssigning(line)} aria-label={`${bundleName(line)}をケースに割り当て`}>
                        ケースに割り当て
                      </button>
                    </>
                  )}
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {assigning && (
        <AssignForm
          line={assigning}
          onCancel={() => setAssigning(null)}
          onAssigned={(text) => {
            setAssigning(null);
            setNotice(text);
            lines.reload();
          }}
        />
      )}
    </section>
  );
}

const schema = z.object({ caseNumber: z.string().trim().min(1, { error: 'ケース番号を入力してください' }).max(40, { error: 'ケース番号は40文字以内です' }) });
type Fields = z.infer<typeof schema>;

function AssignForm({ line, onAssigned, onCancel }: { line: QuarantineLine; onAssigned: (message: string) => void; onCancel: () => void }) {
  const services = useServices();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Fields>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: { caseNumber: '' } });
  const submit = form.handleSubmit(async ({ caseNumber }) => {
    setError(null);
    try {
      await services.syncQuarantine.assign(line.entry.id, caseNumber);
    } catch (e) {
      return setError(messageOf(e));
    }
    onAssigned(`${bundleName(line)}をケース ${caseNumber} に割り当てました。`);
  });
  return (
    <Form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="panel" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h4 id={`${id}-title`}>{bundleName(line)}をケースに割り当てる</h4>
      <TextField label="ケース番号" name="caseNumber" form={form} autoFocus />
      <div className="actions">
        <button type="submit" disabled={form.formState.isSubmitting}>
          割り当てる
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          やめる
        </button>
      </div>
      <FormAlert message={error} />
    </Form>
  );
}
