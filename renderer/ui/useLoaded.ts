import { useCallback, useEffect, useState } from 'react';
import { messageOf } from './messageOf';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/**
 * Runs a repository read when the screen opens (and on `reload`), as a loading / ready / failed state. A refusal
 * (out of scope, no access to the table, a damaged record) becomes the failed state with its Japanese message.
 */
export function useLoaded<T>(load: () => Promise<T>, deps: unknown[]): Loadable<T> & { reload(): void } {
  const [loadable, setLoadable] = useState<Loadable<T>>({ state: 'loading' });
  const [round, setRound] = useState(0);
  // biome-ignore lint/correctness/useExhaustiveDependencies: the caller's deps stand for `load` (checked at each call site), plus the reload round
  useEffect(() => {
    let live = true;
    load().then(
      (value) => live && setLoadable({ state: 'ready', value }),
      (error: unknown) => live && setLoadable({ state: 'failed', message: messageOf(error) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  const reload = useCallback(() => setRound((n) => n + 1), []);
  return { ...loadable, reload };
}
