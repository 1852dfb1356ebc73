import { addDays, lastDayOfMonth, monthOf, type IsoDate } from '../../../shared/casework/calendarDate.js';
import { eligibilitySegments, medicalAidCovers, protectionPeriods, type EligibilitySegment } from '../../../shared/linkage/protectionPeriods.js';
import { formatWarekiMonth } from '../../../shared/format/wareki.js';
import { ticketIssueSchema } from '../../../shared/casework/medicalTicket.js';
import type { MedicalTicket } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { assertTableAccess, scopedHousehold } from '../access.js';
import type { DataStore } from '../db.js';
import { householdRowsOf } from '../blindFields.js';
import { InvalidRecordError, isDamaged } from '../errors.js';
import { queueTicket } from '../linkage/ticketLinkage.js';
import { writeTransaction, type Unstamped } from '../outbox.js';
import { householdRecords } from './householdRecords.js';
import { saveRecord } from './recordWriter.js';
import { validRecord } from '../validation.js';

/**
 * 医療券・調剤券. A ticket is issued for one member, one month and one institution, with the 公費負担者番号 and
 * 受給者番号 checked here again (a stale or forged form cannot store a wrong number). Each issue and each end
 * queues the month's 医療券/調剤券 data for 医療扶助オンライン資格確認, unless the member's 不開示 flag is set.
 */

export type TicketInput = Pick<MedicalTicket, 'memberId' | 'month' | 'kind' | 'institution' | 'payerNumber' | 'recipientNumber' | 'copayment'>;

/** Statuses under which no ticket may be issued: the case has ended. */
const endedStatuses = new Set(['terminated', 'rejected']);

export function medicalTicketsRepository(store: DataStore) {
  const tickets = householdRecords(store, 'medicalTickets', { deletable: false });

  /** The protection periods the household's approved decisions give (protectionPeriods.ts); damaged rows count for nothing. */
  const periodsOf = async (householdId: string) => {
    const decisions = await store.db.decisions.where('householdId').equals(householdId).toArray();
    return protectionPeriods(decisions.filter((d) => !isDamaged(d) && d.householdId === householdId));
  };

  return {
    /** When 医療扶助 runs for the household (suspensions left out): the months a ticket may be issued for. */
    async coverage(session: Session, householdId: string): Promise<EligibilitySegment[]> {
      assertTableAccess(store, session, 'medicalTickets', 'read');
      await scopedHousehold(store, session, householdId, 'read');
      return (await periodsOf(householdId)).flatMap(eligibilitySegments);
    },

    async issue(session: Session, householdId: string, typed: TicketInput): Promise<MedicalTicket> {
      // The 発行 form's schema (shared/casework/medicalTicket.ts): numbers by their check digit, amounts, month.
      const input = validRecord(ticketIssueSchema, typed);
      const { institution } = input;
      return writeTransaction(store, ['medicalTickets', 'members', 'households', 'users', 'linkageRecords', 'decisions'], async (writer) => {
        const household = await scopedHousehold(store, session, householdId, 'write');
        if (endedStatuses.has(household.status)) throw new InvalidRecordError('householdId', '保護が廃止・却下されたケースには医療券・調剤券を発行できません');
        // A ticket is the 医療扶助 decided for that month: without an approved decision running it, there is none to give.
        if (!medicalAidCovers(await periodsOf(householdId), `${input.month}-01`, lastDayOfMonth(input.month))) {
          throw new InvalidRecordError(
            'month',
            `${formatWarekiMonth(input.month)}は医療扶助が決定されていない（または停止中の）ため、医療券・調剤券を発行できません`,
          );
        }
        const member = await store.db.members.get(input.memberId);
        if (!member || isDamaged(member) || member.householdId !== householdId) throw new InvalidRecordError('memberId', 'この世帯の世帯員を選択してください');
        const existing = await tickets.list(session, householdId);
        const duplicate = existing.some(
          (t) =>
            !isDamaged(t) &&
            t.status === 'issued' &&
            t.memberId === input.memberId &&
            t.month === input.month &&
            t.kind === input.kind &&
            t.institution === institution,
        );
        if (duplicate) throw new InvalidRecordError('institution', 'この世帯員の同じ月・同じ医療機関の券は発行済みです');
        const ticket: Unstamped<MedicalTicket> = {
          ...input,
          id: uuidv7(),
          householdId,
          status: 'issued',
          validUntil: lastDayOfMonth(input.month),
        };
        const saved = await tickets.save(session, ticket);
        await queueTicket(store, writer, session.userId, member, ticket);
        return saved;
      });
    },
  };
}

/**
 * Ends a household's tickets when its protection is terminated (廃止) with effect from `effectiveOn`: tickets of
 * later months are cancelled, and that month's are valid until the day before. (Protection ends when the
 * termination takes effect; whether that day itself is still covered is not in the references — 要確認.)
 * The decision flow calls this inside its own transaction, so it is allowed to whoever may write decisions —
 * the approver may not otherwise edit tickets. Returns the tickets changed.
 */
export async function endTicketsOnTermination(store: DataStore, session: Session, householdId: string, effectiveOn: IsoDate): Promise<MedicalTicket[]> {
  assertTableAccess(store, session, 'decisions', 'write');
  const lastDay = addDays(effectiveOn, -1);
  return writeTransaction(store, ['medicalTickets', 'members', 'households', 'users', 'linkageRecords'], async (writer) => {
    await scopedHousehold(store, session, householdId, 'write');
    const rows = await householdRowsOf(store, 'medicalTickets', householdId).toArray();
    const changed: MedicalTicket[] = [];
    for (const row of rows) {
      if (isDamaged(row) || row.householdId !== householdId || row.status !== 'issued' || row.validUntil <= lastDay) continue;
      const ended: Unstamped<MedicalTicket> = row.month > monthOf(lastDay) ? { ...row, status: 'cancelled' } : { ...row, validUntil: lastDay };
      changed.push(
        await saveRecord(store, session, {
          table: 'medicalTickets',
          id: row.id,
          build: () => ended,
          authorize: async () => undefined, // scope checked above; the row stays in its household
          householdOf: (t) => t.householdId,
        }),
      );
      const member = await store.db.members.get(row.memberId);
      if (member && !isDamaged(member)) await queueTicket(store, writer, session.userId, member, ended);
    }
    return changed;
  });
}
