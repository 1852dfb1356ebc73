import {
  agentAuthorityDocuments,
  numberCheckDocuments,
  photoIdentityDocuments,
  principalNumberCheckDocuments,
  type IdentityVerification,
} from '../../../shared/casework/identityVerification';
import type { MemberView } from '../../data/repos/members';
import { useServices } from '../../session/SessionProvider';
import { DateText } from '../../ui/DateText';
import { useLoaded } from '../../ui/useLoaded';

const methodLabels: Record<IdentityVerification['method'], string> = {
  card: '個人番号カードの提示',
  cardAlternative: 'カード代替電磁的記録（スマートフォン）',
  documents: '番号確認書類と身元確認書類の提示',
  agent: '代理人による提示',
};

type Identity = Extract<IdentityVerification, { method: 'documents' }>['identityCheck'];
type Doc = { kind: string; description?: string | undefined };

/** A document's name from its legal list, with what staff wrote for an "other" entry. */
const docName = (table: Record<string, { label: string }>, doc: Doc) =>
  `${table[doc.kind]?.label ?? doc.kind}${doc.description ? `（${doc.description}）` : ''}`;

function identityText(check: Identity): string {
  if (check.kind === 'photoId') return docName(photoIdentityDocuments, { kind: check.document, description: check.description });
  if (check.kind === 'difficultCase') return `${check.documents.join('、')}（写真付き書類なし: ${check.reason}）`;
  return `本人に相違ないことが明らか（${check.reason}）`;
}

/** The documents a record names, as label/text pairs; the card methods need none. */
function documents(record: IdentityVerification): [string, string][] {
  if (record.method === 'documents')
    return [
      ['番号確認', docName(numberCheckDocuments, record.numberCheck)],
      ['身元確認', identityText(record.identityCheck)],
    ];
  if (record.method === 'agent') {
    return [
      ['代理人', record.agentName],
      ['代理権の確認', docName(agentAuthorityDocuments, record.authority)],
      ['代理人の身元確認', identityText(record.agentIdentity)],
      ['本人の番号確認', docName(principalNumberCheckDocuments, record.principalNumberCheck)],
    ];
  }
  return [];
}

/**
 * 個人番号の本人確認（番号法第16条）per member: method, documents, who received and who confirmed, and when — never
 * the number. The members repository returns the records only to roles that may handle 個人番号.
 */
export function IdentityVerificationList({ members }: { members: MemberView[] }) {
  const services = useServices();
  const staff = useLoaded(() => services.staff.list(), [services]);
  const verified = members.flatMap((m) => (m.identityVerification ? [{ member: m, record: m.identityVerification }] : []));
  if (verified.length === 0) return null;
  const nameOf = (id: string) => (staff.state === 'ready' ? (staff.value.find((u) => u.id === id)?.name ?? '（不明な職員）') : '');
  return (
    <section aria-labelledby="identity-verification-title">
      <h3 id="identity-verification-title">個人番号の本人確認（番号法第16条）</h3>
      {verified.map(({ member, record }) => (
        <dl key={member.id} className="case-facts" aria-label={`${member.name}の本人確認`}>
          <dt>世帯員</dt>
          <dd>{member.name}</dd>
          <dt>方法</dt>
          <dd>{methodLabels[record.method]}</dd>
          {documents(record).map(([label, text]) => (
            <div key={label}>
              <dt>{label}</dt>
              <dd>{text}</dd>
            </div>
          ))}
          <dt>受付</dt>
          <dd>
            {nameOf(record.verifiedBy)}（<DateText date={record.verifiedOn} />）
          </dd>
          <dt>確認</dt>
          <dd>
            {record.confirmation ? (
              <>
                {nameOf(record.confirmation.staffId)}（<DateText date={record.confirmation.confirmedOn} />）
              </>
            ) : (
              '未確認'
            )}
          </dd>
        </dl>
      ))}
    </section>
  );
}
