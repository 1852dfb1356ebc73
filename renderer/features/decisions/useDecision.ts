import type { Calculation, Decision, Household } from '../../../shared/domain/records';
import { isDamaged } from '../../data/errors';
import type { MemberView } from '../../data/repos/members';
import { useServices } from '../../session/SessionProvider';
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
  const services = useServices();
  return useLoaded(async (): Promise<DecisionFile> => {
    const decision = await services.decisions.get(id);
    if (!decision) throw new Error('決定が見つかりません');
    const [household, members, calculation, staff] = await Promise.all([
      services.households.open(decision.householdId),
      services.members.list(decision.householdId),
      decision.calculationId ? services.calculations.get(decision.calculationId) : Promise.resolve(undefined),
      services.staff.list(),
    ]);
    const names = new Map(staff.map((u) => [u.id, u.name]));
    const head = members.find((m): m is MemberView => !isDamaged(m) && m.relation === HEAD_RELATION) ?? null;
    return { decision, household, head, calculation: calculation ?? null, staffName: (userId) => names.get(userId) ?? '（不明な職員）' };
  }, [services, id]);
}
