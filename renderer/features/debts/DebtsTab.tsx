import { messageOf } from '../../ui/messageOf';
import { zodResolver } from '@hookform/resolvers/zod';
import { useState } from 'react';
import { useForm, useWatch } from 'react-hook-form';
import { formatYen } from '../../../shared/format/yen';
import type { Debt } from '../../../shared/domain/records';
import { isDamaged } from '../../data/errors';
import { balanceOf, installmentStatus, offsettable } from '../../data/repos/debts';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { worksThroughHub } from '../../../shared/domain/staff';
import { CheckField, SelectField } from '../../ui/ChoiceField';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { TextField } from '../../ui/TextField';
import { localToday } from '../cases/caseLabels';
import { useLoaded } from '../../ui/useLoaded';
import {
  debtKindLabels,
  debtResult,
  debtStatusLabels,
  emptyDebt,
  newDebtSchema,
  offsetRequestSchema,
  offsetSchema,
  receiptSchema,
  type NewDebtInput,
  type NewDebtValues,
  type OffsetInput,
  type OffsetRequestInput,
  type OffsetRequestValues,
  type OffsetValues,
  type ReceiptInput,
  type ReceiptValues,
} from './debtForms';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

/** 債権: the household's 63条・78条 ledgers with balances and installment status; 経理 records, others read. */
export function DebtsTab({ householdId }: { householdId: string }) {
  const services = useServices();
  const { session } = useUnlocked();
  const today = localToday();
  const debts = useLoaded(() => services.debts.list(householdId), [services, householdId]);
  const writes = session.role === 'accounting' && !worksThroughHub(session);
  if (debts.state === 'loading') return <p>読み込んでいます…</p>;
  if (debts.state === 'failed') return <FormAlert message={debts.message} />;
  return (
    <>
      {!writes && (
        <p>{session.role === 'accounting' ? '債権の記録はハブ端末で行います（この端末では閲覧のみ）。' : '債権の記録は経理が行います（閲覧のみ）。'}</p>
      )}
      {debts.value.length === 0 ? (
        <p>返還金・徴収金はありません。</p>
      ) : (
        <ul className="case-records" aria-label="債権">
          {debts.value.map((debt) =>
            isDamaged(debt) ? (
              <li key={debt.id} className="damaged-row">
                {debt.__integrityError}
              </li>
            ) : (
              <li key={debt.id}>
                <DebtLedger debt={debt} today={today} />
                {writes && debt.status === 'open' && <DebtActions debt={debt} today={today} onChanged={debts.reload} />}
              </li>
            ),
          )}
        </ul>
      )}
      {writes && <NewDebtForm householdId={householdId} today={today} onCreated={debts.reload} />}
    </>
  );
}

function DebtLedger({ debt, today }: { debt: Debt; today: string }) {
  const status = installmentStatus(debt, today);
  return (
    <>
      <p className="record-head">
        {debtKindLabels[debt.kind]}　決定 <DateText date={debt.decidedOn} />　{debtStatusLabels[debt.status]}
      </p>
      <dl className="case-facts">
        <dt>債権額</dt>
        <dd>{formatYen(debt.principal)}</dd>
        <dt>納付済</dt>
        <dd>{formatYen(status.paid)}</dd>
        <dt>残高</dt>
        <dd>{formatYen(status.balance)}</dd>
        <dt>分納</dt>
        <dd>
          {debt.schedule.length}回中 {status.installmentsDue}回が期限到来（{formatYen(status.dueToDate)}）
          {status.arrears > 0 && <span className="badge overdue">滞納 {formatYen(status.arrears)}</span>}
        </dd>
        {offsettable(debt.kind) && (
          <>
            <dt>78条の2 申出</dt>
            <dd>
              {debt.offsetRequest ? (
                <>
                  <DateText date={debt.offsetRequest.requestedOn} /> 申出 月額 {formatYen(debt.offsetRequest.monthlyAmount)}
                </>
              ) : (
                'なし（保護費との調整はしません）'
              )}
            </dd>
          </>
        )}
      </dl>
      <p className="record-body">{debt.basis}</p>
      {debt.receipts.length > 0 && (
        <table className="case-table" aria-label="納付の記録">
          <thead>
            <tr>
              <th scope="col">日付</th>
              <th scope="col">方法</th>
              <th scope="col">金額</th>
            </tr>
          </thead>
          <tbody>
            {debt.receipts.map((r, i) => (
              // biome-ignore lint/suspicious/noArrayIndexKey: receipts are appended, never reordered or removed: the place is the identity
              <tr key={i}>
                <td>
                  <DateText date={r.receivedOn} />
                </td>
                <td>{r.method === 'paid' ? '納付' : '保護費との調整（78条の2）'}</td>
                <td>{formatYen(r.amount)}</td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
    </>
  );
}

function NewDebtForm({ householdId, today, onCreated }: { householdId: string; today: string; onCreated(): void }) {
  const services = useServices();
  const form = useForm<NewDebtInput, unknown, NewDebtValues>({ resolver: zodResolver(newDebtSchema), ...fieldChecks, defaultValues: emptyDebt(today) });
  const kind = useWatch({ control: form.control, name: 'kind' });
  const [failure, setFailure] = useState<string | null>(null);
  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      await services.ledgers.create(householdId, { kind: values.kind, decidedOn: values.decidedOn, result: debtResult(values) });
      form.reset(emptyDebt(today));
      onCreated();
    } catch (error) {
      setFailure(`登録できませんでした: ${messageOf(error)}`);
    }
  });
  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="new-debt-title">
      <h3 id="new-debt-title">返還金・徴収金を登録</h3>
      <SelectField
        label="種別"
        name="kind"
        form={form}
        options={[
          { value: 'refund63', label: debtKindLabels.refund63 },
          { value: 'collection78', label: debtKindLabels.collection78 },
        ]}
      />
      <DateField label="決定日" name="decidedOn" form={form} />
      <TextField label={kind === 'refund63' ? '受けた保護金品の額（円）' : '不正受給額（円）'} name="base" form={form} numeric />
      <TextField label={kind === 'refund63' ? '控除額（円）' : '徴収額（円）'} name="second" form={form} numeric />
      {kind === 'refund63' ? (
        <TextField label="控除の理由" name="deductionReason" form={form} />
      ) : (
        <TextField label="加算率（%）" name="surchargePercent" form={form} numeric hint="100分の40以下" />
      )}
      <TextField label="分納月額（円）" name="monthlyInstallment" form={form} numeric />
      <TextField label="分納開始月" name="startMonth" form={form} hint="例: 2026-05" />
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting}>
        登録する
      </button>
    </Form>
  );
}

function DebtActions({ debt, today, onChanged }: { debt: Debt; today: string; onChanged(): void }) {
  const services = useServices();
  const [failure, setFailure] = useState<string | null>(null);
  const [basis, setBasis] = useState<string | null>(null);
  const run = async (action: () => Promise<unknown>) => {
    setFailure(null);
    try {
      await action();
      onChanged();
    } catch (error) {
      setFailure(messageOf(error));
    }
  };
  const receipt = useForm<ReceiptInput, unknown, ReceiptValues>({
    resolver: zodResolver(receiptSchema),
    ...fieldChecks,
    defaultValues: { receivedOn: today, amount: balanceOf(debt) },
  });
  const request = useForm<OffsetRequestInput, unknown, OffsetRequestValues>({
    resolver: zodResolver(offsetRequestSchema),
    ...fieldChecks,
    defaultValues: { requestedOn: today, monthlyAmount: 0 },
  });
  const offset = useForm<OffsetInput, unknown, OffsetValues>({
    resolver: zodResolver(offsetSchema),
    ...fieldChecks,
    defaultValues: { month: today.slice(0, 7), officeFindsMinimumMaintained: false },
  });
  const label = debtKindLabels[debt.kind];
  return (
    <>
      <Form onSubmit={(e) => void receipt.handleSubmit((v) => run(() => services.ledgers.receive(debt.id, v)))(e)} noValidate aria-label={`${label}の納付`}>
        <DateField label="納付日" name="receivedOn" form={receipt} />
        <TextField label="納付額（円）" name="amount" form={receipt} numeric />
        <button type="submit">納付を記録</button>
      </Form>
      {offsettable(debt.kind) && (
        <>
          <Form
            onSubmit={(e) => void request.handleSubmit((v) => run(() => services.ledgers.setOffsetRequest(debt.id, v)))(e)}
            noValidate
            aria-label={`${label}の78条の2申出`}
          >
            <DateField label="申出日" name="requestedOn" form={request} />
            <TextField label="申出額（月額・円）" name="monthlyAmount" form={request} numeric hint="被保護者の書面による申出があるときだけ記録します" />
            <button type="submit">申出を記録</button>
          </Form>
          {debt.offsetRequest && (
            <Form
              onSubmit={(e) => void offset.handleSubmit((v) => run(async () => setBasis((await services.ledgers.offset(debt.id, v)).basis)))(e)}
              noValidate
              aria-label={`${label}の保護費との調整`}
            >
              <TextField label="調整する月" name="month" form={offset} hint="その月の保護費の計算から調整します" />
              <CheckField label="最低限度の生活の維持に支障がないと認める" name="officeFindsMinimumMaintained" form={offset} />
              <button type="submit">調整を記録</button>
            </Form>
          )}
        </>
      )}
      {basis && <p className="needs-confirmation">{basis}</p>}
      <FormAlert message={failure} />
    </>
  );
}
