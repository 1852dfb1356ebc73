import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { Device } from '../../../shared/domain/records';
import { useServices } from '../../session/SessionProvider';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';
import { TextField } from '../../ui/TextField';
import { fieldChecks } from '../../ui/fieldChecks';

const schema = z.object({
  reason: z.string().trim().min(1, { error: '失効の理由を入力してください' }).max(500, { error: '失効の理由は500文字以内で入力してください' }),
});
type Fields = z.infer<typeof schema>;

/** Revoking cannot be undone: a reason is required (it stays in the registry row), Escape or やめる cancels. */
export function RevokeDeviceForm({ device, onRevoked, onCancel }: { device: Device; onRevoked: (message: string) => void; onCancel: () => void }) {
  const services = useServices();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const form = useForm<Fields>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: { reason: '' } });
  useEffect(() => form.setFocus('reason'), [form]);
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      await services.syncDevices.revoke(device.id, v.reason);
    } catch (e) {
      return setError(messageOf(e));
    }
    onRevoked(`${device.name}を失効させました。この端末からの同期バンドルは以後受け付けません。`);
  });
  return (
    <Form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="panel confirm" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h4 id={`${id}-title`}>{device.name}を失効させますか？</h4>
      <p>紛失・廃棄した端末を失効させると、その端末からの同期バンドルは保留され、反映されません。元に戻せません。</p>
      <TextField label="失効の理由" name="reason" form={form} hint="例: 訪問中に紛失（○月○日、警察に届出済み）" />
      <div className="actions">
        <button type="submit" className="danger" disabled={form.formState.isSubmitting}>
          失効させる
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          やめる
        </button>
      </div>
      <FormAlert message={error} />
    </Form>
  );
}
