import { Link, useParams } from 'react-router';
import { caseStatusLabels } from '../../../shared/casework/caseStatus';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { Tabs } from '../../ui/Tabs';
import { DebtsTab } from '../debts/DebtsTab';
import { DecisionsTab } from '../decisions/DecisionsTab';
import { IncomeTab } from '../income/IncomeTab';
import { IntakeTab } from '../intake/IntakeTab';
import { MedicalTicketsTab } from '../medicalTickets/MedicalTicketsTab';
import { VisitsTab } from '../visits/VisitsTab';
import { CaseLinkageTab } from '../caseLinkage/CaseLinkageTab';
import { CaseRecordsTab } from './CaseRecordsTab';
import { HouseholdPanel } from './HouseholdPanel';
import { MinimumCostTab } from './MinimumCostTab';
import { MembersTab } from './MembersTab';
import { useLoaded } from '../../ui/useLoaded';

/** One case. Opened through `households.open`, which refuses a case outside the session's scope and logs the opening. */
export function CaseScreen() {
  const { id = '' } = useParams();
  const services = useServices();
  const household = useLoaded(() => services.households.open(id), [services, id]);
  const back = <Link to="/cases">ケース一覧へ戻る</Link>;
  if (household.state === 'loading') return <p>読み込んでいます…</p>;
  if (household.state === 'failed') {
    return (
      <section aria-labelledby="case-title">
        <h2 id="case-title">ケースを開けません</h2>
        <FormAlert message={household.message} />
        <p>{back}</p>
      </section>
    );
  }
  const h = household.value;
  return (
    <section aria-labelledby="case-title">
      <p>{back}</p>
      <h2 id="case-title">
        ケース {h.caseNumber}（{caseStatusLabels[h.status]}）
      </h2>
      <Tabs
        label="ケースの内容"
        tabs={[
          { key: 'household', label: '世帯', panel: () => <HouseholdPanel household={h} onSaved={household.reload} /> },
          { key: 'members', label: '世帯員', panel: () => <MembersTab householdId={h.id} /> },
          // Receiving an application moves the case to 申請中: re-read it so the header and the decision form follow.
          { key: 'intake', label: '相談・申請', panel: () => <IntakeTab household={h} onCaseChanged={household.reload} /> },
          { key: 'decisions', label: '保護の経過', panel: () => <DecisionsTab household={h} /> },
          { key: 'minimumCost', label: '最低生活費', panel: () => <MinimumCostTab householdId={h.id} /> },
          { key: 'incomes', label: '収入', panel: () => <IncomeTab householdId={h.id} /> },
          { key: 'records', label: 'ケース記録', panel: () => <CaseRecordsTab householdId={h.id} /> },
          { key: 'visits', label: '訪問', panel: () => <VisitsTab householdId={h.id} /> },
          { key: 'tickets', label: '医療券', panel: () => <MedicalTicketsTab householdId={h.id} /> },
          { key: 'debts', label: '債権', panel: () => <DebtsTab householdId={h.id} /> },
          { key: 'linkage', label: '連携', panel: () => <CaseLinkageTab householdId={h.id} /> },
        ]}
      />
    </section>
  );
}
