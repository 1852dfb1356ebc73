import { useParams } from 'react-router';
import { ticketKindLabels } from '../../../shared/casework/medicalTicket';
import { formatWareki, formatWarekiMonth } from '../../../shared/format/wareki';
import { formatYen } from '../../../shared/format/yen';
import { isDamaged } from '../../data/errors';
import { useServices, useUnlocked } from '../../session/SessionProvider';
import { useLoaded } from '../../ui/useLoaded';
import { CaseDocument } from '../documents/CaseDocument';
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
  return (
    <CaseDocument
      householdId={id}
      titleId="ticket-title"
      loaded={loaded}
      missing={{ title: '医療券・調剤券', message: 'この医療券・調剤券は見つかりません。ケースの「医療券」タブから開いてください。' }}
    >
      {({ ticket: t, member, household }) => {
        const title = `生活保護法${ticketKindLabels[t.kind]}`;
        return (
          <>
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
          </>
        );
      }}
    </CaseDocument>
  );
}
