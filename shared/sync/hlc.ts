/**
 * Hybrid logical clock (Kulkarni et al. 2014; the layout follows Actual Budget's `Timestamp`). A stamp is
 * `2026-11-25T09:30:00.000Z-0000-0123456789abcdef`: wall-clock milliseconds, a 16-bit counter and the node, all
 * fixed width, so plain string comparison is the clock's order and the string can be an IndexedDB index.
 *
 * HLC orders changes and breaks ties; it never grants authority. A field laptop may come back with a wrong
 * clock, so a remote stamp too far ahead is reported (to be quarantined and flagged) rather than adopted.
 */

export interface HlcTimestamp {
  millis: number;
  counter: number;
  /** 16 lower-case hex digits naming the device. */
  node: string;
}

export const HLC_PATTERN = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}\.\d{3}Z-[0-9a-f]{4}-[0-9a-f]{16}$/;
const MAX_COUNTER = 0xffff;
const DEFAULT_MAX_DRIFT_MS = 60 * 60 * 1000;

export function formatHlc({ millis, counter, node }: HlcTimestamp): string {
  return `${new Date(millis).toISOString()}-${counter.toString(16).padStart(4, '0')}-${node}`;
}

export function parseHlc(stamp: string): HlcTimestamp {
  if (!HLC_PATTERN.test(stamp)) throw new Error(`invalid HLC stamp: ${stamp}`);
  return { millis: Date.parse(stamp.slice(0, 24)), counter: Number.parseInt(stamp.slice(25, 29), 16), node: stamp.slice(30) };
}

export const compareHlc = (a: string, b: string) => (a < b ? -1 : a > b ? 1 : 0);

/** A device's node id: the random tail of its UUIDv7 device id. */
export const hlcNodeFromId = (id: string) => id.replace(/-/g, '').slice(-16).toLowerCase();

export type ReceiveResult = { ok: true; hlc: string } | { ok: false; reason: 'drift'; driftMs: number };

export interface HlcClock {
  /** A stamp for a local event, later than every stamp this clock has issued or received. */
  stamp(): string;
  /** Merges a remote stamp; refuses (without moving the clock) one more than `maxDriftMs` ahead of the wall clock. */
  receive(remote: string): ReceiveResult;
  /** The latest stamp issued or received, to persist and restore across restarts. */
  last(): string;
}

export interface HlcClockOptions {
  node: string;
  now?: () => number;
  maxDriftMs?: number;
  /** The last stamp persisted before a restart: the clock never goes behind it even if the wall clock did. */
  last?: string;
}

export function createHlcClock(options: HlcClockOptions): HlcClock {
  const now = options.now ?? Date.now;
  const maxDriftMs = options.maxDriftMs ?? DEFAULT_MAX_DRIFT_MS;
  if (!/^[0-9a-f]{16}$/.test(options.node)) throw new Error(`invalid HLC node: ${options.node}`);
  let state: HlcTimestamp = options.last ? { ...parseHlc(options.last), node: options.node } : { millis: 0, counter: 0, node: options.node };

  const advance = (millis: number, counter: number) => {
    // Past 65,535 events in one millisecond, borrow the next millisecond: order stays strict, the string stays fixed-width.
    state = counter > MAX_COUNTER ? { millis: millis + 1, counter: 0, node: options.node } : { millis, counter, node: options.node };
    return formatHlc(state);
  };

  return {
    stamp() {
      const physical = now();
      return physical > state.millis ? advance(physical, 0) : advance(state.millis, state.counter + 1);
    },
    receive(remote) {
      const theirs = parseHlc(remote);
      const physical = now();
      if (theirs.millis - physical > maxDriftMs) return { ok: false, reason: 'drift', driftMs: theirs.millis - physical };
      const millis = Math.max(state.millis, theirs.millis, physical);
      const counter =
        millis === state.millis && millis === theirs.millis
          ? Math.max(state.counter, theirs.counter) + 1
          : millis === state.millis
            ? state.counter + 1
            : millis === theirs.millis
              ? theirs.counter + 1
              : 0;
      return { ok: true, hlc: advance(millis, counter) };
    },
    last: () => formatHlc(state),
  };
}
