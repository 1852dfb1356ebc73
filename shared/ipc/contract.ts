import { z } from 'zod';
import { deviceProfileSchema, staffProfileSchema } from '../auth/roles.js';
import { officeSettingsPatchSchema, officeSettingsSchema, storedOfficeSettingsSchema } from '../settings/officeSettings.js';
import { linkageKinds } from '../linkage/linkageKinds.js';
import { MAX_EXCHANGE_RECORDS, requestRecordSchema, resultRecordSchema } from '../linkage/exchangeFormat.js';
import { bundleHeaderSchema, syncPayloadSchema, type SyncPayload } from '../sync/bundleFormat.js';
import { enrolmentClearSchema } from '../sync/enrolmentFormat.js';
import {
  officeSetupRequest,
  rotationKeysSchema,
  unlockResponse,
  vaultEventSchema,
  vaultSchemas,
  vaultStatusResponse,
  vaultUserSchema,
} from './vaultSchemas.js';

/**
 * The IPC contract: every request the renderer may make of the main process, by method name. The preload
 * exposes exactly one function per entry, main's router validates every request against `request` before a
 * handler sees it, and the browser host answers the same entries over HTTP. Later features add entries here.
 */
const channel = <Req extends z.ZodType, Res extends z.ZodType>(name: string, request: Req, response: Res) => ({
  channel: name,
  request,
  response,
});

const empty = z.object({}).strict();

/** A payload main has already checked whole against syncPayloadSchema. */
const checkedPayload = z.custom<SyncPayload>(
  (value) => typeof value === 'object' && value !== null && ((value as { kind?: unknown }).kind === 'device' || (value as { kind?: unknown }).kind === 'hub'),
);

export const contract = {
  appInfo: channel(
    'app:info',
    empty,
    z.object({
      name: z.string(),
      version: z.string(),
      host: z.enum(['electron', 'browser']),
      platform: z.string(),
      dataDir: z.string(),
    }),
  ),
  /** The 帳票 on screen saved as an A4 PDF where the user chooses (Electron only; the browser host refuses: PDF_UNAVAILABLE). */
  documentSavePdf: channel('document:savePdf', z.object({ title: z.string().trim().min(1).max(100) }).strict(), z.object({ file: z.string() })),
  healthCheck: channel(
    'app:health',
    empty,
    z.object({ status: z.enum(['ok', 'degraded']), checks: z.array(z.object({ name: z.string(), ok: z.boolean(), detail: z.string() })) }),
  ),
  settingsGet: channel('settings:get', empty, storedOfficeSettingsSchema),
  /** Changes only the fields given (administrator only); main applies changes one at a time and emits `settingsChanged`. */
  settingsUpdate: channel('settings:update', officeSettingsPatchSchema, officeSettingsSchema),

  vaultStatus: channel('vault:status', empty, vaultStatusResponse),
  officeSetup: channel('vault:setup', officeSetupRequest, z.object({ recoveryKey: z.string(), recoveryFingerprint: z.string() })),
  vaultUnlock: channel('vault:unlock', z.object({ loginId: vaultSchemas.loginId, passphrase: vaultSchemas.passphrase }).strict(), unlockResponse),
  vaultLock: channel('vault:lock', z.object({ reason: z.enum(['manual', 'idle']) }).strict(), z.object({})),
  vaultActivity: channel('vault:activity', empty, z.object({})),
  vaultChangePassphrase: channel(
    'vault:changePassphrase',
    z.object({ currentPassphrase: vaultSchemas.passphrase, newPassphrase: vaultSchemas.passphrase }).strict(),
    z.object({}),
  ),
  vaultEventsPending: channel('vault:eventsPending', empty, z.object({ events: z.array(vaultEventSchema) })),
  vaultEventsAck: channel('vault:eventsAck', z.object({ ids: z.array(z.string()).max(10_000) }).strict(), z.object({})),

  usersList: channel('users:list', empty, z.object({ users: z.array(vaultUserSchema) })),
  userCreate: channel(
    'users:create',
    z.object({ loginId: vaultSchemas.loginId, passphrase: vaultSchemas.passphrase, profile: staffProfileSchema }).strict(),
    z.object({ userId: z.string() }),
  ),
  /** `rotateKey`: the administrator's choice to rotate the data key with the deactivation (the keys come back). */
  userDeactivate: channel(
    'users:deactivate',
    z.object({ userId: z.string().min(1), rotateKey: z.boolean().optional() }).strict(),
    z.object({ rotation: rotationKeysSchema.nullable().optional() }),
  ),
  /** Starts a data key rotation (administrator only); the renderer then re-seals every row in the background. */
  vaultRotateKey: channel('vault:rotateKey', empty, rotationKeysSchema),
  /** Every row carries the current key: main drops the previous one. */
  vaultRotationFinish: channel(
    'vault:rotationFinish',
    z.object({ keyId: z.string().min(1).max(64), rowsResealed: z.number().int().min(0) }).strict(),
    z.object({}),
  ),
  userUnlockAccount: channel('users:unlockAccount', z.object({ userId: z.string().min(1) }).strict(), z.object({})),
  /** The administrator changes a user's 役割 and 班 (main keeps an active administrator; the change is audited). */
  userUpdateProfile: channel('users:updateProfile', z.object({ userId: z.string().min(1), profile: staffProfileSchema }).strict(), z.object({})),
  userResetPassphrase: channel(
    'users:resetPassphrase',
    z
      .object({
        userId: z.string().min(1),
        recoveryKey: z.string().trim().min(1, { error: '回復キーを入力してください' }).max(200),
        newPassphrase: vaultSchemas.passphrase,
      })
      .strict(),
    z.object({}),
  ),

  backupCreate: channel(
    'backup:create',
    z.object({ databaseExport: z.string().max(700_000_000) }).strict(),
    z.object({ fileName: z.string(), bytes: z.number().int(), createdAt: z.string() }),
  ),
  backupList: channel(
    'backup:list',
    empty,
    z.object({
      backups: z.array(
        z.object({
          fileName: z.string(),
          bytes: z.number().int(),
          createdAt: z.string(),
          officeName: z.string(),
          /** False: 「未署名」 — no recovery-key attestation of its signer, so restore refuses it (main/backup/backupFile.ts). */
          signed: z.boolean(),
        }),
      ),
    }),
  ),
  /** The administrator enters the recovery key once so that backups can be verified on a new machine (offices set up before backups were signed). */
  backupAttest: channel(
    'backup:attest',
    z.object({ recoveryKey: z.string().trim().min(1, { error: '回復キーを入力してください' }).max(200) }).strict(),
    z.object({ attestedAt: z.string() }),
  ),
  backupRestore: channel(
    'backup:restore',
    z
      .object({
        fileName: z.string().min(1).max(200),
        recoveryKey: z.string().trim().min(1, { error: '回復キーを入力してください' }).max(200),
        /** Used only when this device has not been set up yet (restoring onto a replacement machine). */
        deviceProfile: deviceProfileSchema.optional(),
        /**
         * The newest database schema version this app opens: a backup made by a newer release is refused before the
         * key store is replaced, so a refused restore changes nothing.
         */
        newestSchemaVersion: z.int().positive().optional(),
      })
      .strict(),
    z.object({ databaseExport: z.string() }),
  ),

  /**
   * 情報連携 exchange files (shared/linkage/exchangeFormat.ts), administrator only. Main signs with the office
   * key (derived from the data key, so only an unlocked session can sign) and checks result files against the
   * configured peer key before the renderer sees a record.
   */
  linkageInfo: channel(
    'linkage:info',
    empty,
    z.object({
      officeId: z.string(),
      officeCode: z.string().nullable(),
      exchangeDir: z.string(),
      /** The office's Ed25519 signing key in force (base64), to register with the 統合宛名 side, and its fingerprint (= key id). */
      publicKey: z.string(),
      fingerprint: z.string(),
      /** The office's X25519 decryption key in force, which requests name for the results (replyTo). */
      decryptionKey: z.object({ publicKey: z.string(), fingerprint: z.string() }),
      /** The generation of each office key in force. */
      generations: z.object({ signing: z.int(), decryption: z.int() }),
      peerConfigured: z.boolean(),
      /** The fingerprint of the configured peer key, to read back with the 統合宛名 side; null when none is set. */
      peerFingerprint: z.string().nullable(),
      /** Whether result files must be sealed (the default). */
      requireSealedResults: z.boolean(),
    }),
  ),
  linkageExport: channel(
    'linkage:export',
    z.object({ records: z.array(requestRecordSchema).min(1, { error: '書き出す連携データがありません' }).max(MAX_EXCHANGE_RECORDS) }).strict(),
    z.object({
      exchangeId: z.string(),
      folder: z.string(),
      count: z.int(),
      byKind: z.record(z.enum(linkageKinds), z.int()),
      createdAt: z.string(),
      sha256: z.string(),
    }),
  ),
  linkageIncoming: channel(
    'linkage:incoming',
    empty,
    z.object({
      exchanges: z.array(
        z.object({
          folder: z.string(),
          exchangeId: z.string().nullable(),
          inReplyTo: z.string().nullable(),
          createdAt: z.string().nullable(),
          count: z.int().nullable(),
          /** Why the folder cannot be imported as it stands (checked in full on import), or null. */
          problem: z.string().nullable(),
        }),
      ),
    }),
  ),
  linkageImport: channel(
    'linkage:import',
    z.object({ folder: z.string().min(1).max(200) }).strict(),
    z.object({
      exchangeId: z.string(),
      inReplyTo: z.string().nullable(),
      createdAt: z.string(),
      records: z.array(resultRecordSchema),
      /** Results that answer nothing this office sent (an exchange never sent, a record it did not carry): quarantined, with why. */
      unanswerable: z.array(z.object({ resultId: z.string(), problem: z.string() })),
    }),
  ),
  /** After the renderer applied an import: moves the folder to incoming/processed so the list shows what is new. */
  linkageArchive: channel('linkage:archive', z.object({ folder: z.string().min(1).max(200) }).strict(), z.object({})),
  /**
   * Exports main wrote but the renderer has not yet confirmed as marked sent (it stopped between the two steps): each
   * with the records exactly as written, from main's own sealed copy, so marking can be finished without a second file.
   */
  linkageUnconfirmed: channel(
    'linkage:unconfirmed',
    empty,
    z.object({ exports: z.array(z.object({ exchangeId: z.string(), createdAt: z.string(), records: z.array(requestRecordSchema) })) }),
  ),
  /** The export's records are marked sent in the database: main forgets its copy. */
  linkageConfirm: channel('linkage:confirm', z.object({ exchangeId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/) }).strict(), z.object({})),

  /**
   * Sync (issue 12; shared/sync/README.md, "IPC"). Every channel needs an unlocked session; on the hub the
   * enrolment and the bundle channels are the administrator's. Public keys are base64 (32 bytes).
   */
  syncIdentity: channel(
    'sync:identity',
    empty,
    z.object({
      deviceId: z.string(),
      profile: deviceProfileSchema,
      officeId: z.string(),
      /** The hub this device was enrolled by; null on the hub itself. */
      hubDeviceId: z.string().nullable(),
      /** The `syncFolder` setting, or null while none is set. */
      syncFolder: z.string().nullable(),
      signPublicKey: z.string(),
      boxPublicKey: z.string(),
    }),
  ),
  /** The hub writes an enrolment file for a new device; the code is shown once and never stored. */
  syncEnrol: channel(
    'sync:enrol',
    z
      .object({
        profile: deviceProfileSchema.exclude(['hub'], { error: '端末の種類は事務所端末か訪問用端末です' }),
        name: z.string().trim().min(1, { error: '端末名を入力してください' }).max(100, { error: '端末名は100文字以内で入力してください' }),
        /** The users who will work on the device (the hub's vault users, by id); each sets their own passphrase there. */
        userIds: z.array(z.string().min(1).max(64)).min(1, { error: '端末を使う利用者を1人以上選んでください' }).max(50),
        caseloadUserIds: z.array(z.string().min(1).max(64)).max(500),
        /** The folder to write the file into (removable media); absent, the sync folder, else `enrolments` in the data folder. */
        folder: z.string().trim().min(1).max(400).optional(),
      })
      .strict(),
    z.object({ deviceId: z.string(), file: z.string(), code: z.string(), signPublicKey: z.string(), boxPublicKey: z.string(), createdAt: z.string() }),
  ),
  /** The clear part of an enrolment file for the first-run screen (no secret; the code is not needed yet). */
  syncInspectEnrolment: channel(
    'sync:inspectEnrolment',
    z.object({ path: z.string().trim().min(1, { error: '登録ファイルを選んでください' }).max(1000) }).strict(),
    enrolmentClearSchema,
  ),
  /** First-run set-up from an enrolment file instead of a new office. No session (the device has no vault yet). */
  syncSetupFromEnrolment: channel(
    'sync:setupFromEnrolment',
    z
      .object({
        path: z.string().trim().min(1, { error: '登録ファイルを選んでください' }).max(1000),
        code: z.string().trim().min(1, { error: '登録コードを入力してください' }).max(200),
        users: z
          .array(z.object({ userId: z.string().min(1).max(64), passphrase: vaultSchemas.passphrase }).strict())
          .min(1, { error: '少なくとも1人の利用者がパスフレーズを設定してください' })
          .max(50),
        /** This device's sync folder; absent, the folder the enrolment file is in (removable media carry both). */
        syncFolder: z.string().trim().min(1).max(400).optional(),
      })
      .strict(),
    z.object({
      recoveryKey: z.string(),
      recoveryFingerprint: z.string(),
      deviceId: z.string(),
      /** Listed users who set no passphrase here: they are not on this device (enrol it again to add them). */
      notSetUp: z.array(z.string()),
    }),
  ),
  /** Signs and seals a payload for one recipient and writes it into the sync folder (temporary name, then renamed). */
  syncWriteBundle: channel(
    'sync:writeBundle',
    z
      .object({
        recipient: z.string().min(1).max(200),
        seq: z.number().int().positive(),
        payload: syncPayloadSchema,
        hlcFrom: bundleHeaderSchema.shape.hlcFrom,
        hlcTo: bundleHeaderSchema.shape.hlcTo,
        counts: bundleHeaderSchema.shape.counts,
        /** The hub passes the device's box key from its registry; a device seals to the hub's key it holds (omit it). */
        recipientBoxPublicKey: z
          .string()
          .regex(/^[A-Za-z0-9+/]{43}=$/)
          .optional(),
      })
      .strict(),
    z.object({ file: z.string(), bytes: z.number().int(), header: bundleHeaderSchema }),
  ),
  /**
   * Every bundle in the sync folder named for this device, checked whole, in (sender, seq) order. The hub passes its
   * registry's senders; a device omits them (it accepts the hub it was enrolled by, with the key it holds).
   * `skipThrough`: per sender, bundles with a seq up to this one are not opened (already applied).
   */
  syncReadBundles: channel(
    'sync:readBundles',
    z
      .object({
        senders: z
          .array(z.object({ deviceId: z.string().min(1).max(200), signPublicKey: z.string().regex(/^[A-Za-z0-9+/]{43}=$/), revoked: z.boolean() }).strict())
          .max(1000)
          .optional(),
        skipThrough: z.record(z.string().max(200), z.number().int().nonnegative()).optional(),
      })
      .strict(),
    z.object({
      bundles: z.array(
        z.union([
          // Main checked the payload against syncPayloadSchema on reading (main/sync/bundleFile.ts); checking it again
          // here would cost seconds on a first checkout, so the reply only confirms its shape.
          z.object({ file: z.string(), header: bundleHeaderSchema, payload: checkedPayload }),
          z.object({ file: z.string(), header: bundleHeaderSchema.nullable(), refused: z.object({ code: z.string(), message: z.string() }) }),
        ]),
      ),
    }),
  ),
} as const;

/** Main → renderer notifications. The preload exposes `on<Name>(listener)` returning an unsubscribe function. */
export const events = {
  settingsChanged: { channel: 'settings:changed', payload: officeSettingsSchema },
  /** Main locked the vault (idle, suspend, screen lock): the renderer closes the database and reloads. */
  vaultLocked: { channel: 'vault:locked', payload: z.object({ reason: z.enum(['manual', 'idle', 'suspend', 'userSwitch', 'deactivated']) }) },
} as const;

export type Contract = typeof contract;
export type MethodName = keyof Contract;
export type EventName = keyof typeof events;
export type RequestOf<M extends MethodName> = z.input<Contract[M]['request']>;
export type ResponseOf<M extends MethodName> = z.output<Contract[M]['response']>;
export type EventPayload<E extends EventName> = z.output<(typeof events)[E]['payload']>;

export const methodNames = Object.keys(contract) as MethodName[];
export const eventNames = Object.keys(events) as EventName[];

/** `settingsChanged` → `onSettingsChanged`: the preload's subscription function for an event. */
export const subscriberName = (event: EventName) => `on${event[0]!.toUpperCase()}${event.slice(1)}` as const;
