// Before Dexie loads: it takes the IndexedDB globals when first imported.
import 'fake-indexeddb/auto';
import type { SeihoApi } from '../../shared/ipc/api';
import type { Session } from '../../shared/domain/staff';
import type { DataStore } from '../../renderer/data/db';
import { createRepositories, type Repositories } from '../../renderer/data/repos';
import { createServices } from '../../renderer/services';
import type { UnlockedSession } from '../../renderer/session/unlock';

/** The unlocked session a screen sees, plus the store and repositories a test uses to plant and check rows. */
export type TestUnlocked = UnlockedSession & { store: DataStore; repos: Repositories };

/** main's API as the test sets it on `window.seiho`, read at each call so a test may swap it. */
const windowApi = new Proxy({} as SeihoApi, { get: (_, name) => (window.seiho as unknown as Record<string | symbol, unknown>)[name] });

export function unlockedFor(store: DataStore, session: Session, displayName: string, loginId = 'user'): TestUnlocked {
  const officeId = 'office-1';
  return {
    session,
    user: { userId: session.userId, loginId, displayName },
    officeId,
    officeName: '加須市福祉事務所',
    services: createServices({ store, session, api: windowApi, officeId }),
    close: () => store.close(),
    mustChangePassphrase: false,
    store,
    repos: createRepositories(store),
  };
}
