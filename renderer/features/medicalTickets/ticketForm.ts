import type { TicketIssueInput } from '../../../shared/casework/medicalTicket';
import type { MedicalTicket } from '../../../shared/domain/records';

/**
 * The 医療券・調剤券 form's starting values. Its schema is the entity's (shared/casework/medicalTicket.ts), which
 * the data layer checks the issue with again, so a mistyped 受給者番号 is a field error on blur, before any save.
 */

export const ticketStatusLabels: Record<MedicalTicket['status'], string> = { issued: '発行済', cancelled: '取消（廃止）' };

export const emptyTicket = (month: string, payerNumber: string): TicketIssueInput => ({
  memberId: '',
  kind: 'medical',
  month,
  institution: '',
  payerNumber,
  recipientNumber: '',
  copayment: 0,
});
