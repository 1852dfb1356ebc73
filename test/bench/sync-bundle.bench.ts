// Sync bundle files on this machine: `npx tsx test/bench/sync-bundle.bench.ts`. Prints figures; no thresholds.
// Size per 1,000 changed rows (the payload's UTF-8 JSON, gzip level 6 from node:zlib, then sealed in 64 KiB
// secretstream messages), and the time to write (sign, compress, seal, flush, rename) and read (verify, decrypt,
// unpack, schema-check) a bundle of 1,000 and of 10,000 rows. The fixture's notes are drawn from a pool of phrases
// (gzip finds them again); the "unique notes" line replaces each note with as many random kanji, which no window
// finds again: real free text lies between the two.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { readBundleFile, writeBundleFile } from '../../main/sync/bundleFile.js';
import type { DevicePayload } from '../../shared/sync/bundleFormat.js';
import { loadSodium } from '../../main/vault/sodium.js';
import { devicePayload, HUB_ID, LAPTOP_ID, OFFICE_ID, syncKeyPair } from '../unit/sync/syncFixtures.js';

const RUNS = 3;
const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const kib = (bytes: number) => `${(bytes / 1024).toFixed(0)} KiB`;

const sodium = await loadSodium();
const [laptop, hub] = [await syncKeyPair(), await syncKeyPair()];
const dir = await mkdtemp(join(tmpdir(), 'seiho-sync-bench-'));
try {
  const uniqueNotes = (payload: DevicePayload): DevicePayload => ({
    ...payload,
    changes: payload.changes.map((change) =>
      typeof change.row?.body === 'string'
        ? {
            ...change,
            row: { ...change.row, body: Array.from(change.row.body, () => String.fromCodePoint(0x4e00 + Math.floor(Math.random() * 0x5000))).join('') },
          }
        : change,
    ),
  });
  for (const [label, rows, payload] of [
    ['', 1_000, devicePayload(1_000)],
    ['', 10_000, devicePayload(10_000)],
    [' (unique notes)', 1_000, uniqueNotes(devicePayload(1_000))],
  ] as const) {
    const json = Buffer.byteLength(JSON.stringify(payload));
    const writes: number[] = [];
    const reads: number[] = [];
    let bytes = 0;
    for (let run = 1; run <= RUNS; run++) {
      let start = performance.now();
      const written = await writeBundleFile(
        sodium,
        dir,
        {
          officeId: OFFICE_ID,
          sender: LAPTOP_ID,
          recipient: HUB_ID,
          seq: run,
          createdAt: new Date().toISOString(),
          hlcFrom: null,
          hlcTo: null,
          counts: { rows },
          payload,
        },
        { signSecretKey: laptop.sign.privateKey, recipientBoxPublicKey: hub.box.publicKey },
      );
      writes.push(performance.now() - start);
      bytes = written.bytes;
      start = performance.now();
      await readBundleFile(
        sodium,
        written.path,
        { officeId: OFFICE_ID, deviceId: HUB_ID, boxPublicKey: hub.box.publicKey, boxSecretKey: hub.box.privateKey },
        () => ({
          deviceId: LAPTOP_ID,
          signPublicKey: laptop.sign.publicKey,
          revoked: false,
        }),
      );
      reads.push(performance.now() - start);
    }
    console.log(
      `${rows.toLocaleString('en')} changed rows${label}: JSON ${kib(json)}, file ${kib(bytes)} (${kib((bytes / rows) * 1000)} per 1,000 rows, gzip ${((bytes / json) * 100).toFixed(0)}% of JSON); ` +
        `write median ${median(writes).toFixed(0)} ms, read median ${median(reads).toFixed(0)} ms  [write ${writes.map((t) => t.toFixed(0)).join(', ')}; read ${reads.map((t) => t.toFixed(0)).join(', ')}]`,
    );
  }
} finally {
  await rm(dir, { recursive: true, force: true });
}
