import { z } from 'zod';
import type { CaseRecord } from '../domain/records.js';
import { pastDate, text } from './inputKit.js';

/** ケース記録: one note of the case. The ケース記録 and 訪問 forms and the data layer's write check it with this schema. */

export const caseRecordKinds = ['visit', 'interview', 'call', 'investigation', 'other'] as const satisfies readonly CaseRecord['kind'][];

/** What the form gives; the author is the session user, filled by the service. */
export const caseRecordFieldsSchema = (today: string) =>
  z.object({
    kind: z.enum(caseRecordKinds, { error: '種別を選択してください' }),
    recordedOn: pastDate(today),
    body: text(4000, '内容を入力してください'),
  });

export const caseRecordSchema = (today: string) =>
  caseRecordFieldsSchema(today).extend({
    id: z.string().min(1),
    householdId: z.string().min(1),
    authorId: z.string().min(1, { error: '記録者が記録されていません' }),
  }) satisfies z.ZodType<Omit<CaseRecord, 'hlc'>, unknown>;
