import { z } from 'zod';
import { caseStatusLabels, type CaseStatus } from '../../../shared/casework/caseStatus';
import { assessIdentityVerification } from '../../../shared/casework/identityVerification';
import { validateMyNumber } from '../../../shared/casework/myNumber';
import { isRealDate } from '../../../shared/calc/dates';
import { kanaNameSchema, normalizeText } from '../../../shared/text/kana';

/**
 * The 新規ケース登録 form: what is typed (strings, as the inputs hold them) and what it becomes once every field
 * is valid. The whole form is one schema so that nothing is saved while any field is wrong; 個人番号 comes with its
 * 番号法§16 identity verification, assessed by shared/casework before the number may be linked.
 */

export type VerificationMethod = 'card' | 'documents';
export const verificationMethodLabels: Record<VerificationMethod, string> = {
  card: '個人番号カードの提示',
  documents: '番号確認書類と身元確認書類の提示',
};

export interface MemberInput {
  name: string;
  kana: string;
  birthDate: string;
  sex: string;
  relation: string;
  myNumber: string;
  verification: { method: string; numberCheck: string; photoId: string; confirmer: string };
}

export interface NewCaseInput {
  caseNumber: string;
  address: string;
  phone: string;
  status: string;
  assignedTo: string;
  members: MemberInput[];
}

export const emptyMember = (relation = ''): MemberInput => ({
  name: '',
  kana: '',
  birthDate: '',
  sex: '',
  relation,
  myNumber: '',
  verification: { method: '', numberCheck: '', photoId: '', confirmer: '' },
});

export interface NewCaseContext {
  today: string;
  /** Who receives the number (受付者) for the identity verification record. */
  userId: string;
}

const required = (message: string, max: number) =>
  z
    .string()
    .transform(normalizeText)
    .pipe(z.string().min(1, { error: message }).max(max, { error: `${max}文字以内で入力してください` }));

/** `2001-2-3`, `2001/02/03` or full-width digits give `2001-02-03`. */
function isoDateOf(text: string): string {
  const parts = normalizeText(text).split(/[-/.]/u);
  if (parts.length !== 3 || !parts.every((p) => /^\d+$/u.test(p))) return text;
  const [y, m, d] = parts as [string, string, string];
  return `${y.padStart(4, '0')}-${m.padStart(2, '0')}-${d.padStart(2, '0')}`;
}

const birthDateSchema = (today: string) =>
  z
    .string()
    .transform(isoDateOf)
    .superRefine((date, ctx) => {
      if (date.trim() === '') ctx.addIssue({ code: 'custom', message: '生年月日を入力してください' });
      else if (!isRealDate(date)) ctx.addIssue({ code: 'custom', message: '実在する日付を 年-月-日（例: 1980-04-01）で入力してください' });
      else if (date > today) ctx.addIssue({ code: 'custom', message: '未来の日付は入力できません' });
      else if (date < '1900-01-01') ctx.addIssue({ code: 'custom', message: '1900年以降の日付を入力してください' });
    });

/** Where an assessment problem is shown on the form (`method`, `numberCheck.kind` … → the member's fields). */
function verificationField(path: string): keyof MemberInput['verification'] {
  if (path.startsWith('numberCheck')) return 'numberCheck';
  if (path.startsWith('identityCheck')) return 'photoId';
  if (path.startsWith('confirmation')) return 'confirmer';
  return 'method';
}

/** The §16 record the form describes, in shared/casework's shape (the number itself is not part of it). */
export function verificationRecord(v: MemberInput['verification'], personId: string, { today, userId }: NewCaseContext): unknown {
  const common = {
    personId,
    verifiedBy: userId,
    verifiedOn: today,
    ...(v.confirmer ? { confirmation: { staffId: v.confirmer, confirmedOn: today } } : {}),
  };
  if (v.method !== 'documents') return { method: v.method || undefined, ...common };
  return {
    method: 'documents',
    numberCheck: { kind: v.numberCheck || undefined },
    identityCheck: { kind: 'photoId', document: v.photoId || undefined },
    ...common,
  };
}

/** Empty means "no number"; anything else must pass the check digit (shared/casework/myNumber). */
const optionalMyNumber = z.string().transform((typed, ctx) => {
  if (typed.trim() === '') return null;
  const number = validateMyNumber(typed);
  if (number.ok) return number.value as string;
  ctx.addIssue({ code: 'custom', message: number.error.message });
  return z.NEVER;
});

const memberSchema = (context: NewCaseContext) =>
  z
    .object({
      name: required('氏名を入力してください', 100),
      kana: kanaNameSchema,
      birthDate: birthDateSchema(context.today),
      sex: z.string().pipe(z.enum(['male', 'female', 'other'], { error: '性別を選択してください' })),
      relation: required('続柄を選択してください', 20),
      myNumber: optionalMyNumber,
      verification: z.object({ method: z.string(), numberCheck: z.string(), photoId: z.string(), confirmer: z.string() }),
    })
    // A refinement, not a transform: it reports on the verification fields even while another field is wrong.
    .superRefine((member, ctx) => {
      if (member.myNumber === null) return;
      const assessed = assessIdentityVerification(verificationRecord(member.verification, 'new', context));
      for (const problem of assessed.sufficient ? [] : assessed.problems) {
        ctx.addIssue({ code: 'custom', path: ['verification', verificationField(problem.path)], message: problem.message });
      }
    })
    .transform(({ verification, ...member }) => {
      const assessed = member.myNumber === null ? null : assessIdentityVerification(verificationRecord(verification, 'new', context));
      return { ...member, verification: assessed?.sufficient ? assessed.record : null };
    });

export const newCaseSchema = (context: NewCaseContext) =>
  z.object({
    caseNumber: required('ケース番号を入力してください', 20).pipe(
      z.string().regex(/^[0-9A-Za-z-]+$/u, { error: 'ケース番号は英数字とハイフンで入力してください' }),
    ),
    address: required('住所を入力してください', 200),
    phone: z
      .string()
      .transform(normalizeText)
      .pipe(z.string().regex(/^$|^[0-9][0-9-]{8,14}$/u, { error: '電話番号は数字とハイフンで入力してください' }))
      .transform((phone) => (phone === '' ? null : phone)),
    status: z.string().pipe(z.enum(Object.keys(caseStatusLabels) as [CaseStatus, ...CaseStatus[]], { error: '状態を選択してください' })),
    assignedTo: z.string().transform((id) => (id === '' ? null : id)),
    members: z.array(memberSchema(context)).min(1, { error: '世帯主を入力してください' }),
  });

export type NewCase = z.output<ReturnType<typeof newCaseSchema>>;
export type NewMember = NewCase['members'][number];

