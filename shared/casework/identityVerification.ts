import { z } from 'zod';
import { isoDateSchema } from './calendarDate.js';
import { text } from './inputKit.js';

/**
 * The record kept each time a 個人番号 is received: 番号法第16条 asks for the card, or for 番号確認 plus 身元確認,
 * and for an agent (代理人) also proof of the agency and of who the agent is (reference/mission-anchors.md §D.1).
 * The PPC guideline suggests several people check a number before it is tied to a person, so the record carries a
 * second staff member's confirmation and a number may be linked only once it is there. The number itself is not
 * part of the record (unknown keys are stripped), nor are copies of documents: only their kinds.
 *
 * The document lists are data with their legal basis. `confirmed: false` marks an entry that the reference does not
 * list and that must be checked against the 施行規則 before it is relied on.
 */
type LegalDocument = { label: string; basis: string; confirmed: boolean };

export const numberCheckDocuments = {
  residentRecordWithNumber: { label: '住民票の写し（個人番号記載）', basis: '番号法施行令第12条第1項第1号', confirmed: true },
  notificationCard: { label: '通知カード（氏名・住所等に変更がないもの）', basis: '通知カード廃止（2020-05-25）時の経過措置', confirmed: false },
  otherByRule: { label: 'その他の番号確認（住民票の写しの提示が困難な場合）', basis: '番号法施行規則第2条第1項', confirmed: true },
} as const satisfies Record<string, LegalDocument>;

/** 身元確認書類 that suffice alone (photo identification). */
export const photoIdentityDocuments = {
  driversLicense: { label: '運転免許証', basis: '番号法施行規則第1条', confirmed: true },
  drivingHistoryCertificate: { label: '運転経歴証明書（平成24年4月1日以降交付）', basis: '番号法施行規則第1条', confirmed: true },
  passport: { label: '旅券', basis: '番号法施行規則第1条', confirmed: true },
  physicalDisabilityCertificate: { label: '身体障害者手帳', basis: '番号法施行規則第1条', confirmed: true },
  mentalDisabilityCertificate: { label: '精神障害者保健福祉手帳', basis: '番号法施行規則第1条', confirmed: true },
  ryoikuTecho: { label: '療育手帳', basis: '番号法施行規則第1条', confirmed: true },
  residenceCard: { label: '在留カード', basis: '番号法施行規則第1条', confirmed: true },
  specialPermanentResidentCertificate: { label: '特別永住者証明書', basis: '番号法施行規則第1条', confirmed: true },
  otherPhotoId: { label: 'その他の写真付き身分証明書（実施機関が適当と認めるもの）', basis: '番号法施行規則第1条', confirmed: true },
} as const satisfies Record<string, LegalDocument>;

export const agentAuthorityDocuments = {
  familyRegister: { label: '戸籍謄本その他法定代理人の資格を証明する書類', basis: '番号法施行令第12条第2項、施行規則第6条', confirmed: true },
  powerOfAttorney: { label: '委任状（任意代理人）', basis: '番号法施行令第12条第2項、施行規則第6条', confirmed: true },
  other: { label: 'その他代理権を証明する書類', basis: '番号法施行規則第6条', confirmed: false },
} as const satisfies Record<string, LegalDocument>;

/** 本人の番号確認 when an agent brings the number. */
export const principalNumberCheckDocuments = {
  principalCard: { label: '本人の個人番号カード又はその写し', basis: '番号法施行規則第8条', confirmed: false },
  ...numberCheckDocuments,
} as const satisfies Record<string, LegalDocument>;

/** 運転経歴証明書 counts only if issued on or after this date (施行規則第1条). */
export const DRIVING_HISTORY_CERTIFICATE_FROM = '2012-04-01';

const keysOf = <T extends Record<string, unknown>>(table: T) => Object.keys(table) as [keyof T & string, ...(keyof T & string)[]];

// What staff wrote (a document's name, a reason), kept as written.
const statement = (required: string) => text(200, required);
const staffId = z.string({ error: '職員を選択してください' }).trim().min(1, { error: '職員を選択してください' });

const documentChoice = <T extends Record<string, LegalDocument>>(table: T, otherKey: keyof T & string, otherMessage: string) =>
  z
    .object({
      kind: z.enum(keysOf(table), { error: '書類の種類を選択してください' }),
      description: z.string().optional(),
    })
    .superRefine((doc, ctx) => {
      if (doc.kind === otherKey && !doc.description?.normalize('NFKC').trim()) {
        ctx.addIssue({ code: 'custom', path: ['description'], message: otherMessage });
      }
    });

const numberCheck = documentChoice(numberCheckDocuments, 'otherByRule', '番号確認の方法を記入してください');

/** 身元確認: a photo ID; two or more documents where that is hard (規則第2条第3項); or a person evidently the same (同第6項). */
const identityCheck = z.discriminatedUnion(
  'kind',
  [
    z
      .object({
        kind: z.literal('photoId'),
        document: z.enum(keysOf(photoIdentityDocuments), { error: '身元確認書類を選択してください' }),
        description: z.string().optional(),
        issuedOn: isoDateSchema.optional(),
      })
      .superRefine((doc, ctx) => {
        if (doc.document === 'otherPhotoId' && !doc.description?.normalize('NFKC').trim()) {
          ctx.addIssue({ code: 'custom', path: ['description'], message: '書類の名称を記入してください' });
        }
        if (doc.document === 'drivingHistoryCertificate') {
          if (doc.issuedOn === undefined) {
            ctx.addIssue({ code: 'custom', path: ['issuedOn'], message: '運転経歴証明書の交付日を入力してください' });
          } else if (doc.issuedOn < DRIVING_HISTORY_CERTIFICATE_FROM) {
            ctx.addIssue({
              code: 'custom',
              path: ['issuedOn'],
              message: '平成24年3月31日以前に交付された運転経歴証明書は身元確認書類になりません',
            });
          }
        }
      }),
    z.object({
      kind: z.literal('difficultCase'),
      documents: z.array(statement('書類の名称を入力してください')).min(1, { error: '確認した書類を入力してください' }),
      reason: statement('写真付き書類で確認できない理由を入力してください'),
    }),
    z.object({
      kind: z.literal('evidentlySamePerson'),
      reason: statement('本人に相違ないと判断した根拠を入力してください'),
    }),
  ],
  { error: '身元確認の方法を選択してください' },
);

const common = {
  personId: z.string({ error: '世帯員を選択してください' }).min(1, { error: '世帯員を選択してください' }),
  verifiedBy: staffId,
  verifiedOn: isoDateSchema,
  confirmation: z.object({ staffId, confirmedOn: isoDateSchema }).optional(),
  note: z.string().max(1000, { error: '1000文字以内で入力してください' }).optional(),
};

export const identityVerificationSchema = z
  .discriminatedUnion(
    'method',
    [
      // 番号法第16条: the card shows both the number and the face.
      z.object({ method: z.literal('card'), ...common }),
      // 番号法第16条: カード代替電磁的記録 (the card on a smartphone), verified with the designated program.
      z.object({ method: z.literal('cardAlternative'), ...common }),
      z.object({ method: z.literal('documents'), numberCheck, identityCheck, ...common }),
      z.object({
        method: z.literal('agent'),
        authority: documentChoice(agentAuthorityDocuments, 'other', '代理権を確認した書類の名称を入力してください'),
        agentName: statement('代理人の氏名を入力してください'),
        agentIdentity: identityCheck,
        principalNumberCheck: documentChoice(principalNumberCheckDocuments, 'otherByRule', '本人の番号確認の方法を記入してください'),
        ...common,
      }),
    ],
    { error: '本人確認の方法を選択してください' },
  )
  .superRefine((record, ctx) => {
    if (!record.confirmation) return;
    if (record.confirmation.staffId === record.verifiedBy) {
      ctx.addIssue({ code: 'custom', path: ['confirmation', 'staffId'], message: '確認者は受付をした職員とは別の職員にしてください' });
    }
    if (record.confirmation.confirmedOn < record.verifiedOn) {
      ctx.addIssue({ code: 'custom', path: ['confirmation', 'confirmedOn'], message: '確認日は本人確認をした日以降にしてください' });
    }
  });
export type IdentityVerification = z.infer<typeof identityVerificationSchema>;

export type VerificationProblem = { path: string; message: string };
export type VerificationAssessment = { sufficient: true; record: IdentityVerification } | { sufficient: false; problems: VerificationProblem[] };

/** Whether a record allows the number to be linked: a valid record, confirmed by a second member of staff. */
export function assessIdentityVerification(input: unknown): VerificationAssessment {
  const parsed = identityVerificationSchema.safeParse(input);
  if (!parsed.success) {
    return { sufficient: false, problems: parsed.error.issues.map((issue) => ({ path: issue.path.join('.'), message: issue.message })) };
  }
  if (!parsed.data.confirmation) {
    return {
      sufficient: false,
      problems: [{ path: 'confirmation', message: '別の職員による確認が済んでいないため、個人番号を登録できません' }],
    };
  }
  return { sufficient: true, record: parsed.data };
}
