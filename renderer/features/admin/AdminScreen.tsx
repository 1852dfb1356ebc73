import { roleLabels } from '../../../shared/auth/roles';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { DevicesPanel } from '../sync/DevicesPanel';
import { BackupsPanel } from './BackupsPanel';
import { KeyRotationPanel } from './KeyRotationPanel';
import { TrainingPanel } from './TrainingPanel';
import { UsersPanel } from './UsersPanel';

/** 管理: the administrator's users, backups and data key. Main refuses these calls to anyone else as well. */
export function AdminScreen() {
  const { session } = useUnlocked();
  const hub = useServices().access.deviceProfile === 'hub';
  return (
    <section aria-labelledby="admin-title">
      <h2 id="admin-title">管理</h2>
      {session.role === 'systemAdmin' ? (
        <>
          <UsersPanel />
          {hub && <DevicesPanel />}
          <BackupsPanel />
          <KeyRotationPanel />
          <TrainingPanel />
        </>
      ) : (
        <p role="alert" className="refusal">
          管理画面はシステム管理者だけが利用できます（現在の役割: {roleLabels[session.role]}）。
        </p>
      )}
    </section>
  );
}
