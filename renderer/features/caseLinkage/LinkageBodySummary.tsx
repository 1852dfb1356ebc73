import type { LinkageRecord } from '../../../shared/domain/records';
import { eligibilityBodySchema, inquiryBodySchema, publicFundsBodySchema, replicaBodySchema, ticketBodySchema } from '../../../shared/linkage/exchangeFormat';
import { itemByCode, type LinkageItem } from '../../../shared/linkage/legalReferences';
import { formatWarekiMonth } from '../../../shared/format/wareki';
import { DateText } from '../../ui/DateText';
import { ticketKindLabels } from '../../../shared/casework/medicalTicket';
import { ticketStatusLabels } from '../medicalTickets/ticketForm';
import { consentMethodLabels } from './payeeAccount';

const replicaEventLabels = { register: '登録', correct: '訂正', delete: '削除' } as const;
const replicaStatusLabels = { active: '保護中', suspended: '停止中', terminated: '廃止' } as const;
const eligibilityEventLabels = { register: '登録', end: '終了', cancel: '登録の取消' } as const;

function Period({ from, to }: { from: string; to: string | null }) {
  return (
    <>
      <DateText date={from} />〜{to ? <DateText date={to} /> : ''}
    </>
  );
}

/**
 * What the row sent last, in a line. The body is whatever the ledger holds, so each kind's is read through its
 * exchange schema: a held-back row has none, and an unreadable one is said to be so rather than half shown.
 */
export function LinkageBodySummary({ row, items }: { row: LinkageRecord; items: readonly LinkageItem[] }) {
  if (row.body === null) return <>（送信内容はまだありません）</>;
  const unreadable = <>（送信内容を読めません）</>;
  switch (row.kind) {
    case 'replicaRegistration': {
      const body = replicaBodySchema.safeParse(row.body);
      if (!body.success) return unreadable;
      const { event, status, startedOn, endedOn } = body.data;
      return (
        <>
          {replicaEventLabels[event]}・{replicaStatusLabels[status]}・期間 <Period from={startedOn} to={endedOn} />
        </>
      );
    }
    case 'medicalEligibility': {
      const body = eligibilityBodySchema.safeParse(row.body);
      if (!body.success) return unreadable;
      return (
        <>
          {eligibilityEventLabels[body.data.event]}・有効期間 <Period from={body.data.validFrom} to={body.data.validTo} />
        </>
      );
    }
    case 'medicalTicketData': {
      const body = ticketBodySchema.safeParse(row.body);
      if (!body.success) return unreadable;
      const { kind, month, institution, status } = body.data;
      return (
        <>
          {formatWarekiMonth(month)}分 {ticketKindLabels[kind]}・{institution}・{ticketStatusLabels[status]}
        </>
      );
    }
    case 'inquiry': {
      const body = inquiryBodySchema.safeParse(row.body);
      if (!body.success) return unreadable;
      const { item, provider, reason, requestedOn } = body.data;
      return (
        <>
          {itemByCode(items, item)?.label ?? item}を{provider}に照会（理由: {reason}）・依頼日 <DateText date={requestedOn} />
        </>
      );
    }
    case 'publicFundsAccount': {
      const body = publicFundsBodySchema.safeParse(row.body);
      if (!body.success) return unreadable;
      const { consent, requestedOn } = body.data;
      return (
        <>
          本人の同意（
          <DateText date={consent.givenOn} />・{consentMethodLabels[consent.method]}）による照会・依頼日 <DateText date={requestedOn} />
        </>
      );
    }
  }
}
