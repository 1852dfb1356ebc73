import { expect, test } from 'vitest';
import { checkPassphrase, passphraseBytes } from '../../../main/vault/passphrase.js';

test.each([
  ['short-one', 'cw01', '12文字以上'],
  ['my-login-is-CW.Tanaka', 'cw.tanaka', 'ログインID'],
  ['ｃｗ．ｔａｎａｋａ-and-more', 'cw.tanaka', 'ログインID'],
  ['aaaaaaaaaaaaaaaa', 'cw01', '同じ文字'],
  ['x'.repeat(300), 'cw01', '256文字以内'],
])('%s is refused (%s)', (passphrase, loginId, message) => {
  expect(checkPassphrase(passphrase, loginId)).toContain(message);
});

test('a long passphrase that avoids the login id is accepted; length counts characters, not bytes', () => {
  expect(checkPassphrase('blue-kettle-on-the-stove', 'cw.tanaka')).toBeNull();
  expect(checkPassphrase('春はあけぼの夏は夜秋は夕暮れ', 'cw.tanaka')).toBeNull();
  expect(checkPassphrase('春はあけぼの夏は夜', 'cw.tanaka')).toContain('12文字以上');
});

test('full-width and half-width input give the same bytes', () => {
  expect(passphraseBytes('ＡＢＣ１２３ｘｙｚ')).toEqual(passphraseBytes('ABC123xyz'));
});
