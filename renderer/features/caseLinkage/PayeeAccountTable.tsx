import type { MemberView } from '../../data/repos/members';
import { DateText } from '../../ui/DateText';
import { accountTypeLabels, consentMethodLabels, maskAccountNumber, payeeSourceLabels } from './payeeAccount';

/** Each member's 支給口座 with where it came from; the number masked, as a screen seen over a shoulder should be. */
export function PayeeAccountTable({ members }: { members: readonly MemberView[] }) {
  return (
    <table className="case-table" aria-label="支給口座">
      <thead>
        <tr>
          <th scope="col">世帯員</th>
          <th scope="col">金融機関</th>
          <th scope="col">支店</th>
          <th scope="col">種別</th>
          <th scope="col">口座番号</th>
          <th scope="col">名義カナ</th>
          <th scope="col">出所</th>
          <th scope="col">取得日</th>
          <th scope="col">同意</th>
        </tr>
      </thead>
      <tbody>
        {members.map(({ id, name, payeeAccount: account }) => (
          <tr key={id}>
            <th scope="row">{name}</th>
            {account ? (
              <>
                <td>
                  {account.bankName}（{account.bankCode}）
                </td>
                <td>
                  {account.branchName}（{account.branchCode}）
                </td>
                <td>{accountTypeLabels[account.accountType]}</td>
                <td>{maskAccountNumber(account.accountNumber)}</td>
                <td>{account.holderKana}</td>
                <td>{payeeSourceLabels[account.source]}</td>
                <td>
                  <DateText date={account.obtainedOn} />
                </td>
                <td>
                  {account.consent ? (
                    <>
                      <DateText date={account.consent.givenOn} />・{consentMethodLabels[account.consent.method]}
                    </>
                  ) : (
                    '—'
                  )}
                </td>
              </>
            ) : (
              <td colSpan={8}>（未登録）</td>
            )}
          </tr>
        ))}
      </tbody>
    </table>
  );
}
