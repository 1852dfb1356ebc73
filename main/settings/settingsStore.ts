import { createHmac, timingSafeEqual } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../shared/crypto/canonicalJson.js';
import {
  applySettingsPatch,
  defaultOfficeSettings,
  officeSettingsPatchSchema,
  officeSettingsSchema,
  storedOfficeSettingsSchema,
  type OfficeSettings,
  type OfficeSettingsPatch,
  type StoredOfficeSettings,
} from '../../shared/settings/officeSettings.js';
import { atomicWriteFile } from '../fs/atomicWrite.js';
import { ServiceError } from '../ipc/router.js';
import { securityChanges, type SettingsEvent } from './settingsAudit.js';

export const SETTINGS_FORMAT = 'seiho-desk/settings';
export const SETTINGS_VERSION = 2;

/**
 * What the store needs from the vault and the journal. `fileKey`: the office's MAC key while a session is
 * unlocked, else null (the caller's copy: the store wipes it). `actor`: who is unlocked. `record`: journals an event
 * for the audit log, resolving once it is on disk.
 */
export interface SettingsAuthority {
  fileKey(): Promise<Uint8Array | null>;
  actor(): string | null;
  record(event: SettingsEvent): Promise<void>;
}

/** A store nobody can unlock: it reads and writes only unsealed files without trust anchors (tests of plain settings). */
const noAuthority: SettingsAuthority = { fileKey: async () => null, actor: () => null, record: async () => undefined };

/**
 * `settings.json`: `{ format, version: 2, settings, mac }`. The MAC is HMAC-SHA256 under the office's file key
 * (main/linkage/exchangeSigner.ts, from the office secret, so only an unlocked session holds it) over the canonical
 * JSON of `{ format, version, settings }`. Anyone who can write the data folder can still change the file, but not
 * so that it verifies: a changed file is refused, never replaced by defaults.
 */
const settingsFileSchema = z.object({
  format: z.literal(SETTINGS_FORMAT),
  version: z.literal(SETTINGS_VERSION),
  settings: z.unknown(),
  mac: z.base64().nullable(),
});

const refusal = {
  tampered: (path: string) =>
    `設定ファイルが改ざんされています（署名が一致しません）: ${path}。この設定は使いません。バックアップから設定ファイルを戻すか、システム管理者が設定ファイルを削除して設定し直してください`,
  unsealed: (path: string) =>
    `設定ファイルに改ざん検知の署名がありません（旧版の設定ファイルか、外部で書き換えられたものです）: ${path}。連携設定を含むため使いません。バックアップから戻すか、システム管理者が設定ファイルを削除して設定し直してください`,
  locked: 'ロックされています。設定を変更するにはログインしてください',
};

/**
 * Device settings in `settings.json` under the data folder. A missing file means defaults (first run); a file that
 * exists but can't be read as settings, or does not verify, is reported and never overwritten, so an
 * administrator's configuration is not silently lost or silently replaced.
 *
 * Reading while locked (the login screen, the health check) cannot verify: it returns the settings without their
 * trust anchors (`linkage`), which only an unlocked session uses. A file is written sealed whenever a session is
 * unlocked; the one write before any session exists — the new office's name at setup — is unsealed and holds no
 * trust anchors, and the first unlock seals it (`sealIfUnsealed`). An unsealed file that holds `linkage` is refused.
 *
 * Every change goes through one queue: an update reads the file, applies only the fields it was given and writes,
 * before the next change reads. Two saves arriving together (the 連携設定 and the 設定 screen, two windows) thus
 * both survive; a read-modify-write split across the IPC boundary would let the later one erase the earlier.
 */
export function createSettingsStore(dataDir: string, authority: SettingsAuthority = noAuthority) {
  const path = join(dataDir, 'settings.json');
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `change` after every change queued before it, whether those succeeded or not. */
  const serialized = <T>(change: () => Promise<T>): Promise<T> => {
    const run = queue.then(change, change);
    queue = run.catch(() => undefined);
    return run;
  };
  const macOf = (key: Uint8Array, settings: unknown) =>
    createHmac('sha256', key)
      .update(canonicalJson({ format: SETTINGS_FORMAT, version: SETTINGS_VERSION, settings }))
      .digest();

  /** The file as it is: absent, or its settings and whether (and how) it is sealed. */
  async function load(): Promise<{ settings: StoredOfficeSettings; mac: Buffer | null } | null> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServiceError('SETTINGS_DAMAGED', `設定ファイルが破損しています: ${path}`);
    }
    // A file from before settings were sealed is the settings object itself: read as unsealed.
    const file = settingsFileSchema.safeParse(json);
    const parsed = storedOfficeSettingsSchema.safeParse(file.success ? file.data.settings : json);
    if (!parsed.success || (!file.success && typeof json === 'object' && json !== null && 'format' in json)) {
      throw new ServiceError('SETTINGS_DAMAGED', `設定ファイルの内容が不正です: ${path}`);
    }
    return { settings: parsed.data, mac: file.success && file.data.mac !== null ? Buffer.from(file.data.mac, 'base64') : null };
  }

  /** The settings, verified with `key`; refused if changed, or unsealed while holding trust anchors. */
  function verified(loaded: NonNullable<Awaited<ReturnType<typeof load>>>, key: Uint8Array): StoredOfficeSettings {
    if (loaded.mac === null) {
      if (loaded.settings.linkage !== undefined) throw new ServiceError('SETTINGS_UNSEALED', refusal.unsealed(path));
      return loaded.settings;
    }
    const expected = macOf(key, loaded.settings);
    if (loaded.mac.length !== expected.length || !timingSafeEqual(loaded.mac, expected)) throw new ServiceError('SETTINGS_TAMPERED', refusal.tampered(path));
    return loaded.settings;
  }

  /** Runs `use` with the session's file key (null when locked), wiped afterwards. */
  async function withKey<T>(use: (key: Uint8Array | null) => Promise<T>): Promise<T> {
    const key = await authority.fileKey();
    try {
      return await use(key);
    } finally {
      key?.fill(0);
    }
  }

  async function read(): Promise<StoredOfficeSettings> {
    return withKey(async (key) => {
      const loaded = await load();
      if (!loaded) return { ...defaultOfficeSettings };
      if (key) return verified(loaded, key);
      // Locked: nothing here can be verified, so the trust anchors are not handed out.
      const { linkage: _unverified, ...rest } = loaded.settings;
      return rest;
    });
  }

  async function save(settings: StoredOfficeSettings, key: Uint8Array | null): Promise<OfficeSettings> {
    const valid = officeSettingsSchema.safeParse(settings);
    if (!valid.success) throw invalid(valid.error.issues);
    const mac = key ? macOf(key, valid.data).toString('base64') : null;
    await atomicWriteFile(path, `${JSON.stringify({ format: SETTINGS_FORMAT, version: SETTINGS_VERSION, settings: valid.data, mac }, null, 2)}\n`);
    return valid.data;
  }

  /** Writes `next` over `before` (as verified) and journals each security-relevant field that changed. */
  async function change(before: StoredOfficeSettings, next: StoredOfficeSettings, key: Uint8Array | null): Promise<OfficeSettings> {
    const saved = await save(next, key);
    const at = new Date().toISOString();
    for (const changed of securityChanges(before, saved)) await authority.record({ at, userId: authority.actor(), type: 'settingsChanged', ...changed });
    return saved;
  }

  return {
    read,
    /** Replaces the whole settings; queued with the updates. */
    write: (settings: OfficeSettings): Promise<OfficeSettings> =>
      serialized(() =>
        withKey(async (key) => {
          const loaded = await load();
          if (loaded && !key) throw new ServiceError('LOCKED', refusal.locked);
          return change(loaded && key ? verified(loaded, key) : defaultOfficeSettings, settings, key);
        }),
      ),
    /**
     * Changes only the fields `patch` gives, on the settings as they are when its turn comes; the result is validated
     * whole. Without a session only a new office's first settings are written (unsealed, refused if they hold `linkage`).
     */
    update: (patch: OfficeSettingsPatch): Promise<OfficeSettings> =>
      serialized(() =>
        withKey(async (key) => {
          const parsed = officeSettingsPatchSchema.safeParse(patch);
          if (!parsed.success) throw invalid(parsed.error.issues);
          const loaded = await load();
          if (!key && (loaded || parsed.data.linkage)) throw new ServiceError('LOCKED', refusal.locked);
          const before = loaded && key ? verified(loaded, key) : { ...defaultOfficeSettings };
          const next = applySettingsPatch(before, parsed.data);
          refuseKeyJumps(before, next);
          return change(before, next, key);
        }),
      ),
    /**
     * At unlock: an unsealed file without trust anchors (setup's) is sealed; a tampered one
     * is left as it is (every read refuses it). Returns the settings if they verify, else the refusal.
     */
    sealIfUnsealed: (): Promise<StoredOfficeSettings> =>
      serialized(() =>
        withKey(async (key) => {
          const loaded = await load();
          if (!loaded || !key) return read();
          const settings = verified(loaded, key);
          if (loaded.mac !== null) return settings;
          // Not journaled: the content is as it was, and it holds no trust anchor to vouch for.
          return save(settings, key);
        }),
      ),
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** A key generation moves up one step at a time and never back: an earlier key, once replaced, stays retired. */
function refuseKeyJumps(before: StoredOfficeSettings, next: StoredOfficeSettings) {
  const was = before.linkage?.officeKeys ?? { signing: 1, decryption: 1 };
  const is = next.linkage?.officeKeys ?? { signing: 1, decryption: 1 };
  for (const [kind, label] of [
    ['signing', '署名鍵'],
    ['decryption', '暗号化鍵'],
  ] as const) {
    if (is[kind] !== was[kind] && is[kind] !== was[kind] + 1) {
      throw new ServiceError('INVALID_REQUEST', `linkage.officeKeys.${kind}: ${label}の世代は1つずつ上げてください（現在 ${was[kind]}）`);
    }
  }
}

/** Every problem, each with its field, as the router reports a refused request. */
const invalid = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  new ServiceError('INVALID_REQUEST', issues.map((issue) => `${issue.path.map(String).join('.') || '設定'}: ${issue.message}`).join('、'));
