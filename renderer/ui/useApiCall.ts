import { useEffect, useState } from 'react';
import type { Result } from '../../shared/ipc/result';

export type Loadable<T> = { state: 'loading' } | { state: 'ready'; value: T } | { state: 'failed'; message: string };

/** Runs one IPC call when the screen opens and exposes its envelope as a loading / ready / failed state. */
export function useApiCall<T>(call: () => Promise<Result<T>>, deps: unknown[] = []): Loadable<T> {
  const [loadable, setLoadable] = useState<Loadable<T>>({ state: 'loading' });
  useEffect(() => {
    let live = true;
    call().then(
      (result) => live && setLoadable(result.ok ? { state: 'ready', value: result.value } : { state: 'failed', message: result.error.message }),
      (error: unknown) => live && setLoadable({ state: 'failed', message: error instanceof Error ? error.message : String(error) }),
    );
    return () => {
      live = false;
    };
  }, deps);
  return loadable;
}
