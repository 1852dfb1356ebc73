import { expect, test } from 'vitest';
import { createIdleLock, type TimerPort } from '../../../main/vault/idleLock.js';
import { fakeClock } from './vaultFixtures.js';

/** Timers driven by the fake clock: `advance` fires whatever falls due. */
function fakeTimers(clock: ReturnType<typeof fakeClock>) {
  let next = 1;
  const pending = new Map<number, { at: number; callback: () => void }>();
  const timers: TimerPort<number> = {
    setTimeout: (callback, ms) => {
      pending.set(next, { at: clock.now() + ms, callback });
      return next++;
    },
    clearTimeout: (handle) => void pending.delete(handle),
  };
  const advance = (ms: number) => {
    const end = clock.now() + ms;
    for (;;) {
      const due = [...pending.entries()].filter(([, t]) => t.at <= end).sort((a, b) => a[1].at - b[1].at)[0];
      if (!due) break;
      clock.advance(due[1].at - clock.now());
      pending.delete(due[0]);
      due[1].callback();
    }
    clock.advance(end - clock.now());
  };
  return { timers, advance, pending };
}

function setup(idleMs?: number) {
  const clock = fakeClock();
  const { timers, advance, pending } = fakeTimers(clock);
  const locks: string[] = [];
  const idle = createIdleLock({ clock, timers, lock: (reason) => locks.push(reason), ...(idleMs ? { idleMs } : {}) });
  return { idle, advance, locks, pending };
}

test('locks after 10 minutes without activity by default', () => {
  const { idle, advance, locks } = setup();
  idle.start();
  advance(9 * 60_000 + 59_999);
  expect(locks).toEqual([]);
  advance(1);
  expect(locks).toEqual(['idle']);
  expect(idle.running).toBe(false);
});

test('activity postpones the lock, using a single timer', () => {
  const { idle, advance, locks, pending } = setup(60_000);
  idle.start();
  for (let i = 0; i < 10; i++) {
    advance(50_000);
    idle.activity();
  }
  expect(locks).toEqual([]);
  expect(pending.size).toBe(1);
  advance(60_000);
  expect(locks).toEqual(['idle']);
});

test('suspend locks at once; stop prevents any later lock', () => {
  const { idle, advance, locks } = setup(60_000);
  idle.start();
  idle.suspend();
  expect(locks).toEqual(['suspend']);
  idle.start();
  idle.stop();
  advance(120_000);
  idle.suspend();
  expect(locks).toEqual(['suspend']);
});
