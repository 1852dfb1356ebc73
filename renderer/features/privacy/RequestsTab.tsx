import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import type { z } from 'zod';
import { formatWareki } from '../../../shared/format/wareki';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import type { RequestLine } from '../../services/pia';
import { SelectField } from '../../ui/ChoiceField';
import { DateField, DateInput, typedDay } from '../../ui/DateField';
import { DateText } from '../../ui/DateText';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { fieldChecks } from '../../ui/fieldChecks';
import { showRefusal } from '../../ui/showRefusal';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { useLoaded } from '../../ui/useLoaded';
import { messageOf } from '../../ui/messageOf';
import { localToday } from '../cases/caseLabels';
import { RuleNote } from './RuleNote';
import { emptyRequest, extensionSchema, labels, optionsOf, personOf, requestFieldOf, requestFormSchema, type RequestFormInput } from './privacyForms';

/** 開示・訂正・利用停止・消去の請求: the register with its countdown to each 決定期限, a new request, an extension. */
export function RequestsTab() {
  const { privacy } = useServices();
  const requests = useLoaded(() => privacy.requests(), [privacy]);
  const keeps = privacy.mayKeep();
  return (
    <>
      {requests.state === 'loading' && <p>読み込んでいます…</p>}
      {requests.state === 'failed' && <FormAlert message={requests.message} />}
      {requests.state === 'ready' && (
        <>
          {requests.value.damaged > 0 && <p role="alert">読み込めない記録が{requests.value.damaged}件あります（改ざんまたは破損）。</p>}
          {requests.value.lines.length === 0 ? (
            <p>開示等請求はありません。</p>
          ) : (
            <ul className="case-records" aria-label="開示等請求">
              {requests.value.lines.map((line) => (
                <li key={line.id}>
                  <RequestEntry line={line} />
                  {keeps && line.status === 'open' && !line.extension && <ExtensionForm line={line} onSaved={requests.reload} />}
                  {keeps && line.status === 'open' && <CloseRequest line={line} onSaved={requests.reload} />}
                </li>
              ))}
            </ul>
          )}
        </>
      )}
      {keeps ? <NewRequestForm onSaved={requests.reload} /> : <p>開示等請求の登録は課長・システム管理者が行います（閲覧のみ）。</p>}
    </>
  );
}

function Countdown({ line }: { line: RequestLine }) {
  const { countdown } = line;
  if (countdown.kind === 'closed') return <>{line.status === 'decided' ? '決定済' : '取下げ'}</>;
  if (countdown.kind === 'overdue') return <span className="badge overdue">期限超過 {countdown.daysOverdue}日</span>;
  return <span className={countdown.warning ? 'deadline-warning' : undefined}>残り{countdown.daysLeft}日</span>;
}

function RequestEntry({ line }: { line: RequestLine }) {
  return (
    <>
      <p className="record-head">
        {labels.kinds[line.kind]}請求　{line.personLabel}　受付 <DateText date={line.receivedOn} />
      </p>
      <dl className="case-facts">
        <dt>決定期限</dt>
        <dd>
          <DateText date={line.countdown.deadline} />（<Countdown line={line} />）
          {line.extension && `　延長${line.extension.days}日（${line.extension.reason}、通知 ${formatWareki(line.extension.notifiedOn)}）`}
        </dd>
        <dt>請求者</dt>
        <dd>
          {labels.requesters[line.requester.type]}
          {line.requester.name && `（${line.requester.name}）`}　本人確認: {labels.identityDocuments[line.identityCheck.document]}
          {line.identityCheck.otherDocument && `（${line.identityCheck.otherDocument}）`}
        </dd>
        <dt>請求の内容</dt>
        <dd>{line.asked}</dd>
      </dl>
      <RuleNote rule={line.rule} />
    </>
  );
}

function NewRequestForm({ onSaved }: { onSaved(): void }) {
  const { privacy, staff } = useServices();
  const { session } = useUnlocked();
  const today = localToday();
  const users = useLoaded(() => staff.list(), [staff]);
  const form = useForm<RequestFormInput, unknown, z.output<typeof requestFormSchema>>({
    resolver: zodResolver(requestFormSchema),
    ...fieldChecks,
    defaultValues: emptyRequest(today, session.userId),
  });
  const [personKind, requesterType, idDocument, authDocument] = useWatch({
    control: form.control,
    name: ['personKind', 'requesterType', 'idDocument', 'authDocument'],
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await privacy.register({ ...values, person: personOf(form.getValues()) });
      form.reset(emptyRequest(today, session.userId));
      onSaved();
    } catch (error) {
      showRefusal(error, { setError: form.setError, fieldOf: requestFieldOf, fail: setFailure, what: '登録できませんでした' });
    }
  });
  const staffOptions = users.state === 'ready' ? users.value.map((u) => ({ value: u.id, label: u.name })) : [{ value: session.userId, label: '（自分）' }];
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-request-title">
      <h3 id="new-request-title">開示等請求を登録</h3>
      <SelectField label="請求の種類" name="kind" form={form} options={optionsOf(labels.kinds)} />
      <SelectField
        label="請求に係る本人"
        name="personKind"
        form={form}
        options={[
          { value: 'other', label: '氏名等で記録（ケースのない方を含む）' },
          { value: 'member', label: '世帯員（ケース番号と氏名で照合）' },
        ]}
      />
      {personKind === 'member' ? (
        <>
          <TextField label="ケース番号" name="caseNumber" form={form} />
          <TextField label="世帯員の氏名" name="personName" form={form} hint="漢字またはカナ" />
        </>
      ) : (
        <TextField label="本人の氏名等" name="description" form={form} />
      )}
      <SelectField label="請求者" name="requesterType" form={form} options={optionsOf(labels.requesters)} />
      {requesterType !== 'self' && (
        <>
          <TextField label="代理人の氏名" name="agentName" form={form} />
          <SelectField label="代理権の確認書類" name="authDocument" form={form} options={optionsOf(labels.authorityDocuments)} />
          {authDocument === 'other' && <TextField label="代理権の確認書類の名称" name="authOther" form={form} />}
        </>
      )}
      <SelectField label="本人確認書類" name="idDocument" form={form} options={optionsOf(labels.identityDocuments)} hint="書類の番号は記録しません" />
      {idDocument === 'other' && <TextField label="本人確認書類の名称" name="idOther" form={form} />}
      <SelectField label="確認した職員" name="checkedBy" form={form} options={staffOptions} />
      <DateField label="受付日" name="receivedOn" form={form} />
      <TextAreaField label="請求の内容" name="asked" form={form} rows={3} />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        登録する
      </button>
    </Form>
  );
}

type ExtensionInput = z.input<typeof extensionSchema>;

function ExtensionForm({ line, onSaved }: { line: RequestLine; onSaved(): void }) {
  const { privacy } = useServices();
  const form = useForm<ExtensionInput, unknown, z.output<typeof extensionSchema>>({
    resolver: zodResolver(extensionSchema),
    ...fieldChecks,
    defaultValues: { days: 30, reason: '', notifiedOn: localToday() },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await privacy.extend(line.id, values);
      onSaved();
    } catch (error) {
      showRefusal(error, {
        setError: form.setError,
        fieldOf: { days: 'days', reason: 'reason', notifiedOn: 'notifiedOn' },
        fail: setFailure,
        what: '延長を記録できませんでした',
      });
    }
  });
  return (
    <details>
      <summary>期限を延長する</summary>
      <Form onSubmit={(e) => void submit(e)} noValidate aria-label={`${labels.kinds[line.kind]}請求の期限の延長`}>
        <TextField label="延長日数" name="days" form={form} numeric />
        <TextField label="延長の理由" name="reason" form={form} />
        <DateField label="延長の通知日" name="notifiedOn" form={form} />
        <FormAlert message={failure} />
        <button type="submit" disabled={form.formState.isSubmitting}>
          延長を記録する
        </button>
      </Form>
    </details>
  );
}

/** The decision notified (or the request withdrawn) on a day: the countdown stops. */
function CloseRequest({ line, onSaved }: { line: RequestLine; onSaved(): void }) {
  const { privacy } = useServices();
  const [typed, setTyped] = useState(localToday());
  const [failure, setFailure] = useState<string | null>(null);
  const close = async (status: 'decided' | 'withdrawn') => {
    setFailure(null);
    try {
      await privacy.closeRequest(line.id, { status, on: typedDay('決定日', typed) });
      onSaved();
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  const id = `request-close-${line.id}`;
  return (
    <Form onSubmit={(e) => e.preventDefault()} aria-label={`${labels.kinds[line.kind]}請求の決定`}>
      <label htmlFor={id}>決定日（取下げの日）</label>
      <DateInput id={id} value={typed} onChange={setTyped} />
      <button type="button" onClick={() => void close('decided')}>
        決定を記録する
      </button>
      <button type="button" className="secondary" onClick={() => void close('withdrawn')}>
        取下げを記録する
      </button>
      <FormAlert message={failure} />
    </Form>
  );
}
