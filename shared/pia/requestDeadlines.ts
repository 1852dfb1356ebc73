import { addDays, daysBetween, type IsoDate } from '../casework/calendarDate.js';
import { ruleOn, type LegalRule } from './legalRule.js';

/**
 * 開示・訂正・利用停止（消去）請求 and the time the office has to decide them (個人情報保護法, 行政機関等の義務の章;
 * for 特定個人情報 the same articles apply through 番号法第30条). Days are counted as the application deadline counts
 * them (shared/casework/applicationDeadline.ts): 初日不算入, the period ends at the end of its last day, and a last
 * day on a holiday is not moved (the earlier date is the safe one). The 補正 days the law leaves out of the count
 * are not deducted yet: an office that asked for 補正 can record an extension.
 */
export const privacyRequestKinds = ['disclosure', 'correction', 'suspension', 'erasure'] as const;
export type PrivacyRequestKind = (typeof privacyRequestKinds)[number];

export const privacyRequestKindLabels: Record<PrivacyRequestKind, string> = {
  disclosure: '開示',
  correction: '訂正',
  suspension: '利用停止',
  erasure: '消去',
};

export type DecisionPeriod = { days: number; extensionDays: number; decisionArticle: string; extensionArticle: string };

const counting = '請求があった日の翌日から起算（初日不算入）。末日が休日でも延長しない。補正に要した日数の除外は未対応';

/**
 * Since 令和5年4月1日 the 個人情報保護法's chapter on 行政機関等 binds local governments too (令和3年改正). The
 * articles are not in the project's reference: every entry is 要確認 until checked against the text.
 */
export const decisionPeriods: Record<PrivacyRequestKind, readonly LegalRule<DecisionPeriod>[]> = {
  disclosure: [
    {
      from: '2023-04-01',
      to: null,
      source: '個人情報保護法第83条第1項（30日）・第2項（30日以内の延長、理由の通知）',
      confirmed: false,
      note: `${counting}。著しく大量な場合の特例（第84条）は延長とは別の手続`,
      values: { days: 30, extensionDays: 30, decisionArticle: '第83条第1項', extensionArticle: '第83条第2項' },
    },
  ],
  correction: [
    {
      from: '2023-04-01',
      to: null,
      source: '個人情報保護法第94条第1項（30日）・第2項（30日以内の延長）',
      confirmed: false,
      note: `${counting}。特例（第95条）は延長とは別の手続`,
      values: { days: 30, extensionDays: 30, decisionArticle: '第94条第1項', extensionArticle: '第94条第2項' },
    },
  ],
  // 消去 is one of the 利用停止請求's forms (第98条第1項第1号): the same periods.
  suspension: [
    {
      from: '2023-04-01',
      to: null,
      source: '個人情報保護法第102条第1項（30日）・第2項（30日以内の延長）',
      confirmed: false,
      note: `${counting}。特例（第103条）は延長とは別の手続`,
      values: { days: 30, extensionDays: 30, decisionArticle: '第102条第1項', extensionArticle: '第102条第2項' },
    },
  ],
  erasure: [
    {
      from: '2023-04-01',
      to: null,
      source: '個人情報保護法第98条第1項第1号（消去は利用停止請求の一つ）、第102条（30日・延長30日以内）',
      confirmed: false,
      note: counting,
      values: { days: 30, extensionDays: 30, decisionArticle: '第102条第1項', extensionArticle: '第102条第2項' },
    },
  ],
};

export const periodRuleOf = (kind: PrivacyRequestKind, receivedOn: IsoDate) =>
  ruleOn(`${privacyRequestKindLabels[kind]}決定の期限`, decisionPeriods[kind], receivedOn);

/** Extended days: at most what the rule allows; a longer one is refused where it is recorded. */
export type Extension = { days: number; reason: string; notifiedOn: IsoDate };

/** The 決定期限: receivedOn + the period, plus the extension when one was recorded. */
export function decisionDeadline(request: { kind: PrivacyRequestKind; receivedOn: IsoDate; extension: Extension | null }): IsoDate {
  const { days } = periodRuleOf(request.kind, request.receivedOn).values;
  return addDays(request.receivedOn, days + (request.extension?.days ?? 0));
}

/** Why an extension cannot be recorded (null: it can): longer than the law allows, or notified after the deadline. */
export function extensionProblem(
  request: { kind: PrivacyRequestKind; receivedOn: IsoDate },
  extension: Extension,
): { field: 'days' | 'notifiedOn' | 'reason'; message: string } | null {
  const rule = periodRuleOf(request.kind, request.receivedOn);
  if (!Number.isInteger(extension.days) || extension.days < 1 || extension.days > rule.values.extensionDays)
    return { field: 'days', message: `延長日数は1〜${rule.values.extensionDays}日です（${rule.values.extensionArticle}）` };
  if (extension.reason.trim() === '') return { field: 'reason', message: '延長の理由を入力してください（理由は請求者に通知します）' };
  const originalDeadline = addDays(request.receivedOn, rule.values.days);
  if (extension.notifiedOn > originalDeadline || extension.notifiedOn < request.receivedOn)
    return { field: 'notifiedOn', message: `延長の通知は請求日から当初の期限（${originalDeadline}）までに行います` };
  return null;
}

export type CountdownState =
  | { kind: 'open'; deadline: IsoDate; daysLeft: number; warning: boolean }
  | { kind: 'overdue'; deadline: IsoDate; daysOverdue: number }
  | { kind: 'closed'; deadline: IsoDate };

/** Days before the deadline from which the list marks a request. */
export const WARNING_DAYS = 7;

export function countdown(
  request: { kind: PrivacyRequestKind; receivedOn: IsoDate; extension: Extension | null; status: 'open' | 'decided' | 'withdrawn' },
  today: IsoDate,
): CountdownState {
  const deadline = decisionDeadline(request);
  if (request.status !== 'open') return { kind: 'closed', deadline };
  const daysLeft = daysBetween(today, deadline);
  return daysLeft >= 0 ? { kind: 'open', deadline, daysLeft, warning: daysLeft <= WARNING_DAYS } : { kind: 'overdue', deadline, daysOverdue: -daysLeft };
}
