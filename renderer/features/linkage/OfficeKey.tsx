import { useState } from 'react';

/**
 * This office's signing key, for the administrator to register at the 統合宛名 side (which checks the request
 * files with it); the fingerprint is what the two sides read to each other to confirm the key arrived intact.
 */
export function OfficeKey({
  publicKey,
  fingerprint,
  decryptionFingerprint,
  peerFingerprint,
}: {
  publicKey: string;
  fingerprint: string;
  decryptionFingerprint: string;
  peerFingerprint: string | null;
}) {
  const [copied, setCopied] = useState('');
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
          <code>{fingerprint}</code>
        </dd>
        <dt>復号鍵の指紋</dt>
        <dd>
          <code>{decryptionFingerprint}</code>
        </dd>
        <dt>相手方の公開鍵の指紋</dt>
        <dd>{peerFingerprint ? <code>{peerFingerprint}</code> : '未設定（結果ファイルを取り込めません）'}</dd>
      </dl>
      <button type="button" className="secondary" onClick={() => void copy()}>
        公開鍵をコピー
      </button>
      <p role="status">{copied}</p>
    </section>
  );
}
