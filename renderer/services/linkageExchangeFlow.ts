import type { ResponseOf } from '../../shared/ipc/contract';
import { officeLinkageItems, type LinkageItem } from '../../shared/linkage/legalReferences';
import type { RequestRecord } from '../../shared/linkage/exchangeFormat';
import { defaultLinkageSettings } from '../../shared/settings/officeSettings';
import type { ExportConfig, HeldEntry, ImportReport } from '../data/linkage/exchange';
import type { ServiceContext } from './context';
import { MainRefusal, unwrapResult } from './ipcResult';

export type WrittenExchange = ResponseOf<'linkageExport'>;
export type IncomingExchange = ResponseOf<'linkageIncoming'>['exchanges'][number];

/** Where an export is, for the screen's progress line. */
export type ExportStep = 'finishing' | 'preparing' | 'writing' | 'marking';

export interface ExportOutcome {
  /** Earlier exports whose file was written but whose marking had not finished, finished now under their own id. */
  finished: { exchangeId: string; count: number }[];
  /** The file written now, or null when nothing was waiting. */
  written: WrittenExchange | null;
  /** Messages left in the outbox (no legal basis today, no 公費負担者番号, unreadable), with the reason. */
  held: HeldEntry[];
}

export interface ImportOutcome {
  report: ImportReport;
  /** Why the folder could not be moved to processed/ (the results are applied all the same), or null. */
  archiveProblem: string | null;
}

/** Main wrote the file, the database did not take the records off the outbox: the next export finishes it. */
export class ExportNotMarkedError extends Error {
  override readonly name = 'ExportNotMarkedError';
  constructor(
    readonly written: WrittenExchange,
    cause: unknown,
  ) {
    super(
      `連携ファイル（${written.folder}）は書き出しましたが、送信済みにできませんでした: ${cause instanceof Error ? cause.message : String(cause)}。` +
        '次に書き出すとき、この連携ファイルの控えから送信済みにします（同じ内容を別のファイルで送り直すことはありません）。',
    );
  }
}

/**
 * 情報連携's exchange as two-phase workflows between this database and main, so no screen coordinates them.
 *
 * **Export.** 1) the pending outbox becomes request records (the database), 2) main writes the signed, sealed folder
 * in outgoing/ and keeps its own sealed copy, 3) the records leave the outbox and their ledger rows are marked sent
 * with a §23 record each (the database), 4) main drops its copy. If this stops after 2 — the marking refused, the
 * window closed, the power cut — the records are still pending and main still holds the copy: the next export first
 * finishes 3 and 4 from the copy, with the exchange id of the file they really went out in, marking only the
 * records still pending (so a marking stopped halfway writes no §23 record twice), and only then prepares anything
 * new, which therefore cannot contain them. Were even the copy missing, a record going out again carries its
 * recordId and idempotencyKey, on which the 中間サーバー upserts.
 *
 * **Import.** main verifies the result folder and names the results that answer nothing this office sent (an
 * exchange never sent, a record it did not carry); the results are applied — those quarantined, a differing second
 * answer held for review, an applied result a duplicate — then main moves the folder to processed/. Stopped before the move, the folder is still listed;
 * importing it again changes nothing already applied and then moves it.
 */
export function linkageExchangeServices({ session, repos, api }: ServiceContext) {
  const exchange = repos.linkageExchange;
  let exporting = false;

  async function config(): Promise<ExportConfig> {
    const settings = unwrapResult(await api.settingsGet({})).linkage ?? defaultLinkageSettings;
    return { items: officeLinkageItems(settings.items), payerNumber: settings.payerNumber };
  }

  /** Steps 3 and 4 for every export main wrote but nobody confirmed, oldest first. */
  async function finishUnconfirmed({ items, payerNumber }: ExportConfig): Promise<ExportOutcome['finished']> {
    const { exports } = unwrapResult(await api.linkageUnconfirmed({}));
    if (exports.length === 0) return [];
    // What is still in the outbox: by recordId, or by seq for an entry held back today (it has no record now).
    const plan = await exchange.prepareExport(session, { items, payerNumber });
    const pendingIds = new Set(plan.records.map((r) => r.recordId));
    const pendingSeqs = new Set(plan.held.flatMap((h) => (h.seq > 0 ? [h.seq] : [])));
    const finished: ExportOutcome['finished'] = [];
    for (const copy of exports) {
      const stillPending = copy.records.filter((r: RequestRecord) => pendingIds.has(r.recordId) || pendingSeqs.has(r.seq));
      if (stillPending.length > 0) await exchange.markExported(session, copy.exchangeId, stillPending, items);
      for (const r of stillPending) {
        pendingIds.delete(r.recordId);
        pendingSeqs.delete(r.seq);
      }
      unwrapResult(await api.linkageConfirm({ exchangeId: copy.exchangeId }));
      finished.push({ exchangeId: copy.exchangeId, count: stillPending.length });
    }
    return finished;
  }

  async function runExport(progress: (step: ExportStep) => void): Promise<ExportOutcome> {
    const settings = await config();
    progress('finishing');
    // Nothing new goes out until earlier files are marked: their records are still pending and would go again.
    const finished = await finishUnconfirmed(settings);
    progress('preparing');
    const plan = await exchange.prepareExport(session, settings);
    if (plan.records.length === 0) return { finished, written: null, held: plan.held };
    progress('writing');
    const written = unwrapResult(await api.linkageExport({ records: plan.records }));
    progress('marking');
    try {
      await exchange.markExported(session, written.exchangeId, plan.records, settings.items);
    } catch (error) {
      throw new ExportNotMarkedError(written, error);
    }
    // Unanswered, the copy stays; the next export finds none of its records pending and only drops it.
    await api.linkageConfirm({ exchangeId: written.exchangeId }).catch(() => undefined);
    return { finished, written, held: plan.held };
  }

  return {
    linkageExchange: {
      /** The exchange folder's state and the fingerprints of the office's and the peer's keys, to read back. */
      async info() {
        return unwrapResult(await api.linkageInfo({}));
      },
      /** How many messages wait, by kind. */
      pendingCounts: () => exchange.pendingCounts(session),
      /** Results that matched nothing sent, kept for the administrator. */
      quarantined: () => exchange.quarantined(session),

      /** Writes every pending message into one exchange file and marks it sent (finishing any interrupted export first). */
      async exportPending(progress: (step: ExportStep) => void = () => undefined): Promise<ExportOutcome> {
        if (exporting) throw new MainRefusal('BUSY', '書き出しの途中です。終わってからもう一度実行してください');
        exporting = true;
        try {
          return await runExport(progress);
        } finally {
          exporting = false;
        }
      },

      /** The result folders waiting in incoming/. */
      async incoming(): Promise<IncomingExchange[]> {
        return unwrapResult(await api.linkageIncoming({})).exchanges;
      },

      /** Verifies, applies and archives one result folder; safe to run again on the same folder. */
      async importResults(folder: string): Promise<ImportOutcome> {
        const file = unwrapResult(await api.linkageImport({ folder }));
        const items: readonly LinkageItem[] = (await config()).items;
        const report = await exchange.applyResults(session, file.exchangeId, file.records, items, file.unanswerable);
        const archived = await api.linkageArchive({ folder });
        return { report, archiveProblem: archived.ok ? null : archived.error.message };
      },
    },
  };
}
