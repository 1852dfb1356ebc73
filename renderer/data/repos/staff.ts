import type { StaffProfile } from '../../../shared/auth/roles.js';
import type { User } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { assertSession } from '../access.js';
import { appendAudit } from '../audit.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, InvalidRecordError, isDamaged } from '../errors.js';
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

  /**
   * A change the administrator makes to someone's 役割 or status: the office keeps an active システム管理者, and no
   * administrator changes their own role (their session would go on in the role they left). Main's key store
   * holds the same rules; here they are judged before main is asked, and again as the directory is written.
   */
  const assertChange = async (session: Session, userId: string, profile: StaffProfile, status: User['status']) => {
    const users = (await store.db.users.toArray()).filter((u): u is User => !isDamaged(u));
    const current = users.find((u) => u.id === userId);
    if (!current) return;
    if (userId === session.userId && current.role !== profile.role)
      throw new InvalidRecordError('role', '自分の役割は変更できません。別のシステム管理者が変更します');
    const staysAdmin = profile.role === 'systemAdmin' && status === 'active';
    const otherAdmins = users.filter((u) => u.id !== userId && u.role === 'systemAdmin' && u.status === 'active');
    if (current.role === 'systemAdmin' && current.status === 'active' && !staysAdmin && otherAdmins.length === 0)
      throw new InvalidRecordError('role', '最後のシステム管理者の役割は変更できません。先に別の管理者を追加してください');
  };

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
      await assertChange(session, userId, profile, status);
      return upsert(session.userId, officeId, userId, profile, status);
    },
    /** The administrator's check before asking main to change a user (refused here, nothing is changed anywhere). */
    async checkChange(session: Session, userId: string, profile: StaffProfile): Promise<void> {
      assertSession(store, session);
      if (session.role !== 'systemAdmin') throw new AccessDeniedError('利用者の管理はシステム管理者だけが行えます');
      await assertChange(session, userId, profile, 'active');
    },
    /** Names for screens (who is assigned, who approved). */
    async list(session: Session): Promise<User[]> {
      assertSession(store, session);
      return (await store.db.users.toArray()).filter((u): u is User => !isDamaged(u));
    },
  };
}
