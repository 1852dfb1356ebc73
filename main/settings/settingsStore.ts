import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
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

/**
 * Device settings in `settings.json` under the data folder. A missing file means defaults (first run);
 * a file that exists but can't be read as settings is reported, never overwritten, so an administrator's
 * configuration is not silently lost.
 *
 * Every change goes through one queue: an update reads the file, applies only the fields it was given and writes,
 * before the next change reads. Two saves arriving together (the 連携設定 and the 設定 screen, two windows) thus
 * both survive; a read-modify-write split across the IPC boundary would let the later one erase the earlier.
 */
export function createSettingsStore(dataDir: string) {
  const path = join(dataDir, 'settings.json');
  let queue: Promise<unknown> = Promise.resolve();
  /** Runs `change` after every change queued before it, whether those succeeded or not. */
  const serialized = <T>(change: () => Promise<T>): Promise<T> => {
    const run = queue.then(change, change);
    queue = run.catch(() => undefined);
    return run;
  };

  async function read(): Promise<StoredOfficeSettings> {
    let text: string;
    try {
      text = await readFile(path, 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { ...defaultOfficeSettings };
      throw error;
    }
    let json: unknown;
    try {
      json = JSON.parse(text);
    } catch {
      throw new ServiceError('SETTINGS_DAMAGED', `設定ファイルが破損しています: ${path}`);
    }
    const parsed = storedOfficeSettingsSchema.safeParse(json);
    if (!parsed.success) throw new ServiceError('SETTINGS_DAMAGED', `設定ファイルの内容が不正です: ${path}`);
    return parsed.data;
  }

  async function save(settings: OfficeSettings): Promise<OfficeSettings> {
    const valid = officeSettingsSchema.safeParse(settings);
    if (!valid.success) throw invalid(valid.error.issues);
    await atomicWriteFile(path, `${JSON.stringify(valid.data, null, 2)}\n`);
    return valid.data;
  }

  return {
    read,
    /** Replaces the whole settings (office setup); queued with the updates. */
    write: (settings: OfficeSettings): Promise<OfficeSettings> => serialized(() => save(settings)),
    /** Changes only the fields `patch` gives, on the settings as they are when its turn comes; the result is validated whole. */
    update: (patch: OfficeSettingsPatch): Promise<OfficeSettings> =>
      serialized(async () => {
        const parsed = officeSettingsPatchSchema.safeParse(patch);
        if (!parsed.success) throw invalid(parsed.error.issues);
        return save(applySettingsPatch(await read(), parsed.data) as OfficeSettings);
      }),
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;

/** Every problem, each with its field, as the router reports a refused request. */
const invalid = (issues: readonly { path: readonly PropertyKey[]; message: string }[]) =>
  new ServiceError('INVALID_REQUEST', issues.map((issue) => `${issue.path.map(String).join('.') || '設定'}: ${issue.message}`).join('、'));
