import { z } from 'zod';
import type { Role } from '../auth/roles.js';
import { defaultVisitGrades, visitGradesSchema, type VisitGrade } from '../casework/visitPlan.js';
import { linkageItemsSchema } from '../linkage/legalReferences.js';
import { prefectures } from './prefectures.js';

/** 情報連携: how this office exchanges files with the 団体内統合宛名システム (shared/linkage/exchangeFormat.ts). */
export const linkageSettingsSchema = z
  .object({
    /** 団体コード (6 digits), written into every exchange manifest. */
    officeCode: z
      .string()
      .trim()
      .regex(/^\d{6}$/, { error: '団体コードは6桁の数字で入力してください' })
      .nullable(),
    /** The office's 公費負担者番号 for 医療扶助 (法別番号12), registered with each 資格情報. */
    payerNumber: z
      .string()
      .trim()
      .regex(/^12\d{6}$/, { error: '公費負担者番号は12で始まる8桁の数字で入力してください' })
      .nullable(),
    /** The exchange folder (a shared folder on the closed network); null: `exchange` in the data folder. */
    exchangeDir: z.string().trim().min(1, { error: '連携フォルダを入力してください' }).max(400).nullable(),
    /** The 統合宛名 side's Ed25519 public key (base64): result files must be signed with it. */
    peerPublicKey: z
      .string()
      .trim()
      .regex(/^[A-Za-z0-9+/]{43}=$/, { error: '相手方の公開鍵は32バイトのbase64（44文字）で入力してください' })
      .nullable(),
    /** The linkage items and their legal basis; absent, the defaults of legalReferences.ts. */
    items: linkageItemsSchema.optional(),
    /** Result files must be sealed to the office's key (they carry personal data); absent, true. */
    requireSealedResults: z.boolean().optional(),
    /** The generation of each office key in force (main/linkage/exchangeSigner.ts); absent, the first of each. */
    officeKeys: z
      .object({
        signing: z.int().min(1, { error: '署名鍵の世代は1以上です' }).max(255),
        decryption: z.int().min(1, { error: '暗号化鍵の世代は1以上です' }).max(255),
      })
      .strict()
      .optional(),
  })
  .strict();
export type LinkageSettings = z.infer<typeof linkageSettingsSchema>;
export const defaultLinkageSettings: LinkageSettings = { officeCode: null, payerNumber: null, exchangeDir: null, peerPublicKey: null };

/** The area's population and the date it is as of (a 住民基本台帳 figure, say), for the 保護率 of 統計. */
export const populationSchema = z
  .object({
    count: z
      .number({ error: '人口は数字で入力してください' })
      .int({ error: '人口は整数で入力してください' })
      .min(1, { error: '人口は1人以上で入力してください' })
      .max(100_000_000, { error: '人口が大きすぎます' }),
    asOf: z.string().regex(/^\d{4}-\d{2}-\d{2}$/, { error: '人口の基準日は YYYY-MM-DD で入力してください' }),
  })
  .strict();

const syncFolderSchema = z
  .string()
  .trim()
  .min(1, { error: '同期フォルダを入力してください' })
  .max(400, { error: '同期フォルダは400文字以内で入力してください' });

/**
 * Who may record a 相談: 面接相談員 always; many offices also let 地区担当員 (caseworkers) take 面接当番. Absent:
 * 面接相談員 only. The data layer's rule and the screens both follow it (`mayRecordConsultation`).
 */
export const consultationTakersLabels = {
  intakeOfficers: '面接相談員のみ',
  intakeOfficersAndCaseworkers: '面接相談員と地区担当員（ケースワーカー）',
} as const;
export const consultationTakersSchema = z.enum(Object.keys(consultationTakersLabels) as [ConsultationTakers, ...ConsultationTakers[]], {
  error: '相談を記録できる職員を選択してください',
});
export type ConsultationTakers = keyof typeof consultationTakersLabels;

/** '' is 未設定: the notices then name 都道府県知事 (and the screen says so), and the other settings still save. */
export const prefectureSchema = z.union([z.enum(prefectures), z.literal('')], { error: '都道府県を一覧から選択してください' });
export const documentPrefixSchema = z
  .string()
  .trim()
  .max(10, { error: '文書番号の記号は10文字以内で入力してください' })
  .refine((text) => !/[0-9０-９]/.test(text), { error: '文書番号の記号に数字は使えません（番号は決裁の順に振られます）' });

export function mayRecordConsultation(role: Role, takers: ConsultationTakers | undefined): boolean {
  return role === 'intakeOfficer' || (role === 'caseworker' && takers === 'intakeOfficersAndCaseworkers');
}

/** Settings an administrator keeps per device. Validated on read and on write, so a hand-edited file can't smuggle in junk. */
export const officeSettingsSchema = z.object({
  officeName: z.string().trim().min(1, { error: '事務所名を入力してください' }).max(100, { error: '事務所名は100文字以内で入力してください' }),
  defaultMunicipality: z.string().trim().min(1, { error: '既定の市町村を入力してください' }).max(20, { error: '市町村名は20文字以内で入力してください' }),
  /** Auto-lock after this many idle minutes (the office's policy). */
  idleLockMinutes: z
    .number({ error: '自動ロックまでの時間は数字で入力してください' })
    .int({ error: '自動ロックまでの時間は分単位の整数で入力してください' })
    .min(1, { error: '自動ロックまでの時間は1分以上にしてください' })
    .max(60, { error: '自動ロックまでの時間は60分以内にしてください' }),
  /** The office's 訪問格付け; absent (settings written before they were configurable), the defaults apply. */
  visitGrades: visitGradesSchema.optional(),
  /** Absent until the administrator configures 情報連携. */
  linkage: linkageSettingsSchema.optional(),
  /** 保護率 (‰) の分母: the population of the office's area as the office enters it; absent until entered. */
  population: populationSchema.optional(),
  /** 同期フォルダ (issue 12): where this device writes and reads sync bundles (a LAN share or removable media); absent until set. */
  syncFolder: syncFolderSchema.optional(),
  /** Who may record a 相談; absent: 面接相談員 only. */
  consultationTakers: consultationTakersSchema.optional(),
  /** The office's 都道府県: its 知事 is named in the notices' 教示; absent, the notice says 都道府県知事 (要確認 on screen). */
  prefecture: prefectureSchema.optional(),
  /** 文書番号の記号 (e.g. 加福): a notice's number reads 加福第12号; absent, the number alone. */
  documentPrefix: documentPrefixSchema.optional(),
});
export type OfficeSettings = z.infer<typeof officeSettingsSchema>;

/** What a read returns: on first run the office name is not yet set, so it may be empty. */
export const storedOfficeSettingsSchema = officeSettingsSchema.extend({ officeName: z.string().max(100) });
export type StoredOfficeSettings = z.infer<typeof storedOfficeSettingsSchema>;

export const defaultOfficeSettings: OfficeSettings = { officeName: '', defaultMunicipality: '加須市', idleLockMinutes: 10 };

/** The visit grades in force: the office's, or the defaults while none are set. */
export const officeVisitGrades = (settings: Pick<OfficeSettings, 'visitGrades'>): readonly VisitGrade[] => settings.visitGrades ?? defaultVisitGrades;

/**
 * A change to the settings: only the fields given change (`linkage` field by field). Two screens saving different
 * fields at once therefore both keep their change, which writing the whole object back could not promise. `null`
 * for the visit grades or the linkage items means "back to the defaults"; the result is validated whole.
 */
export const officeSettingsPatchSchema = z
  .object({
    officeName: officeSettingsSchema.shape.officeName.optional(),
    defaultMunicipality: officeSettingsSchema.shape.defaultMunicipality.optional(),
    idleLockMinutes: officeSettingsSchema.shape.idleLockMinutes.optional(),
    visitGrades: visitGradesSchema.nullable().optional(),
    linkage: linkageSettingsSchema.extend({ items: linkageItemsSchema.nullable() }).partial().strict().optional(),
    population: populationSchema.optional(),
    syncFolder: syncFolderSchema.optional(),
    consultationTakers: consultationTakersSchema.optional(),
    prefecture: prefectureSchema.optional(),
    documentPrefix: documentPrefixSchema.optional(),
  })
  .strict();
export type OfficeSettingsPatch = z.input<typeof officeSettingsPatchSchema>;

/** The settings with a (validated) patch applied; absent fields are left as they are, `null` items/grades removed. */
export function applySettingsPatch(current: StoredOfficeSettings, patch: z.output<typeof officeSettingsPatchSchema>): StoredOfficeSettings {
  const { visitGrades, linkage, ...plain } = patch;
  const next: StoredOfficeSettings = { ...current };
  for (const [field, value] of Object.entries(plain)) if (value !== undefined) (next as Record<string, unknown>)[field] = value;
  if (visitGrades === null) delete next.visitGrades;
  else if (visitGrades !== undefined) next.visitGrades = visitGrades;
  if (linkage) {
    const merged: Record<string, unknown> = { ...(current.linkage ?? defaultLinkageSettings) };
    for (const [field, value] of Object.entries(linkage)) if (value !== undefined) merged[field] = value;
    if (merged.items === null) delete merged.items;
    next.linkage = merged as LinkageSettings;
  }
  return next;
}
