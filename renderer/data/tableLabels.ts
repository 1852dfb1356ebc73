import type { TableName } from './schema.js';

/** The tables as staff name them: in refusals (access.ts) and in the auditor's reading of the log. */
export const tableLabels: Partial<Record<TableName, string>> = {
  offices: '事務所',
  users: '職員',
  devices: '端末',
  households: '世帯',
  members: '世帯員',
  consultations: '相談',
  applications: '申請',
  decisions: '決定',
  calculations: '保護費の計算',
  caseRecords: 'ケース記録',
  visitPlans: '訪問計画',
  medicalTickets: '医療券・調剤券',
  debts: '返還金・徴収金',
  payments: '支払',
  linkageRecords: '情報連携',
  provisionRecords: '提供・照会記録',
  privacyRequests: '開示等請求',
  incidents: '漏えい等事案',
  trainingRecords: '研修の記録',
  piaAssessment: '特定個人情報保護評価',
  audit: '監査ログ',
};
