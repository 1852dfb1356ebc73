import { basisOn, type LinkageItem } from '../../../shared/linkage/legalReferences';

/**
 * The basis of an item in force on `on`. 要確認 when nobody has checked it against the 命令 yet, or when the
 * table has no basis for the day (or no such item): the caseworker must not take either on trust.
 */
export function LegalBasisText({ item, on }: { item: LinkageItem | undefined; on: string }) {
  const basis = item && basisOn(item, on);
  if (!basis) {
    return (
      <span>
        {item ? '本日時点の根拠法令が連携項目の表にありません' : 'この項目は連携項目の表にありません'}
        <span className="badge">要確認</span>
      </span>
    );
  }
  return (
    <span title={basis.source}>
      {basis.text}
      {!basis.verified && <span className="badge">要確認</span>}
    </span>
  );
}
