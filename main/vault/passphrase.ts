/** What a passphrase must satisfy; the office may raise the minimum through policy. */
export type PassphrasePolicy = { minLength: number; maxLength: number };
export const defaultPassphrasePolicy: PassphrasePolicy = { minLength: 12, maxLength: 256 };

/**
 * NFKC first: a passphrase typed with the IME in full-width mode (ＡＢＣ１２３) must unlock the same slot as
 * the half-width one, and login ids are compared the same way.
 */
export const normalizePassphrase = (passphrase: string) => passphrase.normalize('NFKC');
export const normalizeLoginId = (loginId: string) => loginId.normalize('NFKC').trim().toLowerCase();

/** UTF-8 bytes of the normalised passphrase: bytes can be wiped after use, JS strings cannot. */
export const passphraseBytes = (passphrase: string) => new TextEncoder().encode(normalizePassphrase(passphrase));

/** Returns the first broken rule as a message for the user, or null when the passphrase is acceptable. */
export function checkPassphrase(passphrase: string, loginId: string, policy: PassphrasePolicy = defaultPassphrasePolicy): string | null {
  const normalized = normalizePassphrase(passphrase);
  const length = [...normalized].length;
  if (length < policy.minLength) return `パスフレーズは${policy.minLength}文字以上にしてください（現在${length}文字）`;
  if (length > policy.maxLength) return `パスフレーズは${policy.maxLength}文字以内にしてください`;
  const id = normalizeLoginId(loginId);
  if (id && normalized.toLowerCase().includes(id)) return 'パスフレーズにログインIDを含めないでください';
  if (new Set(normalized).size === 1) return '同じ文字の繰り返しだけのパスフレーズは使えません';
  return null;
}
