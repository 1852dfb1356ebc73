import type { Aid } from '../../../shared/domain/records';

/** The eight 扶助 as notices and screens name them. */
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

export const aidList = (aids: readonly Aid[]): string => (aids.length === 0 ? '（なし）' : aids.map((aid) => aidLabels[aid]).join('・'));
