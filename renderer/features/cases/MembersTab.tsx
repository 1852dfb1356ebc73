import { useEffect, useState, type FormEvent } from 'react';
import { myNumberAccessOf } from '../../data/access';
import { isDamaged } from '../../data/errors';
import type { MemberView } from '../../data/repos/members';
import { useUnlocked } from '../../session/SessionProvider';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf, relationLabel, sexLabels } from './caseLabels';
import { IdentityVerificationList } from './IdentityVerificationList';
import { useLoaded } from './useLoaded';

/** How long a revealed 個人番号 stays on screen before it is masked again. */
const REVEAL_MS = 30_000;

/** 世帯員: names, kana, birth dates in 和暦; 個人番号 masked and its §16 verification, only for roles that may see them at all. */
export function MembersTab({ householdId }: { householdId: string }) {
  const { repos, session } = useUnlocked();
  const members = useLoaded(() => repos.members.list(session, householdId), [repos, session, householdId]);
  const showsMyNumber = myNumberAccessOf(session) === 'reveal';
  if (members.state === 'loading') return <p>読み込んでいます…</p>;
  if (members.state === 'failed') return <FormAlert message={members.message} />;
  return (
    <>
      <table className="case-table" aria-label="世帯員">
        <thead>
          <tr>
            <th scope="col">氏名</th>
            <th scope="col">フリガナ</th>
            <th scope="col">生年月日</th>
            <th scope="col">続柄</th>
            <th scope="col">性別</th>
            {showsMyNumber && <th scope="col">個人番号</th>}
          </tr>
        </thead>
        <tbody>
          {members.value.map((member) =>
            isDamaged(member) ? (
              <tr key={member.id} className="damaged-row">
                <td colSpan={showsMyNumber ? 6 : 5}>{member.__integrityError}</td>
              </tr>
            ) : (
              <tr key={member.id}>
                <td>{member.name}</td>
                <td>{member.kana}</td>
                <td>
                  <DateText date={member.birthDate} />
                </td>
                <td>{relationLabel(member.relation)}</td>
                <td>{sexLabels[member.sex]}</td>
                {showsMyNumber && <td>{member.myNumber ? <MyNumberCell member={member} masked={member.myNumber} /> : '未登録'}</td>}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {showsMyNumber && <IdentityVerificationList members={members.value.filter((m): m is MemberView => !isDamaged(m))} />}
    </>
  );
}

/** The masked number; 「表示」 asks for a reason, reveals through the audited call, and masks again after a while. */
function MyNumberCell({ member, masked }: { member: MemberView; masked: string }) {
  const { repos, session } = useUnlocked();
  const [asking, setAsking] = useState(false);
  const [reason, setReason] = useState('');
  const [revealed, setRevealed] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (revealed === null) return;
    const timer = setTimeout(() => setRevealed(null), REVEAL_MS);
    return () => clearTimeout(timer);
  }, [revealed]);

  const reveal = async (event: FormEvent) => {
    event.preventDefault();
    setError(null);
    try {
      const number = await repos.members.revealMyNumber(session, member.id, reason.normalize('NFKC'));
      setRevealed(number && `${number.slice(0, 4)} ${number.slice(4, 8)} ${number.slice(8)}`);
      setAsking(false);
      setReason('');
    } catch (e) {
      setError(messageOf(e));
    }
  };

  if (revealed) {
    return (
      <span className="my-number">
        <output aria-label={`${member.name}の個人番号`}>{revealed}</output>{' '}
        <button type="button" className="secondary" onClick={() => setRevealed(null)}>
          隠す
        </button>
      </span>
    );
  }
  return (
    <div className="my-number">
      <span>{masked}</span>{' '}
      {asking ? (
        <form onSubmit={(e) => void reveal(e)} aria-label={`個人番号の表示（${member.name}）`}>
          <label htmlFor={`reveal-${member.id}`}>表示する理由</label>
          <input id={`reveal-${member.id}`} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus autoComplete="off" />
          <button type="submit">表示する</button>
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            やめる
          </button>
          <FormAlert message={error} />
        </form>
      ) : (
        <button type="button" className="secondary" onClick={() => setAsking(true)} aria-label={`${member.name}の個人番号を表示`}>
          表示
        </button>
      )}
    </div>
  );
}
