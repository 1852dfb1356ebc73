import { addDays, type IsoDate } from '../casework/calendarDate.js';
import type { Aid, Decision } from '../domain/records.js';

/**
 * The protection periods of a household, from its approved decisions: what the 副本 (生活保護関係情報) says of
 * each member. A 開始 opens a period; 停止 suspends it and a later 変更 lifts the suspension (caseStatus.ts);
 * 廃止 ends it; a 変更 also changes which 扶助 run, closing the dropped ones the day before. A decision superseded
 * by a later (retroactive) one is left out, so the periods are always what the decisions now in force say.
 */

export interface AidPeriod {
  aid: Aid;
  from: IsoDate;
  to: IsoDate | null;
}

export interface ProtectionPeriod {
  /** The 開始's effective date: with the 宛名番号 and the item, the 副本's key. */
  start: IsoDate;
  status: 'active' | 'suspended' | 'terminated';
  suspendedOn: IsoDate | null;
  endedOn: IsoDate | null;
  aids: AidPeriod[];
}

export type PeriodDecision = Pick<Decision, 'id' | 'kind' | 'stage' | 'effectiveOn' | 'supersedes' | 'aids' | 'hlc'>;

export function protectionPeriods(decisions: readonly PeriodDecision[]): ProtectionPeriod[] {
  const approved = decisions.filter((d) => d.stage === 'approved');
  const superseded = new Set(approved.flatMap((d) => (d.supersedes ? [d.supersedes] : [])));
  const inForce = approved
    .filter((d) => !superseded.has(d.id))
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
      open = { start: on, status: 'active', suspendedOn: null, endedOn: null, aids: [] };
      openAids(open, decision.aids, on);
      periods.push(open);
    } else if (open && decision.kind === 'change') {
      open.status = 'active';
      open.suspendedOn = null;
      closeAids(open, new Set(decision.aids), on);
      openAids(open, decision.aids, on);
    } else if (open && decision.kind === 'suspend') {
      open.status = 'suspended';
      open.suspendedOn = on;
    } else if (open && decision.kind === 'terminate') {
      open.status = 'terminated';
      open.endedOn = on;
      closeAids(open, new Set(), on);
      open = null;
    }
  }
  return periods;
}
