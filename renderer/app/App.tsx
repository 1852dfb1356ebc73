import { lazy, Suspense } from 'react';
import { ErrorBoundary } from './ErrorBoundary';
import { SessionGate } from '../session/SessionGate';
import { SessionProvider } from '../session/SessionProvider';

// The router, the menu and every screen load only once the session is unlocked, so the lock screen paints without them.
const UnlockedApp = lazy(() => import('./UnlockedApp').then((m) => ({ default: m.UnlockedApp })));

export function App() {
  return (
    <ErrorBoundary>
      <SessionProvider>
        <SessionGate>
          <Suspense fallback={<p className="gate">読み込んでいます…</p>}>
            <UnlockedApp />
          </Suspense>
        </SessionGate>
      </SessionProvider>
    </ErrorBoundary>
  );
}
