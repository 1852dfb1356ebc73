import { addDays, type IsoDate } from '../casework/calendarDate.js';
import { ruleOn, type LegalRule } from './legalRule.js';

/**
 * 漏えい等 reports to the 個人情報保護委員会: a 速報 promptly after the office knows of the incident, a 確報 within
 * 30 days (60 when it was done for an unlawful purpose, 不正の目的). For 行政機関等 this is 個人情報保護法第68条 with
 * its 施行規則第44条; for 特定個人情報 番号法第29条の4 and its 委員会規則. 「速やかに」 has no number of days in the law:
 * the PPC's guidance reads it as about 3 to 5 days, and the earlier bound is kept as the due date. Not in the
 * reference: 要確認.
 */
export type ReportPeriods = { preliminaryDays: { from: number; to: number }; finalDays: number; finalDaysUnlawfulPurpose: number };

export const reportRules: readonly LegalRule<ReportPeriods>[] = [
  {
    from: '2022-04-01',
    to: null,
    source: '個人情報保護法第68条第1項・施行規則第44条、番号法第29条の4・特定個人情報の漏えい等に関する報告等に関する規則',
    confirmed: false,
    note: '速報は「速やかに」（ガイドラインの目安3〜5日、期限表示は早い方の3日）。確報は知った日から30日以内、不正の目的によるおそれがある場合は60日以内。知った日の翌日から起算',
    values: { preliminaryDays: { from: 3, to: 5 }, finalDays: 30, finalDaysUnlawfulPurpose: 60 },
  },
];

export const reportRuleOn = (date: IsoDate) => ruleOn('漏えい等報告の期限', reportRules, date);

export type ReportDeadlines = { preliminaryDue: IsoDate; preliminaryLatest: IsoDate; finalDue: IsoDate };

/** The 速報 and 確報 due dates of an incident the office learned of on `foundOn`. */
export function reportDeadlines(incident: { foundOn: IsoDate; unlawfulPurpose: boolean }): ReportDeadlines {
  const { preliminaryDays, finalDays, finalDaysUnlawfulPurpose } = reportRuleOn(incident.foundOn).values;
  return {
    preliminaryDue: addDays(incident.foundOn, preliminaryDays.from),
    preliminaryLatest: addDays(incident.foundOn, preliminaryDays.to),
    finalDue: addDays(incident.foundOn, incident.unlawfulPurpose ? finalDaysUnlawfulPurpose : finalDays),
  };
}
