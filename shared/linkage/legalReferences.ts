import { z } from 'zod';
import { isoDateSchema, type IsoDate } from '../casework/calendarDate.js';
import { linkageKinds, type LinkageKind } from './linkageKinds.js';

/**
 * The legal basis of each linkage, as data: since 2024-05-27 the item list lives in a 主務省令 instead of 番号法
 * 別表第二 (mission-anchors §B.2), and whether the old item numbers carry over one-to-one is unverified. So every
 * basis is a dated text with its source and a status; the administrator can replace the table from the 連携
 * screen (stored in the settings), and each linkage record keeps the text in force on the day it was queued.
 */

export const legalBasisSchema = z
  .object({
    from: isoDateSchema,
    to: isoDateSchema.nullable(),
    text: z.string().trim().min(1, { error: '根拠法令を入力してください' }).max(500),
    source: z.string().trim().max(300),
    /** 要確認 until someone checks the text against the 命令 itself. */
    verified: z.boolean(),
  })
  .strict();
export type LegalBasis = z.infer<typeof legalBasisSchema>;

export const linkageItemSchema = z
  .object({
    code: z
      .string()
      .trim()
      .regex(/^[a-zA-Z0-9_-]{1,40}$/, { error: '項目コードは英数字40文字以内です' }),
    kind: z.enum(linkageKinds),
    label: z.string().trim().min(1, { error: '項目名を入力してください' }).max(100),
    /** For inquiries: who is asked (情報提供者). */
    provider: z.string().trim().max(100).nullable(),
    basis: z.array(legalBasisSchema).min(1, { error: '根拠法令を1つ以上入力してください' }).max(20),
  })
  .strict();
export type LinkageItem = z.infer<typeof linkageItemSchema>;

export const linkageItemsSchema = z
  .array(linkageItemSchema)
  .max(200)
  .superRefine((items, ctx) => {
    const seen = new Set<string>();
    items.forEach((item, index) => {
      if (seen.has(item.code)) ctx.addIssue({ code: 'custom', path: [index, 'code'], message: `項目コード ${item.code} が重複しています` });
      seen.add(item.code);
    });
  });

/** The item of each kind that has one item: what the data layer records and the exchange file names. */
export const fixedItemCodes = {
  replicaRegistration: 'seikatsuHogo',
  medicalEligibility: 'medicalAidEligibility',
  medicalTicketData: 'medicalAidTicket',
  publicFundsAccount: 'publicFundsAccount',
} as const satisfies Record<Exclude<LinkageKind, 'inquiry'>, string>;

const pia = '特定個人情報保護評価書（生活保護に関する事務）I-4②';
const beforeOrdinance = (text: string): LegalBasis => ({ from: '2016-01-01', to: '2024-05-26', text, source: pia, verified: true });
// The 命令 itself was not found (mission-anchors §B.2): the item is named from the law, the article is 要確認.
const ordinance = (text: string): LegalBasis => ({
  from: '2024-05-27',
  to: null,
  text: `番号法第19条第8号・別表23の項、${text}`,
  source: '番号法（令和5年法律第48号による改正後）、主務省令の条項は未確認',
  verified: false,
});

export const defaultLinkageItems: readonly LinkageItem[] = [
  {
    code: fixedItemCodes.replicaRegistration,
    kind: 'replicaRegistration',
    label: '生活保護関係情報',
    provider: null,
    basis: [
      beforeOrdinance('番号法第19条第8号 別表第二 9・10・14・16・24・26…120の項（情報提供）、内閣府・総務省令第7号 第8条ほか'),
      ordinance('利用特定個人情報の提供に関する命令（生活保護関係情報の提供）'),
    ],
  },
  {
    code: fixedItemCodes.medicalEligibility,
    kind: 'medicalEligibility',
    label: '医療扶助の資格情報',
    provider: null,
    basis: [
      {
        from: '2024-03-01',
        to: null,
        text: '全世代対応型の社会保障制度を構築するための健康保険法等の一部を改正する法律（医療扶助のオンライン資格確認）',
        source: '医療扶助のオンライン資格確認の導入に関する自治体の案内（山陽小野田市）',
        verified: true,
      },
    ],
  },
  {
    code: fixedItemCodes.medicalTicketData,
    kind: 'medicalTicketData',
    label: '医療券・調剤券情報',
    provider: null,
    basis: [
      {
        from: '2024-03-01',
        to: null,
        text: '全世代対応型の社会保障制度を構築するための健康保険法等の一部を改正する法律（医療扶助のオンライン資格確認）',
        source: '医療扶助のオンライン資格確認の導入に関する自治体の案内（山陽小野田市）',
        verified: true,
      },
    ],
  },
  ...(
    [
      ['localTax', '地方税関係情報（課税・所得）', '市町村長'],
      ['pension', '年金給付関係情報', '日本年金機構'],
      ['childAllowance', '児童手当関係情報', '市町村長'],
      ['childSupportAllowance', '児童扶養手当関係情報', '都道府県知事等'],
      ['employmentInsurance', '雇用保険給付関係情報', '厚生労働大臣'],
      ['residentRecord', '住民票関係情報', '市町村長'],
    ] as const
  ).map(
    ([code, label, provider]): LinkageItem => ({
      code,
      kind: 'inquiry',
      label,
      provider,
      basis: [
        beforeOrdinance('番号法第19条第8号 別表第二 26の項（情報照会）、内閣府・総務省令第7号 第19条'),
        ordinance('利用特定個人情報の提供に関する命令（生活保護の実施に関する照会）'),
      ],
    }),
  ),
  {
    code: fixedItemCodes.publicFundsAccount,
    kind: 'publicFundsAccount',
    label: '公的給付支給等口座情報',
    provider: '内閣総理大臣（デジタル庁）',
    basis: [
      {
        from: '2023-01-01',
        to: null,
        text: '公的給付の支給等の迅速かつ確実な実施のための預貯金口座の登録等に関する法律（令和3年法律第38号）第9条',
        source: pia,
        verified: true,
      },
    ],
  },
];

/** The office's table: the administrator's, or the defaults while none is set. */
export const officeLinkageItems = (configured: readonly LinkageItem[] | undefined): readonly LinkageItem[] => configured ?? defaultLinkageItems;

/** The basis in force on `on`, or null when the table has a gap there (the screens then say so). */
export function basisOn(item: LinkageItem, on: IsoDate): LegalBasis | null {
  return item.basis.find((b) => b.from <= on && (b.to === null || on <= b.to)) ?? null;
}

export const itemByCode = (items: readonly LinkageItem[], code: string): LinkageItem | undefined => items.find((item) => item.code === code);
