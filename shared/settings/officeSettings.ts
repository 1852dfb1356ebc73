import { z } from 'zod';
import { defaultVisitGrades, visitGradesSchema, type VisitGrade } from '../casework/visitPlan.js';

/** Settings an administrator keeps per device. Validated on read and on write, so a hand-edited file can't smuggle in junk. */
export const officeSettingsSchema = z.object({
  officeName: z
    .string()
    .trim()
    .min(1, { error: '事務所名を入力してください' })
    .max(100, { error: '事務所名は100文字以内で入力してください' }),
  defaultMunicipality: z
    .string()
    .trim()
    .min(1, { error: '既定の市町村を入力してください' })
    .max(20, { error: '市町村名は20文字以内で入力してください' }),
  /** Auto-lock after this many idle minutes (the office's policy). */
  idleLockMinutes: z
    .number({ error: '自動ロックまでの時間は数字で入力してください' })
    .int({ error: '自動ロックまでの時間は分単位の整数で入力してください' })
    .min(1, { error: '自動ロックまでの時間は1分以上にしてください' })
    .max(60, { error: '自動ロックまでの時間は60分以内にしてください' }),
  /** The office's 訪問格付け; absent (settings written before they were configurable), the defaults apply. */
  visitGrades: visitGradesSchema.optional(),
});
export type OfficeSettings = z.infer<typeof officeSettingsSchema>;

/** What a read returns: on first run the office name is not yet set, so it may be empty. */
export const storedOfficeSettingsSchema = officeSettingsSchema.extend({ officeName: z.string().max(100) });

export const defaultOfficeSettings: OfficeSettings = { officeName: '', defaultMunicipality: '加須市', idleLockMinutes: 10 };

/** The visit grades in force: the office's, or the defaults while none are set. */
export const officeVisitGrades = (settings: Pick<OfficeSettings, 'visitGrades'>): readonly VisitGrade[] => settings.visitGrades ?? defaultVisitGrades;
