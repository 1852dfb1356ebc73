import { z } from 'zod';
import { cached } from '../collections/cached.js';
import { isRealDate, lastDayOf } from './dates.js';
import { kyuchiList, tokiChikuList } from './tables/dimensions.js';
import { standardTables, type StandardTables } from './tables/index.js';

/**
 * The household a calculation takes (contracts/calc-cli.md §Input, plus optional fields the contract allows us to
 * add). Every problem comes back as `path: 理由` in Japanese so the CLI and the wizards can point at the field.
 */

const isoDate = z
  .string()
  .regex(/^\d{4}-\d{2}-\d{2}$/, { error: '日付は YYYY-MM-DD 形式で入力してください' })
  .refine((d) => !/^\d{4}-\d{2}-\d{2}$/.test(d) || isRealDate(d), { error: '存在しない日付です' });
const isoMonth = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '年月は YYYY-MM 形式で入力してください' });
const yenAmount = z.number().int({ error: '円単位の整数で入力してください' }).min(0, { error: '0以上の金額を入力してください' });

const memberSchema = z.object({
  id: z.string().min(1, { error: '世帯員IDを入力してください' }),
  birthDate: isoDate,
  disability: z.enum(['A', 'B']).nullable().default(null),
  school: z.enum(['elementary', 'juniorHigh', 'highSchool']).nullable().default(null),
  pregnancy: z
    .union([
      z.strictObject({ months: z.number().int().min(1, { error: '妊娠月数は1以上です' }).max(10, { error: '妊娠月数は10以下です' }) }),
      z.strictObject({ postpartumMonths: z.number().int().min(0, { error: '産後月数は0以上です' }) }),
    ])
    .nullable()
    .default(null),
  careInsurancePremium: yenAmount.default(0),
  /** 在宅患者加算 (not in the contract; optional). */
  homePatient: z.boolean().default(false),
  /** 放射線障害者加算: currently affected or recovered. */
  radiation: z.enum(['current', 'recovered']).nullable().default(null),
  /** 介護施設入所者加算. */
  careFacility: z.boolean().default(false),
});

const housingSchema = z
  .object({
    rent: yenAmount,
    floorAreaSqm: z.number().positive({ error: '床面積は正の数で入力してください' }).nullable().default(null),
    /** ×1.3 特別基準: only on request, and only with the reason recorded. */
    specialAllowance: z
      .object({ reason: z.string().trim().min(1, { error: '特別基準を適用する理由を入力してください' }) })
      .nullable()
      .default(null),
    /** 無料低額宿泊所等: exempt from the floor-area reduction. */
    freeLowCostLodging: z.boolean().default(false),
  })
  .nullable()
  .default(null);

const memberId = z.string().min(1, { error: '世帯員IDを入力してください' });
const incomeSchema = z.discriminatedUnion('type', [
  z.object({
    memberId,
    type: z.literal('earned'),
    gross: yenAmount,
    expenses: yenAmount.default(0),
    newEmployment: z.boolean().default(false),
    /** Month the new job began; with it, 新規就労控除 stops by itself after its 6 months. */
    employmentStartMonth: isoMonth.nullable().default(null),
  }),
  z.object({ memberId, type: z.enum(['pension', 'other', 'temporary']), amount: yenAmount }),
]);

const proRataSchema = z
  .object({ from: isoDate.nullable().default(null), to: isoDate.nullable().default(null) })
  .nullable()
  .default(null);

function calcInputObject(tables: StandardTables) {
  const known = new Set(tables.municipalities.periods.flatMap((p) => Object.keys(p.values)));
  return z
    .object({
      month: isoMonth,
      municipality: z
        .string()
        .transform((s) => s.normalize('NFKC').trim())
        .refine((s) => known.has(s), { error: (issue) => `登録されていない市町村です: ${String(issue.input)}（埼玉県の63市町村に対応）` })
        .optional(),
      kyuchi: z.enum(kyuchiList).optional(),
      tokiChiku: z.enum(tokiChikuList).optional(),
      singleParent: z.boolean().default(false),
      members: z.array(memberSchema).min(1, { error: '世帯員を1人以上入力してください' }),
      housing: housingSchema,
      incomes: z.array(incomeSchema).default([]),
      /** 日割: the part of the month the calculation covers (開始・変更・廃止 within the month). */
      proRata: proRataSchema,
    })
    .superRefine((input, ctx) => {
      const ids = new Set<string>();
      const monthEnd = lastDayOf(input.month);
      input.members.forEach((m, i) => {
        if (ids.has(m.id)) ctx.addIssue({ code: 'custom', path: ['members', i, 'id'], message: `世帯員IDが重複しています: ${m.id}` });
        ids.add(m.id);
        if (m.birthDate > monthEnd) ctx.addIssue({ code: 'custom', path: ['members', i, 'birthDate'], message: '生年月日が基準月より後です' });
      });
      input.incomes.forEach((inc, i) => {
        if (!ids.has(inc.memberId)) ctx.addIssue({ code: 'custom', path: ['incomes', i, 'memberId'], message: `世帯員に存在しないIDです: ${inc.memberId}` });
        if (inc.type === 'earned' && inc.expenses > inc.gross)
          ctx.addIssue({ code: 'custom', path: ['incomes', i, 'expenses'], message: '実費控除額が就労収入の総額を超えています' });
        if (inc.type === 'earned' && inc.employmentStartMonth !== null && inc.employmentStartMonth > input.month)
          ctx.addIssue({ code: 'custom', path: ['incomes', i, 'employmentStartMonth'], message: '就労開始月が基準月より後です' });
      });
      const { proRata } = input;
      if (proRata) {
        const within = (d: string | null) => d === null || d.slice(0, 7) === input.month;
        if (!within(proRata.from)) ctx.addIssue({ code: 'custom', path: ['proRata', 'from'], message: '日割の開始日が基準月の中にありません' });
        if (!within(proRata.to)) ctx.addIssue({ code: 'custom', path: ['proRata', 'to'], message: '日割の終了日が基準月の中にありません' });
        if (proRata.from && proRata.to && proRata.from > proRata.to)
          ctx.addIssue({ code: 'custom', path: ['proRata', 'to'], message: '日割の終了日が開始日より前です' });
      }
    });
}

export type CalcInput = z.output<ReturnType<typeof calcInputObject>>;
export type CalcMemberInput = CalcInput['members'][number];
export type CalcIncomeInput = CalcInput['incomes'][number];
export type HousingInput = NonNullable<CalcInput['housing']>;

export type InputIssue = { path: string; message: string };
export type Parsed<T> = { ok: true; value: T } | { ok: false; issues: InputIssue[] };

const typeNames: Record<string, string> = {
  string: '文字列',
  number: '数値',
  boolean: 'true または false',
  object: 'オブジェクト',
  array: '配列',
  null: 'null',
};

/** Japanese messages for the issues zod raises by itself; messages written in the schema take precedence. */
function japaneseMessage(issue: z.core.$ZodRawIssue): string {
  switch (issue.code) {
    case 'invalid_type':
      return issue.input === undefined ? '必須項目です' : `${typeNames[issue.expected] ?? issue.expected}で入力してください`;
    case 'invalid_value':
      return `次のいずれかを指定してください: ${issue.values.map((v) => JSON.stringify(v)).join(' | ')}`;
    case 'invalid_union':
      return issue.note === 'No matching discriminator' ? '種別（type）が正しくありません' : '形式が正しくありません';
    case 'too_small':
      return issue.origin === 'array' ? `${String(issue.minimum)}件以上必要です` : `${String(issue.minimum)}以上で入力してください`;
    case 'too_big':
      return issue.origin === 'array' ? `${String(issue.maximum)}件以下にしてください` : `${String(issue.maximum)}以下で入力してください`;
    case 'unrecognized_keys':
      return `不明な項目です: ${issue.keys.join(', ')}`;
    default:
      return '値が正しくありません';
  }
}

/** `['members', 1, 'birthDate']` → `members[1].birthDate`; the whole document is `$`. */
export function formatPath(path: readonly PropertyKey[]): string {
  const text = path.map((key, i) => (typeof key === 'number' ? `[${key}]` : `${i === 0 ? '' : '.'}${String(key)}`)).join('');
  return text === '' ? '$' : text;
}

export function toIssues(error: z.ZodError): InputIssue[] {
  return error.issues.map((issue) => ({ path: formatPath(issue.path), message: issue.message }));
}

const schemaCache = new WeakMap<StandardTables, ReturnType<typeof calcInputObject>>();

export function calcInputSchema(tables: StandardTables = standardTables) {
  return cached(schemaCache, tables, () => calcInputObject(tables));
}

export function parseCalcInput(raw: unknown, tables: StandardTables = standardTables): Parsed<CalcInput> {
  const result = calcInputSchema(tables).safeParse(raw, { error: japaneseMessage });
  return result.success ? { ok: true, value: result.data } : { ok: false, issues: toIssues(result.error) };
}

/** Parses JSON text first, so that bad JSON is one more `path: 理由` line rather than an exception. */
export function parseJson(text: string): Parsed<unknown> {
  try {
    return { ok: true, value: JSON.parse(text) as unknown };
  } catch (error) {
    return { ok: false, issues: [{ path: '$', message: `JSONとして読み取れません（${error instanceof Error ? error.message : String(error)}）` }] };
  }
}
