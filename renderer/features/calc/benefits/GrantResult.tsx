import { useState } from 'react';
import type { CalcLine } from '../../../../shared/calc/lines';
import { localIsoDate } from '../../../../shared/casework/calendarDate';
import type { GrantKind } from '../../../../shared/domain/records';
import { formatYen } from '../../../../shared/format/yen';
import { useServices } from '../../../session/SessionProvider';
import { messageOf } from '../../../ui/messageOf';
import { DateInput, typedDay } from '../../../ui/DateField';
import { FinishButton, LinesResult } from '../wizard/LinesResult';

/** What a 給付金 calculation gives: the amount, whether the requirements hold, its lines and the reasons. */
type GrantOutcome = { amount: number; eligible: boolean; lines: readonly CalcLine[]; reasons: readonly string[] };

/** The result step of a 給付金 wizard: the amount, the lines with their reasons, then how the wizard ends. */
export function GrantResult(props: { kind: GrantKind; householdId: string | null; result: GrantOutcome; reasonsTitle?: string; finish(): Promise<void> }) {
  const { result } = props;
  return (
    <>
      <p className="result-amount">
        支給額: {formatYen(result.amount)}（{result.eligible ? '支給要件あり' : '支給要件なし'}）
      </p>
      <LinesResult lines={result.lines} reasons={result.reasons} {...(props.reasonsTitle ? { reasonsTitle: props.reasonsTitle } : {})} />
      <GrantFinish
        kind={props.kind}
        householdId={props.householdId}
        amount={result.amount}
        eligible={result.eligible}
        lines={result.lines}
        finish={props.finish}
      />
    </>
  );
}

/**
 * The end of a 給付金 wizard. Run for a case with a payable result, it can record the 支給決定 on the case — which
 * also corrects the case's 副本 (生活保護関係情報 carries the 給付金) — before the draft is removed.
 */
function GrantFinish(props: {
  kind: GrantKind;
  householdId: string | null;
  amount: number;
  eligible: boolean;
  lines: readonly CalcLine[];
  finish(): Promise<void>;
}) {
  const services = useServices();
  const [decidedOn, setDecidedOn] = useState(() => localIsoDate(new Date()));
  const [error, setError] = useState('');
  const { householdId, amount } = props;
  if (!householdId || !props.eligible || amount <= 0) return <FinishButton finish={props.finish} />;

  const record = async () => {
    try {
      const basis = props.lines.map((l) => `${l.label} ${formatYen(l.amount)}（${l.basis}）`).join('\n');
      await services.grants.record(householdId, { kind: props.kind, decidedOn: typedDay('支給決定日', decidedOn), amount, basis });
      await props.finish();
    } catch (e) {
      setError(messageOf(e));
    }
  };
  return (
    <section aria-labelledby="grant-title">
      <h4 id="grant-title">支給決定の記録</h4>
      <div className="field">
        <label htmlFor="grant-decided-on">支給決定日</label>
        <DateInput
          id="grant-decided-on"
          value={decidedOn}
          onChange={setDecidedOn}
          aria-invalid={error ? true : undefined}
          aria-describedby={error ? 'grant-error' : undefined}
        />
      </div>
      {error && (
        <p id="grant-error" role="alert" className="field-error">
          {error}
        </p>
      )}
      <p className="wizard-actions">
        <button type="button" onClick={() => void record()}>
          支給決定として記録する（{formatYen(amount)}）
        </button>
      </p>
      <FinishButton finish={props.finish} />
    </section>
  );
}
