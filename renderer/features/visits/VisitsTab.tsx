import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { z } from 'zod';
import type { VisitGrade } from '../../../shared/casework/visitPlan';
import { useServices } from '../../session/SessionProvider';
import { SelectField } from '../../ui/ChoiceField';
import { formatWareki } from '../../../shared/format/wareki';
import { DuplicateVisitError } from '../../data/repos/visits';
import { ConfirmBar } from '../admin/ConfirmBar';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { localToday } from '../cases/caseLabels';
import { useLoaded } from '../../ui/useLoaded';
import { loadVisitGrades } from './officeVisitGrades';
import {
  contactMethods,
  emptyVisitRecord,
  planStatus,
  statusLabel,
  toCaseRecord,
  visitRecordSchema,
  type VisitRecord,
  type VisitRecordInput,
} from './visitRecord';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { textField } from '../../ui/formSchemas';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

const gradeLabel = (g: VisitGrade) => `${g.code}（${g.label}）`;
const planSchema = (grades: readonly VisitGrade[]) =>
  z.object({
    grade: z.string().refine((code) => grades.some((g) => g.code === code), { error: '格付けを選択してください' }),
    note: textField(200),
  });
type PlanInput = z.input<ReturnType<typeof planSchema>>;

/** 訪問: the visit grade and plan with its mark, and a structured contact record that also moves the plan. */
export function VisitsTab({ householdId }: { householdId: string }) {
  const services = useServices();
  const today = localToday();
  const plan = useLoaded(() => services.visits.planOf(householdId), [services, householdId]);
  // The office's grades (settings); until they load, none is offered and nothing can be saved against them.
  const grades = useLoaded(() => loadVisitGrades(services.settings), [services]);
  const officeGrades = grades.state === 'ready' ? grades.value : [];
  const gradeSchema = useMemo(() => planSchema(officeGrades), [officeGrades]);

  // A new plan starts on B (every 2 months) as offices usually do, or the office's first grade if it has no B.
  const startingGrade = officeGrades.some((g) => g.code === 'B') ? 'B' : (officeGrades[0]?.code ?? '');
  const planForm = useForm<PlanInput>({
    resolver: zodResolver(gradeSchema),
    ...fieldChecks,
    values: { grade: (plan.state === 'ready' ? plan.value?.grade : undefined) ?? startingGrade, note: plan.state === 'ready' ? (plan.value?.note ?? '') : '' },
  });
  const [planFailure, setPlanFailure] = useState<string | null>(null);
  const savePlan = planForm.handleSubmit(async (values) => {
    setPlanFailure(null);
    try {
      // A new plan counts from today: the case's visits start now (nextVisitDue: due in the starting month).
      await services.visits.setPlan(householdId, { ...values, startedOn: today }, officeGrades);
      plan.reload();
    } catch (error) {
      setPlanFailure(`訪問計画を保存できませんでした: ${messageOf(error)}`);
    }
  });

  const schema = useMemo(() => visitRecordSchema(today), [today]);
  const form = useForm<VisitRecordInput, unknown, VisitRecord>({ resolver: zodResolver(schema), ...fieldChecks, defaultValues: emptyVisitRecord(today) });
  const [failure, setFailure] = useState<string | null>(null);
  const [saved, setSaved] = useState<string | null>(null);
  // A visit on a day that already has one, held until the user says it is a second visit (or drops it).
  const [duplicate, setDuplicate] = useState<VisitRecord | null>(null);
  const record = async (values: VisitRecord, confirmedDuplicate: boolean) => {
    setFailure(null);
    setSaved(null);
    try {
      const { plan: moved } = await services.visits.recordVisit(householdId, toCaseRecord(values), officeGrades, { confirmedDuplicate });
      setDuplicate(null);
      form.reset(emptyVisitRecord(today));
      setSaved(moved ? 'ケース記録に記録し、次回訪問期限を更新しました。' : 'ケース記録に記録しました。');
      plan.reload();
    } catch (error) {
      if (error instanceof DuplicateVisitError) setDuplicate(values);
      else setFailure(`記録できませんでした: ${messageOf(error)}`);
    }
  };
  const submit = form.handleSubmit((values) => record(values, false));

  if (plan.state === 'loading' || grades.state === 'loading') return <p>読み込んでいます…</p>;
  if (plan.state === 'failed') return <FormAlert message={plan.message} />;
  if (grades.state === 'failed') return <FormAlert message={grades.message} />;
  const gradeOptions = officeGrades.map((g) => ({ value: g.code, label: gradeLabel(g) }));
  const current = plan.value;
  const status = current ? planStatus(current, today) : null;
  return (
    <>
      <h3>訪問計画</h3>
      {current && status ? (
        <dl className="case-facts" aria-label="訪問計画">
          <dt>訪問格付け</dt>
          <dd>{gradeOptions.find((g) => g.value === current.grade)?.label ?? current.grade}</dd>
          <dt>次回訪問期限</dt>
          <dd>
            <DateText date={current.nextDueOn} />
            <span className={status.kind === 'overdue' ? 'badge overdue' : 'badge'}>{statusLabel(status)}</span>
          </dd>
          <dt>最終訪問日</dt>
          <dd>{current.lastVisitOn ? <DateText date={current.lastVisitOn} /> : '（訪問記録なし）'}</dd>
          {current.note && (
            <>
              <dt>計画メモ</dt>
              <dd>{current.note}</dd>
            </>
          )}
        </dl>
      ) : (
        <p>訪問計画はまだありません。格付けを選んで保存してください。</p>
      )}
      <Form onSubmit={(e) => void savePlan(e)} noValidate aria-label="訪問格付けの設定">
        <SelectField label="訪問格付け" name="grade" form={planForm} options={gradeOptions} />
        <TextField label="計画メモ" name="note" form={planForm} />
        <FormAlert message={planFailure} />
        <button type="submit" disabled={planForm.formState.isSubmitting}>
          訪問計画を保存
        </button>
      </Form>

      <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="visit-record-title">
        <h3 id="visit-record-title">訪問・面接の記録</h3>
        <SelectField label="方法" name="method" form={form} options={Object.entries(contactMethods).map(([value, m]) => ({ value, label: m.label }))} />
        <DateField label="日付" name="recordedOn" form={form} />
        <TextField label="場所" name="place" form={form} hint="自宅、入院先の病院名など" />
        <TextField label="面会者" name="metWith" form={form} hint="世帯主本人、長男など" />
        <TextAreaField label="確認した状況" name="observed" form={form} rows={3} />
        <TextAreaField label="助言・指導" name="advice" form={form} rows={3} />
        <TextAreaField label="今後の方針" name="nextSteps" form={form} rows={2} />
        <TextAreaField label="経過" name="narrative" form={form} />
        <FormAlert message={failure} />
        {saved && <p role="status">{saved}</p>}
        {duplicate ? (
          <ConfirmBar
            title={`${formatWareki(duplicate.recordedOn)}の訪問は、この世帯にすでに記録されています。もう一度記録しますか？`}
            detail="同じ訪問を二重に記録すると、訪問の実績が2回に数えられます。同じ日に2回訪問した場合だけ記録してください。"
            confirmLabel="2回目の訪問として記録する"
            onConfirm={() => record(duplicate, true)}
            onCancel={() => setDuplicate(null)}
          />
        ) : (
          <button type="submit" disabled={form.formState.isSubmitting}>
            記録する
          </button>
        )}
      </Form>
    </>
  );
}
