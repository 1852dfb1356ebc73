// `npx tsx test/bench/linkage-chromium.bench.ts [n]`: export n pending linkage records (副本) as one signed exchange
// file and import the 中間サーバー simulator's results — the data layer in Debian's Chromium against real IndexedDB,
// the file side (main's job) here in Node. Prints figures; no thresholds.
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sodium from 'libsodium-wrappers-sumo';
import { listExchanges, readExchange, writeExchange } from '../../main/linkage/exchangeFolder.js';
import { keyPairSigner, sealedBoxOpener, sealingKeyOf } from '../../main/linkage/exchangeSigner.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { INCOMING_DIR, OUTGOING_DIR, resultRecordSchema, type RequestRecord } from '../../shared/linkage/exchangeFormat.js';
import { runBenchPage } from './browser/chromiumBench.js';
import { atenaOf, type LinkageBenchResult } from './linkage/linkageBench.js';
import { createIntermediateServer } from '../linkage/intermediateServer.js';

const n = Number(process.argv[2] ?? 10_000);
const ms = (value: number) => `${value.toFixed(0)} ms`;

await sodium.ready;
const dir = await mkdtemp(join(tmpdir(), 'seiho-linkage-bench-'));
try {
  const keys = sodium.crypto_sign_keypair();
  const signer = keyPairSigner(sodium, keys);
  const office = { id: 'office-bench', code: '112101' };
  const persons = Array.from({ length: n }, (_, i) => ({
    atenaNumber: atenaOf(i),
    kana: 'カゾ　タロウ',
    birthDate: '1965-04-12',
    sex: 'male' as const,
    agencyData: {},
    publicFundsAccount: null,
  }));
  const simulator = await createIntermediateServer({
    exchangeDir: dir,
    stateFile: join(dir, 'state.json'),
    office: { ...office, publicKey: keys.publicKey },
    fixture: { inquiryItems: [], persons },
  });
  // main's own part of the file steps; the rest of each is the records crossing from the page (IPC in the app).
  const fileTimes = { write: 0, read: 0 };
  const simulatorKey = sodium.from_base64(simulator.publicKey, sodium.base64_variants.ORIGINAL);

  const { results, chromiumVersion } = await runBenchPage<LinkageBenchResult>({
    html: 'linkage.html',
    outDir: 'bench-linkage',
    query: { n },
    expose: {
      benchWriteExchange: async (records: RequestRecord[]) => {
        const exchangeId = uuidv7();
        const seqs = records.map((r) => r.seq);
        const started = performance.now();
        await writeExchange(join(dir, OUTGOING_DIR), {
          direction: 'request',
          exchangeId,
          inReplyTo: null,
          office,
          sender: 'Seiho Desk',
          createdAt: new Date().toISOString(),
          records,
          seqRange: { from: Math.min(...seqs), to: Math.max(...seqs) },
          signer,
          sealTo: sealingKeyOf(sodium, simulatorKey),
          replyTo: sealedBoxOpener(sodium, keys),
        });
        fileTimes.write = performance.now() - started;
        return exchangeId;
      },
      benchAnswer: async () => void (await simulator.processOutgoing()),
      benchReadResults: async () => {
        const started = performance.now();
        const [incoming] = await listExchanges(join(dir, INCOMING_DIR));
        const read = await readExchange(join(dir, INCOMING_DIR, incoming!.folder), {
          direction: 'result',
          officeId: office.id,
          publicKey: simulatorKey,
          recordSchema: resultRecordSchema,
          openers: [sealedBoxOpener(sodium, keys)],
        });
        fileTimes.read = performance.now() - started;
        return { exchangeId: read.manifest.exchangeId, records: read.records };
      },
    },
  });
  const { export: out, import: back } = results;
  // The administrator waits for all of it; the app's own work is the page's database work plus main's file work,
  // and the rest of each file step is the bench's page→Node transfer (IPC in the app, a structured clone).
  const exportApp = out.prepareMs + out.markMs + fileTimes.write;
  const importApp = back.applyMs + fileTimes.read;
  console.log(
    `linkage (Chromium): export ${results.records} pending records ${ms(out.totalMs)}  [read outbox+build ${ms(out.prepareMs)}, sign+write file ${ms(out.fileMs)}, mark sent+§23 records ${ms(out.markMs)}]`,
  );
  console.log(`linkage (Chromium): import ${back.applied} results ${ms(back.totalMs)}  [verify+read file ${ms(back.fileMs)}, apply ${ms(back.applyMs)}]`);
  console.log(`linkage: of which main signs, seals and writes ${ms(fileTimes.write)}, and verifies, opens and parses ${ms(fileTimes.read)}`);
  console.log(
    `linkage: app work — export ${ms(exportApp)} (page ${ms(out.prepareMs + out.markMs)} + main ${ms(fileTimes.write)}), import ${ms(importApp)} (page ${ms(back.applyMs)} + main ${ms(fileTimes.read)})`,
  );
  console.log(`linkage: bench transfer page↔Node — export ${ms(out.fileMs - fileTimes.write)}, import ${ms(back.fileMs - fileTimes.read)}`);
  console.log(
    `linkage: floor under this load — ${results.records} ledger rows rewritten by one sealed bulkPut ${ms(results.floorMs)} (marking sent writes them, their hub entries and the §23 records)`,
  );
  // Absolute figures follow the machine's load (up to 5× here); in units of the floor measured in the same page they do not.
  const floors = (value: number) => `${(value / results.floorMs).toFixed(1)}× the floor`;
  console.log(`linkage: in units of that floor — export app work ${floors(exportApp)} (marking ${floors(out.markMs)}), import app work ${floors(importApp)}`);
  console.log(`linkage (Chromium): seeding ${results.records} queued 副本 took ${ms(results.seedMs)}; Chromium ${chromiumVersion}`);
} finally {
  await rm(dir, { recursive: true, force: true });
}
