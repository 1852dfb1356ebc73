import { fail, ok, type Result } from '../ipc/result.js';
import { formatWareki } from '../format/wareki.js';
import { addDays, daysBetween, type IsoDate } from './calendarDate.js';

/**
 * The deadline for deciding a 保護開始申請 (生活保護法第24条, reference/standards-data/hogo-procedure.json
 * `kettei_kigen`): written notice within 14 days of the application; up to 30 days where a special reason (such
 * as an inquiry into a 扶養義務者's assets) is stated; with no notice within 30 days the applicant may treat the
 * application as rejected (みなし却下).
 *
 * How the days are counted is not in the reference. We count as 民法第140条 does (初日不算入: an application
 * received during the day starts the count the next day), so day 14 is `receivedOn + 14`, and the period ends
 * at the end of that day (同第141条). We do not move a deadline that falls on a holiday (同第142条): whether
 * that applies to the office's own deadline is unconfirmed, and the earlier date is the safe one. Both points are
 * recorded in `decisionDeadlineRule` and shown as 要確認 until checked.
 */
export const decisionDeadlineRule = {
  standardDays: 14,
  extendedDays: 30,
  warningDays: 3,
  basis: '生活保護法第24条第5項（14日・30日）、第7項（みなし却下）',
  counting: '民法第140条（初日不算入）・第141条。休日による延長（第142条）は適用しない',
  countingStatus: '要確認（hogo-procedure.json に日数の数え方の記載なし）',
} as const;

export type Application = {
  receivedOn: IsoDate;
  /** The special reason for taking up to 30 days; blank counts as none. */
  extensionReason?: string | null;
  /** The date of the decision and its written notice. */
  decidedOn?: IsoDate | null;
};

export type DeadlineState =
  | { kind: 'open'; deadline: IsoDate; daysLeft: number; warning: boolean; extended: boolean }
  /** Past day 14 with no extension reason recorded (and not yet past day 30). */
  | { kind: 'overdue'; deadline: IsoDate; daysOverdue: number; deemedRejectionFrom: IsoDate }
  /** Past day 30 undecided: the applicant may now treat the application as rejected. */
  | { kind: 'deemedRejectable'; deadline: IsoDate; daysOverdue: number; deemedRejectionFrom: IsoDate }
  | { kind: 'decided'; deadline: IsoDate; decidedOn: IsoDate; onTime: boolean };

const hasReason = (reason: string | null | undefined) => Boolean(reason?.normalize('NFKC').trim());

export function decisionDeadline(application: Application): IsoDate {
  const { standardDays, extendedDays } = decisionDeadlineRule;
  return addDays(application.receivedOn, hasReason(application.extensionReason) ? extendedDays : standardDays);
}

/** The first day on which the applicant may treat an undecided application as rejected (the day after day 30). */
export function deemedRejectionFrom(receivedOn: IsoDate): IsoDate {
  return addDays(receivedOn, decisionDeadlineRule.extendedDays + 1);
}

/** The countdown shown on the caseload list for `today`. */
export function deadlineState(application: Application, today: IsoDate): DeadlineState {
  const deadline = decisionDeadline(application);
  if (application.decidedOn) {
    return { kind: 'decided', deadline, decidedOn: application.decidedOn, onTime: application.decidedOn <= deadline };
  }
  const daysLeft = daysBetween(today, deadline);
  if (daysLeft >= 0) {
    return {
      kind: 'open',
      deadline,
      daysLeft,
      warning: daysLeft <= decisionDeadlineRule.warningDays,
      extended: hasReason(application.extensionReason),
    };
  }
  const rejectionFrom = deemedRejectionFrom(application.receivedOn);
  const kind = today >= rejectionFrom ? 'deemedRejectable' : 'overdue';
  return { kind, deadline, daysOverdue: -daysLeft, deemedRejectionFrom: rejectionFrom };
}

export type DecisionDateCheck = { deadline: IsoDate; warnings: string[] };

/**
 * Checks the date of a decision on an application before it is saved. Later than day 14 without a recorded
 * reason is refused; later than day 30 is allowed with a warning, since the office must still decide.
 */
export function checkDecisionDate(application: Application & { decidedOn: IsoDate }): Result<DecisionDateCheck> {
  const { receivedOn, decidedOn } = application;
  if (decidedOn < receivedOn) return fail('decision.beforeApplication', '決定日が申請日より前になっています');
  const deadline = decisionDeadline(application);
  if (!hasReason(application.extensionReason) && decidedOn > deadline) {
    return fail(
      'decision.reasonRequired',
      `決定日が申請日から14日の期限（${formatWareki(deadline)}）を過ぎています。30日まで延長した特別な理由を記録してください`,
    );
  }
  const warnings =
    decidedOn > deadline
      ? [`決定日が申請日から30日（${formatWareki(deadline)}）を過ぎています。申請者は申請が却下されたものとみなすことができます（法第24条第7項）`]
      : [];
  return ok({ deadline, warnings });
}
