import { z } from 'zod';
import { pastDateField, textField } from '../../ui/formSchemas';
import { monthOf, type IsoDate } from '../../../shared/casework/calendarDate';
import { visitStatus, type VisitStatus } from '../../../shared/casework/visitPlan';
import type { CaseRecord, VisitPlan } from '../../../shared/domain/records';

/**
 * A structured contact record (訪問・面接・電話): who was met, where, what was seen, the advice given and the next
 * steps, plus a narrative. It is kept as a ケース記録 whose text carries the headings, so the case record list
 * shows it as written; a home or other visit is what moves the visit plan.
 */

export const contactMethods = {
  homeVisit: { label: '家庭訪問', kind: 'visit' },
  otherVisit: { label: '訪問（入院先・施設等）', kind: 'visit' },
  officeVisit: { label: '来所面接', kind: 'interview' },
  phone: { label: '電話', kind: 'call' },
} as const satisfies Record<string, { label: string; kind: CaseRecord['kind'] }>;
export type ContactMethod = keyof typeof contactMethods;

export const visitRecordSchema = (today: IsoDate) =>
  z.object({
    method: z.string().pipe(z.enum(Object.keys(contactMethods) as [ContactMethod, ...ContactMethod[]], { error: '方法を選択してください' })),
    recordedOn: pastDateField(today),
    place: textField(100, null),
    metWith: textField(100, '面会した人（相手）を入力してください'),
    observed: textField(2000, '確認した状況を入力してください'),
    advice: textField(2000, null),
    nextSteps: textField(1000, null),
    narrative: textField(4000, null),
  });
export type VisitRecordInput = z.input<ReturnType<typeof visitRecordSchema>>;
export type VisitRecord = z.output<ReturnType<typeof visitRecordSchema>>;

export const emptyVisitRecord = (today: IsoDate): VisitRecordInput => ({
  method: 'homeVisit',
  recordedOn: today,
  place: '',
  metWith: '',
  observed: '',
  advice: '',
  nextSteps: '',
  narrative: '',
});

/** The case record a structured contact becomes: its kind, date and the text with headings (empty parts left out). */
export function toCaseRecord(record: VisitRecord): Pick<CaseRecord, 'kind' | 'recordedOn' | 'body'> {
  const { label, kind } = contactMethods[record.method];
  const parts: [string, string][] = [
    ['場所', record.place],
    ['面会者', record.metWith],
    ['確認した状況', record.observed],
    ['助言・指導', record.advice],
    ['今後の方針', record.nextSteps],
    ['経過', record.narrative],
  ];
  const body = [`【${label}】`, ...parts.filter(([, value]) => value !== '').map(([heading, value]) => `${heading}: ${value}`)].join('\n');
  return { kind, recordedOn: record.recordedOn, body };
}

/** The plan's mark for `today` (予定・今月・超過). */
export const planStatus = (plan: Pick<VisitPlan, 'nextDueOn'>, today: IsoDate): VisitStatus =>
  visitStatus({ dueMonth: monthOf(plan.nextDueOn), dueBy: plan.nextDueOn }, today);

export function statusLabel(status: VisitStatus): string {
  switch (status.kind) {
    case 'notYetDue':
      return '予定';
    case 'dueThisMonth':
      return `今月訪問予定（残り${status.daysLeft}日）`;
    case 'overdue':
      return `訪問期限超過（${status.monthsOverdue}か月）`;
  }
}
