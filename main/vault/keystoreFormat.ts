import { z } from 'zod';
import { staffProfileSchema } from '../../shared/auth/roles.js';
import { argon2idPresets, SALT_BYTES } from './kdf.js';

/**
 * keystore.json, version 1: per user a key slot holding the data key (DEK) wrapped under their passphrase, and
 * the DEK sealed to the office recovery key. Binary values are standard base64. Everything that
 * decides how much work an unlock costs (the Argon2id limits) is bounded here, so an edited file cannot make
 * the device derive with a gigabyte-scale limit or skip the KDF.
 */
export const KEYSTORE_FORMAT = 'seiho-desk/keystore';
export const KEYSTORE_VERSION = 1;

const base64 = (bytes: number) =>
  z
    .string()
    .regex(/^[A-Za-z0-9+/]*={0,2}$/, 'base64 ではありません')
    .refine((text) => Buffer.from(text, 'base64').length === bytes, `${bytes} バイトではありません`);
const timestamp = z.iso.datetime();

const kdfParamsSchema = z
  .object({
    alg: z.literal('argon2id13'),
    salt: base64(SALT_BYTES),
    opslimit: z.int().min(argon2idPresets.MIN.opslimit).max(argon2idPresets.SENSITIVE.opslimit),
    memlimit: z.int().min(argon2idPresets.MIN.memlimit).max(argon2idPresets.SENSITIVE.memlimit),
  })
  .strict();

/** A 32-byte secret under XChaCha20-Poly1305 (nonce, ciphertext with tag). */
const wrappedSecretSchema = z.object({ nonce: base64(24), wrapped: base64(32 + 16) }).strict();

// Key rotation (H3) adds only OPTIONAL fields and keeps version 1: a key store without them is one that was
// never rotated. Other additions to this format: add optional fields too, and say so here.
// Signed backups (H4) add the optional `backupSigner` (the recovery key's attestation of the backup signing key) and
// use `officeSecret` as the office root: made at setup for a new office, absent (= the DEK) for an older one.
// Sync (issue 12) adds the optional `sync` record of a device set up from an enrolment file.
const keySlotSchema = z
  .object({
    kdf: kdfParamsSchema,
    nonce: base64(24),
    wrappedKey: base64(32 + 16),
    /** Rotation: the key this slot wraps when it is not the key store's (`keyId`), until the user's next unlock. */
    keyId: z.string().min(1).max(64).optional(),
    /**
     * Rotation: the slot's X25519 key pair, its secret wrapped under the same Argon2id KEK as the DEK. A rotation
     * seals the new DEK to `publicKey`; slots made before rotation existed get one at their user's next unlock.
     */
    box: z
      .object({ publicKey: base64(32), nonce: base64(24), wrappedSecret: base64(32 + 16) })
      .strict()
      .optional(),
  })
  .strict();

/** Rotation: the new DEK sealed to a user's slot public key, with a proof keyed by the DEK it replaces. */
const pendingKeySchema = z
  .object({ keyId: z.string().min(1).max(64), fromKeyId: z.string().min(1).max(64), sealedKey: base64(32 + 48), proof: base64(32) })
  .strict();

const keystoreUserSchema = z
  .object({
    userId: z.string().min(1).max(64),
    /** Stored normalised (NFKC, lower case) so that the login screen's IME or caps lock does not matter. */
    loginId: z.string().min(1).max(64),
    admin: z.boolean(),
    profile: staffProfileSchema,
    status: z.enum(['active', 'deactivated']),
    slot: keySlotSchema.nullable(),
    failedAttempts: z.int().min(0),
    lastFailureAt: timestamp.nullable(),
    lockedAt: timestamp.nullable(),
    createdAt: timestamp,
    passphraseChangedAt: timestamp.nullable(),
    /**
     * Rotation: the keys waiting for this user's next unlock, oldest first — a chain from the key their slot wraps
     * to the current one (several when they missed several rotations).
     */
    pendingKeys: z.array(pendingKeySchema).max(32).optional(),
  })
  .strict();

export const keystoreSchema = z
  .object({
    format: z.literal(KEYSTORE_FORMAT),
    version: z.literal(KEYSTORE_VERSION),
    office: z.object({ id: z.string().min(1).max(64), name: z.string().min(1).max(200) }).strict(),
    /** Names the DEK; records carry it so the DEK can be rotated lazily. */
    keyId: z.string().min(1).max(64),
    /** A keyed hash of the DEK: tells a recovered or restored key apart from a substituted one. */
    keyCheck: base64(16),
    createdAt: timestamp,
    /** The DEK sealed to the office recovery public key: the way back from a forgotten passphrase. */
    recovery: z.object({ publicKey: base64(32), sealedKey: base64(32 + 48) }).strict(),
    users: z.array(keystoreUserSchema),
    /**
     * Rotation: the blind-index key (search tokens, linkage idempotency keys) wrapped under the current DEK. It
     * does not rotate: absent, it is derived from the DEK, which is true until the first rotation.
     */
    indexKey: wrappedSecretSchema.optional(),
    /**
     * Rotation: the office's root secret (its exchange keys and settings MAC key are derived from it,
     * linkage/exchangeSigner.ts) wrapped under the current DEK, so a rotation does not change the office's keys.
     * Absent, it is the DEK itself, which is true until the first rotation. (H4: this is the office root secret —
     * reuse this field rather than adding a second; rotation re-wraps it in vault.ts `rewrapSecretsUnderDek`.)
     */
    officeSecret: wrappedSecretSchema.optional(),
    /**
     * Backups (H4, main/backup/backupSigner.ts): the office's backup signing public key (derived from `officeSecret`)
     * and the recovery key's attestation of it, made at setup, at a recovery-key reset, or when an administrator
     * enters the recovery key once. Absent: backups are signed but not attested (「未署名」) and cannot be restored.
     */
    backupSigner: z
      .object({ publicKey: base64(32), attestation: base64(64), attestedAt: timestamp })
      .strict()
      .optional(),
    /**
     * Sync (issue 12, syncKeys.ts): on a device set up from an enrolment file, its id, the hub's id, its own signing
     * and box seeds and the hub's public keys, each wrapped under the DEK. Absent on the hub (its sync keys derive
     * from `officeSecret`) and on a device set up before sync existed.
     */
    sync: z
      .object({
        deviceId: z.string().min(1).max(64),
        hubDeviceId: z.string().min(1).max(64),
        signSeed: wrappedSecretSchema,
        boxSeed: wrappedSecretSchema,
        hubSignPublicKey: wrappedSecretSchema,
        hubBoxPublicKey: wrappedSecretSchema,
      })
      .strict()
      .optional(),
    /** Rotation under way: the previous DEK wrapped under the current one, until every row is re-sealed. */
    rotation: z
      .object({ fromKeyId: z.string().min(1).max(64), previousKey: wrappedSecretSchema, startedAt: timestamp, by: z.string().min(1).max(64) })
      .strict()
      .optional(),
  })
  .strict()
  .superRefine((store, ctx) => {
    const seen = { userId: new Set<string>(), loginId: new Set<string>() };
    store.users.forEach((user, index) => {
      for (const field of ['userId', 'loginId'] as const) {
        if (seen[field].has(user[field])) ctx.addIssue({ code: 'custom', path: ['users', index, field], message: '重複しています' });
        seen[field].add(user[field]);
      }
      if (user.admin !== (user.profile.role === 'systemAdmin')) {
        ctx.addIssue({ code: 'custom', path: ['users', index, 'admin'], message: '管理者の印と役割が一致しません' });
      }
      if ((user.status === 'active') !== (user.slot !== null)) {
        ctx.addIssue({ code: 'custom', path: ['users', index, 'slot'], message: '有効な利用者にだけ鍵スロットがあります' });
      }
      if (user.pendingKeys && !user.slot)
        ctx.addIssue({ code: 'custom', path: ['users', index, 'pendingKeys'], message: '鍵スロットのない利用者に鍵があります' });
    });
  });

export type Keystore = z.output<typeof keystoreSchema>;
export type KeystoreUser = z.output<typeof keystoreUserSchema>;
export type KeySlot = z.output<typeof keySlotSchema>;
export type PendingKey = z.output<typeof pendingKeySchema>;
export type WrappedSecret = z.output<typeof wrappedSecretSchema>;
