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

const keySlotSchema = z
  .object({
    kdf: kdfParamsSchema,
    nonce: base64(24),
    wrappedKey: base64(32 + 16),
  })
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
    });
  });

export type Keystore = z.output<typeof keystoreSchema>;
export type KeystoreUser = z.output<typeof keystoreUserSchema>;
export type KeySlot = z.output<typeof keySlotSchema>;
