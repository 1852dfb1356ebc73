import { localIsoDate } from '../../../shared/casework/calendarDate';
import type { CaseRecord } from '../../../shared/domain/records';

/** Labels the case screens show for stored codes. */

export const HEAD_RELATION = 'head';

export { sexLabels } from '../../../shared/casework/member';

export const recordKindLabels: Record<CaseRecord['kind'], string> = {
  visit: '訪問',
  interview: '面接',
  call: '電話',
  investigation: '調査（資産・扶養義務者・稼働能力・他法他施策）',
  other: 'その他',
};

/** Relations to the head offered for further members; stored as written, since the household is how people live. */
export const relationChoices = ['妻', '夫', '子', '父', '母', '兄弟姉妹', '孫', '祖父母', '同居人', 'その他'] as const;

export const relationLabel = (relation: string): string => (relation === HEAD_RELATION ? '世帯主' : relation);

/** Today as the user's calendar sees it (not UTC: a note written at 08:00 in Tokyo is dated today). */
export function localToday(now = new Date()): string {
  return localIsoDate(now);
}

/** The message a refusal or failure carries; the data layer's errors already speak Japanese. */
