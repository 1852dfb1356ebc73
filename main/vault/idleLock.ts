import type { Clock } from './vault.js';

/** The timer functions IdleLock needs; the app passes Node's, tests a fake. */
export type TimerPort<Handle = unknown> = {
  setTimeout(callback: () => void, ms: number): Handle;
  clearTimeout(handle: Handle): void;
};

export const DEFAULT_IDLE_MS = 10 * 60_000;

/**
 * Auto-lock: calls `lock('idle')` when no activity has been reported for `idleMs`, and `lock('suspend')` at
 * once on a suspend or screen-lock signal (Electron's powerMonitor, wired by the shell). Activity only
 * records a time; one timer checks it when due, so a stream of mouse events costs no timer churn.
 */
export function createIdleLock<Handle>(options: { clock: Clock; timers: TimerPort<Handle>; lock: (reason: 'idle' | 'suspend') => void; idleMs?: number }) {
  const idleMs = options.idleMs ?? DEFAULT_IDLE_MS;
  let lastActivity = 0;
  let timer: { handle: Handle } | null = null;

  const disarm = () => {
    if (timer) options.timers.clearTimeout(timer.handle);
    timer = null;
  };
  const arm = (ms: number) => {
    disarm();
    timer = { handle: options.timers.setTimeout(check, ms) };
  };
  function check() {
    timer = null;
    const idle = options.clock.now() - lastActivity;
    if (idle >= idleMs) options.lock('idle');
    else arm(idleMs - idle);
  }

  return {
    /** Call on unlock. */
    start() {
      lastActivity = options.clock.now();
      arm(idleMs);
    },
    /** Call on user input (the renderer reports it, throttled). Ignored while stopped. */
    activity() {
      if (timer) lastActivity = options.clock.now();
    },
    /** Suspend, screen lock or lid close: lock now, whatever the idle time. */
    suspend() {
      if (!timer) return;
      disarm();
      options.lock('suspend');
    },
    /** Call on lock (by any route), so the timer does not fire for a session that has already ended. */
    stop() {
      disarm();
    },
    get running() {
      return timer !== null;
    },
  };
}
