import 'fake-indexeddb/auto';
import { readdir, rm } from 'node:fs/promises';
import { join } from 'node:path';
import { afterEach, describe, expect, test } from 'vitest';
import { INCOMING_DIR, OUTGOING_DIR } from '../../../shared/linkage/exchangeFormat.js';
import { defaultLinkageItems } from '../../../shared/linkage/legalReferences.js';
import type { LinkageRecord, ProvisionRecord } from '../../../shared/domain/records.js';
import type { Repositories } from '../../../renderer/data/repos/index.js';
import { ExportNotMarkedError, linkageExchangeServices } from '../../../renderer/services/linkageExchangeFlow.js';
import { createIntermediateServer } from '../../linkage/intermediateServer.js';
import { inProcessMain } from '../shell/inProcessMain.js';
import { HANAKO, linkageOffice, NOW_MS, PAYER, TARO } from './flowFixtures.js';

/**
 * The export and import as the 連携 screen runs them, without React: the service over this database and main's real
 * linkage handlers (real folders in a temp dir), answered by the 中間サーバー simulator — including the renderer
 * stopping between main's file and the database's marking.
 */

const cleanups: (() => Promise<void> | void)[] = [];
afterEach(async () => {
  for (const cleanup of cleanups.splice(0)) await cleanup();
});

type Exchange = Repositories['linkageExchange'];

async function exchangeOffice() {
  const o = await linkageOffice([TARO, HANAKO]);
  cleanups.push(() => o.store.close());
  const main = await inProcessMain({ now: () => NOW_MS });
  cleanups.push(() => rm(main.dataDir, { recursive: true, force: true }));
  const info = await main.value('linkageInfo');
  const exchangeDir = join(main.dataDir, 'exchange');
  const simulator = await createIntermediateServer({
    exchangeDir,
    stateFile: join(main.dataDir, 'simulator.json'),
    office: { id: info.officeId, code: '112101', publicKey: new Uint8Array(Buffer.from(info.publicKey, 'base64')) },
    now: () => new Date(NOW_MS),
  });
  await main.value('settingsUpdate', { linkage: { officeCode: '112101', payerNumber: PAYER, peerPublicKey: simulator.publicKey } });

  /** The services of a renderer, optionally with the database's exchange methods replaced (to make one fail). */
  const services = (exchange: Partial<Exchange> = {}) =>
    linkageExchangeServices({
      store: o.store,
      session: o.roles.admin,
      api: main.api(),
      officeId: 'office-1',
      repos: { ...o.repos, linkageExchange: { ...o.repos.linkageExchange, ...exchange } },
    }).linkageExchange;
  const folders = async (dir: string) =>
    (await readdir(join(exchangeDir, dir)).catch(() => [] as string[])).filter((name) => !name.startsWith('.') && name !== 'processed');
  const provisions = () => o.store.db.provisionRecords.toArray() as Promise<ProvisionRecord[]>;
  const unconfirmed = async () => (await main.value('linkageUnconfirmed')).exports;
  return { ...o, main, simulator, exchangeDir, services, folders, provisions, unconfirmed };
}

const sentIn = (rows: LinkageRecord[]) => rows.map((row) => [row.status, row.exchangeId]);

/** An office whose pending messages were exported, answered by the simulator and imported: where the result checks start. */
async function exportedAndAnswered() {
  const f = await exchangeOffice();
  await f.start();
  const flow = f.services();
  const outcome = await flow.exportPending();
  const { results } = await f.simulator.processOutgoing();
  for (const folder of await f.folders(INCOMING_DIR)) await flow.importResults(folder);
  return { f, flow, outcome, results };
}

describe('the linkage exchange as a service', () => {
  test('export → the simulator answers → import: every row accepted, the folders moved, no copy left behind', async () => {
    const f = await exchangeOffice();
    await f.start();
    const queued = await f.outbox();
    expect(queued.length).toBe(4);
    const flow = f.services();
    const steps: string[] = [];
    const outcome = await flow.exportPending((step) => steps.push(step));
    expect(steps).toEqual(['finishing', 'preparing', 'writing', 'marking']);
    expect(outcome).toMatchObject({ finished: [], held: [], written: { count: 4 } });
    expect(await f.outbox()).toEqual([]);
    expect(await f.folders(OUTGOING_DIR)).toEqual([outcome.written!.exchangeId]);
    expect(sentIn(await f.ledger())).toEqual(queued.map(() => ['sent', outcome.written!.exchangeId]));
    expect(await f.unconfirmed()).toEqual([]);

    await f.simulator.processOutgoing();
    const incoming = await flow.incoming();
    expect(incoming).toEqual([expect.objectContaining({ inReplyTo: outcome.written!.exchangeId, count: 4, problem: null })]);
    const imported = await flow.importResults(incoming[0]!.folder);
    expect(imported.archiveProblem).toBeNull();
    expect(imported.report.results.map((r) => r.application)).toEqual(['applied', 'applied', 'applied', 'applied']);
    expect((await f.ledger()).map((row) => row.status)).toEqual(['accepted', 'accepted', 'accepted', 'accepted']);
    expect(await flow.incoming()).toEqual([]);
    expect(await readdir(join(f.exchangeDir, INCOMING_DIR, 'processed'))).toEqual([incoming[0]!.folder]);
  });

  test('a result for an exchange never sent, or for a record the request did not carry, is quarantined with the reason; nothing is applied', async () => {
    const { f, flow, outcome, results } = await exportedAndAnswered();
    const before = await f.ledger();

    // The peer (its key, sealed as it should) answers an exchange this office never wrote…
    await f.simulator.writeResult('0195f3a2-7c00-7000-8000-00000000dead', [{ ...results[0]!, resultId: 'forged-1', outcome: 'accepted' } as never]);
    // …and slips a record the real request did not carry into an answer to it.
    await f.simulator.writeResult(outcome.written!.exchangeId, [{ ...results[1]!, resultId: 'stray-1', requestRecordId: 'never-sent' } as never]);
    const reports = [];
    for (const folder of await f.folders(INCOMING_DIR)) reports.push(...(await flow.importResults(folder)).report.results);
    expect(reports.map((r) => r.application).sort()).toEqual(['unanswerable', 'unanswerable']);
    expect(await f.ledger()).toEqual(before);
    const held = await flow.quarantined();
    expect(held.map((entry) => [entry.id, entry.problem]).sort()).toEqual([
      ['forged-1', expect.stringContaining('この事務所が送っていない依頼への結果です')],
      ['stray-1', expect.stringContaining('に含まれていない記録への結果です（requestRecordId: never-sent）')],
    ]);
    // Kept, not dropped: the folders went to processed/ with the records in the inbox.
    expect(await f.folders(INCOMING_DIR)).toEqual([]);
  });

  test('a second, different answer to a request already answered is held for review; the same answer again changes nothing', async () => {
    const { f, flow, outcome, results } = await exportedAndAnswered();
    const answered = await f.ledger();
    expect(answered.map((row) => row.status)).toEqual(results.map(() => 'accepted'));

    // The same answers under new result ids: a no-op.
    await f.simulator.writeResult(
      outcome.written!.exchangeId,
      results.map((r, n) => ({ ...r, resultId: `again-${n}` })),
    );
    let [folder] = await f.folders(INCOMING_DIR);
    expect((await flow.importResults(folder!)).report.results.map((r) => r.application)).toEqual(results.map(() => 'duplicate'));
    expect(await f.ledger()).toEqual(answered);

    // A contradicting answer: not applied, held with the reason for the administrator.
    const contradiction = {
      ...results[0]!,
      resultId: 'contradiction-1',
      outcome: 'rejected',
      reasonCode: 'ATENA_UNKNOWN',
      reason: '宛名番号が登録されていません',
    };
    await f.simulator.writeResult(outcome.written!.exchangeId, [contradiction as never]);
    [folder] = await f.folders(INCOMING_DIR);
    expect((await flow.importResults(folder!)).report.results).toEqual([expect.objectContaining({ application: 'conflict', resultId: 'contradiction-1' })]);
    expect(await f.ledger()).toEqual(answered);
    expect((await flow.quarantined()).map((entry) => [entry.id, entry.problem])).toEqual([
      ['contradiction-1', expect.stringMatching(/^要確認: 回答済みの依頼に、前と異なる結果が届きました/)],
    ]);
  });

  test('stopped after main wrote the file (the marking refused): nothing is lost, and the next export finishes it from main’s copy without a second file', async () => {
    const f = await exchangeOffice();
    await f.start();
    const queued = await f.outbox();
    const failing = f.services({
      markExported: async () => {
        throw new Error('ディスクの空きがありません');
      },
    });
    const refused = await failing.exportPending().catch((error: unknown) => error);
    expect(refused).toBeInstanceOf(ExportNotMarkedError);
    const written = (refused as ExportNotMarkedError).written;
    expect((refused as Error).message).toContain('送信済みにできませんでした: ディスクの空きがありません');
    // Between the phases: the file is out, the records still wait, main holds the copy.
    expect(await f.folders(OUTGOING_DIR)).toEqual([written.exchangeId]);
    expect(await f.outbox()).toEqual(queued);
    expect((await f.ledger()).map((row) => row.status)).toEqual(queued.map(() => 'pending'));
    expect((await f.unconfirmed()).map((copy) => [copy.exchangeId, copy.records.map((r) => r.recordId)])).toEqual([
      [written.exchangeId, queued.map((e) => e.id)],
    ]);

    // The next export (a restarted renderer) first finishes that one, under the id of the file they went out in.
    const next = await f.services().exportPending();
    expect(next).toEqual({ finished: [{ exchangeId: written.exchangeId, count: queued.length }], written: null, held: [] });
    expect(await f.folders(OUTGOING_DIR)).toEqual([written.exchangeId]);
    expect(await f.outbox()).toEqual([]);
    expect(sentIn(await f.ledger())).toEqual(queued.map(() => ['sent', written.exchangeId]));
    expect((await f.provisions()).map((p) => p.exchangeId)).toEqual(queued.map(() => written.exchangeId));
    expect(await f.unconfirmed()).toEqual([]);

    // The 中間サーバー saw each record once, and its answer applies.
    await f.simulator.processOutgoing();
    expect(f.simulator.received()).toBe(queued.length);
    const flow = f.services();
    const [answer] = await flow.incoming();
    expect((await flow.importResults(answer!.folder)).report.results.every((r) => r.application === 'applied')).toBe(true);
  });

  test('stopped halfway through the marking: the rest is marked from the copy, and no §23 record is written twice', async () => {
    const f = await exchangeOffice();
    await f.start();
    const queued = await f.outbox();
    const halfway = f.services({
      markExported: async (session, exchangeId, records, items) => {
        await f.repos.linkageExchange.markExported(session, exchangeId, records.slice(0, 2), items);
        throw new Error('中断しました');
      },
    });
    const written = ((await halfway.exportPending().catch((error: unknown) => error)) as ExportNotMarkedError).written;
    expect(await f.outbox()).toHaveLength(queued.length - 2);

    const next = await f.services().exportPending();
    expect(next.finished).toEqual([{ exchangeId: written.exchangeId, count: queued.length - 2 }]);
    expect(next.written).toBeNull();
    const provisions = await f.provisions();
    expect(provisions).toHaveLength(queued.length);
    expect(new Set(provisions.map((p) => p.linkageRecordId)).size).toBe(queued.length);
    expect(sentIn(await f.ledger())).toEqual(queued.map(() => ['sent', written.exchangeId]));
  });

  test('stopped after the results were applied but before the folder moved: importing it again changes nothing and moves it', async () => {
    const f = await exchangeOffice();
    await f.start();
    const flow = f.services();
    await flow.exportPending();
    await f.simulator.processOutgoing();
    const [answer] = await flow.incoming();
    // What a renderer that stopped before archiving did: verified and applied, the folder left in incoming/.
    const file = await f.main.value('linkageImport', { folder: answer!.folder });
    await f.repos.linkageExchange.applyResults(f.roles.admin, file.exchangeId, file.records, defaultLinkageItems);
    const before = await f.ledger();

    const again = await flow.importResults(answer!.folder);
    expect(again.report.results.map((r) => r.application)).toEqual(file.records.map(() => 'duplicate'));
    expect(await f.ledger()).toEqual(before);
    expect(await flow.incoming()).toEqual([]);
  });

  test('a refused file changes nothing and stays in incoming/', async () => {
    const f = await exchangeOffice();
    await f.start();
    const flow = f.services();
    await flow.exportPending();
    await f.simulator.processOutgoing();
    const [answer] = await flow.incoming();
    await f.main.value('settingsUpdate', { linkage: { peerPublicKey: Buffer.alloc(32, 7).toString('base64') } });
    await expect(flow.importResults(answer!.folder)).rejects.toMatchObject({ name: 'MainRefusal', code: 'EXCHANGE_REFUSED' });
    expect((await f.ledger()).map((row) => row.status)).toEqual(['sent', 'sent', 'sent', 'sent']);
    expect(await f.folders(INCOMING_DIR)).toEqual([answer!.folder]);
  });
});
