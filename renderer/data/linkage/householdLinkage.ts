import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { BenefitGrant, Decision, LinkageRecord, MedicalTicket, Member } from '../../../shared/domain/records.js';
import type { LinkageBody } from '../../../shared/linkage/exchangeFormat.js';
import { fixedItemCodes } from '../../../shared/linkage/legalReferences.js';
import { eligibilitySegments, protectionPeriods, type ProtectionPeriod } from '../../../shared/linkage/protectionPeriods.js';
import { householdRowsOf } from '../blindFields.js';
import type { DataStore } from '../db.js';
import { isDamaged } from '../errors.js';
import { linkageIdempotencyKey, type ChangeWriter } from '../outbox.js';
import { ledgerRow, queueLinkage, type QueueRequest } from './ledger.js';
import { queueTicket } from './ticketLinkage.js';

/**
 * What the 中間サーバー should know of a household, brought up to date with its decisions and members: each member's
 * 副本 (生活保護関係情報) per protection period, and their 資格情報 for 医療扶助オンライン資格確認 per stretch of
 * 医療扶助. Called in the transaction of a 課長's approval, a member's change, a 給付金 and a retry; compares with
 * the ledger and queues only what changed — a first registration, a correction, an end, a withdrawal, or a
 * deletion when a retroactive decision took a period away.
 */

export const linkageTables = ['linkageRecords', 'members', 'decisions', 'households', 'users', 'medicalTickets'] as const;

export interface ReconcileOptions {
  /** Ledger rows to send again even if unchanged (a retry after 要訂正). */
  resend?: ReadonlySet<string>;
  /** The decision being approved, not yet written. */
  pending?: Decision;
}

type ReplicaBody = LinkageBody<'replicaRegistration'>;
type EligibilityBody = LinkageBody<'medicalEligibility'>;

const withoutEvent = (body: unknown) => {
  const { event: _event, ...rest } = (body ?? {}) as Record<string, unknown>;
  return canonicalJson(rest);
};
const eventOf = (row: LinkageRecord | undefined) => (row?.body as { event?: string } | null | undefined)?.event;
/** Registered at the other side and not withdrawn: what a later change must correct, end or withdraw. */
const standing = (row: LinkageRecord | undefined) => row?.registered && eventOf(row) !== 'delete' && eventOf(row) !== 'cancel';

export async function reconcileHouseholdLinkage(
  store: DataStore,
  writer: ChangeWriter,
  requestedBy: string,
  householdId: string,
  options: ReconcileOptions = {},
): Promise<void> {
  const { db } = store;
  // The case's four reads issued together: one round trip instead of four in turn.
  const [storedDecisions, storedMembers, household, storedLedger] = await Promise.all([
    db.decisions.where('householdId').equals(householdId).toArray(),
    db.members.where('householdId').equals(householdId).toArray(),
    db.households.get(householdId),
    db.linkageRecords.where('householdId').equals(householdId).toArray(),
  ]);
  const decisions = storedDecisions.filter((d): d is Decision => !isDamaged(d) && d.householdId === householdId);
  const current = options.pending ? [...decisions.filter((d) => d.id !== options.pending!.id), options.pending] : decisions;
  const periods = protectionPeriods(current);
  const members = storedMembers.filter((m): m is Member => !isDamaged(m) && m.householdId === householdId);
  const grants = household && !isDamaged(household) ? (household.grants ?? []) : [];
  const ledger = storedLedger.filter((r): r is LinkageRecord => !isDamaged(r) && r.householdId === householdId);

  const base = { householdId, requestedBy };
  /**
   * Queues `body` unless it says what was queued last. The event is chosen from the row's history: what has not
   * been registered (or was deleted) registers; what stands is corrected (副本) or ended (資格情報).
   */
  const send = async (
    request: Omit<QueueRequest, 'householdId' | 'requestedBy' | 'body'>,
    body: Record<string, unknown>,
    event: (before: LinkageRecord | undefined) => string,
  ) => {
    const key = linkageIdempotencyKey(store, request.kind, request.naturalKey);
    const before = await ledgerRow(store, key);
    const held = before?.status === 'blocked' || before?.status === 'suppressed';
    const withdrawn = eventOf(before) === 'delete' || eventOf(before) === 'cancel';
    const same = before && !held && !withdrawn && withoutEvent(before.body) === withoutEvent(body);
    const resend = before !== undefined && (options.resend?.has(before.id) ?? false);
    await queueLinkage(store, writer, { ...request, ...base, body: { ...body, event: same ? eventOf(before) : event(before) }, resend });
  };
  const hold = (request: Omit<QueueRequest, 'householdId' | 'requestedBy' | 'body' | 'hold'>, status: 'blocked' | 'suppressed', code: string, reason: string) =>
    queueLinkage(store, writer, { ...request, ...base, body: null, hold: { status, code, reason } });

  for (const member of members) {
    const atena = member.atenaNumber;
    const mine = ledger.filter((row) => row.memberId === member.id);
    for (const period of periods) {
      const replica = { memberId: member.id, kind: 'replicaRegistration' as const, itemCode: fixedItemCodes.replicaRegistration };
      const heldKey = ['noAtena', member.id, period.start];
      if (!atena) {
        await hold(
          { ...replica, naturalKey: heldKey },
          'blocked',
          'NO_ATENA',
          '宛名番号が未入力のため、副本を登録できません。世帯員の宛名番号を入力すると送信されます',
        );
        continue;
      }
      await send(
        { ...replica, naturalKey: [atena, replica.itemCode, period.start], replaces: linkageIdempotencyKey(store, 'replicaRegistration', heldKey) },
        replicaBody(atena, period, grantsOf(period, periods, grants)),
        (before) => (standing(before) ? 'correct' : 'register'),
      );
      for (const segment of eligibilitySegments(period)) {
        const eligibility = {
          memberId: member.id,
          kind: 'medicalEligibility' as const,
          itemCode: fixedItemCodes.medicalEligibility,
          naturalKey: [atena, fixedItemCodes.medicalEligibility, segment.validFrom],
        };
        const body: Omit<EligibilityBody, 'event'> = {
          atenaNumber: atena,
          kana: member.kana,
          birthDate: member.birthDate,
          sex: member.sex,
          payerNumber: null,
          ...segment,
        };
        if (!member.nonDisclosure) {
          await send(eligibility, body, (before) => (standing(before) && segment.validTo !== null ? 'end' : 'register'));
          continue;
        }
        // 不開示: nothing new goes out. A registration still in the outbox is taken back; one already sent or
        // registered is withdrawn at the other side.
        const before = await ledgerRow(store, linkageIdempotencyKey(store, 'medicalEligibility', eligibility.naturalKey));
        if (before?.status === 'pending' && before.lastRecordId) await db.outbox.delete(before.lastRecordId);
        if (before && eventOf(before) !== 'cancel' && (standing(before) || before.status === 'sent')) {
          await queueLinkage(store, writer, { ...eligibility, ...base, body: { ...(before.body as EligibilityBody), event: 'cancel' } });
        } else if (eventOf(before) !== 'cancel' || !before || !['pending', 'sent'].includes(before.status)) {
          await hold(eligibility, 'suppressed', 'NON_DISCLOSURE', '不開示の申出があるため、資格情報を登録しません（医療券・調剤券データも送りません）');
        }
      }
    }
    // Ticket data held for want of a 宛名番号 (or for 不開示): sent once the member allows it.
    const heldTickets = mine.filter((row) => row.kind === 'medicalTicketData' && (row.status === 'blocked' || row.status === 'suppressed'));
    if (heldTickets.length > 0 && atena && !member.nonDisclosure) {
      const tickets = (await householdRowsOf(store, 'medicalTickets', householdId).toArray()).filter(
        (t): t is MedicalTicket => !isDamaged(t) && t.memberId === member.id,
      );
      for (const row of heldTickets) {
        const [payerNumber, recipientNumber, month, kind, institution] = row.naturalKey as string[];
        const ticket = tickets.find(
          (t) =>
            t.payerNumber === payerNumber && t.recipientNumber === recipientNumber && t.month === month && t.kind === kind && t.institution === institution,
        );
        if (ticket) await queueTicket(store, writer, requestedBy, member, ticket);
      }
    }
    // What a retroactive decision took away: a period's 副本 is deleted, a stretch's 資格情報 withdrawn.
    const starts = new Set(periods.map((p) => p.start));
    const stretches = new Set(periods.flatMap((p) => eligibilitySegments(p).map((s) => s.validFrom)));
    for (const row of mine) {
      const withdrawal =
        row.kind === 'replicaRegistration' && row.body && !starts.has((row.body as ReplicaBody).periodStart) && eventOf(row) !== 'delete'
          ? { ...(row.body as ReplicaBody), event: 'delete' as const }
          : row.kind === 'medicalEligibility' && standing(row) && !stretches.has((row.body as EligibilityBody).validFrom)
            ? { ...(row.body as EligibilityBody), event: 'cancel' as const }
            : null;
      if (withdrawal) {
        await queueLinkage(store, writer, {
          ...base,
          memberId: member.id,
          kind: row.kind,
          itemCode: row.itemCode,
          naturalKey: row.naturalKey,
          body: withdrawal,
        });
      }
    }
  }
}

function replicaBody(atenaNumber: string, period: ProtectionPeriod, grants: ReplicaBody['grants']): Omit<ReplicaBody, 'event'> {
  return {
    atenaNumber,
    item: fixedItemCodes.replicaRegistration,
    periodStart: period.start,
    status: period.status,
    startedOn: period.start,
    suspendedOn: period.suspendedOn,
    endedOn: period.endedOn,
    aids: period.aids.map((a) => ({ ...a })),
    grants,
  };
}

/** The grants decided during a period: each belongs to the latest period that had started by its decision date. */
function grantsOf(period: ProtectionPeriod, periods: readonly ProtectionPeriod[], grants: readonly BenefitGrant[]): ReplicaBody['grants'] {
  const periodOf = (on: string) => periods.filter((p) => p.start <= on).at(-1);
  return grants.filter((g) => periodOf(g.decidedOn) === period).map(({ kind, decidedOn, amount }) => ({ kind, decidedOn, amount }));
}
