import { useCallback, useEffect, useRef, useState } from 'react';
import type { FieldValues } from 'react-hook-form';
import { useServices } from '../../../session/SessionProvider';
import type { WizardDraft } from './wizardTypes';
import { messageOf } from '../../../ui/messageOf';

/** Typing pauses this long before the draft is written; a step change writes at once. */
const debounceMs = 500;

export type AutosaveStatus = { kind: 'idle' } | { kind: 'saved'; at: Date; step: number } | { kind: 'failed'; message: string };

export const draftForm = (kind: string) => `calc/${kind}`;

/** Writes a draft through the encrypted drafts repository, debounced, and flushes what is pending when the wizard closes. */
export function useDraftAutosave<V extends FieldValues>() {
  const services = useServices();
  const [status, setStatus] = useState<AutosaveStatus>({ kind: 'idle' });
  const pending = useRef<{ draft: WizardDraft<V>; timer: ReturnType<typeof setTimeout> } | null>(null);
  const closed = useRef(false);

  const write = useCallback(
    async (draft: WizardDraft<V>) => {
      const { id, householdId, ...data } = draft;
      try {
        await services.drafts.save({ id, householdId, form: draftForm(draft.kind), data });
        if (!closed.current) setStatus({ kind: 'saved', at: new Date(), step: draft.step });
      } catch (error) {
        if (!closed.current) setStatus({ kind: 'failed', message: messageOf(error) });
      }
    },
    [services],
  );

  const flush = useCallback(async () => {
    const next = pending.current;
    if (!next) return;
    clearTimeout(next.timer);
    pending.current = null;
    await write(next.draft);
  }, [write]);

  const schedule = useCallback(
    (draft: WizardDraft<V>) => {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = { draft, timer: setTimeout(() => void flush(), debounceMs) };
    },
    [flush],
  );

  const saveNow = useCallback(
    async (draft: WizardDraft<V>) => {
      if (pending.current) clearTimeout(pending.current.timer);
      pending.current = null;
      await write(draft);
    },
    [write],
  );

  /** Stops writing (the draft is about to be removed): nothing pending may bring it back. */
  const cancel = useCallback(() => {
    if (pending.current) clearTimeout(pending.current.timer);
    pending.current = null;
    closed.current = true;
  }, []);

  useEffect(() => {
    const onHide = () => void flush();
    window.addEventListener('pagehide', onHide);
    return () => {
      window.removeEventListener('pagehide', onHide);
      void flush();
    };
  }, [flush]);

  return { status, schedule, saveNow, cancel };
}
