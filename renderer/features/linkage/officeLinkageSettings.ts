import { officeLinkageItems, type LinkageItem } from '../../../shared/linkage/legalReferences';
import { defaultLinkageSettings, linkageSettingsSchema, type LinkageSettings } from '../../../shared/settings/officeSettings';
import { seihoApi } from '../../api/seihoApi';
import type { ExportConfig } from '../../data/linkage/exchange';
import { unwrap } from '../../ui/useLoaded';

/**
 * The office's 情報連携 settings, kept inside the device settings. Every write reads the settings afresh and
 * changes only `linkage`, so what the 設定 screen holds (office name, visit grades) stays as it is.
 */

export async function currentLinkageSettings(): Promise<LinkageSettings> {
  return (await unwrap(seihoApi().settingsGet({}))).linkage ?? defaultLinkageSettings;
}

/** The items table in force when a file is exchanged: the office's, or the defaults. */
export async function linkageItemsInForce(): Promise<readonly LinkageItem[]> {
  return officeLinkageItems((await currentLinkageSettings()).items);
}

/** What an export takes from the settings: the items table and the office's 公費負担者番号. */
export async function exportConfig(): Promise<ExportConfig> {
  const settings = await currentLinkageSettings();
  return { items: officeLinkageItems(settings.items), payerNumber: settings.payerNumber };
}

export async function saveLinkageSettings(change: (current: LinkageSettings) => LinkageSettings): Promise<LinkageSettings> {
  const { linkage, ...others } = await unwrap(seihoApi().settingsGet({}));
  const next = linkageSettingsSchema.safeParse(change(linkage ?? defaultLinkageSettings));
  if (!next.success) throw new Error(`連携設定を保存できません: ${next.error.issues[0]?.message ?? '内容に誤りがあります'}`);
  const saved = await unwrap(seihoApi().settingsSet({ ...others, linkage: next.data }));
  return saved.linkage ?? defaultLinkageSettings;
}
