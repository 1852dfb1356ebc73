import { roleLabels } from '../../../shared/auth/roles';
import { useUnlocked } from '../../session/SessionProvider';
import { Tabs, type Tab } from '../../ui/Tabs';
import { ExportPanel } from './ExportPanel';
import { ImportPanel } from './ImportPanel';
import { LinkageItemsPanel } from './LinkageItemsPanel';
import { LinkageSettingsPanel } from './LinkageSettingsPanel';
import { RetentionPanel } from './RetentionPanel';

const tabs: readonly Tab[] = [
  { key: 'export', label: '書き出し（送信）', panel: () => <ExportPanel /> },
  { key: 'import', label: '取込み（結果）', panel: () => <ImportPanel /> },
  { key: 'settings', label: '連携設定', panel: () => <LinkageSettingsPanel /> },
  { key: 'items', label: '連携項目と根拠法令', panel: () => <LinkageItemsPanel /> },
  { key: 'retention', label: '保存期間', panel: () => <RetentionPanel /> },
];

/**
 * 連携: the administrator exchanges files with the 団体内統合宛名システム (副本登録, 情報照会, 医療扶助の資格情報・
 * 医療券, 公金受取口座照会) and keeps the settings and legal basis they rest on. Main and the data layer refuse
 * anyone else as well.
 */
export function LinkageScreen() {
  const { session } = useUnlocked();
  return (
    <section aria-labelledby="linkage-title">
      <h2 id="linkage-title">連携</h2>
      {session.role === 'systemAdmin' ? (
        <Tabs label="連携の作業" tabs={tabs} />
      ) : (
        <p role="alert" className="refusal">
          連携の画面はシステム管理者だけが利用できます（現在の役割: {roleLabels[session.role]}）。
        </p>
      )}
    </section>
  );
}
