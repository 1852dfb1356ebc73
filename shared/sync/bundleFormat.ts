import { z } from 'zod';
import { deviceProfileSchema } from '../auth/roles.js';
import { HLC_PATTERN } from './hlc.js';

/**
 * What a sync bundle carries once opened: the payload main hands the renderer after it has checked the file's
 * signature, recipient, office and hash (main/sync), and the renderer hands main to seal. The file around it
 * (header, signature, sealed and compressed body) is described in README.md beside this file.
 *
 * Rows travel opened (the plaintext row as the data layer returns it, without its derived clear fields); the
 * receiver seals them again under its own data key. Every array is bounded so that a crafted bundle cannot make
 * the receiver allocate without limit before the schema check refuses it.
 */

export const SYNC_FORMAT = 'seiho-sync-bundle';
export const SYNC_FORMAT_VERSION = 1;
/** Rows in one bundle: a field laptop's first checkout of 300 households with 3 years of records fits well. */
export const MAX_BUNDLE_CHANGES = 200_000;

const id = z.string().min(1).max(200);
const hlc = z.string().regex(HLC_PATTERN);
const plainObject = z.record(z.string(), z.unknown());

/**
 * One row change. `base` is the row's fields as the sender last agreed them with the hub (the row before its
 * first change since the last acknowledged bundle): present for the tables merged per field or by union (renderer/data/sync/policy.ts), null for a row the
 * sender made, absent elsewhere. The hub merges a field the sender changed (row[f] ≠ base[f]) and records a
 * conflict when its own value of that field also moved away from base.
 */
export const syncChangeSchema = z
  .object({
    table: z.string().min(1).max(40),
    id,
    op: z.enum(['put', 'delete']),
    hlc,
    row: plainObject.nullable(),
    base: plainObject.nullable().optional(),
  })
  .strict();
export type SyncChange = z.infer<typeof syncChangeSchema>;

/** An audit entry of the sender's own hash chain (renderer/data/audit.ts), carried whole so the hub can verify it. */
export const syncAuditEntrySchema = z
  .object({ id, seq: z.number().int().positive(), deviceId: id, prevHash: z.string().regex(/^[0-9a-f]{64}$/), hash: z.string().regex(/^[0-9a-f]{64}$/) })
  .passthrough();

/** A linkage outbox entry queued on an office desktop, to leave through the hub's exchange folder. */
export const syncLinkageEntrySchema = z
  .object({ id, seq: z.number().int().positive(), idempotencyKey: z.string().min(1).max(300), kind: z.string().min(1).max(40), payload: z.unknown() })
  .passthrough();

/** Per-case content digests of the sender's scope (renderer/data/sync): compared after each round, 一致 / 不一致. */
export const scopeDigestSchema = z.object({ scope: z.string().regex(/^[0-9a-f]{64}$/), cases: z.record(id, z.string().regex(/^[0-9a-f]{64}$/)) }).strict();
export type ScopeDigest = z.infer<typeof scopeDigestSchema>;

/** Device → hub. */
export const devicePayloadSchema = z
  .object({
    kind: z.literal('device'),
    /** The sender's wall clock when it wrote the bundle (ms): the hub compares it with its own for the skew shown. */
    sentAt: z.number().int().nonnegative(),
    changes: z.array(syncChangeSchema).max(MAX_BUNDLE_CHANGES),
    /** The highest `hub` outbox seq this bundle covers: the hub's acknowledgement of this bundle lets the device drop entries up to it. */
    outboxThrough: z.number().int().nonnegative(),
    audit: z.array(syncAuditEntrySchema).max(MAX_BUNDLE_CHANGES),
    linkage: z.array(syncLinkageEntrySchema).max(MAX_BUNDLE_CHANGES),
    /** The seq of the last hub bundle this device applied (0: none yet). */
    appliedHubSeq: z.number().int().nonnegative(),
    /** Households erased here after they left the device's scope (reassignment), reported back. */
    erased: z.array(id).max(MAX_BUNDLE_CHANGES),
    digest: scopeDigestSchema,
  })
  .strict();
export type DevicePayload = z.infer<typeof devicePayloadSchema>;

/** What the hub tells a device about one of its bundles. */
export const bundleReceiptSchema = z
  .object({
    seq: z.number().int().positive(),
    status: z.enum(['applied', 'quarantined']),
    /** In Japanese, for the device's screen: why it was quarantined. */
    reason: z.string().max(2000).nullable(),
  })
  .strict();
export type BundleReceipt = z.infer<typeof bundleReceiptSchema>;

/** Hub → device. */
export const hubPayloadSchema = z
  .object({
    kind: z.literal('hub'),
    sentAt: z.number().int().nonnegative(),
    /** Rows of the device's scope changed on the hub since `since` (null: the first checkout, everything in scope). */
    changes: z.array(syncChangeSchema).max(MAX_BUNDLE_CHANGES),
    since: hlc.nullable(),
    /** The hub's clock up to which `changes` is complete: the device's next `since`. */
    through: hlc,
    /** Households that left the device's scope (a caseload reassigned): the device erases their rows. */
    erase: z.array(id).max(MAX_BUNDLE_CHANGES),
    /**
     * The device's bundles the hub has dealt with — applied ones once, held ones (quarantined) every time while held —
     * and the highest `outboxThrough` of the applied ones.
     */
    receipts: z.array(bundleReceiptSchema).max(10_000),
    outboxAcknowledged: z.number().int().nonnegative(),
    /** The device's audit chain is held by the hub up to this seq. */
    auditAcknowledged: z.number().int().nonnegative(),
    /**
     * The device's linkage entries the hub has taken into its exchange stream, up to this seq: an office desktop drops
     * them and stops sending them. Absent in bundles of releases before it: nothing acknowledged.
     */
    linkageAcknowledged: z.number().int().nonnegative().optional(),
    /** The hub's digest of the device's scope after this bundle is applied. */
    digest: scopeDigestSchema,
    /** The device as the hub has it (profile and caseloads may change; a revoked device gets no bundle). */
    device: z.object({ id, profile: deviceProfileSchema, caseloadUserIds: z.array(id).max(500) }).strict(),
  })
  .strict();
export type HubPayload = z.infer<typeof hubPayloadSchema>;

export const syncPayloadSchema = z.discriminatedUnion('kind', [devicePayloadSchema, hubPayloadSchema]);
export type SyncPayload = z.infer<typeof syncPayloadSchema>;

/** The clear header of a bundle file (README.md): what main checks before anything is opened, and the report shows. */
export const bundleHeaderSchema = z
  .object({
    format: z.literal(SYNC_FORMAT),
    version: z.literal(SYNC_FORMAT_VERSION),
    officeId: id,
    sender: id,
    recipient: id,
    /** Per (sender, recipient): 1, 2, 3 … with no gap. */
    seq: z.number().int().positive(),
    createdAt: z.string().datetime(),
    hlcFrom: hlc.nullable(),
    hlcTo: hlc.nullable(),
    /** Rows per table, audit entries, linkage entries: for the report before anything is opened. */
    counts: z.record(z.string().max(40), z.number().int().nonnegative()),
    compression: z.literal('gzip'),
  })
  .strict();
export type BundleHeader = z.infer<typeof bundleHeaderSchema>;

/** The largest bundle file main opens, and the largest payload (UTF-8 JSON) its body may unpack to. */
export const MAX_BUNDLE_FILE_BYTES = 512 * 1024 * 1024;
export const MAX_PAYLOAD_BYTES = 480 * 1024 * 1024;
/** Plaintext bytes per secretstream message of the body. */
export const BUNDLE_CHUNK_BYTES = 64 * 1024;

/**
 * The header as it is in the file (README.md): the clear header above and what main needs to check and open the
 * body. Signed by the sender with everything in it, so the body's hash and length bind the body to the signature.
 */
export const bundleFileHeaderSchema = bundleHeaderSchema
  .extend({
    body: z
      .object({
        /** Bytes of the sealed body: the secretstream header and every message. */
        bytes: z.number().int().positive().max(MAX_BUNDLE_FILE_BYTES),
        /** BLAKE2b-256 of those bytes, hex. */
        blake2b: z.string().regex(/^[0-9a-f]{64}$/),
        /** The body's secretstream key, crypto_box_seal'ed to the recipient's X25519 key (80 bytes, base64). */
        sealedKey: z.base64().regex(/^[^=]{107}=$/, { error: '80 バイトの base64 ではありません' }),
        chunkBytes: z.literal(BUNDLE_CHUNK_BYTES),
        /** Bytes of the payload's UTF-8 JSON once unpacked: the reader unpacks no more than this. */
        payloadBytes: z.number().int().positive().max(MAX_PAYLOAD_BYTES),
      })
      .strict(),
  })
  .strict();
export type BundleFileHeader = z.infer<typeof bundleFileHeaderSchema>;
