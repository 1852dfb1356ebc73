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

/**
 * The counters a write transaction uses, read once when it starts and written once when it ends (writeBatch.ts):
 * a batch of rows takes its range of numbers in memory instead of a read and a write per row.
 */
export class CounterRanges {
  private readonly changed = new Set<string>();

  private constructor(private readonly counters: Map<string, Counter | undefined>) {}

  /** Reads `ids` in one request. Call it inside the read-write transaction that will write them back. */
  static async load(db: WithCounters, ids: readonly string[]): Promise<CounterRanges> {
    const rows = await db.counters.bulkGet([...ids]);
    rows.forEach((row, i) => {
      if (isDamaged(row)) throw new IntegrityError('counters', ids[i]!);
    });
    return new CounterRanges(new Map(ids.map((id, i) => [id, rows[i]])));
  }

  /** The counter as it stands in this transaction (undefined: never counted). */
  current(id: string): Counter | undefined {
    if (!this.counters.has(id)) throw new Error(`counter ${id} was not loaded for this transaction`);
    return this.counters.get(id);
  }

  /** Takes `count` numbers; returns the first. `hlc`/`head` replace the stored ones when given. */
  take(id: string, count: number, fields: { hlc?: string; head?: string } = {}): number {
    const previous = this.current(id);
    const first = (previous?.seq ?? 0) + 1;
    this.counters.set(id, { id, seq: first - 1 + count, hlc: fields.hlc ?? previous?.hlc ?? null, head: fields.head ?? previous?.head ?? null });
    this.changed.add(id);
    return first;
  }

  /** Records the HLC of the last change counted or the chain's head, after the numbers were taken. */
  note(id: string, fields: { hlc?: string; head?: string }): void {
    const counter = this.current(id);
    if (!counter) throw new Error(`counter ${id} has taken no number`);
    this.counters.set(id, { ...counter, hlc: fields.hlc ?? counter.hlc, head: fields.head ?? counter.head });
    this.changed.add(id);
  }

  /** Stores what was taken (one request; nothing when nothing was taken). */
  save(db: WithCounters): Promise<unknown> {
    const rows = [...this.changed].map((id) => this.counters.get(id)!);
    return rows.length > 0 ? db.counters.bulkPut(rows) : Promise.resolve();
  }
}
