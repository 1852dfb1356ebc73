import { describe, expect, test } from 'vitest';
import { compareHlc, createHlcClock, formatHlc, hlcNodeFromId, parseHlc, HLC_PATTERN } from '../../../shared/sync/hlc.js';

const nodeA = '0123456789abcdef';
const nodeB = 'fedcba9876543210';

describe('hybrid logical clock', () => {
  test('stamps are fixed-width strings that round-trip', () => {
    const stamp = formatHlc({ millis: Date.parse('2026-11-25T09:30:00.000Z'), counter: 10, node: nodeA });
    expect(stamp).toBe('2026-11-25T09:30:00.000Z-000a-0123456789abcdef');
    expect(stamp).toMatch(HLC_PATTERN);
    expect(parseHlc(stamp)).toEqual({ millis: Date.parse('2026-11-25T09:30:00.000Z'), counter: 10, node: nodeA });
    expect(() => parseHlc('2026-11-25')).toThrow();
  });

  test('local stamps strictly increase even when the wall clock stands still or steps back', () => {
    const times = [1000, 1000, 900, 900, 1200];
    const clock = createHlcClock({ node: nodeA, now: () => times.shift()! });
    const stamps = Array.from({ length: 5 }, () => clock.stamp());
    for (let i = 1; i < stamps.length; i += 1) expect(compareHlc(stamps[i - 1]!, stamps[i]!)).toBe(-1);
    expect(parseHlc(stamps[4]!).millis).toBe(1200);
  });

  test('receiving moves the clock past the remote stamp (happened-before is preserved)', () => {
    const a = createHlcClock({ node: nodeA, now: () => 1000 });
    const b = createHlcClock({ node: nodeB, now: () => 500 }); // b's wall clock is behind
    const sent = a.stamp();
    const received = b.receive(sent);
    expect(received.ok).toBe(true);
    const after = b.stamp();
    expect(compareHlc(sent, after)).toBe(-1);
    expect(received.ok && compareHlc(sent, received.hlc)).toBe(-1);
  });

  test('a remote stamp too far ahead is refused and does not move the clock', () => {
    const clock = createHlcClock({ node: nodeA, now: () => 0, maxDriftMs: 60_000 });
    const before = clock.last();
    const result = clock.receive(formatHlc({ millis: 10 * 60_000, counter: 0, node: nodeB }));
    expect(result).toEqual({ ok: false, reason: 'drift', driftMs: 600_000 });
    expect(clock.last()).toBe(before);
  });

  test('a restarted clock resumes after its persisted stamp; counter overflow borrows a millisecond', () => {
    const persisted = formatHlc({ millis: 5000, counter: 0xffff, node: nodeA });
    const clock = createHlcClock({ node: nodeA, now: () => 10, last: persisted });
    const next = clock.stamp();
    expect(compareHlc(persisted, next)).toBe(-1);
    expect(parseHlc(next)).toMatchObject({ millis: 5001, counter: 0 });
  });

  test('ties between nodes are broken by node id, so every replica orders the same way', () => {
    const a = formatHlc({ millis: 1, counter: 0, node: nodeA });
    const b = formatHlc({ millis: 1, counter: 0, node: nodeB });
    expect([b, a].sort(compareHlc)).toEqual([a, b]);
    expect(hlcNodeFromId('01936c1e-7d2a-7b3c-8d4e-5f6a7b8c9d0e')).toBe('8d4e5f6a7b8c9d0e');
  });
});
