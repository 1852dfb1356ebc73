import { isDamaged } from '../data/errors';
import type { ServiceContext } from './context';

export interface CaseloadCase {
  id: string;
  caseNumber: string;
  address: string;
}

export interface Caseloads {
  /** The caseworkers whose cases the session may move, each with their cases in case-number order. */
  from: { userId: string; name: string; cases: CaseloadCase[] }[];
  /** Who may receive them: active caseworkers — of the SV's team, or the whole office for the 課長. */
  to: { userId: string; name: string }[];
}

/**
 * 異動 (担当の一括変更): the caseloads in the session's scope and the caseworkers they may go to, then the move itself
 * (repos.households.reassign: one transaction, the rules in the data layer). The devices follow at the next sync.
 */
export function caseloadServices({ session, repos }: Pick<ServiceContext, 'session' | 'repos'>) {
  return {
    caseload: {
      async caseloads(): Promise<Caseloads> {
        const [households, staff] = await Promise.all([repos.households.list(session), repos.staff.list(session)]);
        const names = new Map(staff.map((u) => [u.id, u.name]));
        const byWorker = new Map<string, CaseloadCase[]>();
        for (const h of households) {
          if (isDamaged(h) || h.assignedTo === null) continue;
          byWorker.set(h.assignedTo, [...(byWorker.get(h.assignedTo) ?? []), { id: h.id, caseNumber: h.caseNumber, address: h.address }]);
        }
        const from = [...byWorker]
          .map(([userId, cases]) => ({
            userId,
            name: names.get(userId) ?? '（不明な職員）',
            cases: cases.sort((a, b) => a.caseNumber.localeCompare(b.caseNumber, 'ja')),
          }))
          .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
        const to = staff
          .filter((u) => u.role === 'caseworker' && u.status === 'active' && (session.role === 'manager' || u.teamId === session.teamId))
          .map((u) => ({ userId: u.id, name: u.name }))
          .sort((a, b) => a.name.localeCompare(b.name, 'ja'));
        return { from, to };
      },
      reassign(householdIds: readonly string[], toUserId: string): Promise<{ moved: number }> {
        return repos.households.reassign(session, householdIds, toUserId);
      },
    },
  };
}
