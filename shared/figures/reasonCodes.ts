/**
 * 保護開始・廃止の主な理由 as codes, as data. The reference (shared/reference/mission-anchors.md §F) names only
 * examples (開始: 傷病, 働きによる収入の減少・喪失, 貯金等の減少; 廃止: 死亡, 働きによる収入の増加, 傷病治癒); the full
 * category list of 被保護者調査 was not read, so the list below is the published categories as commonly tabulated
 * and every code not among those examples is 要確認. A decision without a code counts under 理由未記録.
 */

export interface ReasonCode {
  code: string;
  label: string;
  /** Named in the reference's examples. */
  inReference: boolean;
}

export const reasonSource = '被保護者調査 月次調査「保護開始・廃止の主な理由」（様式未確認。参照資料 mission-anchors.md §F は例示のみ）';

export const UNRECORDED_REASON = 'unrecorded';
export const unrecordedReasonLabel = '理由未記録';

export const startReasons: readonly ReasonCode[] = [
  { code: 'S01', label: '世帯主の傷病', inReference: true },
  { code: 'S02', label: '世帯員の傷病', inReference: true },
  { code: 'S03', label: '急迫保護で医療扶助単給', inReference: false },
  { code: 'S04', label: '要介護状態', inReference: false },
  { code: 'S05', label: '働いていた者の死亡', inReference: false },
  { code: 'S06', label: '働いていた者の離別等', inReference: false },
  { code: 'S07', label: '働きによる収入の減少・喪失', inReference: true },
  { code: 'S08', label: '社会保障給付金の減少・喪失', inReference: false },
  { code: 'S09', label: '貯金等の減少・喪失', inReference: true },
  { code: 'S10', label: '仕送りの減少・喪失', inReference: false },
  { code: 'S99', label: 'その他', inReference: false },
];

export const terminationReasons: readonly ReasonCode[] = [
  { code: 'T01', label: '死亡', inReference: true },
  { code: 'T02', label: '失踪', inReference: false },
  { code: 'T03', label: '傷病治癒', inReference: true },
  { code: 'T04', label: '働きによる収入の増加・取得', inReference: true },
  { code: 'T05', label: '働き手の転入', inReference: false },
  { code: 'T06', label: '社会保障給付金の増加', inReference: false },
  { code: 'T07', label: '仕送りの増加', inReference: false },
  { code: 'T08', label: '親類・縁者等の引取り', inReference: false },
  { code: 'T09', label: '施設入所', inReference: false },
  { code: 'T10', label: '他管内への転出', inReference: false },
  { code: 'T99', label: 'その他', inReference: false },
];

/** The codes a decision of this kind may carry; other kinds carry none. */
export function reasonsFor(kind: string): readonly ReasonCode[] {
  if (kind === 'start') return startReasons;
  if (kind === 'terminate') return terminationReasons;
  return [];
}

export function reasonLabel(code: string): string {
  if (code === UNRECORDED_REASON) return unrecordedReasonLabel;
  return [...startReasons, ...terminationReasons].find((r) => r.code === code)?.label ?? `不明な理由コード（${code}）`;
}
