import { useEffect, useState } from 'react';
import { Link, useNavigate, useSearchParams } from 'react-router';
import type { Calculation, Household } from '../../../shared/domain/records';
import { defaultMunicipality } from '../../../shared/calc/tables/municipalities';
import { localIsoDate } from '../../../shared/casework/calendarDate';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { uuidv7 } from '../../../shared/ids/uuidv7';
import { isDamaged } from '../../data/errors';
import type { Draft } from '../../data/repos/drafts';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { DocumentActions } from '../documents/DocumentActions';
import { calcWizards, initialValuesOf, otherWizardKinds, wizardOfDraft } from './calcWizards';
import { breakdownOf, previousMonthCalculation } from './minimumCost/calculationRecord';
import { emptyMember, initialMinimumCostForm } from './minimumCost/minimumCostForm';
import { startCaseCalculation } from './minimumCost/startForCase';
import { text } from './wizard/formValues';
import { ResultView, type PreviousCalculation } from './minimumCost/ResultView';
import { Wizard } from './wizard/Wizard';
import { draftForm } from './wizard/useDraftAutosave';
import type { WizardDraft } from './wizard/wizardTypes';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';
import { FormAlert } from '../../ui/FormAlert';
import { DecisionWizard } from '../decisions/DecisionWizard';

/** The 計算 area: start a wizard, resume a draft, or reopen a saved calculation (`?draft=` / `?calculation=`). */
export function CalcScreen() {
  const [params] = useSearchParams();
  const draftId = params.get('draft');
  const calculationId = params.get('calculation');
  if (draftId) return <DraftWizard key={draftId} id={draftId} />;
  if (calculationId) return <SavedCalculation key={calculationId} id={calculationId} />;
  // A case's 最低生活費 tab links here with `?household=` to start the wizard for that case.
  return <CalcStart initialHouseholdId={params.get('household') ?? ''} />;
}

const thisMonth = () => localIsoDate(new Date()).slice(0, 7);
const isMonth = (value: string) => /^\d{4}-(0[1-9]|1[0-2])$/.test(value);

function CalcStart({ initialHouseholdId }: { initialHouseholdId: string }) {
  const services = useServices();
  const navigate = useNavigate();
  const [households, setHouseholds] = useState<Household[]>([]);
  const [householdId, setHouseholdId] = useState(initialHouseholdId);
  const [month, setMonth] = useState(thisMonth);
  const [drafts, setDrafts] = useState<Draft[]>([]);
  const [saved, setSaved] = useState<Calculation[]>([]);
  const [error, setError] = useState('');

  useEffect(() => {
    void services.households.list().then(
      (rows) => setHouseholds(rows.filter((r): r is Household => !isDamaged(r))),
      (e) => setError(messageOf(e)),
    );
  }, [services]);
  const loadDrafts = () => void services.drafts.list().then((rows) => setDrafts(rows.filter((d) => d.form.startsWith('calc/'))));
  useEffect(loadDrafts, [services]);
  useEffect(() => {
    if (!householdId) return setSaved([]);
    void services.calculations
      .list(householdId)
      .then((rows) => setSaved(rows.filter((r): r is Calculation => !isDamaged(r)).sort((a, b) => b.month.localeCompare(a.month) || b.id.localeCompare(a.id))));
  }, [services, householdId]);

  const start = async (draft: WizardDraft) => {
    const { id, householdId: hid, ...data } = draft;
    await services.drafts.save({ id, householdId: hid, form: draftForm(draft.kind), data });
    navigate(`/calc?draft=${id}`);
  };

  const startMinimumCost = async (forCase: boolean) => {
    try {
      const basisMonth = text(month);
      if (!isMonth(basisMonth)) return setError('基準月は YYYY-MM 形式（例: 2026-04）で入力してください');
      // For a case, its facts as of the month fill the wizard (startForCase.ts), each marked as the case's.
      if (forCase) return navigate(`/calc?draft=${await startCaseCalculation(services, householdId, basisMonth)}`);
      const municipality = await services.settings.get().then(
        (settings) => settings.defaultMunicipality,
        () => defaultMunicipality,
      );
      const values = initialMinimumCostForm(basisMonth, municipality, [emptyMember(uuidv7(), '世帯員1')]);
      return await start({ id: uuidv7(), kind: 'minimumCost', step: 0, values, householdId: null, caption: '概算' });
    } catch (e) {
      setError(messageOf(e));
    }
  };

  // With a case chosen, a 給付金 wizard runs for it, so its result can be recorded as the case's 支給決定.
  const startOther = (kind: (typeof otherWizardKinds)[number]) => {
    const household = households.find((h) => h.id === householdId);
    const forCase = household ? { householdId: household.id, caption: `ケース ${household.caseNumber}` } : { householdId: null, caption: '' };
    void start({ id: uuidv7(), kind, step: 0, values: initialValuesOf[kind](), ...forCase }).catch((e) => setError(messageOf(e)));
  };

  const discard = async (draft: Draft) => {
    if (!window.confirm('この下書きを破棄しますか？')) return;
    await services.drafts.remove(draft.id);
    loadDrafts();
  };

  return (
    <section aria-labelledby="calc-title">
      <h2 id="calc-title">計算</h2>
      {error && (
        <p role="alert" className="field-error">
          {error}
        </p>
      )}
      {drafts.length > 0 && (
        <section aria-labelledby="drafts-title">
          <h3 id="drafts-title">途中の計算（下書き）</h3>
          <ul className="draft-list">
            {drafts.map((d) => {
              const info = wizardOfDraft(d);
              return (
                <li key={d.id}>
                  {info ? `${info.title}${info.caption ? `（${info.caption}）` : ''} 手順${info.step + 1}` : d.form}　
                  <span className="notice">{new Date(d.updatedAt).toLocaleString('ja-JP')} 保存</span>　
                  <button type="button" onClick={() => navigate(`/calc?draft=${d.id}`)} aria-label={`${info?.title ?? ''}${info?.caption ?? ''}の下書きを再開`}>
                    再開
                  </button>{' '}
                  <button type="button" className="secondary" onClick={() => void discard(d)}>
                    破棄
                  </button>
                </li>
              );
            })}
          </ul>
        </section>
      )}
      <section aria-labelledby="minimum-cost-title">
        <h3 id="minimum-cost-title">保護費算定（最低生活費・収入認定・保護費）</h3>
        {/* A Form (autocomplete off): outside one, the browser saves the chosen case with the page. */}
        <Form onSubmit={(e) => e.preventDefault()}>
          <div className="field">
            <label htmlFor="calc-household">ケース</label>
            <select id="calc-household" value={householdId} onChange={(e) => setHouseholdId(e.target.value)}>
              <option value="">選択してください（担当ケース {households.length}件）</option>
              {households.map((h) => (
                <option key={h.id} value={h.id}>
                  {h.caseNumber} {h.address}
                </option>
              ))}
            </select>
          </div>
          <div className="field">
            <label htmlFor="calc-month">基準月</label>
            <input id="calc-month" value={month} onChange={(e) => setMonth(e.target.value)} aria-describedby="calc-month-hint" />
            <p id="calc-month-hint" className="hint">
              YYYY-MM。ケースの世帯員・住居・市町村とこの月の収入申告から入力を始めます
            </p>
          </div>
          <p className="wizard-actions">
            <button type="button" disabled={!householdId} onClick={() => void startMinimumCost(true)}>
              ケースの保護費を計算する
            </button>
            <button type="button" className="secondary" onClick={() => void startMinimumCost(false)}>
              ケースを選ばずに概算する（要否の確認）
            </button>
          </p>
        </Form>
        {householdId && (
          <>
            <h4>保存済みの計算</h4>
            {saved.length === 0 ? (
              <p>このケースの保存済みの計算はありません。</p>
            ) : (
              <ul aria-label="保存済みの計算">
                {saved.map((c) => (
                  <li key={c.id}>
                    <Link to={`/calc?calculation=${c.id}`}>
                      {formatWarekiMonth(c.month)}分　保護費 {formatYen(c.benefit)}
                    </Link>
                  </li>
                ))}
              </ul>
            )}
          </>
        )}
      </section>
      <section aria-labelledby="other-calc-title">
        <h3 id="other-calc-title">給付金・返還金</h3>
        <ul className="wizard-menu">
          {otherWizardKinds.map((kind) => (
            <li key={kind}>
              <button type="button" className="secondary" onClick={() => startOther(kind)}>
                {calcWizards[kind].def.title}
              </button>{' '}
              <span className="hint">{calcWizards[kind].description}</span>
            </li>
          ))}
        </ul>
      </section>
    </section>
  );
}

function DraftWizard({ id }: { id: string }) {
  const services = useServices();
  const navigate = useNavigate();
  const [state, setState] = useState<{ kind: 'loading' } | { kind: 'missing'; message: string } | { kind: 'ready'; draft: WizardDraft }>({ kind: 'loading' });
  useEffect(() => {
    void services.drafts.get(id).then(
      (row) => {
        const info = row && wizardOfDraft(row);
        setState(info ? { kind: 'ready', draft: info } : { kind: 'missing', message: 'この下書きはありません（保存済みか破棄されています）。' });
      },
      (e) => setState({ kind: 'missing', message: messageOf(e) }),
    );
  }, [services, id]);
  if (state.kind === 'loading') return <p aria-busy="true">下書きを開いています…</p>;
  if (state.kind === 'missing')
    return (
      <p role="alert">
        {state.message} <Link to="/calc">計算の最初へ</Link>
      </p>
    );
  const { def } = calcWizards[state.draft.kind];
  return <Wizard def={def} initial={state.draft} onExit={(then) => navigate(then ?? '/calc')} />;
}

function SavedCalculation({ id }: { id: string }) {
  const services = useServices();
  const [state, setState] = useState<
    { kind: 'loading' } | { kind: 'failed'; message: string } | { kind: 'ready'; row: Calculation; previous: PreviousCalculation | null }
  >({
    kind: 'loading',
  });
  useEffect(() => {
    void (async () => {
      const row = await services.calculations.get(id);
      if (!row || !breakdownOf(row)) return setState({ kind: 'failed', message: '計算が見つかりません。' });
      const prior = previousMonthCalculation(await services.calculations.list(row.householdId), row.month);
      const b = prior && breakdownOf(prior);
      setState({ kind: 'ready', row, previous: b ? { month: prior.month, result: b.result } : null });
    })().catch((e) => setState({ kind: 'failed', message: messageOf(e) }));
  }, [services, id]);
  if (state.kind === 'loading') return <p aria-busy="true">計算を開いています…</p>;
  if (state.kind === 'failed') return <p role="alert">{state.message}</p>;
  const breakdown = breakdownOf(state.row)!;
  const month = formatWarekiMonth(state.row.month);
  return (
    <section aria-labelledby="saved-calc-title">
      <h2 id="saved-calc-title" className="no-print">
        保存済みの計算（{month}分）
      </h2>
      <p role="status" className="no-print">
        ケースに保存されています。
      </p>
      <DocumentActions what="保護費算定表" householdId={state.row.householdId} fileTitle={`保護費算定表_${state.row.month}`} />
      {/* 保護費算定表: the breakdown with every line's basis, as the case file keeps it on paper. */}
      <article className="document" aria-label="保護費算定表">
        <h3 className="document-title">保護費算定表（{month}分）</h3>
        <ResultView result={breakdown.result} previous={state.previous} tables={breakdown.tables} />
      </article>
      <div className="no-print">
        <DraftDecisionFrom calculationId={state.row.id} />
        <p>
          <Link to="/calc">計算の最初へ</Link>
        </p>
      </div>
    </section>
  );
}

/**
 * 「この計算で決定を起案」: the 起案 form opens under the breakdown, starting with the calculation's 扶助, amounts, month
 * and link (calculationFlow.decisionFrom). Offered to those who draft decisions; the data layer refuses the rest anyway.
 */
function DraftDecisionFrom({ calculationId }: { calculationId: string }) {
  const services = useServices();
  const { session } = useUnlocked();
  const [state, setState] = useState<
    | { kind: 'closed' }
    | { kind: 'loading' }
    | { kind: 'failed'; message: string }
    | { kind: 'open'; from: Awaited<ReturnType<typeof services.calculationFlow.decisionFrom>> }
  >({ kind: 'closed' });
  if (session.role === 'manager' || !services.access.mayWrite('decisions')) return null;
  const open = () => {
    setState({ kind: 'loading' });
    services.calculationFlow.decisionFrom(calculationId).then(
      (from) => setState({ kind: 'open', from }),
      (e) => setState({ kind: 'failed', message: messageOf(e) }),
    );
  };
  if (state.kind === 'open') return <DecisionWizard household={state.from.household} approved={state.from.approved} prefill={state.from.prefill} />;
  return (
    <div className="wizard-actions">
      <button type="button" disabled={state.kind === 'loading'} onClick={open}>
        この計算で決定を起案
      </button>
      {state.kind === 'failed' && <FormAlert message={state.message} />}
    </div>
  );
}
