import { useState } from 'react';

/**
 * The office recovery key, shown this once. Without it a forgotten passphrase or a lost key store means lost
 * data, so the app goes on only after the last group has been typed back from the printed sheet.
 */
export function RecoverySheet({ recoveryKey, fingerprint, onConfirmed }: { recoveryKey: string; fingerprint: string; onConfirmed: () => void }) {
  const groups = recoveryKey.split('-');
  const [typed, setTyped] = useState('');
  const [error, setError] = useState<string | null>(null);
  const confirm = () => {
    if (typed.normalize('NFKC').trim().toUpperCase() === groups.at(-1)) onConfirmed();
    else setError('最後のグループが一致しません。印刷した回復キーを確認してください');
  };
  return (
    <main className="gate recovery-sheet" aria-labelledby="recovery-title">
      <h1 id="recovery-title">事務所の回復キー</h1>
      <p>
        この回復キーは<strong>今回だけ</strong>
        表示されます。印刷して金庫などに保管してください。パスフレーズを忘れた職員の再設定と、バックアップからの復元に必要です。
      </p>
      <ol className="recovery-groups" aria-label="回復キー">
        {groups.map((group, index) => (
          // biome-ignore lint/suspicious/noArrayIndexKey: the key's groups are a fixed sequence, and two groups may read the same
          <li key={index}>{group}</li>
        ))}
      </ol>
      <p>指紋（照合用）: {fingerprint}</p>
      <button type="button" className="secondary no-print" onClick={() => window.print()}>
        印刷する
      </button>
      <div className="field no-print">
        <label htmlFor="recovery-confirm">確認のため、最後のグループ（{groups.length}番目）を入力してください</label>
        <input
          id="recovery-confirm"
          value={typed}
          onChange={(e) => setTyped(e.target.value)}
          onKeyDown={(e) => e.key === 'Enter' && confirm()}
          aria-invalid={error ? true : undefined}
          autoComplete="off"
        />
        {error && (
          <p role="alert" className="field-error">
            {error}
          </p>
        )}
      </div>
      <button type="button" className="no-print" onClick={confirm}>
        保管しました
      </button>
    </main>
  );
}
