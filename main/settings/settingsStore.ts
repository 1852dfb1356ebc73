import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { defaultOfficeSettings, officeSettingsSchema, storedOfficeSettingsSchema, type OfficeSettings } from '../../shared/settings/officeSettings.js';
import { atomicWriteFile } from '../fs/atomicWrite.js';
import { ServiceError } from '../ipc/router.js';

/**
 * Device settings in `settings.json` under the data folder. A missing file means defaults (first run);
 * a file that exists but can't be read as settings is reported, never overwritten, so an administrator's
 * configuration is not silently lost.
 */
export function createSettingsStore(dataDir: string) {
  const path = join(dataDir, 'settings.json');
  return {
    async read(): Promise<OfficeSettings> {
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
    },
    async write(settings: OfficeSettings): Promise<OfficeSettings> {
      const valid = officeSettingsSchema.parse(settings);
      await atomicWriteFile(path, `${JSON.stringify(valid, null, 2)}\n`);
      return valid;
    },
  };
}
export type SettingsStore = ReturnType<typeof createSettingsStore>;
