import { useEffect, useState, type FormEvent } from 'react';
import { isDamaged } from '../../data/errors';
import type { MemberView } from '../../data/repos/members';
import { useServices } from '../../session/SessionProvider';
import { DateText } from '../../ui/DateText';
import { FormAlert } from '../../ui/FormAlert';
import { relationLabel, sexLabels } from './caseLabels';
import { IdentityVerificationList } from './IdentityVerificationList';
import { MemberEditor } from './MemberEditor';
import { disabilityLabels, schoolLabels, workCapacityLabels } from '../../../shared/casework/member';
import { useLoaded } from '../../ui/useLoaded';
import { messageOf } from '../../ui/messageOf';
import { Form } from '../../ui/Form';

/** How long a revealed 個人番号 stays on screen before it is masked again. */
const REVEAL_MS = 30_000;

/** What the calculation and the caseworker need at a glance: 稼働能力, 障害, 就学, 妊娠・産後, 不開示. */
function factsOf(member: MemberView): string {
  const { pregnancy } = member;
  const facts = [
    member.workCapacity && workCapacityLabels[member.workCapacity],
    member.disability && `障害: ${disabilityLabels[member.disability]}`,
    member.school && `就学: ${schoolLabels[member.school]}`,
    pregnancy && ('months' in pregnancy ? `妊娠${pregnancy.months}か月` : `産後${pregnancy.postpartumMonths}か月`),
    member.nonDisclosure && '不開示',
  ];
  return facts.filter(Boolean).join('、');
}

/**
 * 世帯員: names, kana, birth dates in 和暦, their facts; 個人番号 masked and its §16 verification, only for roles that
 * may see them at all. Roles that write members add and edit them here (MemberEditor).
 */
export function MembersTab({ householdId }: { householdId: string }) {
  const services = useServices();
  const members = useLoaded(() => services.members.list(householdId), [services, householdId]);
  // 'new', a member's id, or null while no editor is open.
  const [editing, setEditing] = useState<string | null>(null);
  const showsMyNumber = services.access.myNumber === 'reveal';
  const writes = services.access.mayWrite('members');
  if (members.state === 'loading') return <p>読み込んでいます…</p>;
  if (members.state === 'failed') return <FormAlert message={members.message} />;
  const columns = 6 + (showsMyNumber ? 1 : 0) + (writes ? 1 : 0);
  const edited = members.value.find((m): m is MemberView => !isDamaged(m) && m.id === editing);
  const done = (saved: boolean) => {
    setEditing(null);
    if (saved) members.reload();
  };
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
            <th scope="col">状況</th>
            {showsMyNumber && <th scope="col">個人番号</th>}
            {writes && <th scope="col">操作</th>}
          </tr>
        </thead>
        <tbody>
          {members.value.map((member) =>
            isDamaged(member) ? (
              <tr key={member.id} className="damaged-row">
                <td colSpan={columns}>{member.__integrityError}</td>
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
                <td>{factsOf(member)}</td>
                {showsMyNumber && <td>{member.myNumber ? <MyNumberCell member={member} masked={member.myNumber} /> : '未登録'}</td>}
                {writes && (
                  <td>
                    <button type="button" className="secondary" onClick={() => setEditing(member.id)} aria-label={`${member.name}を編集`}>
                      編集
                    </button>
                  </td>
                )}
              </tr>
            ),
          )}
        </tbody>
      </table>
      {writes &&
        (editing === null ? (
          <button type="button" onClick={() => setEditing('new')}>
            世帯員を追加
          </button>
        ) : (
          // Keyed so that switching to another member starts a fresh form.
          <MemberEditor key={editing} householdId={householdId} {...(edited ? { member: edited } : {})} onDone={done} />
        ))}
      {showsMyNumber && <IdentityVerificationList members={members.value.filter((m): m is MemberView => !isDamaged(m))} />}
    </>
  );
}

/** The masked number; 「表示」 asks for a reason, reveals through the audited call, and masks again after a while. */
function MyNumberCell({ member, masked }: { member: MemberView; masked: string }) {
  const services = useServices();
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
      const number = await services.members.revealMyNumber(member.id, reason.trim());
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
        <Form onSubmit={(e) => void reveal(e)} aria-label={`個人番号の表示（${member.name}）`}>
          <label htmlFor={`reveal-${member.id}`}>表示する理由</label>
          <input id={`reveal-${member.id}`} value={reason} onChange={(e) => setReason(e.target.value)} autoFocus autoComplete="off" />
          <button type="submit">表示する</button>
          <button type="button" className="secondary" onClick={() => setAsking(false)}>
            やめる
          </button>
          <FormAlert message={error} />
        </Form>
      ) : (
        <button type="button" className="secondary" onClick={() => setAsking(true)} aria-label={`${member.name}の個人番号を表示`}>
          表示
        </button>
      )}
    </div>
  );
}
