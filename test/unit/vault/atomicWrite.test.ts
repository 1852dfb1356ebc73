import * as fsp from 'node:fs/promises';
import { join } from 'node:path';
import { expect, test } from 'vitest';
import { atomicWriteFile, type AtomicWriteFs } from '../../../main/fs/atomicWrite.js';
import { tempDir } from './vaultFixtures.js';

test('replaces the file and leaves no temporary file', async () => {
  const dir = await tempDir();
  const path = join(dir, 'data.json');
  await atomicWriteFile(path, 'old');
  await atomicWriteFile(path, new TextEncoder().encode('new'));
  expect(await fsp.readFile(path, 'utf8')).toBe('new');
  expect(await fsp.readdir(dir)).toEqual(['data.json']);
});

test('a failed rename leaves the old file intact and removes the temporary file', async () => {
  const dir = await tempDir();
  const path = join(dir, 'data.json');
  await atomicWriteFile(path, 'old');
  const failingRename: AtomicWriteFs = {
    ...fsp,
    rename: async () => {
      throw Object.assign(new Error('EIO: i/o error, rename'), { code: 'EIO' });
    },
  };
  await expect(atomicWriteFile(path, 'new', failingRename)).rejects.toThrow('EIO');
  expect(await fsp.readFile(path, 'utf8')).toBe('old');
  expect(await fsp.readdir(dir)).toEqual(['data.json']);
});

test('a crash after writing the temporary file (before rename) leaves the old file readable', async () => {
  const dir = await tempDir();
  const path = join(dir, 'data.json');
  await atomicWriteFile(path, 'old');
  // A "crash": the process stops right after the temporary file is flushed; no cleanup runs.
  const crashing: AtomicWriteFs = {
    ...fsp,
    rename: () => new Promise(() => {}),
  };
  void atomicWriteFile(path, 'x'.repeat(100_000), crashing);
  await new Promise((resolve) => setTimeout(resolve, 50));
  expect(await fsp.readFile(path, 'utf8')).toBe('old');
});
