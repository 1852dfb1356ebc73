import { z } from 'zod';
import { deviceProfileSchema, staffProfileSchema } from '../auth/roles.js';
import { tabledMunicipalities } from '../casework/household.js';

/** Requests and answers of the vault channels: set-up, unlock and lock, and the administrator's user management. */

const loginId = z
  .string()
  .trim()
  .min(1, { error: 'ログインIDを入力してください' })
  .max(64, { error: 'ログインIDは64文字以内で入力してください' })
  .regex(/^[\p{L}\p{N}._-]+$/u, { error: 'ログインIDに使えるのは文字・数字と . _ - だけです' });
// The vault enforces the passphrase rules (length, not the login id); here only the upper bound, so a
// request can't carry megabytes into Argon2id.
const passphrase = z.string().min(1, { error: 'パスフレーズを入力してください' }).max(256, { error: 'パスフレーズは256文字以内で入力してください' });

export const officeSetupRequest = z
  .object({
    officeName: z.string().trim().min(1, { error: '事務所名を入力してください' }).max(100),
    // One of the calculation's municipalities: the office's default decides 級地 and 冬季加算地区 for every case.
    municipality: z
      .string()
      .trim()
      .min(1, { error: '市町村を選択してください' })
      .refine((name) => tabledMunicipalities.has(name), { error: '市町村は一覧から選択してください（級地表にない市町村です）' }),
    deviceProfile: deviceProfileSchema,
    admin: z.object({ loginId, displayName: staffProfileSchema.shape.displayName, passphrase }).strict(),
  })
  .strict();

export const vaultStatusResponse = z.object({
  state: z.enum(['uninitialized', 'damaged', 'ready']),
  message: z.string().nullable(),
  office: z.object({ id: z.string(), name: z.string() }).nullable(),
  recoveryFingerprint: z.string().nullable(),
  device: z.object({ id: z.string(), profile: deviceProfileSchema }).nullable(),
});

export const unlockResponse = z.object({
  userId: z.string(),
  loginId: z.string(),
  profile: staffProfileSchema,
  keyId: z.string(),
  /** The data key, base64. Handed over once per unlock; the renderer keeps it only while unlocked. */
  dataKey: z.string(),
  mustChangePassphrase: z.boolean(),
  /** While a data key rotation's rows are re-sealed: the previous data key (base64), to read the rows it sealed. */
  previousKey: z.object({ keyId: z.string(), dataKey: z.string() }).nullable().optional(),
  /** The blind-index key (base64): search tokens and linkage keys, which do not rotate with the data key. */
  blindKey: z.string().optional(),
  /** `hubDeviceId`: the hub a device was enrolled to (null: the hub, or an office set up on its own). */
  device: z.object({ id: z.string(), profile: deviceProfileSchema, hubDeviceId: z.string().nullable().optional() }),
  idleLockMinutes: z.number().int(),
});

/** A rotation just started: the new data key to write with, the previous one to read what is not re-sealed yet (base64). */
export const rotationKeysSchema = z.object({
  keyId: z.string(),
  dataKey: z.string(),
  previousKey: z.object({ keyId: z.string(), dataKey: z.string() }),
});

export const vaultUserSchema = z.object({
  userId: z.string(),
  loginId: z.string(),
  profile: staffProfileSchema,
  status: z.enum(['active', 'deactivated']),
  locked: z.boolean(),
  failedAttempts: z.number().int(),
  createdAt: z.string(),
  passphraseChangedAt: z.string().nullable(),
});

/** What the vault did, for the audit log: main holds these until the renderer has chained them into the log. */
export const vaultEventSchema = z.object({
  id: z.string(),
  at: z.string(),
  type: z.string(),
  userId: z.string().nullable(),
  detail: z.record(z.string(), z.union([z.string(), z.number(), z.boolean(), z.null()])),
});
export type VaultEventRecord = z.infer<typeof vaultEventSchema>;

export const vaultSchemas = { loginId, passphrase };
