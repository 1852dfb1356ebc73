import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import { consultationFieldsSchema, consultationOutcomes } from '../../../shared/casework/consultation';
import type { Application, Consultation, Household } from '../../../shared/domain/records';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { isDamaged } from '../../data/errors';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { RecordList } from '../../ui/RecordList';
import { pastDateField, textField } from '../../ui/formSchemas';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { localToday } from '../cases/caseLabels';
import { useLoaded } from '../../ui/useLoaded';
import { showRefusal } from '../../ui/showRefusal';
import { DeadlineText } from './DeadlineText';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

const applicationSchema = (today: string) => z.object({ appliedOn: pastDateField(today), extensionReason: textField(1000) });

/** The case's 相談・申請 tab: consultation records and applications with their deadline countdown. */
export function IntakeTab({ household, onCaseChanged }: { household: Household; onCaseChanged(): void }) {
  const services = useServices();
  const today = localToday();
  const loaded = useLoaded(async () => {
    const [consultations, applications, mayRecord] = await Promise.all([
      services.consultations.list(household.id),
      services.applications.list(household.id),
      services.consultations.mayRecord(),
    ]);
    const newest = <T extends { id: string }>(rows: (T | { id: string; __integrityError: string })[], date: (row: T) => string) =>
      [...rows].sort((a, b) => (isDamaged(a) ? 1 : isDamaged(b) ? -1 : date(b as T).localeCompare(date(a as T))));
    return {
      consultations: newest<Consultation>(consultations, (c) => c.consultedOn),
      applications: newest<Application>(applications, (a) => a.appliedOn),
      mayRecord,
    };
  }, [services, household.id]);

  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  return (
    <>
      <h3>相談記録</h3>
      <RecordList<Consultation>
        label="相談記録"
        rows={loaded.value.consultations}
        empty="相談記録はまだありません。"
        render={(row) => (
          <>
            <p className="record-head">
              <DateText date={row.consultedOn} />　{consultationOutcomes[row.status]}
            </p>
            <dl className="case-facts">
              <dt>主訴</dt>
              <dd>{row.purpose}</dd>
              <dt>生活状況</dt>
              <dd className="record-body">{row.situation}</dd>
              <dt>助言・案内</dt>
              <dd className="record-body">{row.advice || '（なし）'}</dd>
            </dl>
          </>
        )}
      />
      {/* Only who may record one sees the form (the office's setting, which the data layer applies too). */}
      {loaded.value.mayRecord ? (
        <ConsultationForm householdId={household.id} today={today} onSaved={loaded.reload} />
      ) : (
        <p className="notice">相談の記録は面接相談員が行います。地区担当員も記録できるようにするには、管理者が設定で変更します。</p>
      )}
      <h3>保護申請</h3>
      <RecordList<Application>
        label="保護申請"
        rows={loaded.value.applications}
        empty="保護申請はまだありません。"
        render={(row) => (
          <>
            申請日 <DateText date={row.appliedOn} />　
            {row.status === 'received' ? <DeadlineText application={row} today={today} /> : row.status === 'decided' ? '決定済み' : '取下げ'}
            {row.extensionReason && <p className="hint">延長の理由: {row.extensionReason}</p>}
          </>
        )}
      />
      <ApplicationForm
        household={household}
        today={today}
        onSaved={() => {
          loaded.reload();
          onCaseChanged();
        }}
      />
    </>
  );
}

type ConsultationInput = z.input<ReturnType<typeof consultationFieldsSchema>>;
type ConsultationOutput = z.output<ReturnType<typeof consultationFieldsSchema>>;

function ConsultationForm({ householdId, today, onSaved }: { householdId: string; today: string; onSaved(): void }) {
  const services = useServices();
  const schema = useMemo(() => consultationFieldsSchema(today), [today]);
  const blank: ConsultationInput = { consultedOn: today, purpose: '', situation: '', advice: '', status: 'open' };
  const form = useForm<ConsultationInput, unknown, ConsultationOutput>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: blank });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await services.consultations.record(householdId, values);
      form.reset(blank);
      onSaved();
    } catch (error) {
      showRefusal(error, { setError: form.setError, fail: setFailure, what: '相談を記録できませんでした' });
    }
  });
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-consultation-title">
      <h4 id="add-consultation-title">相談を記録</h4>
      <DateField label="相談日" name="consultedOn" form={form} />
      <TextField label="主訴" name="purpose" form={form} />
      <TextAreaField label="生活状況" name="situation" form={form} rows={4} />
      <TextAreaField label="助言・他法他施策の案内" name="advice" form={form} rows={3} />
      <SelectField label="相談の結果" name="status" form={form} options={Object.entries(consultationOutcomes).map(([value, label]) => ({ value, label }))} />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        相談を記録する
      </button>
    </Form>
  );
}

type ApplicationInput = z.input<ReturnType<typeof applicationSchema>>;
type ApplicationOutput = z.output<ReturnType<typeof applicationSchema>>;

function ApplicationForm({ household, today, onSaved }: { household: Household; today: string; onSaved(): void }) {
  const services = useServices();
  const schema = useMemo(() => applicationSchema(today), [today]);
  const form = useForm<ApplicationInput, unknown, ApplicationOutput>({
    resolver: zodResolver(schema),
    ...fieldChecks,
    defaultValues: { appliedOn: today, extensionReason: '' },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await services.decisions.receiveApplication({ id: uuidv7(), householdId: household.id, ...values });
      form.reset({ appliedOn: today, extensionReason: '' });
      onSaved();
    } catch (error) {
      showRefusal(error, {
        setError: form.setError,
        fieldOf: { appliedOn: 'appliedOn', extensionReason: 'extensionReason' },
        fail: setFailure,
        what: '申請を受け付けられませんでした',
      });
    }
  });
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="add-application-title">
      <h4 id="add-application-title">保護申請の受付</h4>
      <DateField label="申請日" name="appliedOn" form={form} hint="申請書を受理した日。決定の期限は翌日から数えて14日です" />
      <TextField label="処理期限延長の理由" name="extensionReason" form={form} hint="特別な理由があるときだけ（30日まで延長）" />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        申請を受け付ける
      </button>
    </Form>
  );
}
