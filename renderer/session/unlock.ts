import { loadSodium } from '../../shared/crypto/sodium';
import type { SeihoApi } from '../../shared/ipc/api';
import type { ResponseOf } from '../../shared/ipc/contract';
import type { Session } from '../../shared/domain/staff';
import { openDatabase, type DataStore } from '../data/db';
import { createRepositories } from '../data/repos';
import { chainVaultEvents } from '../data/vaultEvents';
import { createServices, type Services } from '../services';

/**
 * The unlocked app as screens see it: who is signed in (for the menu and labels) and the session-bound services.
 * The store and the repositories stay behind the services; `close` wipes the key on lock.
 */
export type UnlockedSession = {
  session: Session;
  user: { userId: string; loginId: string; displayName: string };
  officeId: string;
  officeName: string;
  services: Services;
  close(): void;
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
  const fromBase64 = (text: string) => sodium.from_base64(text, sodium.base64_variants.ORIGINAL);
  const key = fromBase64(unlocked.dataKey);
  // While a key rotation's re-seal is under way main hands over the previous key too; the blind key does not rotate.
  const previous = unlocked.previousKey ? { kid: unlocked.previousKey.keyId, key: fromBase64(unlocked.previousKey.dataKey) } : null;
  const blindKey = unlocked.blindKey ? fromBase64(unlocked.blindKey) : undefined;
  let store: DataStore;
  try {
    store = await openDatabase(key, {
      kid: unlocked.keyId,
      device: unlocked.device,
      ...(previous && { previousKeys: [previous] }),
      ...(blindKey && { blindKey }),
    });
  } finally {
    for (const secret of [key, previous?.key, blindKey]) if (secret) sodium.memzero(secret);
  }
  const session: Session = {
    userId: unlocked.userId,
    role: unlocked.profile.role,
    teamId: unlocked.profile.teamId,
    deviceProfile: unlocked.device.profile,
    hubDeviceId: unlocked.device.hubDeviceId ?? null,
  };
  await createRepositories(store).staff.syncSelf(session, office.id, unlocked.profile);
  const pending = await api.vaultEventsPending({});
  if (pending.ok && pending.value.events.length > 0) {
    const ids = await chainVaultEvents(store, pending.value.events);
    await api.vaultEventsAck({ ids });
  }
  const services = createServices({ store, session, api, officeId: office.id });
  // In the background: the app is usable while the rows are re-sealed (progress on the 管理 screen).
  void services.keyRotation.resume();
  return {
    session,
    user: { userId: unlocked.userId, loginId: unlocked.loginId, displayName: unlocked.profile.displayName },
    officeId: office.id,
    officeName: office.name,
    services,
    close: () => store.close(),
    mustChangePassphrase: unlocked.mustChangePassphrase,
  };
}
