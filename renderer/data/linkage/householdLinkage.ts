import { addDays, type IsoDate } from '../../../shared/casework/calendarDate.js';
import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { BenefitGrant, Decision, LinkageRecord, Member } from '../../../shared/domain/records.js';
import type { LinkageBody } from '../../../shared/linkage/exchangeFormat.js';
import { fixedItemCodes } from '../../../shared/linkage/legalReferences.js';
import { protectionPeriods, type ProtectionPeriod } from '../../../shared/linkage/protectionPeriods.js';
import type { DataStore } from '../db.js';
import { isDamaged } from '../errors.js';
import { linkageIdempotencyKey, type ChangeWriter } from '../outbox.js';
import { ledgerRow, queueLinkage, type QueueRequest } from './ledger.js';

/**
 * What the 中間サーバー should know of a household, brought up to date with its decisions: each member's 副本
 * (生活保護関係情報) per protection period, and their 資格情報 for 医療扶助オンライン資格確認. Called in the
 * transaction of a 課長's approval and of a retry; compares with the ledger and queues only what changed — a first
 * registration, a correction, an end, or a deletion when a retroactive decision took a period away.
 */

export const linkageTables = ['linkageRecords', 'members', 'decisions', 'households', 'users'] as const;

export interface ReconcileOptions {
  /** Ledger rows to send again even if unchanged (a retry after 要訂正). */
  resend?: ReadonlySet<string>;
  /** The decision being approved, not yet written. */
  pending?: Decision;
}

const withoutEvent = (body: unknown) => {
  const { event: _event, ...rest } = (body ?? {}) as Record<string, unknown>;
  return canonicalJson(rest);
};

export async function reconcileHouseholdLinkage(store: DataStore, writer: ChangeWriter, requestedBy: string, householdId: string, options: ReconcileOptions = {}): Promise<void> {
  const { db } = store;
  const decisions = (await db.decisions.where('householdId').equals(householdId).toArray()).filter((d): d is Decision => !isDamaged(d) && d.householdId === householdId);
  const current = options.pending ? [...decisions.filter((d) => d.id !== options.pending!.id), options.pending] : decisions;
  const periods = protectionPeriods(current);
  const members = (await db.members.where('householdId').equals(householdId).toArray()).filter((m): m is Member => !isDamaged(m) && m.householdId === householdId);
  const household = await db.households.get(householdId);
  const grants = household && !isDamaged(household) ? (household.grants ?? []) : [];
  const ledger = (await db.linkageRecords.where('householdId').equals(householdId).toArray()).filter((r): r is LinkageRecord => !isDamaged(r) && r.householdId === householdId);

  /** Queues `body` keeping the event last queued when nothing else changed, so an unchanged record is not re-sent. */
  const queue = async (request: Omit<QueueRequest, 'householdId' | 'requestedBy'>, event: (before: LinkageRecord | undefined) => string) => {
    const before = request.hold ? undefined : await ledgerRow(store, linkageIdempotencyKey(store, request.kind, request.naturalKey));
    const body = request.body as Record<string, unknown>;
    const same = before && before.status !== 'blocked' && before.status !== 'suppressed' && withoutEvent(before.body) === withoutEvent(body);
    const chosen = same ? (before.body as { event: string }).event : event(before);
    const resend = before !== undefined && (options.resend?.has(before.id) ?? false);
    return queueLinkage(store, writer, { ...request, householdId, requestedBy, body: { ...body, event: chosen }, resend });
  };

  for (const member of members) {
    const atena = member.atenaNumber;
    for (const period of periods) {
      const replicaKey = [atena, fixedItemCodes.replicaRegistration, period.start];
      if (!atena) {
        await queueLinkage(store, writer, {
          householdId,
          memberId: member.id,
          kind: 'replicaRegistration',
          itemCode: fixedItemCodes.replicaRegistration,
          naturalKey: ['noAtena', member.id, period.start],
          requestedBy,
          body: null,
          hold: { status: 'blocked', code: 'NO_ATENA', reason: '宛名番号が未入力のため、副本を登録できません。世帯員の宛名番号を入力してから再送してください' },
        });
        continue;
      }
      await queue(
        { memberId: member.id, kind: 'replicaRegistration', itemCode: fixedItemCodes.replicaRegistration, naturalKey: replicaKey, body: replicaBody(atena, period, grantsOf(period, periods, grants)) },
        (before) => (before?.registered ? 'correct' : 'register'),
      );
      const eligibility = eligibilityOf(period);
      if (!eligibility) continue;
      const eligibilityKey = [atena, fixedItemCodes.medicalEligibility, period.start];
      if (member.nonDisclosure) {
        await queueLinkage(store, writer, {
          householdId,
          memberId: member.id,
          kind: 'medicalEligibility',
          itemCode: fixedItemCodes.medicalEligibility,
          naturalKey: eligibilityKey,
          requestedBy,
          body: null,
          hold: { status: 'suppressed', code: 'NON_DISCLOSURE', reason: '不開示の申出があるため、資格情報を登録しません（医療券・調剤券データも送りません）' },
        });
        continue;
      }
      const body: LinkageBody<'medicalEligibility'> = {
        event: eligibility.validTo ? 'end' : 'register',
        atenaNumber: atena,
        kana: member.kana,
        birthDate: member.birthDate,
        sex: member.sex,
        payerNumber: null,
        ...eligibility,
      };
      await queue({ memberId: member.id, kind: 'medicalEligibility', itemCode: fixedItemCodes.medicalEligibility, naturalKey: eligibilityKey, body }, () => body.event);
    }
    // A period a retroactive decision took away: its 副本 is deleted at the other side.
    const starts = new Set(periods.map((p) => p.start));
    for (const row of ledger) {
      const body = row.body as LinkageBody<'replicaRegistration'> | null;
      if (row.memberId !== member.id || row.kind !== 'replicaRegistration' || !body || starts.has(body.periodStart) || body.event === 'delete') continue;
      await queueLinkage(store, writer, {
        householdId,
        memberId: member.id,
        kind: 'replicaRegistration',
        itemCode: row.itemCode,
        naturalKey: [body.atenaNumber, body.item, body.periodStart],
        requestedBy,
        body: { ...body, event: 'delete' },
      });
    }
  }
}

function replicaBody(atenaNumber: string, period: ProtectionPeriod, grants: LinkageBody<'replicaRegistration'>['grants']): Omit<LinkageBody<'replicaRegistration'>, 'event'> {
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
function grantsOf(period: ProtectionPeriod, periods: readonly ProtectionPeriod[], grants: readonly BenefitGrant[]): LinkageBody<'replicaRegistration'>['grants'] {
  const periodOf = (on: IsoDate) => periods.filter((p) => p.start <= on).at(-1);
  return grants.filter((g) => periodOf(g.decidedOn) === period).map(({ kind, decidedOn, amount }) => ({ kind, decidedOn, amount }));
}

/** The 資格情報's validity from a period's 医療扶助: from its start; ended the day before a 停止 or 廃止, or when 医療扶助 stopped. */
function eligibilityOf(period: ProtectionPeriod): { validFrom: IsoDate; validTo: IsoDate | null } | null {
  const medical = period.aids.filter((a) => a.aid === 'medical');
  if (medical.length === 0) return null;
  const validFrom = medical[0]!.from;
  const last = medical.at(-1)!;
  const stoppedOn = period.status === 'terminated' ? period.endedOn : period.status === 'suspended' ? period.suspendedOn : null;
  const validTo = stoppedOn ? addDays(stoppedOn, -1) : last.to;
  return { validFrom, validTo };
}
