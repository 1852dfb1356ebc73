import { createHmac, timingSafeEqual } from 'node:crypto';
import { mkdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { z } from 'zod';
import { canonicalJson } from '../../shared/crypto/canonicalJson.js';
import { atomicWriteFile } from '../fs/atomicWrite.js';
import { ExchangeFileError } from './exchangeFolder.js';

const FORMAT = 'seiho-desk/linkage-sent' as const;

const entrySchema = z
  .object({
    format: z.literal(FORMAT),
    version: z.literal(1),
    exchangeId: z.string().regex(/^[A-Za-z0-9-]{1,64}$/),
    createdAt: z.string(),
    recordIds: z.array(z.string()),
    mac: z.base64(),
  })
  .strict();

/**
 * The register of request exchanges this office sent, in the data folder: one file per exchange naming the
 * `recordId`s it carried (ids only, nothing personal), MAC'd with the office's file key so that nobody without an
 * unlocked session can add an exchange to it. A result is accepted only for an exchange found here, and each
 * result only for a record that exchange carried. An entry is written before its request, so no request goes out
 * unregistered.
 */
export function createSentRegister(dataDir: string) {
  const dir = join(dataDir, 'linkage-sent');
  const macOf = (key: Uint8Array, entry: Omit<z.infer<typeof entrySchema>, 'mac'>) => createHmac('sha256', key).update(canonicalJson(entry)).digest();
  const pathOf = (exchangeId: string) => join(dir, `${exchangeId}.json`);

  return {
    async record(key: Uint8Array, exchangeId: string, createdAt: string, recordIds: readonly string[]): Promise<void> {
      const entry = { format: FORMAT, version: 1 as const, exchangeId, createdAt, recordIds: [...recordIds] };
      await mkdir(dir, { recursive: true });
      await atomicWriteFile(pathOf(exchangeId), JSON.stringify({ ...entry, mac: macOf(key, entry).toString('base64') }));
    },

    /** The record ids the exchange carried, or null if this office never sent it; a changed entry is refused. */
    async recordIds(key: Uint8Array, exchangeId: string): Promise<Set<string> | null> {
      let text: string;
      try {
        text = await readFile(pathOf(exchangeId), 'utf8');
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code === 'ENOENT') return null;
        throw error;
      }
      const damaged = () => new ExchangeFileError(`送信記録（linkage-sent/${exchangeId}.json）が改ざんまたは破損しています。この結果は取り込めません`);
      let parsed: z.infer<typeof entrySchema>;
      try {
        parsed = entrySchema.parse(JSON.parse(text));
      } catch {
        throw damaged();
      }
      const { mac, ...entry } = parsed;
      const given = Buffer.from(mac, 'base64');
      const expected = macOf(key, entry);
      if (entry.exchangeId !== exchangeId || given.length !== expected.length || !timingSafeEqual(given, expected)) throw damaged();
      return new Set(entry.recordIds);
    },
  };
}
