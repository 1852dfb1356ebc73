import { z } from 'zod';
import { ageOn, isRealDate } from '../calc/dates.js';
import type { Member } from '../domain/records.js';
import { kanaNameSchema } from '../text/kana.js';
import { code, line, optional, pastDate, typedCode, whole } from './inputKit.js';

/**
 * 世帯員: who the member is and the facts the calculation rests on. One schema checks the 新規ケース登録 and 世帯員
 * forms and the data layer's write (repos/members.ts). 個人番号 and its §16 record are not here: the repository
 * checks them with their own rules (role, device, check digit, verification).
 */

type Facts<K extends keyof Member> = Record<NonNullable<Exclude<Member[K], undefined>> & string, string>;

export const sexLabels: Facts<'sex'> = { male: '男', female: '女', other: 'その他' };
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

/** Born by `today` and not before 1900; blank is its own message. */
export const birthDateSchema = (today: string) =>
  z
    .string({ error: '生年月日を入力してください' })
    .refine((typed) => typed.trim() !== '', { error: '生年月日を入力してください', abort: true })
    .pipe(pastDate(today))
    .refine((date) => date >= '1900-01-01', { error: '1900年以降の日付を入力してください' });

/** Who the member is: the fields asked both when the case is registered and when a member is added or edited. */
export const personFields = (today: string) => ({
  name: line(100, '氏名を入力してください'),
  kana: kanaNameSchema,
  birthDate: birthDateSchema(today),
  sex: code(sexLabels, '性別を選択してください'),
  relation: typedCode(20, '続柄を選択してください'),
});

/** 団体内統合宛名システムの宛名番号: what linkage keys a person by; blank is not yet known (null). */
export const atenaNumberSchema = optional(
  typedCode(20).pipe(z.string().regex(/^[0-9A-Za-z-]{1,20}$/u, { error: '宛名番号は英数字（20文字以内）で入力してください' })),
);

/** Not recorded is null (older members have none of these facts: absent stays absent). */
const fact = <K extends string>(labels: Record<K, string>, message: string) => code(labels, message).nullable().optional();

const pregnantSchema = z.object({ months: whole('妊娠月数', 1, 10) });
const postpartumSchema = z.object({ postpartumMonths: whole('産後の月数', 0, 99) });

/**
 * 妊娠 1〜10か月 or 産後 0か月から (the calculation's limits). The shape is chosen by its key rather than by a union,
 * so a wrong month count is reported on the months field, not as "neither shape".
 */
const pregnancySchema = z
  .unknown()
  .transform((value, ctx): NonNullable<Member['pregnancy']> => {
    const shape = typeof value === 'object' && value !== null && 'postpartumMonths' in value ? postpartumSchema : pregnantSchema;
    const result = shape.safeParse(value);
    if (result.success) return result.data;
    for (const issue of result.error.issues) ctx.addIssue({ code: 'custom', path: issue.path, message: issue.message });
    return z.NEVER;
  })
  .nullable()
  .optional();

/**
 * A member as the data layer stores it. Loose: the ids (which the repository's scope checks judge), the 個人番号, its
 * §16 record and the payee account are judged by their own rules.
 */
export const memberSchema = (today: string) =>
  z
    .looseObject({
      ...personFields(today),
      atenaNumber: atenaNumberSchema,
      nonDisclosure: z.boolean({ error: '不開示の有無を選択してください' }),
      workCapacity: fact(workCapacityLabels, '稼働能力を選択してください'),
      disability: fact(disabilityLabels, '障害等級を選択してください'),
      school: fact(schoolLabels, '就学を選択してください'),
      pregnancy: pregnancySchema,
      healthInsurance: fact(healthInsuranceLabels, '医療保険を選択してください'),
      careInsurance: fact(careInsuranceLabels, '介護保険を選択してください'),
    })
    .superRefine((m, ctx) => {
      if (!m.careInsurance || !isRealDate(m.birthDate) || m.birthDate > today) return;
      // 介護保険法第9条: 第1号 is 65 and over, 第2号 40〜64 with a 医療保険; 40〜64 without one are 被保険者以外.
      const age = ageOn(m.birthDate, today);
      const wrong =
        m.careInsurance === 'primary'
          ? age < 65
            ? '第1号被保険者は65歳以上です'
            : null
          : age < 40 || age >= 65
            ? '40歳未満・65歳以上は第2号被保険者・被保険者以外になりません'
            : m.careInsurance === 'secondary' && m.healthInsurance === 'none'
              ? '医療保険のない40〜64歳は被保険者以外です'
              : m.careInsurance === 'nonInsured' && m.healthInsurance && m.healthInsurance !== 'none'
                ? '医療保険のある40〜64歳は第2号被保険者です'
                : null;
      if (wrong) ctx.addIssue({ code: 'custom', path: ['careInsurance'], message: wrong });
    });
