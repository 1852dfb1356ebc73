import type { Session } from '../../shared/domain/staff';

/**
 * A repository with the session bound in: `households.open(session, id)` becomes `households.open(id)`. The data
 * layer still takes the session on every call and judges it there (role, scope, device); binding it once at unlock
 * only means no screen holds or passes it.
 */
export type SessionBound<R> = {
  [K in keyof R as R[K] extends (session: Session, ...args: never[]) => unknown ? K : never]: R[K] extends (session: Session, ...args: infer A) => infer T
    ? (...args: A) => T
    : never;
};

export function bindSession<R extends object>(repository: R, session: Session): SessionBound<R> {
  const bound: Record<string, unknown> = {};
  for (const [name, value] of Object.entries(repository)) {
    if (typeof value === 'function') bound[name] = (...args: unknown[]) => (value as (...a: unknown[]) => unknown)(session, ...args);
  }
  return bound as SessionBound<R>;
}
