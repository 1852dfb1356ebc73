import { useRef, useState } from 'react';
import { isDamaged } from '../../data/errors';
import type { MemberView } from '../../data/repos/members';
import { useServices } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { useLoaded } from '../../ui/useLoaded';
import { localToday } from '../cases/caseLabels';
import { InquiryForm } from './InquiryForm';
import { LinkageLedger } from './LinkageLedger';
import { loadLinkageItems } from './linkageItems';
import { newestFirst } from './ledgerRows';
import { PayeeAccountTable } from './PayeeAccountTable';
import { PublicFundsForm } from './PublicFundsForm';
import { SelfReportedAccountForm } from './SelfReportedAccountForm';

/**
 * 連携: what this case sent to and asked of the 中間サーバー and where each stands, the 情報照会 and 公金受取口座照会
 * a caseworker asks for, and the members' 支給口座. Read-only roles see the ledger and the accounts only.
 */
export function CaseLinkageTab({ householdId }: { householdId: string }) {
  const services = useServices();
  const today = localToday();
  const loaded = useLoaded(async () => {
    const [rows, members, items] = await Promise.all([
      services.linkage.list(householdId),
      services.members.list(householdId),
      loadLinkageItems(services.settings),
    ]);
    // A member that fails to open is shown as damaged on the 世帯員 tab; here it cannot be asked about.
    return { rows: newestFirst(rows), members: members.filter((m): m is MemberView => !isDamaged(m)), items };
  }, [services, householdId]);
  const [notice, setNotice] = useState('');
  const noticeRef = useRef<HTMLParagraphElement>(null);
  const done = (message: string) => {
    setNotice(message);
    loaded.reload();
  };
  // A re-sent row loses its 再送 button: keyboard focus goes to the outcome instead of falling to the page.
  const retried = (message: string) => {
    done(message);
    noticeRef.current?.focus();
  };

  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  const { rows, members, items } = loaded.value;
  const nameOf = (memberId: string | null) => (memberId === null ? '（世帯）' : (members.find((m) => m.id === memberId)?.name ?? '（不明な世帯員）'));
  const mayRequest = services.access.mayWrite('linkageRecords');
  return (
    <>
      <p role="status" ref={noticeRef} tabIndex={-1}>
        {notice}
      </p>
      <section aria-labelledby="linkage-ledger-title">
        <h3 id="linkage-ledger-title">連携の状況</h3>
        <LinkageLedger rows={rows} items={items} nameOf={nameOf} today={today} canRetry={mayRequest} onRetried={retried} />
      </section>
      {mayRequest && <InquiryForm householdId={householdId} members={members} items={items} today={today} onRequested={done} />}
      <section aria-labelledby="payee-accounts-title">
        <h3 id="payee-accounts-title">支給口座・公金受取口座</h3>
        <PayeeAccountTable members={members} />
        {mayRequest && <PublicFundsForm householdId={householdId} members={members} today={today} onRequested={done} />}
        {services.access.mayWrite('members') && <SelfReportedAccountForm members={members} onSaved={done} />}
      </section>
    </>
  );
}
