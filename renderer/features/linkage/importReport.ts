import type { ResultApplication, ResultReport } from '../../data/linkage/exchange';
import type { ResultRecord } from '../../../shared/linkage/exchangeFormat';

/** What the other side said of a record, and what the import did with it, as the 取込み report shows them. */
export const outcomeLabels: Record<ResultRecord['outcome'], string> = { accepted: '受付', rejected: '差戻し', answered: '回答' };

export const applicationLabels: Record<ResultApplication, string> = {
  applied: '反映',
  duplicate: '取込済み',
  stale: '古い送信',
  unmatched: '隔離',
  unanswerable: '隔離（未送信の依頼）',
  conflict: '要確認（異なる結果）',
};

/**
 * One line for the whole import, e.g.「反映 3件・差戻し 1件・隔離 0件」. The parts do not overlap: a rejection that
 * was applied counts as 差戻し (the case needs correcting), not as 反映; 要確認, 取込済み and 古い送信 appear only when any.
 */
export function importSummary(results: readonly ResultReport[]): string {
  const count = (test: (r: ResultReport) => boolean) => results.filter(test).length;
  const applied = (r: ResultReport) => r.application === 'applied';
  const parts: [string, number, boolean][] = [
    ['反映', count((r) => applied(r) && r.outcome !== 'rejected'), true],
    ['差戻し', count((r) => applied(r) && r.outcome === 'rejected'), true],
    ['隔離', count((r) => r.application === 'unmatched' || r.application === 'unanswerable'), true],
    ['要確認', count((r) => r.application === 'conflict'), false],
    ['取込済み', count((r) => r.application === 'duplicate'), false],
    ['古い送信', count((r) => r.application === 'stale'), false],
  ];
  return parts
    .filter(([, n, always]) => always || n > 0)
    .map(([label, n]) => `${label} ${n}件`)
    .join('・');
}
