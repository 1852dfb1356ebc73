import type { ReactNode } from 'react';
import { LazyChangePassphrase as ChangePassphrase, LazySetupWizard as SetupWizard } from './lazyScreens';
import { LoginScreen } from './LoginScreen';
import { useSessionControls } from './SessionProvider';

/** Shows the app only to an unlocked session; before that, set-up, a damaged key store, or the lock screen. */
/** `warmUp`: loads the app behind the lock in the background while the lock screen waits for the passphrase. */
export function SessionGate({ children, warmUp }: { children: ReactNode; warmUp?: () => void }) {
  const { state, passphraseChanged } = useSessionControls();
  switch (state.status) {
    case 'loading':
      return <p className="gate">起動しています…</p>;
    case 'failed':
    case 'damaged':
      return (
        <main className="gate" role="alert">
          <h1>起動できません</h1>
          <p>{state.message}</p>
        </main>
      );
    case 'setup':
      return <SetupWizard />;
    case 'locked':
      return <LoginScreen officeName={state.vault.office?.name ?? ''} onIdle={warmUp} />;
    case 'unlocked':
      if (state.unlocked.mustChangePassphrase) {
        return (
          <main className="gate">
            <ChangePassphrase required onChanged={passphraseChanged} />
          </main>
        );
      }
      return <>{children}</>;
  }
}
