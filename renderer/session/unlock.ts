import { loadSodium } from '../../shared/crypto/sodium';
import type { SeihoApi } from '../../shared/ipc/api';
import type { ResponseOf } from '../../shared/ipc/contract';
import type { Session } from '../../shared/domain/staff';
import { openDatabase, type DataStore } from '../data/db';
import { createRepositories, type Repositories } from '../data/repos';
import { chainVaultEvents } from '../data/vaultEvents';

export type UnlockedSession = {
  session: Session;
  user: { userId: string; loginId: string; displayName: string };
  officeId: string;
  officeName: string;
  store: DataStore;
  repos: Repositories;
  mustChangePassphrase: boolean;
};

export class UnlockError extends Error {
  constructor(
    readonly code: string,
    message: string,
  ) {
    super(message);
  }
}

/**
 * After main accepted the passphrase: open the database with the data key, wipe the key's transport copy,
 * bring the user's own staff row in line with the key store, and chain main's pending vault events (failed
 * unlocks included) into the audit log.
 */
export async function openSession(api: SeihoApi, unlocked: ResponseOf<'vaultUnlock'>, office: { id: string; name: string }): Promise<UnlockedSession> {
  const sodium = await loadSodium();
  const key = sodium.from_base64(unlocked.dataKey, sodium.base64_variants.ORIGINAL);
  let store: DataStore;
  try {
    store = await openDatabase(key, { kid: unlocked.keyId, device: unlocked.device });
  } finally {
    sodium.memzero(key);
  }
  const session: Session = { userId: unlocked.userId, role: unlocked.profile.role, teamId: unlocked.profile.teamId, deviceProfile: unlocked.device.profile };
  const repos = createRepositories(store);
  await repos.staff.syncSelf(session, office.id, unlocked.profile);
  const pending = await api.vaultEventsPending({});
  if (pending.ok && pending.value.events.length > 0) {
    const ids = await chainVaultEvents(store, pending.value.events);
    await api.vaultEventsAck({ ids });
  }
  return {
    session,
    user: { userId: unlocked.userId, loginId: unlocked.loginId, displayName: unlocked.profile.displayName },
    officeId: office.id,
    officeName: office.name,
    store,
    repos,
    mustChangePassphrase: unlocked.mustChangePassphrase,
  };
}
