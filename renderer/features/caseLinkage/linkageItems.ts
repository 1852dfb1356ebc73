import { officeLinkageItems, type LinkageItem } from '../../../shared/linkage/legalReferences';
import type { SettingsService } from '../../services/settings';

/**
 * The office's linkage items (the administrator's table in the settings, the defaults while none is set).
 * Unreadable settings are an error, not the defaults: a wrong legal basis on screen is worse than none.
 */
export async function loadLinkageItems(settings: Pick<SettingsService, 'get'>): Promise<readonly LinkageItem[]> {
  const stored = await settings.get().catch((error: unknown) => {
    throw new Error(`連携項目の設定を読めません: ${error instanceof Error ? error.message : String(error)}`);
  });
  return officeLinkageItems(stored.linkage?.items);
}
