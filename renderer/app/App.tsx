import { lazy, Suspense } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { SessionGate } from '../session/SessionGate';
import { SessionProvider } from '../session/SessionProvider';

// The router, the menu and every screen are not part of the lock screen's first paint: they load once it is idle
// (warmUp), or at the latest on unlock.
const loadUnlockedApp = () => import('./UnlockedApp');
const UnlockedApp = lazy(() => loadUnlockedApp().then((m) => ({ default: m.UnlockedApp })));
const warmUp = () =>
  void loadUnlockedApp()
    .then((m) => m.preloadHome())
    .catch(() => {});

export function App() {
  return (
    <ErrorBoundary>
      <SessionProvider>
        <SessionGate warmUp={warmUp}>
          <Suspense fallback={<p className="gate">読み込んでいます…</p>}>
            <UnlockedApp />
          </Suspense>
        </SessionGate>
      </SessionProvider>
    </ErrorBoundary>
  );
}
