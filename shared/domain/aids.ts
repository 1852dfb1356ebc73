/**
 * The eight 扶助 and the two 給付金 as codes. They stand apart from records.ts because the exchange format
 * (shared/linkage) needs them and records.ts needs the exchange format's bank account: one module each way
 * would be an import circle.
 */
export const aids = ['living', 'education', 'housing', 'medical', 'care', 'maternity', 'occupational', 'funeral'] as const;
export type Aid = (typeof aids)[number];

export const grantKinds = ['employmentIndependence', 'advancementPreparation'] as const;
export type GrantKind = (typeof grantKinds)[number];
