import type { VisitGrade } from '../../../shared/casework/visitPlan';
import { officeVisitGrades } from '../../../shared/settings/officeSettings';
import { seihoApi } from '../../api/seihoApi';

/** The office's 訪問格付け from the settings (the defaults while none are set); unreadable settings are an error, not the defaults. */
export async function loadVisitGrades(): Promise<readonly VisitGrade[]> {
  const settings = await seihoApi().settingsGet({});
  if (!settings.ok) throw new Error(`訪問格付けの設定を読めません: ${settings.error.message}`);
  return officeVisitGrades(settings.value);
}
