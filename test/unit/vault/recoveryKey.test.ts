import { expect, test } from 'vitest';
import { formatRecoveryKey, parseRecoveryKey, recoveryKeyFingerprint } from '../../../main/vault/recoveryKey.js';
import { loadSodium } from '../../../main/vault/sodium.js';

test('round trips 32-byte keys through the printed form', async () => {
  const sodium = await loadSodium();
  for (let i = 0; i < 50; i++) {
    const key = sodium.crypto_box_keypair().privateKey;
    const text = formatRecoveryKey(key);
    expect(text).toMatch(/^([0-9A-HJKMNP-TV-Z]{4}-){13}[0-9A-HJKMNP-TV-Z]{4}$/);
    expect(parseRecoveryKey(text)).toEqual({ ok: true, secretKey: key });
  }
  expect(parseRecoveryKey(formatRecoveryKey(new Uint8Array(32).fill(255)))).toMatchObject({ ok: true });
});

test('accepts what people type: lower case, spaces, full-width, O for zero, I/L for one', () => {
  const key = new Uint8Array(32).map((_, i) => i * 8);
  const text = formatRecoveryKey(key);
  const variants = [
    text.toLowerCase(),
    text.replaceAll('-', ' '),
    text.replace(/[0-9A-Z]/g, (c) => String.fromCharCode(c.charCodeAt(0) + 0xfee0)),
    text.replaceAll('0', 'O').replaceAll('1', 'l'),
  ];
  for (const variant of variants) expect(parseRecoveryKey(variant)).toEqual({ ok: true, secretKey: key });
});

test('catches typing mistakes with a Japanese message', () => {
  const text = formatRecoveryKey(new Uint8Array(32).fill(42));
  const swapped = text.slice(0, 5) + (text[5] === 'Z' ? 'Y' : 'Z') + text.slice(6);
  expect(parseRecoveryKey(swapped)).toMatchObject({ ok: false, message: expect.stringContaining('確認用文字が一致しません') });
  expect(parseRecoveryKey(text.slice(0, -5))).toMatchObject({ ok: false, message: expect.stringContaining('文字数') });
  expect(parseRecoveryKey(text.replace(/.$/, 'U'))).toMatchObject({ ok: false, message: expect.stringContaining('使えない文字') });
});

test('fingerprints are short and differ between keys', async () => {
  const sodium = await loadSodium();
  const a = recoveryKeyFingerprint(sodium.crypto_box_keypair().publicKey);
  const b = recoveryKeyFingerprint(sodium.crypto_box_keypair().publicKey);
  expect(a).toMatch(/^[0-9A-Z]{4}-[0-9A-Z]{4}$/);
  expect(a).not.toBe(b);
});
