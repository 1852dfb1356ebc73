import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { formatWareki } from '../../../shared/format/wareki';
import type { z } from 'zod';
import { caseRecordFieldsSchema } from '../../../shared/casework/caseRecord';
import type { CaseRecord } from '../../../shared/domain/records';
import { isDamaged } from '../../data/errors';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { RecordList } from '../../ui/RecordList';
import { TextAreaField } from '../../ui/TextAreaField';
import { localToday, recordKindLabels } from './caseLabels';
import { useLoaded } from '../../ui/useLoaded';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

type RecordInput = z.input<ReturnType<typeof caseRecordFieldsSchema>>;
type RecordOutput = z.output<ReturnType<typeof caseRecordFieldsSchema>>;

/** ケース記録: the notes of this case, newest first, and a form to add one. */
export function CaseRecordsTab({ householdId }: { householdId: string }) {
  const services = useServices();
  const today = localToday();
  const records = useLoaded(async () => {
    const [rows, staff] = await Promise.all([services.caseRecords.list(householdId), services.staff.list()]);
    const names = new Map(staff.map((u) => [u.id, u.name]));
    const sorted = [...rows].sort((a, b) => (isDamaged(a) ? 1 : isDamaged(b) ? -1 : b.recordedOn.localeCompare(a.recordedOn)));
    return { rows: sorted, authorName: (id: string) => names.get(id) ?? '（不明な職員）' };
  }, [services, householdId]);

  const schema = useMemo(() => caseRecordFieldsSchema(today), [today]);
  const form = useForm<RecordInput, unknown, RecordOutput>({
    resolver: zodResolver(schema),
    ...fieldChecks,
    defaultValues: { kind: 'visit', recordedOn: today, body: '' },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await services.caseRecords.record(householdId, values);
      form.reset({ kind: values.kind, recordedOn: today, body: '' });
      records.reload();
    } catch (error) {
      setFailure(`記録できませんでした: ${messageOf(error)}`);
    }
  });

  if (records.state === 'loading') return <p>読み込んでいます…</p>;
  if (records.state === 'failed') return <FormAlert message={records.message} />;
  return (
    <>
      <RecordList<CaseRecord>
        label="ケース記録"
        rows={records.value.rows}
        empty="ケース記録はまだありません。"
        render={(row) => (
          <>
            <p className="record-head">
              <DateText date={row.recordedOn} />　{recordKindLabels[row.kind]}　{records.value.authorName(row.authorId)}　
              <Link to={`/cases/${householdId}/records/${row.id}`} aria-label={`${formatWareki(row.recordedOn)}の${recordKindLabels[row.kind]}を帳票で開く`}>
                帳票
              </Link>
            </p>
            <p className="record-body">{row.body}</p>
          </>
        )}
      />
      <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-record-title">
        <h3 id="add-record-title">記録を追加</h3>
        <SelectField label="種別" name="kind" form={form} options={Object.entries(recordKindLabels).map(([value, label]) => ({ value, label }))} />
        <DateField label="日付" name="recordedOn" form={form} />
        <TextAreaField label="内容" name="body" form={form} />
        <FormAlert message={failure} />
        <button type="submit" disabled={form.formState.isSubmitting}>
          記録する
        </button>
      </Form>
    </>
  );
}
