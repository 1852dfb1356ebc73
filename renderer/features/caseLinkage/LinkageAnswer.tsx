import { Fragment } from 'react';
import type { LinkageRecord } from '../../../shared/domain/records';
import { inquiryAnswerSchema, publicFundsAnswerSchema } from '../../../shared/linkage/exchangeFormat';
import { DateText } from '../../ui/DateText';

/**
 * What came back for an answered request: an inquiry's items as the provider gave them, or 該当なし; for a
 * 公金受取口座照会 only whether an account was registered — the account itself is shown with the member's 支給口座.
 */
export function LinkageAnswer({ row }: { row: LinkageRecord }) {
  if (row.status !== 'answered') return null;
  if (row.kind === 'publicFundsAccount') {
    const answer = publicFundsAnswerSchema.safeParse(row.answer);
    if (!answer.success) return <p className="field-error">回答の内容を読めません</p>;
    return (
      <p>
        回答日 <DateText date={answer.data.answeredOn} />：{answer.data.account ? '公金受取口座を支給口座として記録しました' : '公金受取口座の登録はありません'}
      </p>
    );
  }
  const answer = inquiryAnswerSchema.safeParse(row.answer);
  if (!answer.success) return <p className="field-error">回答の内容を読めません</p>;
  const { provider, answeredOn, found, items } = answer.data;
  return (
    <section aria-label="照会の回答" className="linkage-answer">
      <p>
        回答: {provider}（回答日 <DateText date={answeredOn} />）
      </p>
      {found ? (
        <dl className="case-facts">
          {items.map((item, index) => (
            // biome-ignore lint/suspicious/noArrayIndexKey: the answer's items in the order received, never edited: the place is the identity
            <Fragment key={index}>
              <dt>{item.label}</dt>
              <dd>{item.value}</dd>
            </Fragment>
          ))}
        </dl>
      ) : (
        <p>該当なし</p>
      )}
    </section>
  );
}
