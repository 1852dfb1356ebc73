import type { LinkageRecord } from '../../../shared/domain/records';
import { itemByCode, type LinkageItem } from '../../../shared/linkage/legalReferences';
import { linkageKindLabels, linkageStatusLabels } from '../../../shared/linkage/linkageKinds';
import type { DamagedRecord } from '../../data/errors';
import { RecordList } from '../../ui/RecordList';
import { LegalBasisText } from './LegalBasisText';
import { retryableStatuses, statusClassOf } from './ledgerRows';
import { LinkageAnswer } from './LinkageAnswer';
import { LinkageBodySummary } from './LinkageBodySummary';
import { LinkageHistory } from './LinkageHistory';
import { RetryControl } from './RetryControl';

type Props = {
  rows: readonly (LinkageRecord | DamagedRecord)[];
  items: readonly LinkageItem[];
  nameOf: (memberId: string | null) => string;
  today: string;
  /** Whether the session may re-send (read-only roles see the ledger without the 再送 buttons). */
  canRetry: boolean;
  onRetried: (notice: string) => void;
};

/** 連携の状況: every message of the case with where it stands, why it is held or refused, and what came back. */
export function LinkageLedger({ rows, items, nameOf, today, canRetry, onRetried }: Props) {
  return (
    <RecordList<LinkageRecord>
      label="連携の状況"
      rows={rows}
      empty="この世帯の連携の記録はまだありません。保護の決定が承認されると副本の登録がここに記録されます。他機関への照会は「情報照会を依頼」から行えます。"
      render={(row) => {
        const item = itemByCode(items, row.itemCode);
        const attention = statusClassOf(row.status);
        return (
          <article className={attention} aria-label={`${linkageKindLabels[row.kind]} ${nameOf(row.memberId)}`}>
            <dl className="case-facts">
              <dt>種別</dt>
              <dd>{linkageKindLabels[row.kind]}</dd>
              <dt>対象者</dt>
              <dd>{nameOf(row.memberId)}</dd>
              <dt>項目</dt>
              <dd>{item?.label ?? '連携項目の表にない項目（管理者に連携項目の表を確認してもらってください）'}</dd>
              <dt>根拠法令</dt>
              <dd>
                <LegalBasisText item={item} on={today} />
              </dd>
              <dt>状態</dt>
              <dd>
                {attention ? <strong>{linkageStatusLabels[row.status]}</strong> : linkageStatusLabels[row.status]}
                {row.problem && (
                  <span className="refusal">
                    {' '}
                    — 理由: {row.problem.reason}
                    {row.status === 'rejected' && `（中間サーバーのエラーコード ${row.problem.code}）`}
                  </span>
                )}
              </dd>
              <dt>内容</dt>
              <dd>
                <LinkageBodySummary row={row} items={items} />
              </dd>
            </dl>
            <LinkageAnswer row={row} />
            <LinkageHistory history={row.history} />
            {canRetry && retryableStatuses.includes(row.status) && <RetryControl row={row} onRetried={onRetried} />}
          </article>
        );
      }}
    />
  );
}
