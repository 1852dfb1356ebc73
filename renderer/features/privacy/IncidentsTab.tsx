import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm } from 'react-hook-form';
import type { z } from 'zod';
import { messageOf } from '../../ui/messageOf';
import { useServices } from '../../session/SessionProvider';
import type { IncidentWithDeadlines } from '../../services/pia';
import { CheckField, SelectField } from '../../ui/ChoiceField';
import { DateField, DateInput, typedDay } from '../../ui/DateField';
import { DateText } from '../../ui/DateText';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { fieldChecks } from '../../ui/fieldChecks';
import { showRefusal } from '../../ui/showRefusal';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { useLoaded } from '../../ui/useLoaded';
import { localToday } from '../cases/caseLabels';
import { RuleNote } from './RuleNote';
import { incidentFormSchema, type IncidentFormInput } from './privacyForms';

const emptyIncident = (today: string): IncidentFormInput => ({
  summary: '',
  occurredOn: '',
  foundOn: today,
  peopleAffected: '',
  dataKinds: '',
  deviceId: '',
  unlawfulPurpose: false,
  serious: false,
});

/** 漏えい等事案: the register with each incident's 速報 and 確報 due dates, the reports sent, and a new incident. */
export function IncidentsTab() {
  const { privacy } = useServices();
  const incidents = useLoaded(() => privacy.incidents(), [privacy]);
  const keeps = privacy.mayKeep();
  return (
    <>
      {incidents.state === 'loading' && <p>読み込んでいます…</p>}
      {incidents.state === 'failed' && <FormAlert message={incidents.message} />}
      {incidents.state === 'ready' && (
        <>
          {incidents.value.damaged > 0 && <p role="alert">読み込めない記録が{incidents.value.damaged}件あります（改ざんまたは破損）。</p>}
          {incidents.value.lines.length === 0 ? (
            <p>漏えい等事案の記録はありません。</p>
          ) : (
            <ul className="case-records" aria-label="漏えい等事案">
              {incidents.value.lines.map((line) => (
                <li key={line.id}>
                  <IncidentEntry line={line} />
                  {keeps && !line.closedOn && <IncidentActions line={line} onSaved={incidents.reload} />}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {keeps ? <NewIncidentForm onSaved={incidents.reload} /> : <p>事案の記録は課長・システム管理者が行います（閲覧のみ）。</p>}
    </>
  );
}

function Report({ due, sentOn, today }: { due: string; sentOn: string | null; today: string }) {
  if (sentOn)
    return (
      <>
        <DateText date={sentOn} /> 報告済（期限 <DateText date={due} />）
      </>
    );
  return (
    <>
      期限 <DateText date={due} />
      {today > due ? <span className="badge overdue">未報告・期限超過</span> : <span className="badge">未報告</span>}
    </>
  );
}

function IncidentEntry({ line }: { line: IncidentWithDeadlines }) {
  const today = localToday();
  return (
    <>
      <p className="record-head">
        発覚 <DateText date={line.foundOn} />　{line.summary}
        {line.serious && <span className="badge overdue">重大事故</span>}
        {line.closedOn && (
          <>
            　終結 <DateText date={line.closedOn} />
          </>
        )}
      </p>
      <dl className="case-facts">
        <dt>対象人数</dt>
        <dd>{line.peopleAffected.toLocaleString('ja-JP')}人</dd>
        <dt>情報の種類</dt>
        <dd>{line.dataKinds}</dd>
        {line.device && (
          <>
            <dt>端末</dt>
            <dd>
              {line.device.name}（{line.device.status === 'revoked' ? `失効済: ${line.device.revokedReason ?? ''}` : '未失効 — 同期画面で失効させてください'}）
            </dd>
          </>
        )}
        <dt>速報</dt>
        <dd>
          <Report due={line.deadlines.preliminaryDue} sentOn={line.preliminarySentOn} today={today} />
        </dd>
        <dt>確報</dt>
        <dd>
          <Report due={line.deadlines.finalDue} sentOn={line.finalSentOn} today={today} />
        </dd>
      </dl>
      <RuleNote rule={line.rule} />
    </>
  );
}

function IncidentActions({ line, onSaved }: { line: IncidentWithDeadlines; onSaved(): void }) {
  const { privacy } = useServices();
  const [typed, setTyped] = useState(localToday());
  const [failure, setFailure] = useState<string | null>(null);
  const next = !line.preliminarySentOn ? ('preliminary' as const) : !line.finalSentOn ? ('final' as const) : null;
  const run = async (action: (day: string) => Promise<unknown>) => {
    setFailure(null);
    try {
      await action(typedDay('日付', typed));
      onSaved();
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  const id = `incident-date-${line.id}`;
  return (
    <Form onSubmit={(e) => e.preventDefault()} aria-label="報告・終結の記録">
      <label htmlFor={id}>日付</label>
      <DateInput id={id} value={typed} onChange={setTyped} />
      {next && (
        <button type="button" onClick={() => void run((day) => privacy.reportSent(line.id, next, day))}>
          {next === 'preliminary' ? '速報を送付済にする' : '確報を送付済にする'}
        </button>
      )}
      <button type="button" className="secondary" onClick={() => void run((day) => privacy.closeIncident(line.id, day))}>
        終結にする
      </button>
      <FormAlert message={failure} />
    </Form>
  );
}

function NewIncidentForm({ onSaved }: { onSaved(): void }) {
  const { privacy } = useServices();
  const today = localToday();
  const devices = useLoaded(() => privacy.devices(), [privacy]);
  const form = useForm<IncidentFormInput, unknown, z.output<typeof incidentFormSchema>>({
    resolver: zodResolver(incidentFormSchema),
    ...fieldChecks,
    defaultValues: emptyIncident(today),
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await privacy.recordIncident(values);
      form.reset(emptyIncident(today));
      onSaved();
    } catch (error) {
      showRefusal(error, {
        setError: form.setError,
        fieldOf: {
          summary: 'summary',
          occurredOn: 'occurredOn',
          foundOn: 'foundOn',
          peopleAffected: 'peopleAffected',
          dataKinds: 'dataKinds',
          deviceId: 'deviceId',
        },
        fail: setFailure,
        what: '登録できませんでした',
      });
    }
  });
  const deviceOptions = [
    { value: '', label: '端末の紛失・盗難ではない' },
    ...(devices.state === 'ready' ? devices.value.map((d) => ({ value: d.id, label: `${d.name}${d.status === 'revoked' ? '（失効済）' : ''}` })) : []),
  ];
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-incident-title">
      <h3 id="new-incident-title">漏えい等事案を登録</h3>
      <TextAreaField label="事案の概要" name="summary" form={form} rows={3} />
      <DateField label="発生日" name="occurredOn" form={form} hint="不明なら空欄" />
      <DateField label="発覚日" name="foundOn" form={form} hint="報告期限はこの日から数えます" />
      <TextField label="対象人数" name="peopleAffected" form={form} numeric />
      <TextField label="漏えい等した情報の種類" name="dataKinds" form={form} />
      <SelectField label="端末" name="deviceId" form={form} options={deviceOptions} />
      <CheckField label="不正の目的によるおそれがある（確報は60日以内）" name="unlawfulPurpose" form={form} />
      <CheckField label="重大事故に当たる（しきい値判断に1年間反映）" name="serious" form={form} />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        登録する
      </button>
    </Form>
  );
}
