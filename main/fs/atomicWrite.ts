import { randomBytes } from 'node:crypto';
import * as fsp from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';

/** The file operations an atomic write needs; tests pass a copy with one of them failing. */
export type AtomicWriteFs = Pick<typeof fsp, 'open' | 'rename' | 'rm'>;

/**
 * Replaces `path` so that a reader (or the next start after a crash or power cut) sees either the old file or
 * the whole new one, never a mix: write a temporary file in the same folder (rename is only atomic within one
 * file system), flush it to disk, rename it over the target, then flush the folder so the rename itself
 * survives a power cut. On any failure the temporary file is removed and the target is left as it was.
 */
/** What a file is written from: text, bytes, or bytes in parts (a sync bundle's thousands of sealed messages). */
export type FileData = string | Uint8Array | readonly Uint8Array[];

export async function atomicWriteFile(path: string, data: FileData, fs: AtomicWriteFs = fsp): Promise<void> {
  const dir = dirname(path);
  // Random suffix: two writers never share a temporary file; the leading dot keeps it out of casual listings.
  const temp = join(dir, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    // 0o600: key material.
    await writeNewFileFlushed(temp, data, fs, 0o600);
    await fs.rename(temp, path);
  } catch (error) {
    await fs.rm(temp, { force: true }).catch(() => {});
    throw error;
  }
  await syncDirectory(dir, fs);
}

/**
 * Writes a file that must not exist yet and flushes it to disk. 'wx': fail rather than follow a file or link someone
 * planted at the name.
 */
export async function writeNewFileFlushed(path: string, data: FileData, fs: Pick<typeof fsp, 'open'> = fsp, mode = 0o600): Promise<void> {
  const handle = await fs.open(path, 'wx', mode);
  try {
    if (typeof data === 'string' || data instanceof Uint8Array) await handle.writeFile(data);
    // writev in batches: one call per part would be thousands of system calls for a large bundle.
    else for (let at = 0; at < data.length; at += 256) await handle.writev(data.slice(at, at + 256));
    await handle.sync();
  } finally {
    await handle.close();
  }
}

/** Flushes a folder, so that a rename or a new file in it survives a power cut. */
export async function syncDirectory(dir: string, fs: Pick<typeof fsp, 'open'> = fsp): Promise<void> {
  // Windows cannot open a folder for flushing (EISDIR/EPERM); NTFS journals the rename itself.
  if (process.platform === 'win32') return;
  const handle = await fs.open(dir, 'r');
  try {
    await handle.sync();
  } finally {
    await handle.close();
  }
}
