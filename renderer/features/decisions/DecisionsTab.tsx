import { Link } from 'react-router';
import { approvalStageLabels, decisionLabels } from '../../../shared/casework/caseStatus';
import type { Decision, Household } from '../../../shared/domain/records';
import { isDamaged } from '../../data/errors';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { useLoaded } from '../../ui/useLoaded';
import { aidList } from './decisionLabels';
import { DecisionWizard } from './DecisionWizard';

/**
 * 保護の経過: every decision of the case in the order of its effective date, none ever removed; one that a later
 * (retroactive) decision supersedes stays listed and says so. Below it, the form to draft the next decision.
 */
export function DecisionsTab({ household }: { household: Household }) {
  const services = useServices();
  const { session } = useUnlocked();
  const decisions = useLoaded(() => services.decisions.list(household.id), [services, household.id]);
  if (decisions.state === 'loading') return <p>読み込んでいます…</p>;
  if (decisions.state === 'failed') return <FormAlert message={decisions.message} />;
  const rows = decisions.value.filter((row): row is Decision => !isDamaged(row));
  const damaged = decisions.value.length - rows.length;
  const supersededBy = new Map(rows.filter((d) => d.supersedes && d.stage === 'approved').map((d) => [d.supersedes!, d]));
  const ordered = [...rows].sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.hlc.localeCompare(b.hlc));
  return (
    <>
      {ordered.length === 0 ? (
        <p>決定はまだありません。</p>
      ) : (
        <ol className="case-records" aria-label="保護の経過">
          {ordered.map((d) => {
            const later = supersededBy.get(d.id);
            return (
              <li key={d.id} className={later ? 'superseded' : undefined}>
                <p className="record-head">
                  <DateText date={d.effectiveOn} />　{decisionLabels[d.kind]}決定　{approvalStageLabels[d.stage]}
                </p>
                <p>扶助: {aidList(d.aids)}</p>
                {d.supersedes && <p>（遡及して以前の決定を取り消し、置き換える決定）</p>}
                {later && (
                  <p>
                    この決定は <DateText date={later.effectiveOn} /> 付けの{decisionLabels[later.kind]}決定により取り消されました
                  </p>
                )}
                <Link to={`/intake/decisions/${d.id}`}>決定の内容と決裁</Link>
              </li>
            );
          })}
        </ol>
      )}
      {damaged > 0 && <p className="damaged-row">この記録は改ざんまたは破損しています（{damaged}件）</p>}
      {session.role !== 'manager' && <DecisionWizard household={household} approved={rows.filter((d) => d.stage === 'approved')} />}
    </>
  );
}
