import { useEffect, useMemo, useState } from 'react';
import { CalcError } from '../../../../shared/calc/calcError';
import { parseCalcInput } from '../../../../shared/calc/input';
import { calculate } from '../../../../shared/calc/minimumCost';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import { useServices, useUnlocked } from '../../../session/SessionProvider';
import type { ResultProps } from '../wizard/wizardTypes';
import { breakdownOf, minimumCostBreakdown, previousMonthCalculation } from './calculationRecord';
import { toCalcInput, type MinimumCostForm } from './minimumCostForm';
import { ResultView, type PreviousCalculation } from './ResultView';
import { messageOf } from '../../../ui/messageOf';

type Computed = { ok: true; breakdown: ReturnType<typeof minimumCostBreakdown> } | { ok: false; messages: string[] };

function compute(values: MinimumCostForm): Computed {
  const parsed = parseCalcInput(toCalcInput(values));
  if (!parsed.ok) return { ok: false, messages: parsed.issues.map((i) => `${i.path}: ${i.message}`) };
  try {
    return { ok: true, breakdown: minimumCostBreakdown(parsed.value, calculate(parsed.value)) };
  } catch (error) {
    if (error instanceof CalcError) return { ok: false, messages: [error.message] };
    throw error;
  }
}

/** The 結果 step: the result, the month before for a case, and 「ケースに保存」. */
export function MinimumCostResult({ values, draft, finish }: ResultProps<MinimumCostForm>) {
  const services = useServices();
  const computed = useMemo(() => compute(values), [values]);
  const [previous, setPrevious] = useState<PreviousCalculation | null>(null);
  const [status, setStatus] = useState('');
  const { householdId } = draft;
  const month = computed.ok ? computed.breakdown.result.month : null;

  useEffect(() => {
    if (!householdId || !month) return;
    let live = true;
    void services.calculations.list(householdId).then((rows) => {
      const row = previousMonthCalculation(rows, month);
      const b = row && breakdownOf(row);
      if (live) setPrevious(b ? { month: row.month, result: b.result } : null);
    });
    return () => {
      live = false;
    };
  }, [services, householdId, month]);

  if (!computed.ok)
    return (
      <div role="alert" className="error-summary">
        <p>計算できません。前の手順に戻って確認してください。</p>
        <ul>
          {computed.messages.map((m) => (
            <li key={m}>{m}</li>
          ))}
        </ul>
      </div>
    );

  const { breakdown } = computed;
  const save = async () => {
    if (!householdId) return;
    setStatus('保存しています…');
    try {
      const id = uuidv7();
      const { totals } = breakdown.result;
      await services.calculations.save({
        id,
        householdId,
        month: breakdown.result.month,
        minimumCost: totals.minimumCost,
        recognizedIncome: totals.recognizedIncome,
        benefit: totals.benefit,
        breakdown,
      });
      await finish(`/calc?calculation=${id}`);
    } catch (error) {
      setStatus(`保存できませんでした: ${messageOf(error)}`);
    }
  };

  return (
    <>
      <ResultView result={breakdown.result} previous={previous} tables={breakdown.tables} />
      <div className="wizard-actions">
        {householdId ? (
          <button type="button" onClick={() => void save()}>
            ケースに保存
          </button>
        ) : (
          <>
            <p className="notice">ケースを選ばない概算です。保存はされません。</p>
            <button type="button" onClick={() => void finish()}>
              概算を終了する
            </button>
          </>
        )}
      </div>
      <p role="status">{status}</p>
    </>
  );
}
