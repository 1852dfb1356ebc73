import { z } from 'zod';
import { code, isoDate, optional, text, whole } from '../casework/inputKit.js';
import { privacyRequestKindLabels, type Extension } from './requestDeadlines.js';
import { assessmentKindLabels, staffBandLabels, subjectBandLabels } from './thresholds.js';

/**
 * The PIA's registers as records: 開示等請求, 漏えい等事案, 研修, and the office's filed assessment. One schema per
 * record, used by the forms and by the data layer to check every write (renderer/data/repos). Personal content —
 * who the request is about, what they asked, what leaked — is all sealed at rest (renderer/data/schema.ts).
 */

const staffId = z.string({ error: '職員を選択してください' }).trim().min(1, { error: '職員を選択してください' });

export const requesterTypeLabels = { self: '本人', legalAgent: '法定代理人', voluntaryAgent: '任意代理人' } as const;
export type RequesterType = keyof typeof requesterTypeLabels;

/**
 * 本人確認書類 seen at the counter (個人情報保護法第77条第2項・施行令第22条, 要確認). Only the kind and who saw it are
 * kept: never the document's number or a copy.
 */
export const identityDocumentLabels = {
  myNumberCard: '個人番号カード',
  driversLicense: '運転免許証',
  passport: '旅券',
  residenceCard: '在留カード・特別永住者証明書',
  healthInsurance: '健康保険の資格確認書等（2点以上）',
  other: 'その他',
} as const;

export const authorityDocumentLabels = {
  familyRegister: '戸籍謄本等（法定代理人の資格）',
  powerOfAttorney: '委任状（任意代理人）',
  other: 'その他',
} as const;

/** `strictObject`: a key the record does not know — a document number above all — is refused, never stored. */
const documentCheck = <K extends string, E extends z.ZodRawShape>(labels: Record<K, string>, extra: E) =>
  z
    .strictObject({ document: code(labels, '確認した書類を選択してください'), otherDocument: text(100), ...extra })
    .refine((check) => (check as { document: string }).document !== 'other' || (check as { otherDocument: string }).otherDocument !== '', {
      path: ['otherDocument'],
      error: '「その他」の書類の名称を入力してください',
    });

export const privacyPersonSchema = z.discriminatedUnion('kind', [
  z.strictObject({ kind: z.literal('member'), householdId: z.string().min(1), memberId: z.string().min(1) }),
  z.strictObject({ kind: z.literal('other'), description: text(200, '請求に係る本人（氏名等）を入力してください') }),
]);
export type PrivacyPerson = z.infer<typeof privacyPersonSchema>;

/** What the counter records when a request is received. */
export const privacyRequestInputSchema = z
  .strictObject({
    kind: code(privacyRequestKindLabels, '請求の種類を選択してください'),
    person: privacyPersonSchema,
    requester: z.strictObject({
      type: code(requesterTypeLabels, '請求者の区分を選択してください'),
      /** The agent's name ('' for 本人). */
      name: text(100),
    }),
    identityCheck: documentCheck(identityDocumentLabels, { checkedBy: staffId }),
    /** For an agent: what proved the agency. */
    authorityCheck: documentCheck(authorityDocumentLabels, {}).nullable(),
    receivedOn: isoDate('受付日'),
    asked: text(1000, '請求の内容を入力してください'),
  })
  .superRefine((request, ctx) => {
    const agent = request.requester.type !== 'self';
    if (agent && request.requester.name === '') ctx.addIssue({ code: 'custom', path: ['requester', 'name'], message: '代理人の氏名を入力してください' });
    if (agent && request.authorityCheck === null)
      ctx.addIssue({ code: 'custom', path: ['authorityCheck', 'document'], message: '代理権を確認した書類を選択してください' });
  });
export type PrivacyRequestInput = z.infer<typeof privacyRequestInputSchema>;

export const extensionSchema = z.strictObject({
  days: whole('延長日数', 1, 60),
  reason: text(500, '延長の理由を入力してください（理由は請求者に通知します）'),
  notifiedOn: isoDate('延長の通知日'),
}) satisfies z.ZodType<Extension>;

export type PrivacyRequest = PrivacyRequestInput & {
  id: string;
  status: 'open' | 'decided' | 'withdrawn';
  extension: Extension | null;
  decidedOn: string | null;
  recordedBy: string;
};

/** 漏えい等事案 as first recorded. */
export const incidentInputSchema = z.strictObject({
  summary: text(1000, '事案の概要を入力してください'),
  occurredOn: optional(isoDate('発生日')),
  foundOn: isoDate('発覚日'),
  peopleAffected: whole('対象人数', 0, 10_000_000),
  dataKinds: text(300, '漏えい等した情報の種類を入力してください'),
  /** The device lost or stolen, if any (its id in the device registry). */
  deviceId: z.string().min(1).nullable(),
  unlawfulPurpose: z.boolean(),
  /** 重大事故 in the PIA's sense (II 3): the 所属長 judges it; it feeds the しきい値判断 for a year. */
  serious: z.boolean(),
});
export type IncidentInput = z.infer<typeof incidentInputSchema>;

export type Incident = IncidentInput & {
  id: string;
  preliminarySentOn: string | null;
  finalSentOn: string | null;
  closedOn: string | null;
  recordedBy: string;
};

export const trainingInputSchema = z.strictObject({
  userId: staffId,
  heldOn: isoDate('受講日'),
  content: text(300, '研修の内容を入力してください'),
  provider: text(100, '実施者（研修の主催）を入力してください'),
});
export type TrainingInput = z.infer<typeof trainingInputSchema>;
export type TrainingRecord = TrainingInput & { id: string; recordedBy: string };

/** The office's assessment as filed: I 5 and 7, the answers of II, and IV 1. */
export const assessmentInputSchema = z.strictObject({
  department: text(100, '担当部署を入力してください'),
  requestContact: text(300, '開示等の請求先を入力してください'),
  subjectBand: code(subjectBandLabels, '対象人数の区分を選択してください'),
  staffBand: code(staffBandLabels, '取扱者数の区分を選択してください'),
  seriousIncident: z.boolean(),
  kind: code(assessmentKindLabels, '提出した評価書の種類を選択してください'),
  /** II の「いつ時点の計数か」. */
  countedOn: isoDate('計数日'),
  filedOn: isoDate('提出日'),
});
export type AssessmentInput = z.infer<typeof assessmentInputSchema>;
export type PiaAssessment = AssessmentInput & { id: string; recordedBy: string };
