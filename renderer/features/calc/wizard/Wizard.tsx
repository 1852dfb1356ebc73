import { useCallback, useEffect, useRef, useState } from 'react';
import { useForm, type FieldValues, type Resolver } from 'react-hook-form';
import { useServices } from '../../../session/SessionProvider';
import { stepResolution } from './fieldIssues';
import { useDraftAutosave, type AutosaveStatus } from './useDraftAutosave';
import type { FieldIssue, WizardDef, WizardDraft } from './wizardTypes';
import { Form } from '../../../ui/Form';
import { fieldChecks } from '../../../ui/fieldChecks';

type Props<V extends FieldValues> = {
  def: WizardDef<V>;
  initial: WizardDraft<V>;
  /** Leaves the wizard; `then` is where to go (default: the start screen). */
  onExit(then?: string): void;
};

/**
 * The one step mechanism behind every calculation wizard: a form per wizard, each step checked against the issues
 * it owns (nothing advances on error), the whole state written as an encrypted draft on every change, and a result
 * step reached only when the whole form is valid.
 */
export function Wizard<V extends FieldValues>({ def, initial, onExit }: Props<V>) {
  const services = useServices();
  const [step, setStep] = useState(Math.min(initial.step, def.steps.length));
  const [summary, setSummary] = useState<FieldIssue[]>([]);
  const stepRef = useRef(step);
  stepRef.current = step;
  const headingRef = useRef<HTMLHeadingElement>(null);
  const autosave = useDraftAutosave<V>();

  const ownIssues = useCallback(
    (values: V, index: number) => {
      const owner = def.steps[index];
      return owner ? def.validate(values).filter((issue) => owner.owns(issue.field)) : [];
    },
    [def],
  );
  const resolver: Resolver<V> = useCallback(async (values: V) => stepResolution(values, ownIssues(values, stepRef.current)), [ownIssues]);
  const form = useForm<V>({ defaultValues: initial.values as never, ...fieldChecks, resolver });

  const draftAt = useCallback((index: number): WizardDraft<V> => ({ ...initial, step: index, values: form.getValues() }), [form, initial]);

  useEffect(() => {
    const subscription = form.watch(() => autosave.schedule(draftAt(stepRef.current)));
    return () => subscription.unsubscribe();
  }, [form, autosave, draftAt]);

  const goTo = (index: number) => {
    setSummary([]);
    setStep(index);
    void autosave.saveNow(draftAt(index));
  };

  // Each step starts at its heading, so a screen reader announces where the user is and Tab goes on from there.
  // biome-ignore lint/correctness/useExhaustiveDependencies: `step` is the trigger, not an input — focus moves when the step changes
  useEffect(() => headingRef.current?.focus(), [step]);

  const next = async () => {
    const values = form.getValues();
    const issues = ownIssues(values, step);
    if (issues.length > 0) {
      await form.trigger();
      setSummary(issues);
      return;
    }
    if (step < def.steps.length - 1) return goTo(step + 1);
    // Before the result: an earlier step may have become invalid (e.g. a member removed after incomes were entered).
    const all = def.validate(values);
    const owner = all.length > 0 ? def.steps.findIndex((s) => s.owns(all[0]!.field)) : -1;
    if (owner >= 0) {
      goTo(owner);
      setSummary(all.filter((issue) => def.steps[owner]!.owns(issue.field)));
      return;
    }
    goTo(def.steps.length);
  };

  const finish = async (then?: string) => {
    autosave.cancel();
    await services.drafts.remove(initial.id);
    onExit(then);
  };

  const discard = async () => {
    if (!window.confirm('この下書きを破棄しますか？')) return;
    await finish();
  };

  const current = def.steps[step];
  const titles = [...def.steps.map((s) => s.title), '結果'];
  return (
    <section aria-labelledby="wizard-title" className="wizard">
      <h2 id="wizard-title">
        {def.title}
        {initial.caption && <span className="wizard-caption">　{initial.caption}</span>}
      </h2>
      <nav aria-label="手順">
        <ol className="wizard-steps">
          {titles.map((title, i) => (
            <li key={title} aria-current={i === step ? 'step' : undefined}>
              {i < step ? (
                <button type="button" className="link-button" onClick={() => goTo(i)}>
                  {i + 1}. {title}
                </button>
              ) : (
                <span>
                  {i + 1}. {title}
                </span>
              )}
            </li>
          ))}
        </ol>
      </nav>
      <h3 ref={headingRef} tabIndex={-1} className="step-title">
        手順{step + 1}: {titles[step]}
      </h3>
      {current ? (
        <Form
          noValidate
          onSubmit={(event) => {
            event.preventDefault();
            void next();
          }}
        >
          <div role="alert" className={summary.length > 0 ? 'error-summary' : undefined}>
            {summary.length > 0 && (
              <>
                <p>入力内容を確認してください（{summary.length}件）。</p>
                <ul>
                  {summary.map((issue) => (
                    <li key={`${issue.field}:${issue.message}`}>
                      {issue.label}: {issue.message}
                    </li>
                  ))}
                </ul>
              </>
            )}
          </div>
          <current.Fields form={form} householdId={initial.householdId} />
          <div className="wizard-actions">
            {step > 0 && (
              <button type="button" className="secondary" onClick={() => goTo(step - 1)}>
                戻る
              </button>
            )}
            {/* No focus change on press: the field's blur would show its message and shift the button away before the click lands. */}
            <button type="submit" onMouseDown={(event) => event.preventDefault()}>
              {step === def.steps.length - 1 ? '計算する' : '次へ'}
            </button>
          </div>
        </Form>
      ) : (
        <>
          <def.Result values={form.getValues()} draft={draftAt(step)} finish={finish} />
          <div className="wizard-actions">
            <button type="button" className="secondary" onClick={() => goTo(step - 1)}>
              戻る
            </button>
          </div>
        </>
      )}
      <div className="wizard-footer">
        <AutosaveNote status={autosave.status} titles={titles} />
        <button type="button" className="secondary" onClick={() => onExit()}>
          中断する（下書きを残す）
        </button>
        <button type="button" className="secondary" onClick={() => void discard()}>
          下書きを破棄する
        </button>
      </div>
    </section>
  );
}

function AutosaveNote({ status, titles }: { status: AutosaveStatus; titles: string[] }) {
  return (
    <p role="status" className="notice">
      {status.kind === 'saved' && `下書きを保存しました（手順${status.step + 1} ${titles[status.step]}、${status.at.toLocaleTimeString('ja-JP')}）`}
      {status.kind === 'failed' && `下書きを保存できませんでした: ${status.message}`}
    </p>
  );
}
