import type { Dexie, Table } from 'dexie';
import { compareHlc } from '../../shared/sync/hlc.js';
import { IntegrityError, isDamaged } from './errors.js';

/**
 * Stored counters: the per-stream outbox sequence and the audit chain's sequence and head hash, with the HLC
 * of the last change. They live in the same transactions as the rows they number, so a rolled-back write
 * rolls back its number too and the streams stay gap-free.
 */
export interface Counter {
  id: string;
  seq: number;
  /** The HLC of the last change counted, so the clock resumes after it across restarts. */
  hlc: string | null;
  /** The audit chain's last hash. */
  head: string | null;
}

type WithCounters = Dexie & { counters: Table<Counter, string> };

/**
 * Takes the next number of counter `id`, storing alongside it what `fields` derives from the number. Call it
 * inside a read-write transaction that includes `counters`.
 */
export async function advanceCounter(
  db: WithCounters,
  id: string,
  fields: (seq: number, previous: Counter | undefined) => { hlc?: string; head?: string },
  /** Takes this many numbers at once (a batch); `seq` is then the last of them. */
  count = 1,
) {
  const previous = await readCounter(db, id);
  const seq = (previous?.seq ?? 0) + count;
  const { hlc, head } = fields(seq, previous);
  await db.counters.put({ id, seq, hlc: hlc ?? previous?.hlc ?? null, head: head ?? previous?.head ?? null });
  return { seq, previous };
}

export async function readCounter(db: WithCounters, id: string): Promise<Counter | undefined> {
  const counter = await db.counters.get(id);
  if (isDamaged(counter)) throw new IntegrityError('counters', id);
  return counter;
}

export async function lastHlc(db: WithCounters): Promise<string | undefined> {
  const stamps = (await db.counters.toArray()).flatMap((counter) => (!isDamaged(counter) && counter.hlc ? [counter.hlc] : []));
  return stamps.sort(compareHlc).at(-1);
}
