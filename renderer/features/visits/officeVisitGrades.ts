import type { VisitGrade } from '../../../shared/casework/visitPlan';
import { officeVisitGrades } from '../../../shared/settings/officeSettings';
import type { SettingsService } from '../../services/settings';

/** The office's 訪問格付け from the settings (the defaults while none are set); unreadable settings are an error, not the defaults. */
export async function loadVisitGrades(settings: Pick<SettingsService, 'get'>): Promise<readonly VisitGrade[]> {
  const stored = await settings.get().catch((error: unknown) => {
    throw new Error(`訪問格付けの設定を読めません: ${error instanceof Error ? error.message : String(error)}`);
  });
  return officeVisitGrades(stored);
}
