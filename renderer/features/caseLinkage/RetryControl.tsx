import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { LinkageRecord } from '../../../shared/domain/records';
import { linkageStatusLabels } from '../../../shared/linkage/linkageKinds';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { textField } from '../../ui/formSchemas';
import { TextField } from '../../ui/TextField';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

const retrySchema = z.object({ reason: textField(500) });
type RetryInput = z.input<typeof retrySchema>;

/**
 * 再送 of a refused or held-back row, once the case is corrected. An inquiry refused for its reason may take a
 * corrected one; left empty, the reason sent before goes again. The data layer says when a row cannot go yet.
 */
export function RetryControl({ row, onRetried }: { row: LinkageRecord; onRetried: (notice: string) => void }) {
  const services = useServices();
  const form = useForm<RetryInput, unknown, z.output<typeof retrySchema>>({
    resolver: zodResolver(retrySchema),
    ...fieldChecks,
    defaultValues: { reason: '' },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async ({ reason }) => {
    setFailure(null);
    try {
      const saved = await services.linkage.retry(row.id, reason ? { reason } : {});
      onRetried(`再送しました（${linkageStatusLabels[saved.status]}）。`);
    } catch (error) {
      setFailure(`再送できませんでした: ${messageOf(error)}`);
    }
  });
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate className="actions">
      {row.kind === 'inquiry' && <TextField label="訂正後の照会の理由" name="reason" form={form} hint="空欄なら前回の理由のまま再送します" />}
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        再送
      </button>
    </Form>
  );
}
