import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { assessmentKindLabels, staffBandLabels, subjectBandLabels } from '../../../shared/pia/thresholds';
import { useServices } from '../../session/SessionProvider';
import type { ThresholdView } from '../../services/pia';
import { CheckField, SelectField } from '../../ui/ChoiceField';
import { DateField } from '../../ui/DateField';
import { DateText } from '../../ui/DateText';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { fieldChecks } from '../../ui/fieldChecks';
import { showRefusal } from '../../ui/showRefusal';
import { TextField } from '../../ui/TextField';
import { useLoaded } from '../../ui/useLoaded';
import { localToday } from '../cases/caseLabels';
import { RuleNote } from './RuleNote';
import { assessmentSchema, optionsOf } from './privacyForms';

type AssessmentInput = z.input<typeof assessmentSchema>;

const answerLabels = { subjectBand: '対象人数', staffBand: '取扱者数', seriousIncident: '重大事故', kind: '評価書の種類' } as const;
const incidentLabel = (serious: boolean) => (serious ? '発生あり' : '発生なし');

/** しきい値判断: today's figures from this database, their bands, and the assessment they require against the filed one. */
export function ThresholdsTab() {
  const { privacy } = useServices();
  const view = useLoaded(() => privacy.thresholds(), [privacy]);
  if (view.state === 'loading') return <p>集計しています…</p>;
  if (view.state === 'failed') return <FormAlert message={view.message} />;
  const { figures, judgement, filed, differences } = view.value;
  return (
    <>
      {filed === null ? (
        <p role="alert">提出した評価書が登録されていません。下の欄から登録してください。</p>
      ) : (
        differences.length > 0 && (
          <p role="alert" className="deadline-overdue">
            再評価が必要です: 提出済みの評価書と{differences.map((d) => answerLabels[d]).join('・')}が異なります。
          </p>
        )
      )}
      <table className="case-table" aria-label="しきい値判断">
        <thead>
          <tr>
            <th scope="col">項目</th>
            <th scope="col">現在の値</th>
            <th scope="col">区分</th>
            <th scope="col">提出済みの評価書</th>
          </tr>
        </thead>
        <tbody>
          <tr>
            <th scope="row">対象人数（個人番号を保有する人数）</th>
            <td>
              {figures.subjects.toLocaleString('ja-JP')}人（
              <DateText date={figures.countedOn} /> 時点）
            </td>
            <td>{subjectBandLabels[judgement.subjectBand]}</td>
            <td>{filed ? subjectBandLabels[filed.subjectBand] : '—'}</td>
          </tr>
          <tr>
            <th scope="row">取扱者数（個人番号に届く役割の利用者）</th>
            <td>{figures.handlers.toLocaleString('ja-JP')}人</td>
            <td>{staffBandLabels[judgement.staffBand]}</td>
            <td>{filed ? staffBandLabels[filed.staffBand] : '—'}</td>
          </tr>
          <tr>
            <th scope="row">過去1年以内の重大事故</th>
            <td>{figures.seriousIncidentDates.length}件（記録全体）</td>
            <td>{incidentLabel(judgement.seriousIncident)}</td>
            <td>{filed ? incidentLabel(filed.seriousIncident) : '—'}</td>
          </tr>
          <tr>
            <th scope="row">必要な評価書</th>
            <td colSpan={2}>{assessmentKindLabels[judgement.required]}</td>
            <td>{filed ? assessmentKindLabels[filed.kind] : '—'}</td>
          </tr>
        </tbody>
      </table>
      <p>
        <RuleNote rule={judgement.rule} />
      </p>
      {filed && (
        <p>
          提出済み: <DateText date={filed.filedOn} /> 提出（
          <DateText date={filed.countedOn} /> 時点の計数）　担当部署 {filed.department}　請求先 {filed.requestContact}
        </p>
      )}
      {privacy.mayKeep() ? <AssessmentForm view={view.value} onSaved={view.reload} /> : <p>評価書の登録は課長・システム管理者が行います（閲覧のみ）。</p>}
    </>
  );
}

function AssessmentForm({ view, onSaved }: { view: ThresholdView; onSaved(): void }) {
  const { privacy } = useServices();
  const { filed, judgement, figures } = view;
  const form = useForm<AssessmentInput, unknown, z.output<typeof assessmentSchema>>({
    resolver: zodResolver(assessmentSchema),
    ...fieldChecks,
    defaultValues: {
      department: filed?.department ?? '',
      requestContact: filed?.requestContact ?? '',
      subjectBand: judgement.subjectBand,
      staffBand: judgement.staffBand,
      seriousIncident: judgement.seriousIncident,
      kind: judgement.required,
      countedOn: figures.countedOn,
      filedOn: localToday(),
    },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await privacy.fileAssessment(values);
      onSaved();
    } catch (error) {
      showRefusal(error, { setError: form.setError, fieldOf: { filedOn: 'filedOn', countedOn: 'countedOn' }, fail: setFailure, what: '登録できませんでした' });
    }
  });
  return (
    <details>
      <summary>提出した評価書を登録する</summary>
      <Form onSubmit={(e) => void submit(e)} noValidate aria-label="提出した評価書">
        <TextField label="担当部署" name="department" form={form} hint="評価書 I 5" />
        <TextField label="開示・訂正・利用停止請求の請求先" name="requestContact" form={form} hint="評価書 I 7" />
        <SelectField label="対象人数の区分" name="subjectBand" form={form} options={optionsOf(subjectBandLabels)} />
        <SelectField label="取扱者数の区分" name="staffBand" form={form} options={optionsOf(staffBandLabels)} />
        <CheckField label="過去1年以内に重大事故が発生した" name="seriousIncident" form={form} />
        <SelectField label="提出した評価書の種類" name="kind" form={form} options={optionsOf(assessmentKindLabels)} />
        <DateField label="計数日（いつ時点の計数か）" name="countedOn" form={form} />
        <DateField label="提出日" name="filedOn" form={form} />
        <FormAlert message={failure} />
        <button type="submit" disabled={form.formState.isSubmitting}>
          登録する
        </button>
      </Form>
    </details>
  );
}
