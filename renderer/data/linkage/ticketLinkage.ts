import type { MedicalTicket, Member } from '../../../shared/domain/records.js';
import { fixedItemCodes } from '../../../shared/linkage/legalReferences.js';
import type { DataStore } from '../db.js';
import type { ChangeWriter, Unstamped } from '../outbox.js';
import { queueLinkage } from './ledger.js';

/**
 * 医療券・調剤券 data for 医療扶助オンライン資格確認's monthly batch. Each issue and end of a ticket queues it,
 * unless the member's 不開示 flag is set or their 宛名番号 is missing: then the ledger row says so, and a later
 * change of the member (householdLinkage.ts) sends what was held.
 */
/** Queues the ticket's data for the month's batch, or records why it is held back (不開示, no 宛名番号). */
export async function queueTicket(store: DataStore, writer: ChangeWriter, requestedBy: string, member: Member, ticket: Unstamped<MedicalTicket>) {
  const { month, kind, institution, payerNumber, recipientNumber, status, validUntil, copayment } = ticket;
  const hold = member.nonDisclosure
    ? { status: 'suppressed' as const, code: 'NON_DISCLOSURE', reason: '不開示の申出があるため、医療券・調剤券データを送りません' }
    : member.atenaNumber
      ? undefined
      : { status: 'blocked' as const, code: 'NO_ATENA', reason: '宛名番号が未入力のため、医療券・調剤券データを送れません' };
  await queueLinkage(store, writer, {
    householdId: ticket.householdId,
    memberId: member.id,
    kind: 'medicalTicketData',
    itemCode: fixedItemCodes.medicalTicketData,
    // Keyed by what identifies the ticket at the 中間サーバー, so an end is an upsert of the same registration.
    naturalKey: [payerNumber, recipientNumber, month, kind, institution],
    requestedBy,
    body: hold ? null : { atenaNumber: member.atenaNumber, month, kind, institution, payerNumber, recipientNumber, status, validUntil, copayment },
    ...(hold && { hold }),
  });
}
