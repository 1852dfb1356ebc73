import { lazy, Suspense, type ComponentProps, type ComponentType } from 'react';

// Screens the lock screen leads to but does not show at first — set-up (first run only), restore, the required
// passphrase change after unlock — load on demand: they bring zod schemas, the IPC contract and the database
// layer, which the first paint of the login screen must not wait for.
function onDemand<P extends object>(load: () => Promise<ComponentType<P>>) {
  const Screen = lazy(() => load().then((component) => ({ default: component })));
  // biome-ignore lint/correctness/noComponentHookFactories: made once per screen at module load, never during a render
  return function OnDemand(props: P) {
    return (
      <Suspense fallback={<p className="gate">読み込んでいます…</p>}>
        <Screen {...(props as ComponentProps<typeof Screen>)} />
      </Suspense>
    );
  };
}

export const LazyRestoreScreen = onDemand(() => import('./RestoreScreen').then((m) => m.RestoreScreen));
export const LazySetupWizard = onDemand(() => import('./SetupWizard').then((m) => m.SetupWizard));
export const LazyChangePassphrase = onDemand(() => import('./ChangePassphrase').then((m) => m.ChangePassphrase));
