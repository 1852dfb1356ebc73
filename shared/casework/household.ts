import { z } from 'zod';
import { municipalities } from '../calc/tables/municipalities.js';
import { housingKinds, type Household, type HousingKind } from '../domain/records.js';
import { caseStatusLabels } from './caseStatus.js';
import { code, line, optional, positiveDecimal, typedCode, yen } from './inputKit.js';

/**
 * 世帯: the household's own facts and where it lives. One schema checks the 新規ケース登録 and 世帯 forms and the
 * data layer's write (repos/households.ts), so nothing a form would refuse can be stored by another path.
 */

export const housingKindLabels: Record<HousingKind, string> = { rented: '賃貸', owned: '持家', public: '公営住宅', none: 'なし（住居なし）' };
/** Kinds for which a rent is paid, and so asked. */
export const paysRent = (kind: string): boolean => kind === 'rented' || kind === 'public';

/** Every municipality of the calculation's table, in any period: a household may have moved before a revision. */
export const tabledMunicipalities: ReadonlySet<string> = new Set(municipalities.periods.flatMap((period) => Object.keys(period.values)));

export const caseNumberSchema = typedCode(20, 'ケース番号を入力してください').pipe(
  z.string().regex(/^[0-9A-Za-z-]+$/u, { error: 'ケース番号は英数字とハイフンで入力してください' }),
);
export const addressSchema = line(200, '住所を入力してください');
/** Blank is no phone (null). */
export const phoneSchema = optional(typedCode(20).pipe(z.string().regex(/^[0-9][0-9-]{8,14}$/u, { error: '電話番号は数字とハイフンで入力してください' })));
export const caseStatusSchema = code(caseStatusLabels, '状態を選択してください');

export const housingSchema = z
  .object({
    kind: z.enum(housingKinds, { error: '住居の種類を選択してください' }),
    rent: optional(yen('家賃', { max: 10_000_000 })),
    floorAreaSqm: optional(positiveDecimal('床面積', { places: 2, max: 10_000 })),
  })
  .superRefine((h, ctx) => {
    if (paysRent(h.kind) && h.rent === null) ctx.addIssue({ code: 'custom', path: ['rent'], message: '賃貸・公営住宅では家賃を入力してください' });
    if (!paysRent(h.kind) && h.rent !== null) ctx.addIssue({ code: 'custom', path: ['rent'], message: '持家・住居なしでは家賃を空欄にしてください' });
  });

/** The municipality for 級地・冬季加算地区・住宅扶助: one of `names` (by default any the tables know). */
export const municipalitySchema = (names: ReadonlySet<string> = tabledMunicipalities) =>
  typedCode(50).refine((name) => names.has(name), { error: '市町村を一覧から選択してください' });

/** What the 世帯 form changes: address, phone, housing (null: not recorded) and municipality. */
export const householdFactsSchema = (names?: ReadonlySet<string>) =>
  z.object({ address: addressSchema, phone: phoneSchema, housing: housingSchema.nullable(), municipality: municipalitySchema(names) });

/**
 * A household as the data layer stores it. Loose: the declared incomes and 給付金 on the row are checked by
 * their own repositories (incomes, grants), and kept as they are.
 */
export const householdSchema = z.looseObject({
  id: z.string().min(1),
  officeId: z.string().min(1),
  caseNumber: caseNumberSchema,
  assignedTo: z.string().min(1).nullable(),
  status: caseStatusSchema,
  address: addressSchema,
  phone: phoneSchema,
  housing: housingSchema.optional(),
  municipality: municipalitySchema().optional(),
}) satisfies z.ZodType<Omit<Household, 'hlc'>, unknown>;
