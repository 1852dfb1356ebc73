import { randomUUID } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { vaultEventSchema, type VaultEventRecord } from '../../shared/ipc/vaultSchemas.js';
import { atomicWriteFile } from '../fs/atomicWrite.js';
import type { SettingsEvent } from '../settings/settingsAudit.js';
import type { SyncEvent } from '../sync/syncEvents.js';
import type { VaultEvent } from './vault.js';

/**
 * Vault events wait here until the renderer has written them into the hash-chained audit log. A failed
 * unlock happens while the database is closed (no key), so it cannot go straight into the log; the journal
 * keeps it on disk, and the next unlocked session chains it in and acknowledges it by id.
 */
export function createEventJournal(dataDir: string) {
  const path = join(dataDir, 'vault-events.json');
  let pending: VaultEventRecord[] | null = null;
  let queue: Promise<unknown> = Promise.resolve();
  const serialize = <T>(task: () => Promise<T>): Promise<T> => {
    const run = queue.then(task, task);
    queue = run.catch(() => {});
    return run;
  };

  async function load(): Promise<VaultEventRecord[]> {
    if (pending) return pending;
    try {
      pending = z.array(vaultEventSchema).parse(JSON.parse(await readFile(path, 'utf8')));
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      pending = [];
    }
    return pending;
  }
  const save = (events: VaultEventRecord[]) => atomicWriteFile(path, JSON.stringify(events));

  return {
    /** The vault's events, main's changes of security-relevant settings (main/settings/settingsAudit.ts) and sync enrolments. */
    record(event: VaultEvent | SettingsEvent | SyncEvent): Promise<void> {
      const { at, type, ...rest } = event;
      const userId = 'userId' in rest && typeof rest.userId === 'string' ? rest.userId : null;
      const detail = Object.fromEntries(Object.entries(rest).filter(([key]) => key !== 'userId')) as VaultEventRecord['detail'];
      return serialize(async () => {
        const events = await load();
        events.push({ id: randomUUID(), at, type, userId, detail });
        await save(events);
      });
    },
    list: () => serialize(async () => [...(await load())]),
    /** Resolves when every event recorded so far is on disk. */
    settled: () => serialize(async () => {}),
    acknowledge: (ids: readonly string[]) =>
      serialize(async () => {
        const done = new Set(ids);
        const events = await load();
        pending = events.filter((e) => !done.has(e.id));
        await save(pending);
      }),
  };
}
