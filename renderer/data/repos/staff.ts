import type { StaffProfile } from '../../../shared/auth/roles.js';
import type { User } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { assertSession } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, isDamaged } from '../errors.js';
import { writeTransaction } from '../outbox.js';
import { hubOnlyRefusal } from '../sync/policy.js';

/**
 * The office's staff directory in the database: names for screens, and the teams that scope a supervisor's
 * reach. Main's key store is the authority on who may unlock and in which role; this table follows it — each
 * user's own row at their unlock, other users' rows when the administrator changes them — and syncs.
 */
export function staffRepository(store: DataStore) {
  const upsert = (actor: string, officeId: string, userId: string, profile: StaffProfile, status: User['status']) =>
    writeTransaction(store, ['users'], async (writer) => {
      const before = await store.db.users.get(userId);
      const previous = before && !isDamaged(before) ? before : undefined;
      const next = { id: userId, officeId, name: profile.displayName, role: profile.role, teamId: profile.teamId, status };
      const changed = (['name', 'role', 'teamId', 'status', 'officeId'] as const).filter((field) => previous?.[field] !== next[field]);
      if (previous && changed.length === 0) return previous;
      const saved = await writer.put('users', next);
      await appendAudit(store, actor, { kind: 'userChanged', detail: { userId, fields: changed } });
      if (previous?.role !== next.role)
        await appendAudit(store, actor, { kind: 'roleChanged', detail: { userId, from: previous?.role ?? null, to: next.role } });
      return saved;
    });

  return {
    /** At unlock: the user's own row matches what main's key store says about them. */
    async syncSelf(session: Session, officeId: string, profile: StaffProfile): Promise<User> {
      assertSession(store, session);
      if (hubOnlyRefusal(store.device, 'users', 'put', null) === null) return upsert(session.userId, officeId, session.userId, profile, 'active');
      // A device enrolled to a hub: the directory is the hub's and comes with its returns. Until the first one, the
      // user's row is kept here for names on screens — never queued, so the hub is not asked to take it.
      const stored = await store.db.users.get(session.userId);
      if (stored && !isDamaged(stored)) return stored;
      const row: User = {
        id: session.userId,
        officeId,
        name: profile.displayName,
        role: profile.role,
        teamId: profile.teamId,
        status: 'active',
        hlc: store.clock.stamp(),
      };
      await store.db.users.put(row);
      return row;
    },
    /** The administrator records a user they created, changed or deactivated in the key store. */
    async record(session: Session, officeId: string, userId: string, profile: StaffProfile, status: User['status']): Promise<User> {
      assertSession(store, session);
      if (session.role !== 'systemAdmin') throw new AccessDeniedError('利用者の管理はシステム管理者だけが行えます');
      return upsert(session.userId, officeId, userId, profile, status);
    },
    /** Names for screens (who is assigned, who approved). */
    async list(session: Session): Promise<User[]> {
      assertSession(store, session);
      return (await store.db.users.toArray()).filter((u): u is User => !isDamaged(u));
    },
  };
}
