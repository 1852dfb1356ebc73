import { useEffect, useMemo, useState } from 'react';
import { CalcError } from '../../../../shared/calc/calcError';
import { parseCalcInput } from '../../../../shared/calc/input';
import { calculate } from '../../../../shared/calc/minimumCost';
import { housingDifferences } from '../../../../shared/casework/caseCalculationInput';
import { formatYen } from '../../../../shared/format/yen';
import { uuidv7 } from '../../../../shared/ids/uuidv7';
import { useServices } from '../../../session/SessionProvider';
import type { ResultProps } from '../wizard/wizardTypes';
import { breakdownOf, minimumCostBreakdown, previousMonthCalculation } from './calculationRecord';
import { toCalcInput, type MinimumCostForm } from './minimumCostForm';
import { ResultView, type PreviousCalculation } from './ResultView';
import { messageOf } from '../../../ui/messageOf';

const housingFigure = (field: 'rent' | 'floorAreaSqm', value: number) => (field === 'rent' ? formatYen(value) : `${value}㎡`);

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
  const [saveBack, setSaveBack] = useState(false);
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
  // Started for a case: the rent or floor area typed here where it differs from the household's record.
  const typedHousing = breakdown.input.housing;
  const differences = householdId && values.fromCase ? housingDifferences(values.fromCase.housingRecord ?? undefined, typedHousing) : [];
  const save = async () => {
    if (!householdId) return;
    setStatus('保存しています…');
    try {
      const id = uuidv7();
      const { totals } = breakdown.result;
      const calculation = {
        id,
        householdId,
        month: breakdown.result.month,
        minimumCost: totals.minimumCost,
        recognizedIncome: totals.recognizedIncome,
        benefit: totals.benefit,
        breakdown,
      };
      // Written back only on the caseworker's explicit choice, as a recorded change of the household.
      const housingBack = saveBack && differences.length > 0 && typedHousing ? { rent: typedHousing.rent, floorAreaSqm: typedHousing.floorAreaSqm } : undefined;
      await services.calculationFlow.save(calculation, housingBack);
      await finish(`/calc?calculation=${id}`);
    } catch (error) {
      setStatus(`保存できませんでした: ${messageOf(error)}`);
    }
  };

  return (
    <>
      <ResultView result={breakdown.result} previous={previous} tables={breakdown.tables} />
      {differences.length > 0 && (
        <fieldset className="save-back">
          <legend>世帯の住居（ケースの記録との違い）</legend>
          <ul>
            {differences.map((d) => (
              <li key={d.field}>
                {d.field === 'rent' ? '家賃' : '床面積'} {d.recorded === null ? '未登録' : housingFigure(d.field, d.recorded)} →{' '}
                {housingFigure(d.field, d.typed)}
              </li>
            ))}
          </ul>
          <label className="check-field">
            <input type="checkbox" checked={saveBack} onChange={(e) => setSaveBack(e.target.checked)} autoComplete="off" />{' '}
            この家賃・床面積を世帯の住居に反映する（世帯の変更として記録されます）
          </label>
        </fieldset>
      )}
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
