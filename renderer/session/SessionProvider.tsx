import { createContext, useCallback, useContext, useEffect, useRef, useState, type ReactNode } from 'react';
import type { ResponseOf } from '../../shared/ipc/contract';
import { seihoApi } from '../api/seihoApi';
// Only types here: the unlocked app (database, libsodium, services, screens' data) loads after the passphrase.
import type { UnlockedSession } from './unlock';
import type { Services } from '../services';

export type SessionState =
  | { status: 'loading' }
  | { status: 'failed'; message: string }
  | { status: 'setup' }
  | { status: 'damaged'; message: string }
  | { status: 'locked'; vault: ResponseOf<'vaultStatus'> }
  | { status: 'unlocked'; vault: ResponseOf<'vaultStatus'>; unlocked: UnlockedSession };

type SessionControls = {
  state: SessionState;
  refresh(): Promise<void>;
  unlock(loginId: string, passphrase: string): Promise<{ ok: true } | { ok: false; message: string }>;
  lock(): Promise<void>;
  passphraseChanged(): void;
};

const SessionContext = createContext<SessionControls | null>(null);

type VaultStatusResult = Awaited<ReturnType<ReturnType<typeof seihoApi>['vaultStatus']>>;
let earlyStatus: Promise<VaultStatusResult> | null = null;

/**
 * Asks main for the vault's state before React renders (main.tsx), so the answer is on its way while the first render
 * runs: the login screen, which waits for it, paints one round trip sooner. Taken once, by the first refresh.
 */
export function prefetchVaultStatus(): void {
  try {
    earlyStatus ??= seihoApi().vaultStatus({});
  } catch {
    // No host to ask (opened outside Seiho Desk): the first refresh asks again and shows why it cannot.
  }
}

/** Report activity to main's idle timer at most this often. */
const activityIntervalMs = 30_000;

/**
 * Owns the app's one unlocked session. Locking — by the user, by main's idle timer, by suspend — closes the
 * database (wiping its key) and reloads the page so nothing decrypted stays in memory.
 */
export function SessionProvider({ children }: { children: ReactNode }) {
  const [state, setState] = useState<SessionState>({ status: 'loading' });
  const unlockedRef = useRef<UnlockedSession | null>(null);

  const refresh = useCallback(async () => {
    const pending = earlyStatus ?? seihoApi().vaultStatus({});
    earlyStatus = null;
    const status = await pending;
    if (!status.ok) return setState({ status: 'failed', message: status.error.message });
    const vault = status.value;
    if (vault.state === 'uninitialized') return setState({ status: 'setup' });
    if (vault.state === 'damaged') return setState({ status: 'damaged', message: vault.message ?? '' });
    setState({ status: 'locked', vault });
  }, []);

  const endSession = useCallback(() => {
    unlockedRef.current?.close();
    unlockedRef.current = null;
    window.location.hash = '#/';
    window.location.reload();
  }, []);

  const lock = useCallback(async () => {
    await seihoApi().vaultLock({ reason: 'manual' });
    endSession();
  }, [endSession]);

  const unlock = useCallback(
    async (loginId: string, passphrase: string) => {
      if (state.status !== 'locked') return { ok: false as const, message: 'ロック画面ではありません' };
      const result = await seihoApi().vaultUnlock({ loginId, passphrase });
      if (!result.ok) return { ok: false as const, message: result.error.message };
      const { openSession } = await import('./unlock');
      const unlocked = await openSession(seihoApi(), result.value, state.vault.office!);
      unlockedRef.current = unlocked;
      setState({ status: 'unlocked', vault: state.vault, unlocked });
      return { ok: true as const };
    },
    [state],
  );

  const passphraseChanged = useCallback(() => {
    setState((current) => (current.status === 'unlocked' ? { ...current, unlocked: { ...current.unlocked, mustChangePassphrase: false } } : current));
  }, []);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Main locks on idle time, suspend and screen lock; the page follows.
  useEffect(() => seihoApi().onVaultLocked(() => unlockedRef.current && endSession()), [endSession]);

  useEffect(() => {
    if (state.status !== 'unlocked') return;
    let last = 0;
    const report = () => {
      const now = Date.now();
      if (now - last < activityIntervalMs) return;
      last = now;
      void seihoApi().vaultActivity({});
    };
    const events = ['keydown', 'pointerdown', 'wheel'] as const;
    for (const name of events) window.addEventListener(name, report, { passive: true });
    return () => {
      for (const name of events) window.removeEventListener(name, report);
    };
  }, [state.status]);

  return <SessionContext.Provider value={{ state, refresh, unlock, lock, passphraseChanged }}>{children}</SessionContext.Provider>;
}

export function useSessionControls(): SessionControls {
  const controls = useContext(SessionContext);
  if (!controls) throw new Error('SessionProvider がありません');
  return controls;
}

/** For screens inside the unlocked app: who is signed in, and the services. */
export function useUnlocked(): UnlockedSession {
  const { state } = useSessionControls();
  if (state.status !== 'unlocked') throw new Error('ロックされています');
  return state.unlocked;
}

/** The session-bound application services: the one way a screen reads or changes data. */
export function useServices(): Services {
  return useUnlocked().services;
}
