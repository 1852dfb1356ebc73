import { addDays, type IsoDate } from '../casework/calendarDate.js';
import type { Aid, Decision } from '../domain/records.js';

/**
 * The protection periods of a household, from its approved decisions: what the 副本 (生活保護関係情報) says of
 * each member. A 開始 opens a period; 停止 suspends it and a later 変更 lifts the suspension (caseStatus.ts);
 * 廃止 ends it; a 変更 also changes which 扶助 run, closing the dropped ones the day before. A decision superseded
 * by a later (retroactive) one is left out, so the periods are always what the decisions now in force say — except
 * that a 開始 superseded by a decision of another kind is still how the period began: the superseding decision
 * takes its place, with its own date and 扶助 (the case stayed 保護中 throughout).
 */

export interface AidPeriod {
  aid: Aid;
  from: IsoDate;
  to: IsoDate | null;
}

export interface Suspension {
  on: IsoDate;
  liftedOn: IsoDate | null;
}

export interface ProtectionPeriod {
  /** The 開始's effective date: with the 宛名番号 and the item, the 副本's key. */
  start: IsoDate;
  status: 'active' | 'suspended' | 'terminated';
  suspendedOn: IsoDate | null;
  endedOn: IsoDate | null;
  aids: AidPeriod[];
  suspensions: Suspension[];
}

export type PeriodDecision = Pick<Decision, 'id' | 'kind' | 'stage' | 'effectiveOn' | 'supersedes' | 'aids' | 'hlc'>;

export function protectionPeriods(decisions: readonly PeriodDecision[]): ProtectionPeriod[] {
  const approved = decisions.filter((d) => d.stage === 'approved');
  const byId = new Map(approved.map((d) => [d.id, d]));
  const superseded = new Set(approved.flatMap((d) => (d.supersedes ? [d.supersedes] : [])));
  const inForce = approved
    .filter((d) => !superseded.has(d.id))
    .map((d) => (d.supersedes && byId.get(d.supersedes)?.kind === 'start' ? { ...d, kind: 'start' as const } : d))
    .sort((a, b) => a.effectiveOn.localeCompare(b.effectiveOn) || a.hlc.localeCompare(b.hlc));
  const periods: ProtectionPeriod[] = [];
  let open: ProtectionPeriod | null = null;
  const closeAids = (period: ProtectionPeriod, keep: ReadonlySet<Aid>, on: IsoDate) => {
    for (const aid of period.aids) if (aid.to === null && !keep.has(aid.aid)) aid.to = addDays(on, -1);
  };
  const openAids = (period: ProtectionPeriod, wanted: readonly Aid[], on: IsoDate) => {
    for (const aid of wanted) if (!period.aids.some((a) => a.aid === aid && a.to === null)) period.aids.push({ aid, from: on, to: null });
  };
  for (const decision of inForce) {
    const on = decision.effectiveOn;
    if (decision.kind === 'start') {
      open = { start: on, status: 'active', suspendedOn: null, endedOn: null, aids: [], suspensions: [] };
      openAids(open, decision.aids, on);
      periods.push(open);
    } else if (open && decision.kind === 'change') {
      const suspension = open.suspensions.at(-1);
      if (open.status === 'suspended' && suspension) suspension.liftedOn = on;
      open.status = 'active';
      open.suspendedOn = null;
      closeAids(open, new Set(decision.aids), on);
      openAids(open, decision.aids, on);
    } else if (open && decision.kind === 'suspend') {
      open.status = 'suspended';
      open.suspendedOn = on;
      open.suspensions.push({ on, liftedOn: null });
    } else if (open && decision.kind === 'terminate') {
      open.status = 'terminated';
      open.endedOn = on;
      closeAids(open, new Set(), on);
      open = null;
    }
  }
  return periods;
}

export interface EligibilitySegment {
  validFrom: IsoDate;
  validTo: IsoDate | null;
}

/**
 * The 資格情報 (医療扶助オンライン資格確認) a period gives: 医療扶助's days, less the suspensions, each stretch a
 * registration of its own — so a suspension ends one and lifting it registers the next, and the days between are
 * never shown as covered. The last one is open while the period runs.
 */
export function eligibilitySegments(period: ProtectionPeriod): EligibilitySegment[] {
  const segments: EligibilitySegment[] = [];
  for (const medical of period.aids.filter((a) => a.aid === 'medical')) {
    let from: IsoDate | null = medical.from;
    for (const suspension of period.suspensions) {
      if (from === null) break;
      const suspendedTo = suspension.liftedOn ? addDays(suspension.liftedOn, -1) : null;
      if (suspendedTo !== null && suspendedTo < from) continue;
      if (medical.to !== null && suspension.on > medical.to) break;
      if (suspension.on > from) segments.push({ validFrom: from, validTo: addDays(suspension.on, -1) });
      from = suspension.liftedOn && (medical.to === null || suspension.liftedOn <= medical.to) ? suspension.liftedOn : null;
    }
    if (from !== null) segments.push({ validFrom: from, validTo: medical.to });
  }
  return segments;
}

/**
 * Whether 医療扶助 is in force on some day from `from` to `to` (a ticket's month): an approved decision runs it
 * then, and the case is not suspended on every one of those days. A 医療券・調剤券 needs it.
 */
export function medicalAidCovers(periods: readonly ProtectionPeriod[], from: IsoDate, to: IsoDate): boolean {
  return periods.some((period) => eligibilitySegments(period).some((s) => s.validFrom <= to && (s.validTo === null || s.validTo >= from)));
}
