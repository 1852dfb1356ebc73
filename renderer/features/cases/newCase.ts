import { z } from 'zod';
import { caseStatusLabels, type CaseStatus } from '../../../shared/casework/caseStatus';
import { assessIdentityVerification } from '../../../shared/casework/identityVerification';
import { validateMyNumber } from '../../../shared/casework/myNumber';
import { ageOn, isRealDate } from '../../../shared/calc/dates';
import { housingKinds, type Household, type HousingKind, type Member } from '../../../shared/domain/records';
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

/** Who the member is: the fields a member has both when registered with the case and when added or edited later. */
const personFields = (today: string) => ({
  name: required('氏名を入力してください', 100),
  kana: kanaNameSchema,
  birthDate: birthDateSchema(today),
  sex: z.string().pipe(z.enum(['male', 'female', 'other'], { error: '性別を選択してください' })),
  relation: required('続柄を選択してください', 20),
});

const memberSchema = (context: NewCaseContext) =>
  z
    .object({
      ...personFields(context.today),
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

const addressSchema = required('住所を入力してください', 200);
const phoneSchema = z
  .string()
  .transform(normalizeText)
  .pipe(z.string().regex(/^$|^[0-9][0-9-]{8,14}$/u, { error: '電話番号は数字とハイフンで入力してください' }))
  .transform((phone) => (phone === '' ? null : phone));

export const newCaseSchema = (context: NewCaseContext) =>
  z.object({
    caseNumber: required('ケース番号を入力してください', 20).pipe(
      z.string().regex(/^[0-9A-Za-z-]+$/u, { error: 'ケース番号は英数字とハイフンで入力してください' }),
    ),
    address: addressSchema,
    phone: phoneSchema,
    status: z.string().pipe(z.enum(Object.keys(caseStatusLabels) as [CaseStatus, ...CaseStatus[]], { error: '状態を選択してください' })),
    assignedTo: z.string().transform((id) => (id === '' ? null : id)),
    members: z.array(memberSchema(context)).min(1, { error: '世帯主を入力してください' }),
  });

export type NewCase = z.output<ReturnType<typeof newCaseSchema>>;
export type NewMember = NewCase['members'][number];


/*
 * Editing an existing case: the 世帯 tab's household facts and the 世帯員 tab's member editor. They share the
 * new-case rules above (address, phone, who the member is); 個人番号 is not among them — it keeps the intake's flow.
 */

/** A number as typed, folded from full width and without thousands separators (so '４５，０００' reads as 45000). */
const decimalText = (text: string): string => normalizeText(text).replace(/[,、]/gu, '');

/** Blank gives null; otherwise a whole number within [min, max], or the field's message. */
const optionalWhole = (min: number, max: number, message: string) =>
  z.string().transform((typed, ctx) => {
    const text = decimalText(typed);
    if (text === '') return null;
    if (/^\d+$/u.test(text) && Number(text) >= min && Number(text) <= max) return Number(text);
    ctx.addIssue({ code: 'custom', message });
    return z.NEVER;
  });

export const housingKindLabels: Record<HousingKind, string> = { rented: '賃貸', owned: '持家', public: '公営住宅', none: 'なし（住居なし）' };
/** Kinds for which a rent is paid, and so asked. */
export const paysRent = (kind: string): boolean => kind === 'rented' || kind === 'public';

export interface HouseholdEditInput {
  address: string;
  phone: string;
  housing: string;
  rent: string;
  floorArea: string;
  municipality: string;
}

export const householdEditSchema = (municipalities: ReadonlySet<string>) =>
  z
    .object({
      address: addressSchema,
      phone: phoneSchema,
      housing: z.string().pipe(z.enum(['', ...housingKinds], { error: '住居の種類を選択してください' })),
      rent: optionalWhole(0, 10_000_000, '家賃は円単位の整数で入力してください'),
      floorArea: z.string().transform((typed, ctx) => {
        const text = decimalText(typed);
        if (text === '') return null;
        if (/^\d+(\.\d{1,2})?$/u.test(text) && Number(text) > 0 && Number(text) <= 10_000) return Number(text);
        ctx.addIssue({ code: 'custom', message: '床面積は㎡の数値（小数点以下2桁まで）で入力してください' });
        return z.NEVER;
      }),
      municipality: z
        .string()
        .transform(normalizeText)
        .refine((name) => municipalities.has(name), { error: '市町村を一覧から選択してください' }),
    })
    .superRefine((h, ctx) => {
      if (paysRent(h.housing) && h.rent === null) ctx.addIssue({ code: 'custom', path: ['rent'], message: '賃貸・公営住宅では家賃を入力してください' });
      if (!paysRent(h.housing) && h.rent !== null) ctx.addIssue({ code: 'custom', path: ['rent'], message: '持家・住居なしでは家賃を空欄にしてください' });
      if (h.housing === '' && h.floorArea !== null) ctx.addIssue({ code: 'custom', path: ['housing'], message: '床面積を入力するときは住居の種類を選択してください' });
    })
    .transform(({ housing, rent, floorArea, ...rest }) => ({
      ...rest,
      housing: housing === '' ? null : { kind: housing, rent, floorAreaSqm: floorArea },
    }));

export type HouseholdEdit = z.output<ReturnType<typeof householdEditSchema>>;

export const householdEditValues = (h: Household, defaultMunicipality: string): HouseholdEditInput => ({
  address: h.address,
  phone: h.phone ?? '',
  housing: h.housing?.kind ?? '',
  rent: h.housing?.rent?.toString() ?? '',
  floorArea: h.housing?.floorAreaSqm?.toString() ?? '',
  municipality: h.municipality ?? defaultMunicipality,
});

type Facts<K extends keyof Member> = Record<NonNullable<Exclude<Member[K], undefined>> & string, string>;

export const workCapacityLabels: Facts<'workCapacity'> = { able: '稼働能力あり', limited: '稼働能力あり（制限あり）', unable: '稼働能力なし' };
/** The calculation's A/B in the words of the 障害者加算 (告示 別表第1 第2章 2): 手帳の等級 or 障害年金の等級. */
export const disabilityLabels: Facts<'disability'> = {
  A: '身体障害者手帳1・2級 又は 障害基礎年金1級 相当（障害者加算 ア）',
  B: '身体障害者手帳3級 又は 障害基礎年金2級 相当（障害者加算 イ）',
};
export const schoolLabels: Facts<'school'> = { elementary: '小学校', juniorHigh: '中学校', highSchool: '高等学校' };
export const healthInsuranceLabels: Facts<'healthInsurance'> = {
  none: 'なし（医療扶助）',
  employee: '被用者保険（本人）',
  dependent: '被用者保険（被扶養者）',
  other: 'その他',
};
export const careInsuranceLabels: Facts<'careInsurance'> = {
  primary: '第1号被保険者（65歳以上）',
  secondary: '第2号被保険者（40〜64歳・医療保険あり）',
  nonInsured: '被保険者以外（40〜64歳・医療保険なし）',
};
export const pregnancyLabels = { pregnant: '妊娠中', postpartum: '産後' } as const;

export interface MemberEditInput {
  name: string;
  kana: string;
  birthDate: string;
  sex: string;
  relation: string;
  workCapacity: string;
  disability: string;
  school: string;
  pregnancy: string;
  pregnancyMonths: string;
  healthInsurance: string;
  careInsurance: string;
  atenaNumber: string;
  nonDisclosure: boolean;
}

/** '' is "not recorded" (null); anything else must be one of the labelled codes. */
const optionalCode = <K extends string>(labels: Record<K, string>, message: string) =>
  z.string().pipe(z.enum(['', ...(Object.keys(labels) as K[])], { error: message })).transform((code) => (code === '' ? null : (code as K)));

export const memberEditSchema = (today: string) =>
  z
    .object({
      ...personFields(today),
      workCapacity: optionalCode(workCapacityLabels, '稼働能力を選択してください'),
      disability: optionalCode(disabilityLabels, '障害等級を選択してください'),
      school: optionalCode(schoolLabels, '就学を選択してください'),
      pregnancy: optionalCode(pregnancyLabels, '妊娠・産後を選択してください'),
      pregnancyMonths: optionalWhole(0, 99, '月数は整数で入力してください'),
      healthInsurance: optionalCode(healthInsuranceLabels, '医療保険を選択してください'),
      careInsurance: optionalCode(careInsuranceLabels, '介護保険を選択してください'),
      atenaNumber: z
        .string()
        .transform(normalizeText)
        .pipe(z.string().regex(/^$|^[0-9A-Za-z-]{1,20}$/u, { error: '宛名番号は英数字（20文字以内）で入力してください' }))
        .transform((atena) => (atena === '' ? null : atena)),
      nonDisclosure: z.boolean(),
    })
    .superRefine((m, ctx) => {
      // The calculation's limits: 妊娠 1〜10か月, 産後 0か月から.
      if (m.pregnancy === 'pregnant' && (m.pregnancyMonths === null || m.pregnancyMonths < 1 || m.pregnancyMonths > 10))
        ctx.addIssue({ code: 'custom', path: ['pregnancyMonths'], message: '妊娠月数を1〜10で入力してください' });
      if (m.pregnancy === 'postpartum' && m.pregnancyMonths === null) ctx.addIssue({ code: 'custom', path: ['pregnancyMonths'], message: '産後の月数を入力してください' });
      if (m.pregnancy === null && m.pregnancyMonths !== null) ctx.addIssue({ code: 'custom', path: ['pregnancyMonths'], message: '妊娠・産後でなければ空欄にしてください' });
      if (m.careInsurance === null || !isRealDate(m.birthDate) || m.birthDate > today) return;
      // 介護保険法第9条: 第1号 is 65 and over, 第2号 40〜64 with a 医療保険; 40〜64 without one are 被保険者以外.
      const age = ageOn(m.birthDate, today);
      const wrong =
        m.careInsurance === 'primary' ? (age < 65 ? '第1号被保険者は65歳以上です' : null)
        : age < 40 || age >= 65 ? '40歳未満・65歳以上は第2号被保険者・被保険者以外になりません'
        : m.careInsurance === 'secondary' && m.healthInsurance === 'none' ? '医療保険のない40〜64歳は被保険者以外です'
        : m.careInsurance === 'nonInsured' && m.healthInsurance !== null && m.healthInsurance !== 'none' ? '医療保険のある40〜64歳は第2号被保険者です'
        : null;
      if (wrong) ctx.addIssue({ code: 'custom', path: ['careInsurance'], message: wrong });
    })
    .transform(({ pregnancy, pregnancyMonths, ...member }) => ({
      ...member,
      pregnancy: pregnancy === null || pregnancyMonths === null ? null : pregnancy === 'pregnant' ? { months: pregnancyMonths } : { postpartumMonths: pregnancyMonths },
    }));

export type MemberEdit = z.output<ReturnType<typeof memberEditSchema>>;

/** The editor's starting values: a stored member's (facts not yet recorded are blank), or a new member's. */
export function memberEditValues(member?: Omit<Member, 'hlc' | 'id' | 'householdId' | 'myNumber' | 'identityVerification'>): MemberEditInput {
  const { pregnancy } = member ?? {};
  return {
    name: member?.name ?? '',
    kana: member?.kana ?? '',
    birthDate: member?.birthDate ?? '',
    sex: member?.sex ?? '',
    relation: member?.relation ?? '',
    workCapacity: member?.workCapacity ?? '',
    disability: member?.disability ?? '',
    school: member?.school ?? '',
    pregnancy: !pregnancy ? '' : 'months' in pregnancy ? 'pregnant' : 'postpartum',
    pregnancyMonths: !pregnancy ? '' : String('months' in pregnancy ? pregnancy.months : pregnancy.postpartumMonths),
    healthInsurance: member?.healthInsurance ?? '',
    careInsurance: member?.careInsurance ?? '',
    atenaNumber: member?.atenaNumber ?? '',
    nonDisclosure: member?.nonDisclosure ?? false,
  };
}
