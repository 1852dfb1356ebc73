import { readFile } from 'node:fs/promises';
import { createInlineKdf, argon2idPresets } from '../../../main/vault/kdf.js';
import { keystorePath } from '../../../main/vault/keystoreFile.js';
import type { Keystore } from '../../../main/vault/keystoreFormat.js';
import { loadSodium, type Sodium } from '../../../main/vault/sodium.js';
import { createVault } from '../../../main/vault/vault.js';

/**
 * The forger of the backup tests (unit and browser): holds the office's recovery *public* key (it is in every key
 * store and backup) and can read a genuine backup's clear header, but not the recovery secret nor an administrator's
 * passphrase. Their key store is a real one of the same office id whose recovery slot seals their own DEK to the
 * office's recovery public key, so it passes every check a backup had before signatures.
 */
export async function forgerOf(victimDataDir: string, workDir: string) {
  const victim = JSON.parse(await readFile(keystorePath(victimDataDir), 'utf8')) as Keystore;
  const recoveryPublicKey = new Uint8Array(Buffer.from(victim.recovery.publicKey, 'base64'));
  const vault = createVault({ dataDir: workDir, kdf: createInlineKdf(), policy: { kdfCost: argon2idPresets.MIN } });
  const admin = { userId: 'u-forger', loginId: 'forger', passphrase: 'ひそかに選んだ長い合言葉-1999', displayName: '偽造 者' };
  await vault.initialize({ office: victim.office, admin, recoveryPublicKey });
  if (!(await vault.unlock(admin.loginId, admin.passphrase)).ok) throw new Error('forger unlock failed');
  const signing = await vault.backupSigner();
  vault.lock();
  return { office: victim.office, recoveryPublicKey, keystore: await readFile(keystorePath(workDir)), signing, sodium: await loadSodium() };
}

/** A version 1 file as the app wrote them before signatures, byte for byte in that layout (no signature). */
export function legacyBackup(sodium: Sodium, header: object, sections: Record<string, Uint8Array>, recoveryPublicKey: Uint8Array): Uint8Array {
  const u32 = (n: number) => Buffer.from([n >>> 24, (n >>> 16) & 255, (n >>> 8) & 255, n & 255]);
  const headerBytes = Buffer.from(JSON.stringify(header));
  const fileKey = sodium.crypto_secretstream_xchacha20poly1305_keygen();
  const { state, header: streamHeader } = sodium.crypto_secretstream_xchacha20poly1305_init_push(fileKey);
  const prefix = Buffer.concat([
    Buffer.from('SEIHOBAK'),
    u32(headerBytes.length),
    headerBytes,
    sodium.crypto_box_seal(fileKey, recoveryPublicKey),
    streamHeader,
  ]);
  const parts: Uint8Array[] = [prefix];
  const push = (message: Uint8Array, tag: number, ad: Uint8Array | null = null) => {
    const cipher = sodium.crypto_secretstream_xchacha20poly1305_push(state, message, ad, tag);
    parts.push(u32(cipher.length), cipher);
  };
  const manifest = { sections: Object.entries(sections).map(([name, bytes]) => ({ name, bytes: bytes.length })) };
  push(Buffer.from(JSON.stringify(manifest)), sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE, prefix);
  for (const bytes of Object.values(sections)) push(bytes, sodium.crypto_secretstream_xchacha20poly1305_TAG_MESSAGE);
  push(new Uint8Array(0), sodium.crypto_secretstream_xchacha20poly1305_TAG_FINAL);
  return Buffer.concat(parts);
}
