import type { Session } from '../../../shared/domain/staff.js';
import { assertSession } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, isDamaged } from '../errors.js';

/**
 * Half-filled forms, saved as the user types so that a crash or a flat battery on a home visit loses nothing.
 * Local to the device (never synced, no outbox entry), and visible only to their owner. A draft is not a record:
 * nothing in it counts until the form is submitted through its repository, which checks scope then.
 */
export interface Draft {
  id: string;
  userId: string;
  householdId: string | null;
  /** Which form or wizard step, e.g. 'application/step2'. */
  form: string;
  updatedAt: string;
  data: unknown;
}

export function draftsRepository(store: DataStore) {
  const { drafts } = store.db;
  const own = async (session: Session, id: string) => {
    const draft = await drafts.get(id);
    if (draft && (isDamaged(draft) || draft.userId !== session.userId)) throw new AccessDeniedError('他の職員の下書きは開けません');
    return draft;
  };
  return {
    /** The session user's drafts, newest first; a damaged draft is left out (it cannot be shown as a form). */
    async list(session: Session): Promise<Draft[]> {
      assertSession(store, session);
      const mine = await drafts.where('userId').equals(session.userId).toArray();
      return mine.filter((d) => !isDamaged(d) && d.userId === session.userId).sort((a, b) => b.updatedAt.localeCompare(a.updatedAt));
    },
    async get(session: Session, id: string): Promise<Draft | undefined> {
      assertSession(store, session);
      return own(session, id);
    },
    async save(session: Session, draft: Omit<Draft, 'userId' | 'updatedAt'>): Promise<Draft> {
      assertSession(store, session);
      const saved = { ...draft, userId: session.userId, updatedAt: new Date(store.now()).toISOString() };
      await drafts.db.transaction('rw', drafts, async () => {
        await own(session, draft.id);
        await drafts.put(saved);
      });
      return saved;
    },
    async remove(session: Session, id: string): Promise<void> {
      assertSession(store, session);
      await drafts.db.transaction('rw', drafts, async () => {
        if (await own(session, id)) await drafts.delete(id);
      });
    },
  };
}
