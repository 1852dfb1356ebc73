import { z } from 'zod';
import type { LegalBasis, LinkageItem } from '../../../shared/linkage/legalReferences';
import { dateField, optionalField } from '../../ui/formSchemas';

/**
 * Editing one linkage item's legal basis: its dated periods (text, source, 確認済み). The periods must not
 * overlap, because the exchange takes the one in force on the day (basisOn) and an overlap would make that a
 * matter of order; a gap is allowed (the records of that day are held back as 要確認 until it is filled).
 */

// Blank: still in force.
const openEnd = optionalField(dateField());

// Legal text is kept as printed: NFKC would turn the citation's （） and full-width digits into ASCII.
const asWritten = (max: number) =>
  z
    .string()
    .trim()
    .max(max, { error: `${max}文字以内で入力してください` });

const basisInput = z.object({
  from: dateField(),
  to: openEnd,
  text: asWritten(500).min(1, { error: '根拠法令を入力してください' }),
  source: asWritten(300),
  verified: z.boolean(),
});

export const basisFormSchema = z.object({
  basis: z
    .array(basisInput)
    .min(1, { error: '根拠法令を1つ以上入力してください' })
    .max(20, { error: '根拠法令の期間は20までです' })
    .superRefine((periods, ctx) => {
      periods.forEach((period, index) => {
        if (period.to !== null && period.to < period.from)
          ctx.addIssue({ code: 'custom', path: [index, 'to'], message: '終了日は開始日以後の日付にしてください' });
      });
      const order = periods.map((period, index) => ({ ...period, index })).sort((a, b) => a.from.localeCompare(b.from));
      order.slice(1).forEach((period, i) => {
        const before = order[i]!;
        if (before.to === null || before.to >= period.from) {
          ctx.addIssue({ code: 'custom', path: [period.index, 'from'], message: `根拠法令${before.index + 1}の期間と重なっています` });
        }
      });
    }),
});
export type BasisFormInput = z.input<typeof basisFormSchema>;
export type BasisFormValues = z.output<typeof basisFormSchema>;
type BasisInput = BasisFormInput['basis'][number];

export const basisFormValues = (item: LinkageItem): BasisFormInput => ({
  basis: item.basis.map((basis) => ({ ...basis, to: basis.to ?? '' })),
});

/** A new period, e.g. when the article of the 主務省令 is confirmed: 要確認 until someone checks it. */
export const newBasis = (from: string): BasisInput => ({ from, to: '', text: '', source: '', verified: false });

export const toLegalBases = (values: BasisFormValues): LegalBasis[] => [...values.basis].sort((a, b) => a.from.localeCompare(b.from));
