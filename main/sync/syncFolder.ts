import { createHash } from 'node:crypto';
import { createReadStream } from 'node:fs';
import { copyFile, mkdir, readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { pipeline } from 'node:stream/promises';
import type { BundleHeader, SyncPayload } from '../../shared/sync/bundleFormat.js';
import { atomicWriteFile, syncDirectory } from '../fs/atomicWrite.js';
import type { Sodium } from '../vault/sodium.js';
import { parseBundleFileName, readBundleFile, RefusedBundle, type BundleReader, type KnownSender } from './bundleFile.js';

export type ReadOutcome =
  | { file: string; header: BundleHeader; payload: SyncPayload }
  | { file: string; header: BundleHeader | null; refused: { code: string; message: string } };

export const QUARANTINE_FOLDER = 'sync-quarantine';

/**
 * Every bundle in the sync folder whose name says it is for this device, each checked whole (bundleFile.ts), in
 * (sender, seq) order. A refused file is copied into `<dataDir>/sync-quarantine/` with a JSON note of why, and
 * reported; it is never deleted or moved from the folder (another device may be the one it was meant for, and
 * the administrator decides). `skipThrough`: per sender, files whose name's seq is at or below it are not opened.
 */
export async function readBundleFolder(
  sodium: Sodium,
  options: {
    folder: string;
    dataDir: string;
    reader: BundleReader;
    senders: (deviceId: string) => KnownSender | undefined;
    skipThrough?: Record<string, number>;
    now: () => Date;
  },
): Promise<ReadOutcome[]> {
  const names = (await readdir(options.folder))
    .map((name) => ({ name, hint: parseBundleFileName(name) }))
    .filter(
      (entry): entry is { name: string; hint: NonNullable<ReturnType<typeof parseBundleFileName>> } =>
        entry.hint !== null && entry.hint.recipient === options.reader.deviceId && entry.hint.seq > (options.skipThrough?.[entry.hint.sender] ?? 0),
    )
    .sort((a, b) => (a.hint.sender === b.hint.sender ? a.hint.seq - b.hint.seq : a.hint.sender < b.hint.sender ? -1 : 1));
  const outcomes: ReadOutcome[] = [];
  for (const { name } of names) {
    const path = join(options.folder, name);
    try {
      const { header, payload } = await readBundleFile(sodium, path, options.reader, options.senders);
      outcomes.push({ file: name, header: publicHeader(header), payload });
    } catch (error) {
      if (!(error instanceof RefusedBundle)) throw error;
      const header = error.header && publicHeader(error.header);
      await quarantine(options.dataDir, path, { code: error.code, message: error.message, header, at: options.now().toISOString() });
      outcomes.push({ file: name, header, refused: { code: error.code, message: error.message } });
    }
  }
  return outcomes;
}

/** The header as the renderer sees it: without the body's key and hash, which are main's business. */
function publicHeader({ body: _body, ...header }: BundleHeader & { body?: unknown }): BundleHeader {
  return header;
}

/**
 * Copies a refused file into the quarantine folder under its content hash and name, with a note beside it. A file
 * refused again on the next read is already there and is not copied twice. Copied under a temporary name and
 * renamed, so the folder never holds half a file.
 */
async function quarantine(dataDir: string, path: string, note: { code: string; message: string; header: BundleHeader | null; at: string }) {
  const folder = join(dataDir, QUARANTINE_FOLDER);
  await mkdir(folder, { recursive: true, mode: 0o700 });
  const digest = createHash('sha256');
  await pipeline(createReadStream(path), digest);
  const name = `${digest.digest('hex').slice(0, 16)}-${path.split(/[\\/]/).pop()}`;
  const target = join(folder, name);
  if (await exists(target)) return;
  const temp = join(folder, `.${name}.tmp`);
  try {
    await copyFile(path, temp);
    await atomicWriteFile(`${target}.json`, `${JSON.stringify({ file: name, source: path, ...note }, null, 2)}\n`);
    await rename(temp, target);
  } catch (error) {
    await rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await syncDirectory(folder);
}

const exists = (path: string) =>
  stat(path).then(
    () => true,
    () => false,
  );
