import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { atomicWriteFile, type AtomicWriteFs } from '../fs/atomicWrite.js';
import { keystoreSchema, type Keystore } from './keystoreFormat.js';

const KEYSTORE_FILE = 'keystore.json';
export const keystorePath = (dataDir: string) => join(dataDir, KEYSTORE_FILE);

export type KeystoreParse = { ok: true; keystore: Keystore } | { ok: false; reason: string };
export type KeystoreRead = { state: 'missing' } | { state: 'damaged'; reason: string } | { state: 'present'; keystore: Keystore; bytes: Uint8Array };

/** Parses key store bytes (from the data folder or from a backup) without ever throwing. */
export function parseKeystore(bytes: Uint8Array | string): KeystoreParse {
  let json: unknown;
  try {
    json = JSON.parse(typeof bytes === 'string' ? bytes : new TextDecoder('utf-8', { fatal: true }).decode(bytes));
  } catch {
    return { ok: false, reason: 'JSON として読めません（途中で切れているか、壊れています）' };
  }
  const parsed = keystoreSchema.safeParse(json);
  if (!parsed.success) {
    const first = parsed.error.issues[0];
    return { ok: false, reason: `形式が正しくありません: ${first ? `${first.path.join('.') || '(全体)'}: ${first.message}` : '不明'}` };
  }
  return { ok: true, keystore: parsed.data };
}

/**
 * Reads the key store. A missing file and a damaged one are different answers: only the first may lead to
 * office setup. A damaged key store is never recreated, because that would orphan the database's key.
 */
export async function readKeystore(dataDir: string): Promise<KeystoreRead> {
  let bytes: Uint8Array;
  try {
    bytes = await readFile(keystorePath(dataDir));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return { state: 'missing' };
    return { state: 'damaged', reason: `読み込めません: ${(error as Error).message}` };
  }
  const parsed = parseKeystore(bytes);
  return parsed.ok ? { state: 'present', keystore: parsed.keystore, bytes } : { state: 'damaged', reason: parsed.reason };
}

function serializeKeystore(keystore: Keystore): string {
  return `${JSON.stringify(keystoreSchema.parse(keystore), null, 2)}\n`;
}

/** Validates before writing, so a bug cannot persist a key store the next start would call damaged. */
export async function writeKeystore(dataDir: string, keystore: Keystore, fs?: AtomicWriteFs): Promise<void> {
  await atomicWriteFile(keystorePath(dataDir), serializeKeystore(keystore), fs);
}
