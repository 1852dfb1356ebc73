/**
 * UUIDv7 (RFC 9562 §5.7): 48-bit Unix milliseconds, then randomness. Ids are made offline on every device, so
 * they must never collide and never carry personal data; the time prefix keeps IndexedDB's B-trees append-only.
 * Within one millisecond the 12-bit `rand_a` field counts up (RFC 9562 §6.2, method 1) so that one generator's
 * ids sort in the order they were made.
 */

/** The one member of WebCrypto we need; shared/ sees no DOM types, and tests pass a seeded source. */
export interface RandomSource {
  getRandomValues<T extends Uint8Array>(array: T): T;
}

export interface UuidV7Options {
  now?: () => number;
  random?: RandomSource;
}

const hex = (bytes: Uint8Array) => Array.from(bytes, (b) => b.toString(16).padStart(2, '0')).join('');

export const UUIDV7_PATTERN = /^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;

export function defaultRandomSource(): RandomSource {
  const source = (globalThis as { crypto?: RandomSource }).crypto;
  if (!source) throw new Error('crypto.getRandomValues is not available');
  return source;
}

export function createUuidV7Generator(options: UuidV7Options = {}): () => string {
  const now = options.now ?? Date.now;
  const random = options.random ?? defaultRandomSource();
  let lastMillis = -1;
  let counter = 0;
  return () => {
    const bytes = random.getRandomValues(new Uint8Array(16));
    let millis = now();
    if (millis <= lastMillis) {
      // Same millisecond (or the clock stepped back): count up; on overflow borrow the next millisecond.
      millis = lastMillis;
      counter += 1;
      if (counter > 0xfff) {
        millis += 1;
        counter = 0;
      }
    } else {
      counter = ((bytes[6]! & 0x0f) << 8) | bytes[7]!; // random start, so ids of one ms do not all begin at 0
      counter &= 0x7ff; // leave headroom to count up
    }
    lastMillis = millis;
    for (let i = 5; i >= 0; i -= 1) {
      bytes[i] = millis % 256;
      millis = Math.floor(millis / 256);
    }
    bytes[6] = 0x70 | (counter >> 8);
    bytes[7] = counter & 0xff;
    bytes[8] = 0x80 | (bytes[8]! & 0x3f);
    const h = hex(bytes);
    return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
  };
}

let shared: (() => string) | undefined;

/** A new id from the process-wide generator (WebCrypto randomness, wall clock). */
export function uuidv7(): string {
  shared ??= createUuidV7Generator();
  return shared();
}

/** The creation time an id carries, in Unix milliseconds. */
export const uuidv7Millis = (id: string) => Number.parseInt(id.replace(/-/g, '').slice(0, 12), 16);
