import { z } from 'zod';
import { canonicalJson } from '../crypto/canonicalJson.js';
import { aids, grantKinds } from '../domain/aids.js';
import { isoDateSchema } from '../casework/calendarDate.js';
import { linkageKinds } from './linkageKinds.js';

/**
 * The exchange files between the office and the 団体内統合宛名システム (which fronts the 中間サーバー). Documented
 * for the other side in README.md next to this file. One exchange is a folder holding
 *
 *   manifest.json   who, for which office, how many records of which kind, the SHA-256 of the records file,
 *                   and an Ed25519 signature over the rest of the manifest (canonical JSON)
 *   records.jsonl   one JSON record per line, UTF-8, `\n`-terminated — or, sealed to the recipient's key
 *                   (libsodium crypto_box_seal), records.jsonl.sealed
 *
 * written under a temporary name and renamed into place, so a reader never sees half an exchange. The office
 * writes `request` exchanges into `outgoing/`; the 統合宛名 side answers with `result` exchanges in `incoming/`.
 * A reader checks the manifest, the signature (the office key or the configured peer key), the office, the
 * byte length, the hash, the count and every line before it uses any record: one bad line refuses the file.
 */

export const EXCHANGE_FORMAT = 'seiho-desk/linkage-exchange';
export const EXCHANGE_VERSION = 2;
export const MANIFEST_FILE = 'manifest.json';
export const RECORDS_FILE = 'records.jsonl';
/** records.jsonl sealed (crypto_box_seal) to the recipient: what the office writes once the peer's key is known. */
export const SEALED_RECORDS_FILE = 'records.jsonl.sealed';
export const OUTGOING_DIR = 'outgoing';
export const INCOMING_DIR = 'incoming';
/** Enough for a city ten times the design size's monthly batch. */
export const MAX_EXCHANGE_RECORDS = 200_000;

const atenaNumber = z.string().regex(/^[0-9]{1,20}$/, { error: '宛名番号は20桁以内の数字です' });
const month = z.string().regex(/^\d{4}-(0[1-9]|1[0-2])$/, { error: '月は YYYY-MM です' });
const itemCode = z.string().regex(/^[a-zA-Z0-9_-]{1,40}$/);
const text = (max: number) => z.string().max(max);

/** 副本 (生活保護関係情報) for one person and one protection period, keyed by (宛名番号, item, period start). */
export const replicaBodySchema = z
  .object({
    event: z.enum(['register', 'correct', 'delete']),
    atenaNumber,
    item: itemCode,
    periodStart: isoDateSchema,
    status: z.enum(['active', 'suspended', 'terminated']),
    startedOn: isoDateSchema,
    suspendedOn: isoDateSchema.nullable(),
    endedOn: isoDateSchema.nullable(),
    aids: z.array(z.object({ aid: z.enum(aids), from: isoDateSchema, to: isoDateSchema.nullable() }).strict()).max(50),
    grants: z.array(z.object({ kind: z.enum(grantKinds), decidedOn: isoDateSchema, amount: z.int().min(0) }).strict()).max(50),
  })
  .strict();

/** 情報照会: what, from whom and why. The 宛名番号 travels, never the 個人番号. */
export const inquiryBodySchema = z
  .object({ atenaNumber, item: itemCode, provider: text(100), reason: text(500).min(1), requestedOn: isoDateSchema, requestedBy: text(64) })
  .strict();

/**
 * 資格情報 (医療扶助オンライン資格確認): registered at 開始, ended at 廃止 or 停止, keyed by (宛名番号, validFrom) —
 * lifting a 停止 registers a new stretch. `cancel` withdraws a registration that should not stand (a retroactive
 * decision took its days away, or the person asked for 不開示 after it was registered).
 */
export const eligibilityBodySchema = z
  .object({
    event: z.enum(['register', 'end', 'cancel']),
    atenaNumber,
    kana: text(100).min(1),
    birthDate: isoDateSchema,
    sex: z.enum(['male', 'female', 'other']),
    payerNumber: z
      .string()
      .regex(/^\d{8}$/)
      .nullable(),
    validFrom: isoDateSchema,
    validTo: isoDateSchema.nullable(),
  })
  .strict();

/** 医療券・調剤券 data, the month's batch. */
export const ticketBodySchema = z
  .object({
    atenaNumber,
    month,
    kind: z.enum(['medical', 'pharmacy']),
    institution: text(200),
    payerNumber: z.string().regex(/^\d{8}$/),
    recipientNumber: z.string().regex(/^\d{7}$/),
    status: z.enum(['issued', 'cancelled']),
    validUntil: isoDateSchema,
    copayment: z.int().min(0),
  })
  .strict();

/** 公金受取口座照会 (預貯金口座登録法 §9), only with the person's consent on record. */
export const publicFundsBodySchema = z
  .object({
    atenaNumber,
    requestedOn: isoDateSchema,
    consent: z.object({ givenOn: isoDateSchema, method: z.enum(['written', 'oral']) }).strict(),
  })
  .strict();

const bodySchemas = {
  replicaRegistration: replicaBodySchema,
  inquiry: inquiryBodySchema,
  medicalEligibility: eligibilityBodySchema,
  medicalTicketData: ticketBodySchema,
  publicFundsAccount: publicFundsBodySchema,
} as const;
export type LinkageBody<K extends keyof typeof bodySchemas> = z.infer<(typeof bodySchemas)[K]>;

const envelope = {
  /** The outbox entry's id: unique per sending. */
  recordId: z.string().min(1).max(64),
  /** The outbox sequence number on the sending device. */
  seq: z.int().min(1),
  /** Stable per natural key, so a re-send or a correction is an upsert at the other side. */
  idempotencyKey: z.string().min(1).max(200),
  createdAt: z.iso.datetime(),
  /** The legal basis in force when the record was queued (legalReferences.ts). */
  legalBasis: text(500),
};

export const requestRecordSchema = z.discriminatedUnion('kind', [
  z.object({ ...envelope, kind: z.literal('replicaRegistration'), body: replicaBodySchema }).strict(),
  z.object({ ...envelope, kind: z.literal('inquiry'), body: inquiryBodySchema }).strict(),
  z.object({ ...envelope, kind: z.literal('medicalEligibility'), body: eligibilityBodySchema }).strict(),
  z.object({ ...envelope, kind: z.literal('medicalTicketData'), body: ticketBodySchema }).strict(),
  z.object({ ...envelope, kind: z.literal('publicFundsAccount'), body: publicFundsBodySchema }).strict(),
]);
export type RequestRecord = z.infer<typeof requestRecordSchema>;

/** The body schema of a kind: the data layer checks a message before it queues it. */
export const bodySchemaOf = (kind: (typeof linkageKinds)[number]) => bodySchemas[kind];

export const bankAccountSchema = z
  .object({
    bankCode: z.string().regex(/^\d{4}$/),
    bankName: text(50).min(1),
    branchCode: z.string().regex(/^\d{3}$/),
    branchName: text(50).min(1),
    accountType: z.enum(['ordinary', 'current', 'savings']),
    accountNumber: z.string().regex(/^\d{7}$/),
    holderKana: text(100).min(1),
  })
  .strict();
export type BankAccount = z.infer<typeof bankAccountSchema>;

/** An inquiry's answer: labelled values as the provider gave them, or that it holds nothing for the person. */
export const inquiryAnswerSchema = z
  .object({
    provider: text(100),
    answeredOn: isoDateSchema,
    found: z.boolean(),
    items: z.array(z.object({ label: text(100), value: text(500) }).strict()).max(100),
  })
  .strict();

export const publicFundsAnswerSchema = z.object({ answeredOn: isoDateSchema, account: bankAccountSchema.nullable() }).strict();

/**
 * One result: what became of one request record. accepted: registered · answered: an inquiry's result ·
 * rejected: refused with a reason code and a reason in Japanese, to be corrected and sent again.
 */
const resultEnvelope = {
  /** Unique per result: importing the same result twice changes nothing. */
  resultId: z.string().min(1).max(64),
  requestRecordId: z.string().min(1).max(64),
  idempotencyKey: z.string().min(1).max(200),
  processedAt: z.iso.datetime(),
};
export const resultRecordSchema = z.discriminatedUnion('outcome', [
  z.object({ ...resultEnvelope, kind: z.enum(linkageKinds), outcome: z.literal('accepted') }).strict(),
  z
    .object({
      ...resultEnvelope,
      kind: z.enum(linkageKinds),
      outcome: z.literal('rejected'),
      reasonCode: z.string().regex(/^[A-Z0-9_]{1,40}$/),
      reason: text(300).min(1),
    })
    .strict(),
  // Two kinds answer, each with its own answer: zod wants one discriminator value per member, so they nest by kind.
  z.discriminatedUnion('kind', [
    z.object({ ...resultEnvelope, kind: z.literal('inquiry'), outcome: z.literal('answered'), answer: inquiryAnswerSchema }).strict(),
    z.object({ ...resultEnvelope, kind: z.literal('publicFundsAccount'), outcome: z.literal('answered'), answer: publicFundsAnswerSchema }).strict(),
  ]),
]);
export type ResultRecord = z.infer<typeof resultRecordSchema>;

const countsSchema = z.record(z.enum(linkageKinds), z.int().min(0));

/** A key's id: the fingerprint of its public key (first 16 hex digits of its SHA-256, upper case, in fours). */
export const keyIdSchema = z.string().regex(/^[0-9A-F]{4}(-[0-9A-F]{4}){3}$/);
/** A public key (32 bytes, base64) named by its id. */
export const namedKeySchema = z.object({ keyId: keyIdSchema, publicKey: z.base64() }).strict();

export const manifestBodySchema = z
  .object({
    format: z.literal(EXCHANGE_FORMAT),
    version: z.literal(EXCHANGE_VERSION),
    direction: z.enum(['request', 'result']),
    exchangeId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    /** For a result: the request exchange it answers. */
    inReplyTo: z
      .string()
      .regex(/^[A-Za-z0-9-]{1,64}$/)
      .nullable(),
    /** The office the exchange belongs to: the key store's office id and the 団体コード. */
    office: z
      .object({
        id: z.string().min(1).max(64),
        code: z
          .string()
          .regex(/^\d{6}$/)
          .nullable(),
      })
      .strict(),
    sender: text(100).min(1),
    createdAt: z.iso.datetime(),
    records: z
      .object({
        file: z.enum([RECORDS_FILE, SEALED_RECORDS_FILE]),
        /** Of the JSON Lines inside. */
        count: z.int().min(0).max(MAX_EXCHANGE_RECORDS),
        /** Of the file as it is on disk (sealed or not), so damage is found before anything is opened. */
        bytes: z.int().min(0),
        sha256: z.string().regex(/^[0-9a-f]{64}$/),
        byKind: countsSchema,
        /** For a sealed file: the recipient's X25519 public key it is sealed to, with its id. */
        sealedTo: namedKeySchema.nullable(),
      })
      .strict(),
    /** For a request: the office's decryption key in force, to which the results must be sealed. */
    replyTo: namedKeySchema.nullable(),
    /** For a request: the outbox sequence numbers it carries. */
    seqRange: z
      .object({ from: z.int().min(1), to: z.int().min(1) })
      .strict()
      .nullable(),
  })
  .strict();
export type ManifestBody = z.infer<typeof manifestBodySchema>;

export const manifestSchema = manifestBodySchema
  .extend({
    signature: z
      .object({
        alg: z.literal('ed25519'),
        keyId: keyIdSchema,
        publicKey: z.base64(),
        value: z.base64(),
        /** During a rotation of the signing key: the same text signed by the key it replaces. */
        endorsement: z.object({ keyId: keyIdSchema, publicKey: z.base64(), value: z.base64() }).strict().nullable(),
      })
      .strict(),
  })
  .strict();
export type Manifest = z.infer<typeof manifestSchema>;

/** What the signature covers: the manifest without its signature, as canonical JSON (signed as its UTF-8 bytes). */
export const manifestSigningText = (body: ManifestBody): string => canonicalJson(body);

/** Counts by kind, every kind present (zero when absent), so a reader compares like with like. */
export function countByKind(records: readonly { kind: (typeof linkageKinds)[number] }[]): Record<(typeof linkageKinds)[number], number> {
  const counts = Object.fromEntries(linkageKinds.map((kind) => [kind, 0])) as Record<(typeof linkageKinds)[number], number>;
  for (const record of records) counts[record.kind] += 1;
  return counts;
}
