/**
 * The eight 扶助 and the two 給付金 as codes. They stand apart from records.ts because the exchange format
 * (shared/linkage) needs them and records.ts needs the exchange format's bank account: one module each way
 * would be an import circle.
 */
export const aids = ['living', 'education', 'housing', 'medical', 'care', 'maternity', 'occupational', 'funeral'] as const;
export type Aid = (typeof aids)[number];

/** The eight 扶助 as notices, screens and the office's figures name them. */
export const aidLabels: Record<Aid, string> = {
  living: '生活扶助',
  education: '教育扶助',
  housing: '住宅扶助',
  medical: '医療扶助',
  care: '介護扶助',
  maternity: '出産扶助',
  occupational: '生業扶助',
  funeral: '葬祭扶助',
};

export const grantKinds = ['employmentIndependence', 'advancementPreparation'] as const;
export type GrantKind = (typeof grantKinds)[number];
