import { officeLinkageItems, type LinkageItem } from '../../../shared/linkage/legalReferences';
import { seihoApi } from '../../api/seihoApi';

/**
 * The office's linkage items (the administrator's table in the settings, the defaults while none is set).
 * Unreadable settings are an error, not the defaults: a wrong legal basis on screen is worse than none.
 */
export async function loadLinkageItems(): Promise<readonly LinkageItem[]> {
  const settings = await seihoApi().settingsGet({});
  if (!settings.ok) throw new Error(`連携項目の設定を読めません: ${settings.error.message}`);
  return officeLinkageItems(settings.value.linkage?.items);
}
