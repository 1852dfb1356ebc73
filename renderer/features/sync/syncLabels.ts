import type { DigestComparison } from '../../data/sync/digest';
import type { BundleStatus, SyncStep } from '../../services/sync';

export const bundleStatusLabels: Record<BundleStatus, string> = {
  applied: '反映',
  duplicate: '重複',
  waiting: '待機',
  quarantined: '保留',
  refused: '拒否',
};

export const syncStepLabels: Record<SyncStep, string> = {
  reading: '同期フォルダの同期バンドルを確認しています…',
  applying: '受け取った変更を反映しています…',
  building: '送る変更をまとめています…',
  writing: '同期バンドルを書き出しています…',
};

/** A skew beyond this is called out: HLC keeps the order, but approval times never rest on a device's clock. */
const SKEW_WARNING_MS = 5 * 60_000;

/** The peer's clock against this one, in words: shown, never trusted. */
export function skewText(skewMs: number | null): string {
  if (skewMs === null) return '—';
  const seconds = Math.round(Math.abs(skewMs) / 1000);
  const amount = seconds < 60 ? `${seconds}秒` : seconds < 3600 ? `${Math.round(seconds / 60)}分` : `${Math.round(seconds / 3600)}時間`;
  const text = seconds === 0 ? 'なし' : `${amount}${skewMs > 0 ? '進み' : '遅れ'}`;
  return Math.abs(skewMs) > SKEW_WARNING_MS ? `${text}（要確認）` : text;
}

export function digestLabel(digest: DigestComparison | null): string {
  if (!digest) return '未確認';
  return digest.state === '一致' ? '一致' : `不一致（${digest.differing.length}件）`;
}
