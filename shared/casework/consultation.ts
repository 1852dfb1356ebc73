import { z } from 'zod';
import type { Consultation } from '../domain/records.js';
import { code, pastDate, text } from './inputKit.js';

/** 相談: the 面接相談員's record of a consultation. The 相談 form and the data layer's write check it with this schema. */

export const consultationOutcomes: Record<Consultation['status'], string> = {
  open: '継続相談',
  applied: '保護申請を受付',
  closed: '終結（他法他施策の案内など）',
};

/** What the form gives; the household and the 面接相談員 are filled by the service, never typed. */
export const consultationFieldsSchema = (today: string) =>
  z.object({
    consultedOn: pastDate(today),
    purpose: text(1000, '主訴を入力してください'),
    situation: text(4000, '生活状況を入力してください'),
    advice: text(4000),
    status: code(consultationOutcomes, '相談の結果を選択してください'),
  });

export const consultationSchema = (today: string) =>
  consultationFieldsSchema(today).extend({
    id: z.string().min(1),
    householdId: z.string().min(1),
    intakeOfficerId: z.string().min(1, { error: '面接相談員が記録されていません' }),
  }) satisfies z.ZodType<Omit<Consultation, 'hlc'>, unknown>;
