import { Link, useParams } from 'react-router';
import { ticketKindLabels } from '../../../shared/casework/medicalTicket';
import { formatWareki, formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { isDamaged } from '../../data/errors';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { FormAlert } from '../../ui/FormAlert';
import { useLoaded } from '../../ui/useLoaded';
import { DocumentActions } from '../documents/DocumentActions';
import { ticketStatusLabels } from './ticketForm';

/**
 * 医療券・調剤券 as the A4 sheet the office hands to the 指定医療機関 (the print stylesheet's `.document`): the
 * numbers the institution bills with, who it is for, for which month and institution, and the 本人支払額.
 */
export function MedicalTicketDocument() {
  const { id = '', ticketId = '' } = useParams();
  const services = useServices();
  const { officeName } = useUnlocked();
  const loaded = useLoaded(async () => {
    const [tickets, members, household] = await Promise.all([services.medicalTickets.list(id), services.members.list(id), services.households.open(id)]);
    const ticket = tickets.find((t) => !isDamaged(t) && t.id === ticketId);
    if (!ticket || isDamaged(ticket)) return null;
    const member = members.find((m) => !isDamaged(m) && m.id === ticket.memberId);
    return { ticket, member: member && !isDamaged(member) ? member : null, household };
  }, [services, id, ticketId]);
  const back = (
    <p className="no-print">
      <Link to={`/cases/${id}`}>ケースへ戻る</Link>
    </p>
  );
  if (loaded.state === 'loading') return <p>読み込んでいます…</p>;
  if (loaded.state === 'failed') return <FormAlert message={loaded.message} />;
  if (!loaded.value) {
    return (
      <section aria-labelledby="ticket-title">
        {back}
        <h2 id="ticket-title">医療券・調剤券</h2>
        <p role="alert">この医療券・調剤券は見つかりません。ケースの「医療券」タブから開いてください。</p>
      </section>
    );
  }
  const { ticket: t, member, household } = loaded.value;
  const title = `生活保護法${ticketKindLabels[t.kind]}`;
  return (
    <section aria-labelledby="ticket-title">
      {back}
      <DocumentActions
        what={ticketKindLabels[t.kind]}
        householdId={household.id}
        fileTitle={`${ticketKindLabels[t.kind]}_${household.caseNumber}_${t.month}`}
      />
      {t.status === 'cancelled' && <p className="notice">この券は取り消されています（{ticketStatusLabels[t.status]}）。</p>}
      <article className="document" aria-label={ticketKindLabels[t.kind]}>
        <h2 id="ticket-title" className="document-title">
          {title}（{formatWarekiMonth(t.month)}分）
        </h2>
        <dl className="document-body">
          <dt>公費負担者番号</dt>
          <dd>{t.payerNumber}</dd>
          <dt>受給者番号</dt>
          <dd>{t.recipientNumber}</dd>
          <dt>氏名</dt>
          <dd>{member ? `${member.name}（${member.kana}）` : '（不明な世帯員）'}</dd>
          <dt>生年月日</dt>
          <dd>{member ? formatWareki(member.birthDate) : ''}</dd>
          <dt>有効期間</dt>
          <dd>
            {formatWareki(`${t.month}-01`)}から{formatWareki(t.validUntil)}まで
          </dd>
          <dt>{t.kind === 'pharmacy' ? '指定薬局' : '指定医療機関'}</dt>
          <dd>{t.institution}</dd>
          <dt>本人支払額</dt>
          <dd>{formatYen(t.copayment)}</dd>
          <dt>ケース番号</dt>
          <dd>{household.caseNumber}</dd>
        </dl>
        <p className="document-from">{officeName}長</p>
      </article>
    </section>
  );
}
