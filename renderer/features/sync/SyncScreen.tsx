import { roleLabels } from '../../../shared/auth/roles';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { Tabs, type Tab } from '../../ui/Tabs';
import { QuarantinePanel } from './QuarantinePanel';
import { SyncRunPanel } from './SyncRunPanel';

const hubTabs: readonly Tab[] = [
  { key: 'run', label: '取込みと返送', panel: () => <SyncRunPanel hub /> },
  { key: 'quarantine', label: '同期の保留', panel: () => <QuarantinePanel /> },
];

/**
 * 同期: on the hub, the administrator's import and return and the quarantine (the devices are in 管理 › 端末); on an
 * enrolled device, whoever works on it syncs with the hub. Main and the data layer refuse anyone else as well.
 */
export function SyncScreen() {
  const services = useServices();
  const { session } = useUnlocked();
  const hub = services.access.deviceProfile === 'hub';
  const allowed = hub ? session.role === 'systemAdmin' : session.role !== 'auditor';
  return (
    <section aria-labelledby="sync-title">
      <h2 id="sync-title">同期</h2>
      {!allowed ? (
        <p role="alert" className="refusal">
          {hub ? 'ハブ端末の同期はシステム管理者だけが行えます' : '監査担当者は同期を行いません'}（現在の役割: {roleLabels[session.role]}）。
        </p>
      ) : hub ? (
        <Tabs label="同期の作業" tabs={hubTabs} />
      ) : (
        <SyncRunPanel hub={false} />
      )}
    </section>
  );
}
