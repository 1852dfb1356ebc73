import { useFieldArray, useWatch } from 'react-hook-form';
import { z } from 'zod';
import { benefitOffset, collection77bis, collection78, refund63, type DebtResult } from '../../../../shared/calc/debts';
import { formatWarekiMonth } from '../../../../shared/format/wareki';
import { formatYen } from '../../../../shared/format/yen';
import { CheckField, SelectField } from '../../../ui/ChoiceField';
import { TextField } from '../../../ui/TextField';
import { dateText, engineIssues, formSchemas, text } from '../wizard/formValues';
import { zodFieldIssues } from '../wizard/fieldIssues';
import { FinishButton, LinesResult } from '../wizard/LinesResult';
import type { ResultProps, StepProps, WizardDef } from '../wizard/wizardTypes';
import { DateField } from '../../../ui/DateField';

/**
 * 返還金（63条）・徴収金（78条、77条の2）: the amount decided, the installment schedule, and the 78条の2 offset against
 * the benefit — only with the recipient's request and within the minimum living standard.
 */
export type DebtForm = {
  kind: 'refund63' | 'collection78';
  decisionDate: string;
  benefitReceived: string;
  deductions: { reason: string; amount: string }[];
  excludedByOrdinance: boolean;
  wrongfulAmount: string;
  collectAmount: string;
  surchargePercent: string;
  monthlyInstallment: string;
  startMonth: string;
  offsetRequested: boolean;
  minimumMaintained: boolean;
  monthlyBenefit: string;
  requestedOffset: string;
};

// Which fields are required depends on the kind and on the offset request, so each is checked in the refinement
// (zod skips refinements once the object itself has an issue, which would hide one step's issues behind another's).
const schema = z
  .object({ kind: z.enum(['refund63', 'collection78']), excludedByOrdinance: z.boolean(), offsetRequested: z.boolean(), minimumMaintained: z.boolean() })
  .loose()
  .superRefine((value, ctx) => {
    const v = value as unknown as DebtForm;
    const check = (path: (string | number)[], schema: z.ZodType, input: unknown) => {
      const r = schema.safeParse(input);
      if (!r.success) ctx.addIssue({ code: 'custom', path, message: r.error.issues[0]!.message });
    };
    check(['decisionDate'], formSchemas.date, v.decisionDate);
    if (v.kind === 'refund63') {
      check(['benefitReceived'], formSchemas.yen, v.benefitReceived);
      v.deductions.forEach((d, i) => {
        if (text(d.reason) === '') ctx.addIssue({ code: 'custom', path: ['deductions', i, 'reason'], message: '控除の理由を入力してください' });
        check(['deductions', i, 'amount'], formSchemas.yen, d.amount);
      });
    } else {
      check(['wrongfulAmount'], formSchemas.yen, v.wrongfulAmount);
      check(['collectAmount'], formSchemas.yen, v.collectAmount);
      check(['surchargePercent'], formSchemas.yen.pipe(z.number().max(40, { error: '加算率は40%以下です' })), v.surchargePercent);
    }
    check(['monthlyInstallment'], formSchemas.yen.pipe(z.number().min(1, { error: '1円以上で入力してください' })), v.monthlyInstallment);
    check(['startMonth'], formSchemas.month, v.startMonth);
    if (v.offsetRequested) {
      check(['monthlyBenefit'], formSchemas.yen, v.monthlyBenefit);
      check(['requestedOffset'], formSchemas.yen, v.requestedOffset);
    }
  });

const labels: Record<string, string> = {
  decisionDate: '決定日',
  benefitReceived: '受けた保護金品の額',
  wrongfulAmount: '不正受給額',
  collectAmount: '徴収額',
  surchargePercent: '加算率（%）',
  monthlyInstallment: '分納月額',
  startMonth: '分納開始月',
  monthlyBenefit: '保護費（月額）',
  requestedOffset: '申出額（月額）',
  deductions: '控除',
};
function labelOf(field: string) {
  const d = /^deductions\.(\d+)\.(reason|amount)$/.exec(field);
  return d ? `控除${Number(d[1]) + 1} ${d[2] === 'reason' ? '理由' : '金額'}` : (labels[field] ?? field);
}
const yenOf = (value: unknown) => formSchemas.yen.parse(value);

type Outcome = { debt: DebtResult; collectable77bis: string | null; offset: ReturnType<typeof benefitOffset> };

/** The engine's answer for valid form values (it throws a CalcError for what only it can judge, e.g. deductions above the amount). */
function compute(values: DebtForm): Outcome {
  const v = values;
  const schedule = { monthlyInstallment: yenOf(v.monthlyInstallment), startMonth: text(v.startMonth) };
  const debt =
    v.kind === 'refund63'
      ? refund63({
          benefitReceived: yenOf(v.benefitReceived),
          deductions: values.deductions.map((d) => ({ reason: text(d.reason), amount: yenOf(d.amount) })),
          ...schedule,
        })
      : collection78({
          wrongfulAmount: yenOf(v.wrongfulAmount),
          collectAmount: yenOf(v.collectAmount),
          surchargePercent: yenOf(v.surchargePercent),
          ...schedule,
        });
  const as77bis = v.kind === 'refund63' ? collection77bis(debt, dateText(v.decisionDate), v.excludedByOrdinance) : null;
  // 78条の2 applies to 徴収金 only: a 63条 amount qualifies once 77条の2 makes it one.
  const offsetApplies = v.kind === 'collection78' || as77bis?.collectable === true;
  const offset = offsetApplies
    ? benefitOffset({
        benefit: v.offsetRequested ? yenOf(v.monthlyBenefit) : 0,
        debtBalance: debt.amount,
        requestedAmount: v.offsetRequested ? yenOf(v.requestedOffset) : 0,
        recipientRequested: v.offsetRequested,
        officeFindsMinimumMaintained: v.minimumMaintained,
      })
    : { amount: 0, basis: '78条の2: 徴収金（77条の2・78条）ではないため保護費との調整はできない', needsConfirmation: false };
  return { debt, collectable77bis: as77bis?.basis ?? null, offset };
}

function validate(values: DebtForm) {
  const issues = zodFieldIssues(schema, values, labelOf);
  return issues.length > 0
    ? issues
    : engineIssues(
        () => compute(values),
        (path) => path,
        labelOf,
      );
}

function AmountStep({ form }: StepProps<DebtForm>) {
  const kind = useWatch({ control: form.control, name: 'kind' });
  const deductions = useFieldArray({ control: form.control, name: 'deductions' });
  return (
    <>
      <SelectField
        label="種別"
        name="kind"
        form={form}
        options={[
          { value: 'refund63', label: '返還金（63条）' },
          { value: 'collection78', label: '徴収金（78条・不正受給）' },
        ]}
      />
      <DateField label="決定日" name="decisionDate" form={form} />
      {kind === 'refund63' ? (
        <>
          <TextField label="受けた保護金品の額" name="benefitReceived" form={form} numeric hint="円。全額返還が原則です" />
          {deductions.fields.map((field, index) => (
            <fieldset key={field.id}>
              <legend>控除{index + 1}（自立更生に充てた額等）</legend>
              <TextField label="理由" name={`deductions.${index}.reason`} form={form} />
              <TextField label="金額" name={`deductions.${index}.amount`} form={form} numeric hint="円" />
              <button type="button" className="secondary" onClick={() => deductions.remove(index)}>
                控除{index + 1}を削除
              </button>
            </fieldset>
          ))}
          <p>
            <button type="button" className="secondary" onClick={() => deductions.append({ reason: '', amount: '' })}>
              控除を追加
            </button>
          </p>
          <CheckField label="省令により徴収金とすることが適当でない場合に該当する（77条の2）" name="excludedByOrdinance" form={form} />
        </>
      ) : (
        <>
          <TextField label="不正受給額" name="wrongfulAmount" form={form} numeric hint="円" />
          <TextField label="徴収額" name="collectAmount" form={form} numeric hint="円。不正受給額の全部または一部" />
          <TextField label="加算率（%）" name="surchargePercent" form={form} numeric hint="0〜40（100分の40以下）" />
        </>
      )}
    </>
  );
}

function ScheduleStep({ form }: StepProps<DebtForm>) {
  return (
    <>
      <TextField label="分納月額" name="monthlyInstallment" form={form} numeric hint="円。一括なら総額" />
      <TextField label="分納開始月" name="startMonth" form={form} hint="YYYY-MM" />
    </>
  );
}

function OffsetStep({ form }: StepProps<DebtForm>) {
  const requested = useWatch({ control: form.control, name: 'offsetRequested' });
  return (
    <fieldset>
      <legend>保護費との調整（78条の2）</legend>
      <CheckField label="被保護者から、保護費を徴収金に充てる申出がある（支給前の申出）" name="offsetRequested" form={form} />
      {requested && (
        <>
          <CheckField label="調整後も最低限度の生活の維持に支障がないと認められる" name="minimumMaintained" form={form} />
          <TextField label="保護費（月額）" name="monthlyBenefit" form={form} numeric hint="円" />
          <TextField label="申出額（月額）" name="requestedOffset" form={form} numeric hint="円" />
        </>
      )}
    </fieldset>
  );
}

function DebtResultStep({ values, finish }: ResultProps<DebtForm>) {
  const { debt, collectable77bis, offset } = compute(values);
  return (
    <>
      <p className="result-amount">
        {values.kind === 'refund63' ? '返還額' : '徴収額（加算額を含む）'}: {formatYen(debt.amount)}
      </p>
      <LinesResult lines={debt.lines} reasons={[]} />
      {collectable77bis && <p className="needs-confirmation">{collectable77bis}</p>}
      <table className="calc-lines">
        <caption>分納計画（{debt.schedule.length}回）</caption>
        <thead>
          <tr>
            <th scope="col">回</th>
            <th scope="col">月</th>
            <th scope="col">金額</th>
          </tr>
        </thead>
        <tbody>
          {debt.schedule.map((s, i) => (
            <tr key={s.month}>
              <td>{i + 1}</td>
              <td>{formatWarekiMonth(s.month)}</td>
              <td className="amount">{formatYen(s.amount)}</td>
            </tr>
          ))}
        </tbody>
      </table>
      <section aria-labelledby="offset-title" className={offset.needsConfirmation ? 'needs-confirmation' : undefined}>
        <h4 id="offset-title">保護費との調整（78条の2）: 月 {formatYen(offset.amount)}</h4>
        <p>{offset.basis}</p>
      </section>
      <FinishButton finish={() => finish()} />
    </>
  );
}

export const debtWizard: WizardDef<DebtForm> = {
  kind: 'debt',
  title: '返還金・徴収金',
  steps: [
    {
      id: 'amount',
      title: '金額',
      owns: (f) =>
        ['kind', 'decisionDate', 'benefitReceived', 'excludedByOrdinance', 'wrongfulAmount', 'collectAmount', 'surchargePercent'].includes(f) ||
        f.startsWith('deductions'),
      Fields: AmountStep,
    },
    { id: 'schedule', title: '分納', owns: (f) => f === 'monthlyInstallment' || f === 'startMonth', Fields: ScheduleStep },
    {
      id: 'offset',
      title: '保護費との調整',
      owns: (f) => ['offsetRequested', 'minimumMaintained', 'monthlyBenefit', 'requestedOffset'].includes(f),
      Fields: OffsetStep,
    },
  ],
  validate,
  Result: DebtResultStep,
};

export const initialDebt = (): DebtForm => ({
  kind: 'refund63',
  decisionDate: '',
  benefitReceived: '',
  deductions: [],
  excludedByOrdinance: false,
  wrongfulAmount: '',
  collectAmount: '',
  surchargePercent: '0',
  monthlyInstallment: '',
  startMonth: '',
  offsetRequested: false,
  minimumMaintained: false,
  monthlyBenefit: '',
  requestedOffset: '',
});
