import { zodResolver } from '@hookform/resolvers/zod';
import { useMemo, useState } from 'react';
import { useForm } from 'react-hook-form';
import { useNavigate } from 'react-router';
import { z } from 'zod';
import { allowedDecisions, decisionLabels, type DecisionKind } from '../../../shared/casework/caseStatus';
import { aids, type Aid, type Application, type Calculation, type Decision, type Household } from '../../../shared/domain/records';
import { formatWareki, formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { isDamaged } from '../../data/errors';
import { useServices } from '../../session/SessionProvider';
import { CheckField, SelectField } from '../../ui/ChoiceField';
import { FormAlert } from '../../ui/FormAlert';
import { dateField, textField } from '../../ui/formSchemas';
import { TextAreaField } from '../../ui/TextAreaField';
import { TextField } from '../../ui/TextField';
import { useLoaded } from '../../ui/useLoaded';
import type { DecisionPrefill } from '../../../shared/casework/calculationAids';
import { AidAmounts } from './AidAmounts';
import { aidLabels } from './decisionLabels';
import { showRefusal } from '../../ui/showRefusal';
import { reasonsFor } from '../../../shared/figures/reasonCodes';
import { Form } from '../../ui/Form';
import { fieldChecks } from '../../ui/fieldChecks';
import { DateField } from '../../ui/DateField';

/** Decisions that answer an application (開始・却下) rather than change a running case. */
const answersApplication = (kind: DecisionKind) => kind === 'start' || kind === 'reject';

const wizardSchema = (kinds: DecisionKind[]) =>
  z.object({
    kind: z.string().pipe(z.enum(kinds as [DecisionKind, ...DecisionKind[]], { error: '決定の種類を選択してください' })),
    effectiveOn: dateField(),
    aids: z.object(Object.fromEntries(aids.map((aid) => [aid, z.boolean()])) as Record<Aid, z.ZodBoolean>),
    calculationId: z.string(),
    supersedes: z.string(),
    // As written: the reasons are printed on the notice.
    reasons: textField(4000, '決定の理由を入力してください'),
    extensionReason: textField(4000),
    reasonCode: z.string(),
  });
type WizardInput = z.input<ReturnType<typeof wizardSchema>>;
type WizardOutput = z.output<ReturnType<typeof wizardSchema>>;
/** The data layer's refusals shown on the field they name; the rest (the application's state, access) as the form's alert. */
const refusalFields = {
  kind: 'kind',
  effectiveOn: 'effectiveOn',
  aids: 'aids',
  reasons: 'reasons',
  supersedes: 'supersedes',
  extensionReason: 'extensionReason',
  reasonCode: 'reasonCode',
} as const;

/**
 * 決定の起案: only the decisions the case's status allows (caseStatus.allowedDecisions), the 扶助 it covers, the saved
 * calculation it rests on, and for 開始・却下 the application it answers. The data layer checks the deadline as
 * of today; past day 14 without a reason the refusal lands on the extension-reason field and nothing is saved.
 * Given a `revision` (the drafter's own draft or returned decision), it re-drafts that decision under the same id.
 * Given a `prefill` (「この計算で決定を起案」), it starts with the calculation's 扶助, month and link (calculationAids.ts).
 */
export function DecisionWizard({
  household,
  approved,
  revision,
  prefill,
}: {
  household: Household;
  approved: Decision[];
  revision?: { decision: Decision; onSaved(): void };
  prefill?: DecisionPrefill;
}) {
  const revising = revision?.decision;
  const from = revising ? undefined : prefill;
  const services = useServices();
  const navigate = useNavigate();
  const kinds = allowedDecisions(household.status);
  const basis = useLoaded(async () => {
    const [calculations, applications] = await Promise.all([services.calculations.list(household.id), services.applications.list(household.id)]);
    return {
      calculations: calculations.filter((c): c is Calculation => !isDamaged(c)).sort((a, b) => b.month.localeCompare(a.month)),
      application: applications.find((a): a is Application => !isDamaged(a) && a.status === 'received') ?? null,
    };
  }, [services, household.id]);
  const schema = useMemo(() => wizardSchema(allowedDecisions(household.status)), [household.status]);
  const form = useForm<WizardInput, unknown, WizardOutput>({
    resolver: zodResolver(schema),
    ...fieldChecks,
    defaultValues: {
      kind: revising?.kind ?? kinds[0] ?? '',
      effectiveOn: revising?.effectiveOn ?? from?.effectiveOn ?? '',
      aids: Object.fromEntries(aids.map((aid) => [aid, (revising?.aids ?? from?.aids ?? []).includes(aid)])) as Record<Aid, boolean>,
      calculationId: revising?.calculationId ?? from?.calculationId ?? '',
      supersedes: revising?.supersedes ?? '',
      reasons: revising?.reasons ?? '',
      extensionReason: '',
      reasonCode: revising?.reasonCode ?? '',
    },
  });
  const [failure, setFailure] = useState<string | null>(null);
  const kind = form.watch('kind') as DecisionKind;
  const calculationId = form.watch('calculationId');

  if (kinds.length === 0) return <p>このケースの状態では決定を起案できません。</p>;
  if (basis.state === 'loading') return <p>読み込んでいます…</p>;
  if (basis.state === 'failed') return <FormAlert message={basis.message} />;
  const { calculations, application } = basis.value;
  const chosen = calculations.find((c) => c.id === calculationId) ?? null;
  const onApplication = answersApplication(kind) ? application : null;

  const submit = form.handleSubmit(async (values) => {
    setFailure(null);
    try {
      const saved = await services.decisions.draft({
        id: revising?.id ?? uuidv7(),
        householdId: household.id,
        applicationId: onApplication?.id ?? null,
        kind: values.kind,
        effectiveOn: values.effectiveOn,
        aids: aids.filter((aid) => values.aids[aid]),
        calculationId: values.calculationId || null,
        supersedes: values.supersedes || null,
        reasons: values.reasons,
        extensionReason: values.extensionReason || null,
        reasonCode: reasonsFor(values.kind).some((r) => r.code === values.reasonCode) ? values.reasonCode : null,
      });
      if (revision) revision.onSaved();
      else await navigate(`/intake/decisions/${saved.id}`);
    } catch (error) {
      showRefusal(error, { setError: form.setError, fieldOf: refusalFields, fail: setFailure, what: '起案できませんでした' });
    }
  });

  return (
    <Form onSubmit={(e) => void submit(e)} noValidate aria-labelledby="decision-wizard-title">
      <h3 id="decision-wizard-title">{revising ? '決定の修正（再起案）' : '決定の起案'}</h3>
      <SelectField label="決定の種類" name="kind" form={form} options={kinds.map((k) => ({ value: k, label: `${decisionLabels[k]}決定` }))} />
      {onApplication && (
        <p className="hint">
          {formatWareki(onApplication.appliedOn)}の申請に対する決定です（期限 {formatWareki(onApplication.dueOn)}）。
        </p>
      )}
      {answersApplication(kind) && !application && <p className="field-error">受付済みの申請がありません。先に相談・申請タブで申請を受け付けてください。</p>}
      <DateField label="適用日" name="effectiveOn" form={form} hint="遡及する場合は過去の日付" />
      <fieldset>
        <legend>対象となる扶助</legend>
        {aids.map((aid) => (
          <CheckField key={aid} label={aidLabels[aid]} name={`aids.${aid}`} form={form} />
        ))}
        {typeof form.formState.errors.aids?.message === 'string' && <p className="field-error">対象となる扶助: {form.formState.errors.aids.message}</p>}
      </fieldset>
      <SelectField
        label="根拠となる計算"
        name="calculationId"
        form={form}
        options={[
          { value: '', label: '（計算なし）' },
          ...calculations.map((c) => ({ value: c.id, label: `${formatWarekiMonth(c.month)}分 保護費 ${formatYen(c.benefit)}` })),
        ]}
      />
      {from && <p className="notice">扶助・適用日・根拠となる計算を、この計算から入れています。確認してください。</p>}
      {chosen && <AidAmounts calculation={chosen} />}
      {approved.length > 0 && (
        <SelectField
          label="取り消して置き換える決定（遡及）"
          name="supersedes"
          form={form}
          options={[
            { value: '', label: '（なし）' },
            ...approved.map((d) => ({ value: d.id, label: `${formatWareki(d.effectiveOn)} ${decisionLabels[d.kind]}決定` })),
          ]}
        />
      )}
      <TextAreaField label="決定の理由" name="reasons" form={form} rows={4} />
      {reasonsFor(kind).length > 0 && (
        <SelectField
          label="統計上の理由（被保護者調査）"
          name="reasonCode"
          form={form}
          options={[{ value: '', label: '（未選択）' }, ...reasonsFor(kind).map((r) => ({ value: r.code, label: r.label }))]}
        />
      )}
      {onApplication && <TextField label="処理期限延長の理由" name="extensionReason" form={form} hint="申請から14日を過ぎて決定する場合は必須（30日まで）" />}
      <FormAlert message={failure} />
      <button type="submit" disabled={form.formState.isSubmitting || (answersApplication(kind) && !application)}>
        {revising ? '修正を保存する' : '起案する'}
      </button>
    </Form>
  );
}
