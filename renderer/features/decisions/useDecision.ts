import type { Calculation, Decision, Household } from '../../../shared/domain/records';
import { isDamaged } from '../../data/errors';
import type { MemberView } from '../../data/repos/members';
import { useUnlocked } from '../../session/SessionProvider';
import { HEAD_RELATION } from '../cases/caseLabels';
import { useLoaded } from '../../ui/useLoaded';

export interface DecisionFile {
  decision: Decision;
  household: Household;
  head: MemberView | null;
  calculation: Calculation | null;
  staffName(id: string): string;
}

/** One decision with what its screen and notice show: the case (opened, so logged), its head, the calculation, staff names. */
export function useDecision(id: string) {
  const { repos, session } = useUnlocked();
  return useLoaded(async (): Promise<DecisionFile> => {
    const decision = await repos.decisions.get(session, id);
    if (!decision) throw new Error('決定が見つかりません');
    const [household, members, calculation, staff] = await Promise.all([
      repos.households.open(session, decision.householdId),
      repos.members.list(session, decision.householdId),
      decision.calculationId ? repos.calculations.get(session, decision.calculationId) : Promise.resolve(undefined),
      repos.staff.list(session),
    ]);
    const names = new Map(staff.map((u) => [u.id, u.name]));
    const head = members.find((m): m is MemberView => !isDamaged(m) && m.relation === HEAD_RELATION) ?? null;
    return { decision, household, head, calculation: calculation ?? null, staffName: (userId) => names.get(userId) ?? '（不明な職員）' };
  }, [repos, session, id]);
}
