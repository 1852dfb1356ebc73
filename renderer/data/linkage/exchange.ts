import { localIsoDate } from '../../../shared/casework/calendarDate.js';
import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { LinkageRecord, Member, PayeeAccount, ProvisionRecord } from '../../../shared/domain/records.js';
import type { Session } from '../../../shared/domain/staff.js';
import { uuidv7 } from '../../../shared/ids/uuidv7.js';
import { requestRecordSchema, type LinkageBody, type RequestRecord, type ResultRecord } from '../../../shared/linkage/exchangeFormat.js';
import { basisOn, fixedItemCodes, itemByCode, type LinkageItem } from '../../../shared/linkage/legalReferences.js';
import { linkageKinds, type LinkageKind, type LinkageStatus } from '../../../shared/linkage/linkageKinds.js';
import { assertSession } from '../access.js';
import type { DataStore } from '../db.js';
import { AccessDeniedError, isDamaged, type DamagedRecord } from '../errors.js';
import { pendingOutbox, writeInChunks, type ChangeWriter, type InboxEntry, type OutboxEntry } from '../outbox.js';
import { ledgerRowsByKey } from './ledger.js';

/**
 * The administrator's side of 情報連携 (the hub): turn the pending linkage outbox into the records of an exchange
 * file, and once main has written the file, take those entries off the outbox and mark their ledger rows sent,
 * with a 番号法§23 record each; then apply a result file main has verified, idempotently (a result already in the
 * inbox is not applied twice), updating each ledger row and reporting per record what became of it. Main does
 * the file work (signing, writing, verifying); every database change here is one transaction.
 */

/**
 * Records per transaction when marking an exchange sent or applying its results: an exchange of 10,000 is written
 * as five transactions of 2,000, each whole or absent. Both steps are idempotent per record (a sent entry has left
 * the outbox; a result already in the inbox is a duplicate), so a run stopped midway is finished by running it
 * again, and what a stopped export left pending goes out in the next file (an upsert at the 中間サーバー).
 */
export const EXCHANGE_RECORDS_PER_TRANSACTION = 2000;

/** 7 years (番号法施行令§30). */
const RETENTION_YEARS = 7;

export interface HeldEntry {
  seq: number;
  kind: LinkageKind;
  problem: string;
}

/** What an export takes from the office's 連携設定. */
export interface ExportConfig {
  items: readonly LinkageItem[];
  /** The office's 公費負担者番号 for 医療扶助 (法別番号12). */
  payerNumber: string | null;
}

export interface ExportPlan {
  records: RequestRecord[];
  /** Entries that cannot go out as they stand (no legal basis in the items table on this date, or damaged). */
  held: HeldEntry[];
}

export type ResultApplication = 'applied' | 'duplicate' | 'stale' | 'unmatched' | 'unanswerable' | 'conflict';

export interface ResultReport {
  resultId: string;
  kind: LinkageKind;
  outcome: ResultRecord['outcome'];
  application: ResultApplication;
  householdId: string | null;
  /** The case's number, so the administrator can tell the caseworker which case needs correcting. */
  caseNumber: string | null;
  /** In Japanese: what was done, or the other side's reason for a rejection. */
  message: string;
}

export interface ImportReport {
  exchangeId: string;
  results: ResultReport[];
}

const applicationNotes: Record<Exclude<ResultApplication, 'applied'>, string> = {
  duplicate: 'この結果は取込済みです（変更なし）',
  stale: 'この後に送り直した内容があるため、状態は変更しません',
  unmatched: '対応する送信記録がありません（隔離しました）',
  unanswerable: 'この事務所が送った依頼への結果ではありません（隔離しました）',
  conflict: '回答済みの依頼に、前と異なる結果が届きました。適用せず、要確認として保留しました',
};

/** A result that answers nothing this office sent, as main found it (the exchange or the record was never sent). */
export interface UnanswerableResult {
  resultId: string;
  problem: string;
}

/** A 公金受取口座 answer to write to the member once the chunk's results are read (the report's index says where). */
type AccountAnswer = {
  report: number;
  row: LinkageRecord;
  answer: Extract<ResultRecord, { kind: 'publicFundsAccount'; outcome: 'answered' }>['answer'];
};

const statusOfOutcome: Record<ResultRecord['outcome'], LinkageStatus> = { accepted: 'accepted', rejected: 'rejected', answered: 'answered' };

/** Whether `result` says what the row already holds from an earlier result for the same sending. */
function sameAsApplied(row: LinkageRecord, result: ResultRecord): boolean {
  if (row.status !== statusOfOutcome[result.outcome]) return false;
  if (result.outcome === 'rejected') return row.problem?.code === result.reasonCode && row.problem.reason === result.reason;
  if (result.outcome === 'answered') return canonicalJson(row.answer) === canonicalJson(result.answer);
  return true;
}

function assertOperator(store: DataStore, session: Session): void {
  assertSession(store, session);
  if (session.role !== 'systemAdmin') throw new AccessDeniedError('連携ファイルの書き出し・取込みはシステム管理者が行います');
}

const itemCodeOf = (entry: OutboxEntry): string =>
  entry.kind === 'inquiry' ? (entry.payload as LinkageBody<'inquiry'>).item : fixedItemCodes[entry.kind as Exclude<LinkageKind, 'inquiry'>];

const counterpartOf = (kind: LinkageKind, item: LinkageItem | undefined, body: unknown): string =>
  kind === 'inquiry' ? (body as LinkageBody<'inquiry'>).provider : (item?.provider ?? '中間サーバー（副本・資格情報の登録）');

export function linkageExchange(store: DataStore) {
  const { db } = store;
  const now = () => new Date(store.now()).toISOString();
  const today = () => localIsoDate(store.now());
  // The same calendar day 7 years on (29 February → 28 February).
  const retainUntil = (at: string) => `${Number(at.slice(0, 4)) + RETENTION_YEARS}-${at.slice(5, 10) === '02-29' ? '02-28' : at.slice(5, 10)}`;

  const provision = (record: Omit<ProvisionRecord, 'id' | 'retainUntil'>): ProvisionRecord => ({
    ...record,
    id: uuidv7(),
    retainUntil: retainUntil(record.at),
  });

  /** The row with its new status and the step in its history; written in bulk by the caller. */
  const withStatus = (row: LinkageRecord, status: LinkageStatus, changes: Partial<LinkageRecord>, note: string | null): LinkageRecord => ({
    ...row,
    ...changes,
    status,
    history: [...row.history, { at: now(), status, note }],
  });

  return {
    /** How many messages wait, by kind: the 連携 screen's counts. */
    async pendingCounts(session: Session): Promise<Record<LinkageKind, number>> {
      assertOperator(store, session);
      const counts = Object.fromEntries(linkageKinds.map((kind) => [kind, 0])) as Record<LinkageKind, number>;
      for (const entry of await pendingOutbox(store, 'linkage', 0, Infinity)) if (!isDamaged(entry)) counts[entry.kind as LinkageKind] += 1;
      return counts;
    },

    /**
     * The records of the next exchange file: every pending linkage message, in order, with its legal basis today.
     * A 資格情報 goes out with the office's 公費負担者番号 (a setting, so not in the queued body); without one it is held.
     */
    async prepareExport(session: Session, { items, payerNumber }: ExportConfig): Promise<ExportPlan> {
      assertOperator(store, session);
      const on = today();
      const records: RequestRecord[] = [];
      const held: HeldEntry[] = [];
      for (const entry of await pendingOutbox(store, 'linkage', 0, Infinity)) {
        if (isDamaged(entry)) {
          held.push({ seq: 0, kind: 'replicaRegistration', problem: (entry as DamagedRecord).__integrityError });
          continue;
        }
        const kind = entry.kind as LinkageKind;
        const code = itemCodeOf(entry);
        const item = itemByCode(items, code);
        const basis = item && basisOn(item, on);
        if (!basis) {
          held.push({ seq: entry.seq, kind, problem: `連携項目「${item?.label ?? code}」に${on}時点の根拠法令がありません。連携項目の表を確認してください` });
          continue;
        }
        let body = entry.payload;
        if (kind === 'medicalEligibility' && (body as LinkageBody<'medicalEligibility'>).payerNumber === null) {
          if (!payerNumber) {
            held.push({ seq: entry.seq, kind, problem: '資格情報には公費負担者番号が要ります。連携設定で公費負担者番号を登録してください' });
            continue;
          }
          body = { ...(body as LinkageBody<'medicalEligibility'>), payerNumber };
        }
        const record = requestRecordSchema.safeParse({
          recordId: entry.id,
          seq: entry.seq,
          kind,
          idempotencyKey: entry.idempotencyKey,
          createdAt: entry.createdAt,
          legalBasis: basis.verified ? basis.text : `${basis.text}（要確認）`,
          body,
        });
        if (record.success) records.push(record.data);
        else held.push({ seq: entry.seq, kind, problem: `形式が不正です: ${record.error.issues[0]?.path.join('.')} ${record.error.issues[0]?.message}` });
      }
      return { records, held };
    },

    /** After main wrote the file: the entries leave the outbox, their rows are sent, each sending is recorded (§23). */
    async markExported(session: Session, exchangeId: string, records: readonly RequestRecord[], items: readonly LinkageItem[]): Promise<void> {
      assertOperator(store, session);
      await writeInChunks(store, ['linkageRecords', 'provisionRecords'], records, EXCHANGE_RECORDS_PER_TRANSACTION, async (writer, records) => {
        const at = now();
        const [rows] = await Promise.all([
          ledgerRowsByKey(
            store,
            records.map((r) => r.idempotencyKey),
          ),
          db.outbox.bulkDelete(records.map((r) => r.recordId)),
        ]);
        const provisions: ProvisionRecord[] = [];
        const sent: LinkageRecord[] = [];
        for (const record of records) {
          const row = rows.get(record.idempotencyKey);
          if (row && row.lastRecordId === record.recordId && row.status === 'pending') sent.push(withStatus(row, 'sent', { exchangeId }, null));
          const item = itemByCode(items, record.kind === 'inquiry' ? record.body.item : fixedItemCodes[record.kind]);
          provisions.push(
            provision({
              at,
              kind: record.kind === 'inquiry' || record.kind === 'publicFundsAccount' ? 'inquiry' : 'registration',
              actorId: session.userId,
              requestedBy: row?.requestedBy ?? session.userId,
              linkageKind: record.kind,
              itemCode: item?.code ?? '',
              itemLabel: item?.label ?? '',
              legalBasis: record.legalBasis,
              counterpart: counterpartOf(record.kind, item, record.body),
              householdId: row?.householdId ?? null,
              linkageRecordId: row?.id ?? null,
              exchangeId,
            }),
          );
        }
        await Promise.all([writer.putMany('linkageRecords', sent), db.provisionRecords.bulkAdd(provisions)]);
        writer.audit(session.userId, { kind: 'export', detail: { what: 'linkageExchange', householdId: null, count: records.length } });
      });
    },

    /**
     * Applies a verified result file. Nothing is dropped: a result that answers nothing sent (`unanswerable`, from
     * main's register of sent exchanges, or no ledger row) is quarantined with the reason; a second result for a
     * sending already answered is a no-op when it says the same, and held for review (quarantined, not applied) when
     * it says something else.
     */
    async applyResults(
      session: Session,
      exchangeId: string,
      results: readonly ResultRecord[],
      items: readonly LinkageItem[],
      unanswerable: readonly UnanswerableResult[] = [],
    ): Promise<ImportReport> {
      assertOperator(store, session);
      const refused = new Map(unanswerable.map((r) => [r.resultId, r.problem]));
      const tables = ['linkageRecords', 'provisionRecords', 'inbox', 'members', 'households', 'users'] as const;
      const chunks = await writeInChunks(store, tables, results, EXCHANGE_RECORDS_PER_TRANSACTION, async (writer, results) => {
        const reports: ResultReport[] = [];
        // Results already taken in: the inbox's keys in the range of this chunk's ids, one keys-only read.
        const resultIds = results.map((r) => r.resultId).sort();
        const [rows, inRange] = await Promise.all([
          ledgerRowsByKey(
            store,
            results.map((r) => r.idempotencyKey),
          ),
          db.inbox.where('id').between(resultIds[0]!, resultIds.at(-1)!, true, true).primaryKeys(),
        ]);
        const ofChunk = new Set(resultIds);
        const seen = new Set(inRange.filter((id) => ofChunk.has(id)));
        const received: InboxEntry[] = [];
        const answers: ProvisionRecord[] = [];
        const changed = new Set<string>();
        const accounts: AccountAnswer[] = [];
        for (const result of results) {
          const report = (application: ResultApplication, householdId: string | null, message: string) =>
            reports.push({ resultId: result.resultId, kind: result.kind, outcome: result.outcome, application, householdId, caseNumber: null, message });
          if (seen.has(result.resultId)) {
            report('duplicate', null, applicationNotes.duplicate);
            continue;
          }
          seen.add(result.resultId);
          const row = rows.get(result.idempotencyKey);
          const why = refused.get(result.resultId);
          const inbox = (status: InboxEntry['status'], problem: string | null): InboxEntry => ({
            id: result.resultId,
            stream: 'linkage',
            kind: result.kind,
            status,
            receivedAt: now(),
            hlc: store.clock.stamp(),
            payload: { exchangeId, result },
            problem,
          });
          if (why !== undefined) {
            received.push(inbox('quarantined', why));
            report('unanswerable', null, `${applicationNotes.unanswerable}: ${why}`);
            continue;
          }
          if (!row || row.kind !== result.kind) {
            received.push(inbox('quarantined', applicationNotes.unmatched));
            report('unmatched', null, applicationNotes.unmatched);
            continue;
          }
          if (row.lastRecordId === result.requestRecordId && row.status !== 'sent') {
            const same = sameAsApplied(row, result);
            received.push(inbox(same ? 'applied' : 'quarantined', same ? null : `要確認: ${applicationNotes.conflict}`));
            report(same ? 'duplicate' : 'conflict', row.householdId, same ? applicationNotes.duplicate : applicationNotes.conflict);
            continue;
          }
          received.push(inbox('applied', null));
          if (row.lastRecordId !== result.requestRecordId) {
            rows.set(row.idempotencyKey, withStatus(row, row.status, {}, `古い送信への結果（${result.outcome}）を受領`));
            changed.add(row.idempotencyKey);
            report('stale', row.householdId, applicationNotes.stale);
            continue;
          }
          const { saved, message, answer } = applyOne(session, row, result, exchangeId, items);
          rows.set(row.idempotencyKey, saved);
          changed.add(row.idempotencyKey);
          if (answer) answers.push(answer);
          if (result.kind === 'publicFundsAccount' && result.outcome === 'answered') accounts.push({ report: reports.length, row, answer: result.answer });
          report('applied', row.householdId, message);
        }
        const ids = [...new Set(reports.flatMap((r) => (r.householdId ? [r.householdId] : [])))];
        const [households] = await Promise.all([
          db.households.bulkGet(ids),
          applyAccounts(writer, session, accounts, reports),
          writer.putMany(
            'linkageRecords',
            [...changed].map((key) => rows.get(key)!),
          ),
          db.inbox.bulkAdd(received),
          db.provisionRecords.bulkAdd(answers),
        ]);
        writer.audit(session.userId, { kind: 'import', detail: { what: 'linkageResults', count: results.length } });
        const cases = new Map(households.flatMap((h) => (h && !isDamaged(h) ? [[h.id, h.caseNumber] as const] : [])));
        return reports.map((r) => ({ ...r, caseNumber: (r.householdId && cases.get(r.householdId)) ?? null }));
      });
      return { exchangeId, results: chunks.flat() };
    },

    /** Results that matched nothing we sent, or contradict an answer already applied: kept for the administrator, never dropped. */
    async quarantined(session: Session): Promise<InboxEntry[]> {
      assertOperator(store, session);
      const rows = await db.inbox.where('status').equals('quarantined').toArray();
      return rows.filter((row): row is InboxEntry => !isDamaged(row) && row.stream === 'linkage');
    },
  };

  /**
   * What one result does to its ledger row. Synchronous on purpose: awaiting anything but an IndexedDB request
   * thousands of times in a row lets the transaction commit under Dexie (PrematureCommitError).
   */
  function applyOne(
    session: Session,
    row: LinkageRecord,
    result: ResultRecord,
    exchangeId: string,
    items: readonly LinkageItem[],
  ): { saved: LinkageRecord; message: string; answer?: ProvisionRecord } {
    switch (result.outcome) {
      case 'accepted': {
        const event = (row.body as { event?: string } | null)?.event;
        const withdrawn = event === 'delete' || event === 'cancel';
        const message = event === 'delete' ? '削除されました' : event === 'cancel' ? '登録を取り消しました' : '登録されました';
        return { saved: withStatus(row, 'accepted', { registered: !withdrawn, problem: null }, withdrawn ? message : null), message };
      }
      case 'rejected': {
        const saved = withStatus(row, 'rejected', { problem: { code: result.reasonCode, reason: result.reason } }, result.reason);
        return { saved, message: `差戻し: ${result.reason}` };
      }
      case 'answered': {
        const saved = withStatus(row, 'answered', { answer: result.answer, problem: null }, null);
        const item = itemByCode(items, row.itemCode);
        const basis = item && basisOn(item, today());
        const answer = provision({
          at: now(),
          kind: 'answer',
          actorId: session.userId,
          requestedBy: row.requestedBy,
          linkageKind: row.kind,
          itemCode: row.itemCode,
          itemLabel: item?.label ?? row.itemCode,
          legalBasis: basis ? (basis.verified ? basis.text : `${basis.text}（要確認）`) : '',
          counterpart: counterpartOf(row.kind, item, row.body),
          householdId: row.householdId,
          linkageRecordId: row.id,
          exchangeId,
        });
        const message = result.kind === 'inquiry' && !result.answer.found ? '回答を受領しました（該当なし）' : '回答を受領しました';
        return { saved, message, answer };
      }
    }
  }

  /**
   * 公金受取口座 answers become the members' payee accounts, marked with their source and the consent they rest on:
   * the members read in one request and written in one, each change in the access log; each report says what became
   * of its account.
   */
  async function applyAccounts(writer: ChangeWriter, session: Session, accounts: readonly AccountAnswer[], reports: ResultReport[]): Promise<void> {
    const say = (at: number, message: string) => {
      reports[at] = { ...reports[at]!, message };
    };
    const given = accounts.filter(({ report, row, answer }) => {
      if (answer.account && row.memberId) return true;
      say(report, '公金受取口座は登録されていません');
      return false;
    });
    if (given.length === 0) return;
    const stored = await db.members.bulkGet(given.map(({ row }) => row.memberId!));
    const changed = new Map<string, Member>();
    for (const [i, { report, row, answer }] of given.entries()) {
      // A later answer for the same member in this file wins, as it did one result at a time.
      const member = changed.get(row.memberId!) ?? stored[i];
      if (!member || isDamaged(member)) {
        say(report, '世帯員の記録が読めないため、口座を記録できません');
        continue;
      }
      const consent = (row.body as LinkageBody<'publicFundsAccount'>).consent;
      const payeeAccount: PayeeAccount = { ...answer.account!, source: 'publicFundsInquiry', obtainedOn: answer.answeredOn, consent };
      changed.set(member.id, { ...(member as Member), payeeAccount });
      writer.audit(session.userId, {
        kind: 'update',
        detail: { table: 'members', recordId: member.id, householdId: member.householdId, fields: ['payeeAccount'] },
      });
      say(report, '公金受取口座を支給口座として記録しました');
    }
    await writer.putMany('members', [...changed.values()]);
  }
}
