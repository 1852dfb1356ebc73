import { useEffect, useRef, useState } from 'react';
import { FormAlert } from '../../ui/FormAlert';
import { messageOf } from '../../ui/messageOf';

type OfficeKeyKind = 'signing' | 'decryption';

/** What a rotation of each key means for the other side, shown before the administrator confirms it. */
const rotationTexts: Record<OfficeKeyKind, { label: string; confirm: string }> = {
  signing: {
    label: '署名鍵',
    confirm:
      '新しい署名鍵で依頼ファイルに署名し、今の署名鍵でも裏書きします。相手方は裏書きを確かめて新しい鍵を登録します（連携ファイルの形式の「鍵の切替」）。切替後、新しい公開鍵の指紋を相手方と読み合わせてください。',
  },
  decryption: {
    label: '復号鍵',
    confirm:
      '以後の依頼は、結果を新しい復号鍵あてに暗号化するよう求めます。今の鍵あての結果もそのまま取り込めます。新しい復号鍵の指紋を相手方と読み合わせてください。',
  },
};

/**
 * This office's signing key, for the administrator to register at the 統合宛名 side (which checks the request
 * files with it); the fingerprint is what the two sides read to each other to confirm the key arrived intact.
 */
export function OfficeKey({
  publicKey,
  fingerprint,
  decryptionFingerprint,
  peerFingerprint,
  generations,
  onRotate,
}: {
  publicKey: string;
  fingerprint: string;
  decryptionFingerprint: string;
  peerFingerprint: string | null;
  generations: Record<OfficeKeyKind, number>;
  /** Puts the next generation of the key in force; the panel reloads the keys shown. */
  onRotate: (kind: OfficeKeyKind) => Promise<void>;
}) {
  const [copied, setCopied] = useState('');
  // The key whose rotation waits for the administrator's confirmation, and what the last rotation did.
  const [confirming, setConfirming] = useState<OfficeKeyKind | null>(null);
  const [rotated, setRotated] = useState('');
  const [error, setError] = useState<string | null>(null);
  // Keyboard-first: the confirmation takes the focus when it opens.
  const confirmRef = useRef<HTMLButtonElement>(null);
  useEffect(() => {
    if (confirming) confirmRef.current?.focus();
  }, [confirming]);
  const rotate = async (kind: OfficeKeyKind) => {
    setError(null);
    setRotated('');
    try {
      await onRotate(kind);
      setConfirming(null);
      setRotated(`${rotationTexts[kind].label}を第${generations[kind] + 1}世代に切り替えました。`);
    } catch (e) {
      setError(`切り替えられませんでした: ${messageOf(e)}`);
    }
  };
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(publicKey);
      setCopied('公開鍵をコピーしました。');
    } catch {
      setCopied('コピーできませんでした。公開鍵の文字列を選択してコピーしてください。');
    }
  };
  return (
    <section aria-labelledby="office-key-title" className="panel">
      <h4 id="office-key-title">この事務所の公開鍵</h4>
      <p className="hint">団体内統合宛名システムの側に、この公開鍵を登録してください。登録後、指紋を読み合わせて確認します。</p>
      <dl className="case-facts">
        <dt>公開鍵</dt>
        <dd>
          <code>{publicKey}</code>
        </dd>
        <dt>署名鍵の指紋</dt>
        <dd>
          <code>{fingerprint}</code>（第{generations.signing}世代）
        </dd>
        <dt>復号鍵の指紋</dt>
        <dd>
          <code>{decryptionFingerprint}</code>（第{generations.decryption}世代）
        </dd>
        <dt>相手方の公開鍵の指紋</dt>
        <dd>{peerFingerprint ? <code>{peerFingerprint}</code> : '未設定（結果ファイルを取り込めません）'}</dd>
      </dl>
      <button type="button" className="secondary" onClick={() => void copy()}>
        公開鍵をコピー
      </button>
      <p role="status">{copied}</p>
      <div className="actions">
        {(['signing', 'decryption'] as const).map((kind) => (
          <button key={kind} type="button" className="secondary" aria-expanded={confirming === kind} onClick={() => setConfirming(kind)}>
            {rotationTexts[kind].label}を切り替える
          </button>
        ))}
      </div>
      {confirming && (
        <section aria-labelledby="office-key-rotation-title" className="panel">
          <h5 id="office-key-rotation-title">{rotationTexts[confirming].label}の切替</h5>
          <p>{rotationTexts[confirming].confirm}</p>
          <button type="button" ref={confirmRef} onClick={() => void rotate(confirming)}>
            第{generations[confirming] + 1}世代に切り替える
          </button>
          <button type="button" className="secondary" onClick={() => setConfirming(null)}>
            やめる
          </button>
        </section>
      )}
      <p role="status">{rotated}</p>
      <FormAlert message={error} />
    </section>
  );
}
