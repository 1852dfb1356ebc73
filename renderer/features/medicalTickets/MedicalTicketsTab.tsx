import { zodResolver } from '@hookform/resolvers/zod';
import { useEffect, useState } from 'react';
import { useForm } from 'react-hook-form';
import { Link } from 'react-router';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { InvalidRecordError, isDamaged } from '../../data/errors';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { worksThroughHub } from '../../../shared/domain/staff';
import { SelectField } from '../../ui/ChoiceField';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { localToday } from '../cases/caseLabels';
import { useLoaded } from '../../ui/useLoaded';
import { ticketIssueSchema, ticketKindLabels, type TicketIssue, type TicketIssueInput } from '../../../shared/casework/medicalTicket';
import { emptyTicket, ticketStatusLabels } from './ticketForm';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';

const formFields = new Set<string>(['memberId', 'kind', 'month', 'institution', 'payerNumber', 'recipientNumber', 'copayment']);

/** 医療券・調剤券: the household's tickets, newest month first, and a form to issue one for a member. */
export function MedicalTicketsTab({ householdId }: { householdId: string }) {
  const services = useServices();
  const { session } = useUnlocked();
  const thisMonth = localToday().slice(0, 7);
  const loaded = useLoaded(async () => {
    const [tickets, members, coverage] = await Promise.all([
      services.medicalTickets.list(householdId),
      services.members.list(householdId),
      services.tickets.coverage(householdId),
    ]);
    const named = members.flatMap((m) => (isDamaged(m) ? [] : [{ id: m.id, name: m.name }]));
    const sorted = [...tickets].sort((a, b) => (isDamaged(a) ? 1 : isDamaged(b) ? -1 : b.month.localeCompare(a.month)));
    return { tickets: sorted, members: named, coverage };
  }, [services, householdId]);

  const form = useForm<TicketIssueInput, unknown, TicketIssue>({
    resolver: zodResolver(ticketIssueSchema),
    ...fieldChecks,
    defaultValues: emptyTicket(thisMonth, ''),
  });
  // The office's 公費負担者番号 is the same on every ticket: the last one issued fills it in, with the first member.
  useEffect(() => {
    if (loaded.state !== 'ready') return;
    const last = loaded.value.tickets.find((t) => !isDamaged(t));
    if (form.getValues('payerNumber') === '' && last && !isDamaged(last)) form.setValue('payerNumber', last.payerNumber);
    const first = loaded.value.members[0];
    if (form.getValues('memberId') === '' && first) form.setValue('memberId', first.id);
  }, [loaded, form]);
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await services.tickets.issue(householdId, values);
      form.reset({ ...emptyTicket(thisMonth, values.payerNumber), memberId: values.memberId });
      loaded.reload();
    } catch (error) {
      // The data layer's refusal of one field goes to that field; anything else is the form's.
      if (error instanceof InvalidRecordError && formFields.has(error.field)) form.setError(error.field as keyof TicketIssueInput, { message: error.message });
      else setFailure(`発行できませんでした: ${messageOf(error)}`);
    }
  });

  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  const { tickets, members, coverage } = loaded.value;
  const nameOf = (id: string) => members.find((m) => m.id === id)?.name ?? '（不明な世帯員）';
  return (
    <>
      {tickets.length === 0 ? (
        <p>医療券・調剤券はまだ発行されていません。</p>
      ) : (
        <table className="case-table" aria-label="医療券・調剤券">
          <thead>
            <tr>
              <th scope="col">対象月</th>
              <th scope="col">種別</th>
              <th scope="col">世帯員</th>
              <th scope="col">医療機関・薬局</th>
              <th scope="col">公費負担者番号</th>
              <th scope="col">受給者番号</th>
              <th scope="col">本人支払額</th>
              <th scope="col">有効期限</th>
              <th scope="col">状態</th>
              <th scope="col">帳票</th>
            </tr>
          </thead>
          <tbody>
            {tickets.map((t) =>
              isDamaged(t) ? (
                <tr key={t.id} className="damaged-row">
                  <td colSpan={10}>{t.__integrityError}</td>
                </tr>
              ) : (
                <tr key={t.id}>
                  <td>{formatWarekiMonth(t.month)}</td>
                  <td>{ticketKindLabels[t.kind]}</td>
                  <td>{nameOf(t.memberId)}</td>
                  <td>{t.institution}</td>
                  <td>{t.payerNumber}</td>
                  <td>{t.recipientNumber}</td>
                  <td>{formatYen(t.copayment)}</td>
                  <td>
                    <DateText date={t.validUntil} />
                  </td>
                  <td>{ticketStatusLabels[t.status]}</td>
                  <td>
                    <Link
                      to={`/cases/${householdId}/tickets/${t.id}`}
                      aria-label={`${formatWarekiMonth(t.month)}分の${ticketKindLabels[t.kind]}を開く（${nameOf(t.memberId)}）`}
                    >
                      券を開く
                    </Link>
                  </td>
                </tr>
              ),
            )}
          </tbody>
        </table>
      )}
      <h3 id="issue-ticket-title">医療券・調剤券を発行</h3>
      {worksThroughHub(session) ? (
        <p className="notice">医療券・調剤券はハブ端末で発行します（この端末では発行できません）。</p>
      ) : coverage.length === 0 ? (
        <p className="notice">医療扶助の決定（決裁済み）がないため、医療券・調剤券は発行できません。開始または変更の決定で医療扶助を選んでください。</p>
      ) : (
        <>
          <p>
            医療扶助の期間:{' '}
            {coverage.map((c, i) => (
              <span key={c.validFrom}>
                {i > 0 && '、'}
                <DateText date={c.validFrom} />〜{c.validTo ? <DateText date={c.validTo} /> : ''}
              </span>
            ))}
          </p>
          <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="issue-ticket-title">
            <SelectField label="世帯員" name="memberId" form={form} options={members.map((m) => ({ value: m.id, label: m.name }))} />
            <SelectField label="種別" name="kind" form={form} options={Object.entries(ticketKindLabels).map(([value, label]) => ({ value, label }))} />
            <TextField label="対象月" name="month" form={form} hint="有効期間はその月の1か月です（例: 2026-04）" />
            <TextField label="医療機関・薬局" name="institution" form={form} />
            <TextField label="公費負担者番号" name="payerNumber" form={form} hint="8桁（法別番号12から）" />
            <TextField label="受給者番号" name="recipientNumber" form={form} hint="7桁（末尾が検証番号）" />
            <TextField label="本人支払額（円）" name="copayment" form={form} numeric />
            <FormAlert message={failure} />
            <button type="submit" disabled={form.formState.isSubmitting}>
              発行する
            </button>
          </Form>
        </>
      )}
    </>
  );
}
