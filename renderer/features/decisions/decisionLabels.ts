import { aidLabels } from '../../../shared/domain/aids';
import type { Aid } from '../../../shared/domain/records';

export { aidLabels };

export const aidList = (aids: readonly Aid[]): string => (aids.length === 0 ? '（なし）' : aids.map((aid) => aidLabels[aid]).join('・'));
