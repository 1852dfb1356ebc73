import type { VaultEventRecord } from '../../shared/ipc/vaultSchemas.js';
import { appendAudit } from './audit.js';
import type { DataStore } from './db.js';
import { isDamaged } from './errors.js';

/**
 * Chains the vault's events from main (failed unlocks happen while the database is closed) into the audit log,
 * once each: an event already chained — say the acknowledgement to main was lost in a crash — is skipped.
 * Returns the ids main may now forget.
 */
export async function chainVaultEvents(store: DataStore, events: readonly VaultEventRecord[]): Promise<string[]> {
  const { db } = store;
  return db.transaction('rw', [db.audit, db.counters], async () => {
    const chained = new Set(
      (await db.audit.where('kind').equals('vaultEvent').toArray()).flatMap((entry) =>
        !isDamaged(entry) && entry.kind === 'vaultEvent' ? [entry.detail.eventId] : [],
      ),
    );
    for (const event of events) {
      if (chained.has(event.id)) continue;
      await appendAudit(store, event.userId ?? 'vault', {
        kind: 'vaultEvent',
        detail: { eventId: event.id, type: event.type, at: event.at, userId: event.userId, data: event.detail },
      });
    }
    return events.map((event) => event.id);
  });
}
