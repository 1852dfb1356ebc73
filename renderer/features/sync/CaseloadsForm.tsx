import { useId, useState } from 'react';
import { useForm } from 'react-hook-form';
import type { Device } from '../../../shared/domain/records';
import type { VaultUser } from '../../services/officeAdmin';
import { useServices } from '../../session/SessionProvider';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';

import { tickedValues } from './checkboxGroup';

type Fields = { caseloadUserIds: string[] | string | false };

/**
 * The caseloads a device carries (a caseworker on leave, a laptop handed to another worker): from the next return
 * bundle on, cases that left its scope are erased there and the new ones checked out.
 */
export function CaseloadsForm({
  device,
  users,
  onSaved,
  onCancel,
}: {
  device: Device;
  users: readonly VaultUser[];
  onSaved: (message: string) => void;
  onCancel: () => void;
}) {
  const services = useServices();
  const id = useId();
  const [error, setError] = useState<string | null>(null);
  const caseworkers = users.filter((u) => u.status === 'active' && u.profile.role === 'caseworker');
  const form = useForm<Fields>({ defaultValues: { caseloadUserIds: device.caseloadUserIds } });
  const submit = form.handleSubmit(async (v) => {
    setError(null);
    try {
      await services.syncDevices.setCaseloads(device.id, tickedValues(v.caseloadUserIds));
    } catch (e) {
      return setError(messageOf(e));
    }
    onSaved(`${device.name}の担当ケースを変更しました。次の同期で、外れたケースは端末から消去され、加わったケースが届きます。`);
  });
  return (
    <Form onSubmit={submit} noValidate aria-labelledby={`${id}-title`} className="panel" onKeyDown={(e) => e.key === 'Escape' && onCancel()}>
      <h4 id={`${id}-title`}>{device.name}の担当ケース</h4>
      <fieldset>
        <legend>この端末が持つ担当ケース（ケースワーカー）</legend>
        {caseworkers.map((u) => (
          <label key={u.userId} className="checkbox">
            <input type="checkbox" value={u.userId} {...form.register('caseloadUserIds')} /> {u.profile.displayName}の担当ケース
          </label>
        ))}
      </fieldset>
      <div className="actions">
        <button type="submit" disabled={form.formState.isSubmitting}>
          変更する
        </button>
        <button type="button" className="secondary" onClick={onCancel}>
          やめる
        </button>
      </div>
      <FormAlert message={error} />
    </Form>
  );
}
