import type { DecisionKind } from '../casework/caseStatus.js';
import type { Aid } from '../domain/aids.js';

/**
 * Where a case stood on any date, from its approved decisions alone (not from its current status, which only says
 * where it stands today): the decisions in force — those no later decision supersedes — folded in effective-date
 * order. 開始 and 変更 set the 扶助 in force; 停止 keeps them but stops the assistance; 廃止 and 却下 end it.
 */

export interface FigureDecision {
  id: string;
  kind: DecisionKind;
  effectiveOn: string;
  aids: readonly Aid[];
  /** A code of reasonCodes.ts for 開始 and 廃止; null when none was recorded. */
  reasonCode: string | null;
  supersedes: string | null;
  /** Breaks ties between decisions effective on the same day: the approval order (the row's HLC). */
  order: string;
}

export type ProtectionStatus = 'none' | 'active' | 'suspended' | 'terminated' | 'rejected';

export interface Protection {
  status: ProtectionStatus;
  aids: readonly Aid[];
}

const nothing: Protection = { status: 'none', aids: [] };

/** The decisions in force, oldest first: a retroactive decision replaces the one it supersedes. */
export function decisionsInForce(decisions: readonly FigureDecision[]): FigureDecision[] {
  const superseded = new Set(decisions.flatMap((d) => (d.supersedes ? [d.supersedes] : [])));
  return decisions
    .filter((d) => !superseded.has(d.id))
    .sort((a, b) => (a.effectiveOn === b.effectiveOn ? a.order.localeCompare(b.order) : a.effectiveOn < b.effectiveOn ? -1 : 1));
}

/** Where the case stands from each decision's effective date on: the decisions in force folded once. */
export type ProtectionTimeline = readonly { from: string; protection: Protection }[];

export function protectionTimeline(inForce: readonly FigureDecision[]): ProtectionTimeline {
  const timeline: { from: string; protection: Protection }[] = [];
  let protection = nothing;
  for (const decision of inForce) {
    switch (decision.kind) {
      case 'start':
      case 'change':
        protection = { status: 'active', aids: decision.aids };
        break;
      case 'suspend':
        protection = { status: 'suspended', aids: protection.aids };
        break;
      case 'terminate':
        protection = { status: 'terminated', aids: [] };
        break;
      case 'reject':
        protection = { status: 'rejected', aids: [] };
        break;
    }
    timeline.push({ from: decision.effectiveOn, protection });
  }
  return timeline;
}

/** The protection at the end of `date`. */
export function protectionOn(timeline: ProtectionTimeline, date: string): Protection {
  let protection = nothing;
  for (const step of timeline) {
    if (step.from > date) break;
    protection = step.protection;
  }
  return protection;
}

export const isProtected = (p: Protection) => p.status === 'active' || p.status === 'suspended';
