import { describe, expect, test } from 'vitest';
import { createUuidV7Generator, UUIDV7_PATTERN, uuidv7, uuidv7Millis } from '../../../shared/ids/uuidv7.js';

describe('UUIDv7', () => {
  test('version 7, RFC 9562 variant, and the creation time in the first 48 bits', () => {
    const at = Date.parse('2026-11-25T09:30:00.123Z');
    const id = createUuidV7Generator({ now: () => at })();
    expect(id).toMatch(UUIDV7_PATTERN);
    expect(uuidv7Millis(id)).toBe(at);
  });

  test('ids from one generator sort in creation order, within a millisecond and across a stepped-back clock', () => {
    const times = [1000, 1000, 1000, 999, 1001, 1001];
    const next = createUuidV7Generator({ now: () => times.shift() ?? 2000 });
    const ids = Array.from({ length: 6 }, next);
    expect([...ids].sort()).toEqual(ids);
    expect(new Set(ids).size).toBe(6);
  });

  test('more than 4,096 ids in one millisecond borrow the next millisecond and stay ordered', () => {
    const next = createUuidV7Generator({ now: () => 5000 });
    const ids = Array.from({ length: 6000 }, next);
    expect([...ids].sort()).toEqual(ids);
    expect(uuidv7Millis(ids.at(-1)!)).toBeGreaterThan(5000);
  });

  test('uses the random source it is given', () => {
    const zeros = { getRandomValues: <T extends Uint8Array>(a: T) => a.fill(0) };
    expect(createUuidV7Generator({ now: () => 0, random: zeros })()).toBe('00000000-0000-7000-8000-000000000000');
  });

  test('the default generator gives 10,000 distinct valid ids', () => {
    const ids = Array.from({ length: 10_000 }, uuidv7);
    expect(new Set(ids).size).toBe(10_000);
    expect(ids.every((id) => UUIDV7_PATTERN.test(id))).toBe(true);
  });
});
