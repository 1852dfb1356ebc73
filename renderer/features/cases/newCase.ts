import { z } from 'zod';
import { formOf } from '../../../shared/casework/inputKit';
import { addressSchema, caseNumberSchema, caseStatusSchema, householdFactsSchema, phoneSchema } from '../../../shared/casework/household';
import { assessIdentityVerification } from '../../../shared/casework/identityVerification';
import { atenaNumberSchema, memberSchema, personFields } from '../../../shared/casework/member';
import { validateMyNumber } from '../../../shared/casework/myNumber';
import type { Household, Member } from '../../../shared/domain/records';

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

/** The §16 identity verification as the form's selects hold it. */
export type VerificationInput = { method: string; numberCheck: string; photoId: string; confirmer: string };

export const emptyMember = (relation = ''): MemberInput => ({
  name: '',
  kana: '',
  birthDate: '',
  sex: '',
  relation,
  atenaNumber: '',
  myNumber: '',
  verification: { method: '', numberCheck: '', photoId: '', confirmer: '' },
});

export interface NewCaseContext {
  today: string;
  /** Who receives the number (受付者) for the identity verification record. */
  userId: string;
}

/** Where an assessment problem is shown on the form (`method`, `numberCheck.kind` … → the member's fields). */
function verificationField(path: string): keyof VerificationInput {
  if (path.startsWith('numberCheck')) return 'numberCheck';
  if (path.startsWith('identityCheck')) return 'photoId';
  if (path.startsWith('confirmation')) return 'confirmer';
  return 'method';
}

/** The §16 record the form describes, in shared/casework's shape (the number itself is not part of it). */
export function verificationRecord(v: VerificationInput, personId: string, { today, userId }: NewCaseContext): unknown {
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

const newMemberSchema = (context: NewCaseContext) =>
  z
    .object({
      ...personFields(context.today),
      atenaNumber: atenaNumberSchema,
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
    caseNumber: caseNumberSchema,
    address: addressSchema,
    phone: phoneSchema,
    status: caseStatusSchema,
    assignedTo: z.string().transform((id) => (id === '' ? null : id)),
    members: z.array(newMemberSchema(context)).min(1, { error: '世帯主を入力してください' }),
  });

/** What the form holds, as typed: strings (the phone may also be blank), before any field is judged. */
export type NewCaseInput = z.input<ReturnType<typeof newCaseSchema>>;
export type MemberInput = NewCaseInput['members'][number];
export type NewCase = z.output<ReturnType<typeof newCaseSchema>>;
export type NewMember = NewCase['members'][number];

/*
 * Editing an existing case: the 世帯 tab's household facts and the 世帯員 tab's member editor. Their schemas are the
 * entities' own (shared/casework/household.ts, member.ts), which the data layer checks the write with; the forms
 * only put what was typed into the entity's shape and each problem back on the field it concerns.
 */

export interface HouseholdEditInput {
  address: string;
  phone: string;
  housing: string;
  rent: string;
  floorArea: string;
  municipality: string;
}

const blank = (typed: string) => typed.normalize('NFKC').trim() === '';

/** The form's three housing fields are the entity's `housing`; unrecorded while all three are blank. */
const householdFields: Record<string, keyof HouseholdEditInput> = { 'housing.kind': 'housing', 'housing.rent': 'rent', 'housing.floorAreaSqm': 'floorArea' };

export const householdEditSchema = (municipalities: ReadonlySet<string>) =>
  formOf(
    householdFactsSchema(municipalities),
    ({ housing, rent, floorArea, ...facts }: HouseholdEditInput) => ({
      ...facts,
      housing: housing === '' && blank(rent) && blank(floorArea) ? null : { kind: housing, rent, floorAreaSqm: floorArea },
    }),
    { fieldOf: (path) => householdFields[path] ?? path },
  );

export type HouseholdEdit = z.output<ReturnType<typeof householdFactsSchema>>;

export const householdEditValues = (h: Household, defaultMunicipality: string): HouseholdEditInput => ({
  address: h.address,
  phone: h.phone ?? '',
  housing: h.housing?.kind ?? '',
  rent: h.housing?.rent?.toString() ?? '',
  floorArea: h.housing?.floorAreaSqm?.toString() ?? '',
  municipality: h.municipality ?? defaultMunicipality,
});

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

/** '' is "not recorded". */
const code = (typed: string) => (typed === '' ? null : typed);

export const memberEditSchema = (today: string) =>
  formOf(
    memberSchema(today),
    ({ pregnancy, pregnancyMonths, workCapacity, disability, school, healthInsurance, careInsurance, ...person }: MemberEditInput) => ({
      ...person,
      workCapacity: code(workCapacity),
      disability: code(disability),
      school: code(school),
      healthInsurance: code(healthInsurance),
      careInsurance: code(careInsurance),
      pregnancy:
        pregnancy === 'pregnant'
          ? { months: pregnancyMonths }
          : pregnancy === 'postpartum'
            ? { postpartumMonths: pregnancyMonths }
            : pregnancy === ''
              ? null
              : pregnancy,
    }),
    {
      // One 月数 field serves both: the entity's `pregnancy.months` and `pregnancy.postpartumMonths` are shown there.
      fieldOf: (path) => (path.startsWith('pregnancy.') ? 'pregnancyMonths' : path),
      check: ({ pregnancy, pregnancyMonths }) =>
        pregnancy === '' && !blank(pregnancyMonths) ? [{ path: 'pregnancyMonths', message: '妊娠・産後でなければ空欄にしてください' }] : [],
    },
  );

export type MemberEdit = z.output<ReturnType<typeof memberSchema>>;

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
