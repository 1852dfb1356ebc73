import { Link } from 'react-router';
import { linkageKindLabels, linkageStatusLabels } from '../../../shared/linkage/linkageKinds';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { useLoaded } from '../../ui/useLoaded';

/**
 * 要訂正の連携: the caseworker's rows that were refused or held back, across the cases in their scope, so a
 * refusal imported overnight is seen without opening every case. Only for the roles that can correct a case.
 */
export function CorrectionWorkList() {
  const services = useServices();
  const { session } = useUnlocked();
  const correcting = session.role === 'caseworker' || session.role === 'supervisor';
  const items = useLoaded(async () => (correcting ? services.linkage.needingCorrection() : []), [services, correcting]);
  if (!correcting) return null;
  return (
    <section aria-labelledby="linkage-corrections-title">
      <h3 id="linkage-corrections-title">要訂正の連携</h3>
      {items.state === 'loading' && <p>読み込んでいます…</p>}
      {items.state === 'failed' && <p role="alert">要訂正の連携を読めません: {items.message}</p>}
      {items.state === 'ready' &&
        (items.value.length === 0 ? (
          <p>訂正が必要な連携はありません。</p>
        ) : (
          <ul aria-label="要訂正の連携">
            {items.value.map(({ record, householdId, caseNumber }) => (
              <li key={record.id} className="needs-confirmation">
                <Link to={`/cases/${householdId}`}>ケース {caseNumber}</Link>　{linkageKindLabels[record.kind]}：{linkageStatusLabels[record.status]}
                {record.problem && `（${record.problem.reason}）`}
              </li>
            ))}
          </ul>
        ))}
    </section>
  );
}
