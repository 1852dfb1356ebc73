import { Tabs } from '../../ui/Tabs';
import { IncidentsTab } from './IncidentsTab';
import { RequestsTab } from './RequestsTab';
import { ThresholdsTab } from './ThresholdsTab';
import { TrainingTab } from './TrainingTab';

/** 個人情報保護 (issue 14): the PIA's registers and its しきい値判断. The 課長 and the administrator keep them; the 監査担当 reads. */
export function PrivacyArea() {
  return (
    <section aria-labelledby="privacy-title">
      <h2 id="privacy-title">個人情報保護</h2>
      <Tabs
        label="個人情報保護"
        tabs={[
          { key: 'requests', label: '開示等請求', panel: () => <RequestsTab /> },
          { key: 'incidents', label: '事故', panel: () => <IncidentsTab /> },
          { key: 'training', label: '研修', panel: () => <TrainingTab /> },
          { key: 'thresholds', label: 'しきい値', panel: () => <ThresholdsTab /> },
        ]}
      />
    </section>
  );
}
