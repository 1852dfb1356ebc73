import type { Dexie, Transaction } from 'dexie';
import type {
  Application,
  CaseRecord,
  Calculation,
  Consultation,
  Debt,
  Decision,
  Device,
  Household,
  LinkageRecord,
  MedicalTicket,
  Member,
  Office,
  Payment,
  ProvisionRecord,
  User,
  VisitPlan,
} from '../../shared/domain/records.js';
import type { Incident, PiaAssessment, PrivacyRequest, TrainingRecord } from '../../shared/pia/records.js';
import type { AuditEntry } from './audit.js';
import type { Counter } from './counters.js';
import type { Draft } from './repos/drafts.js';
import type { InboxEntry, OutboxEntry } from './outbox.js';
import type { LinkageStatus } from '../../shared/linkage/linkageKinds.js';
import type { BundleReceipt, DevicePayload, ScopeDigest } from '../../shared/sync/bundleFormat.js';
import { indexStoredHouseholds, type BlindKeys, type SearchIndexRow } from './searchIndex.js';

/**
 * The database: one table per kind of record. For each table, `indexes` is Dexie's store spec (primary key
 * first) and `clear` the fields stored readable on disk; everything else is sealed into the row's envelope by
 * middleware/encryption.ts. A field is clear only if a query needs it (an index, a sort, a work list) and it is
 * not personal data: random ids and foreign ids, type and status codes, the dates that drive work lists, the HLC
 * and the key id. Every indexed field must be clear (a test checks). README.md explains each table's choice.
 */
export interface TableRows {
  offices: Office;
  users: User;
  devices: Device;
  households: Household;
  householdSearch: SearchIndexRow;
  members: Member;
  consultations: Consultation;
  applications: Application;
  decisions: Decision;
  calculations: Calculation;
  caseRecords: CaseRecord;
  visitPlans: VisitPlan;
  medicalTickets: MedicalTicket;
  debts: Debt;
  payments: Payment;
  linkageRecords: LinkageRecord;
  provisionRecords: ProvisionRecord;
  drafts: Draft;
  outbox: OutboxEntry;
  inbox: InboxEntry;
  audit: AuditEntry;
  counters: Counter;
  syncPeers: SyncPeer;
  syncConflicts: SyncConflict;
  syncQuarantine: SyncQuarantineEntry;
  deviceAudit: DeviceAuditEntry;
  privacyRequests: PrivacyRequest;
  incidents: Incident;
  trainingRecords: TrainingRecord;
  piaAssessment: PiaAssessment;
}
export type TableName = keyof TableRows;

/** Tables whose rows belong to one household: access control scopes them through it. */
export const householdTables = [
  'members',
  'consultations',
  'applications',
  'decisions',
  'calculations',
  'caseRecords',
  'visitPlans',
  'medicalTickets',
  'debts',
  'payments',
  'linkageRecords',
] as const satisfies readonly TableName[];
export type HouseholdTable = (typeof householdTables)[number];

/** Tables whose rows replicate to the hub: they carry an HLC and every change writes a `hub` outbox entry. */
export const syncedTables = ['offices', 'users', 'devices', 'households', ...householdTables] as const satisfies readonly TableName[];
export type SyncedTable = (typeof syncedTables)[number];

/**
 * What this device knows of one sync peer (the hub keeps one per enrolled device; a device one for the hub).
 * Local to the device that holds it: never synced.
 */
export interface SyncPeer {
  /** The peer's device id. */
  id: string;
  /** The last bundle seq written to the peer (the next is one more). */
  sentSeq: number;
  /** The last bundle seq of the peer applied here: the next must be one more (a quarantined one counts as dealt with). */
  appliedSeq: number;
  /** Hub: the hub HLC through which the device has been sent changes (its next return's `since`); device: the hub's last `through` applied. */
  through: string | null;
  /** ISO times of the last bundle written to and applied from the peer. */
  lastSentAt: string | null;
  lastAppliedAt: string | null;
  /** Hub: the device's `hub` outbox acknowledged through this seq; device: what the hub has acknowledged of mine. */
  outboxAcknowledged: number;
  /** Hub: the device's audit chain stored through this seq, with that entry's hash (the next must chain from it). */
  auditAcknowledged: number;
  auditHead: string | null;
  /** Hub: the device's `linkage` outbox entries taken into the hub's through this seq; device: as the hub acknowledged (absent: 0). */
  linkageAcknowledged?: number;
  /** Hub: the seq of the last hub bundle the device says it applied. */
  appliedHubSeq: number;
  /** Hub: receipts of the device's applied bundles not yet carried back to it (the return bundle takes them). */
  receipts: BundleReceipt[];
  /** The peer's last digest of its scope, as it sent it. */
  digest: ScopeDigest | null;
  /** Hub: households the device reported erased (left its scope), with when. */
  erased: { householdId: string; at: string }[];
  /**
   * Hub: the households the device may still hold as the hub's returns left it — its scope, and those reassigned away
   * that it has not erased yet (it keeps one with unsent changes). Changes to them are its caseworker's work of
   * before the 異動 and are taken (absent: only the current scope).
   */
  sentScope?: string[];
  /** The peer's clock minus ours when its last bundle was applied (ms): shown, never trusted. */
  skewMs: number | null;
  /** Hub: breaks found in the device's audit chain (Japanese), kept for the auditor. */
  auditProblems: { seq: number; message: string; at: string }[];
}

/** The two values of one field two devices changed since they last agreed: the SV's 同期の競合 work list. */
export interface SyncConflict {
  id: string;
  hlc: string;
  status: 'open' | 'resolved';
  table: SyncedTable;
  rowId: string;
  householdId: string | null;
  field: string;
  /** The hub's value when the device's change came in, and the device's; who/when/where each was written. */
  kept: ConflictSide;
  incoming: ConflictSide;
  /** Which value the row holds until the SV decides (the later HLC). */
  winner: 'kept' | 'incoming';
  resolution: { choice: 'kept' | 'incoming'; by: string; at: string } | null;
}
export interface ConflictSide {
  value: unknown;
  hlc: string;
  deviceId: string;
  /** The user who wrote it, when known (the device's audit entry for the change). */
  actor: string | null;
}

/** A device bundle (or a file the reader refused) the hub could not apply: kept whole with why, never dropped. */
export interface SyncQuarantineEntry {
  id: string;
  hlc: string;
  status: 'held' | 'released' | 'assigned';
  /** The sending device ('' when a refused file named none) and the bundle's number (0 for a refused file: its header was not trusted). */
  sender: string;
  seq: number;
  /** In Japanese: what was refused and why. */
  reason: string;
  receivedAt: string;
  header: unknown;
  /** The whole payload (a device bundle) or null (a refused file: `note` says where it is). */
  payload: DevicePayload | null;
  note: unknown;
  /** Set when an administrator assigns it to a case or releases it. */
  householdId: string | null;
  handledBy: string | null;
  handledAt: string | null;
}

/** One entry of another device's audit chain, as the hub received and verified it (id `<deviceId>:<seq 10 digits>`). */
export interface DeviceAuditEntry {
  id: string;
  deviceId: string;
  seq: number;
  entry: Record<string, unknown>;
  receivedAt: string;
}

/** Clear fields computed when a row is sealed (never part of the opened row): see `derived` below. */
export type DerivedField = 'householdKey' | 'queue' | 'keyHash';

interface TableSpec<T> {
  indexes: string;
  /**
   * Every field stored readable on disk, each with why that is safe: "a clear field may not reveal a sensitive
   * attribute" — neither by itself nor beside the household id it sits with. The one list of clear fields: the
   * middleware reads it, README.md's table is generated from it (test/unit/data/clearFields.test.ts).
   */
  clear: { readonly [F in (keyof T & string) | DerivedField]?: string };
  /**
   * Clear fields the middleware computes from the plaintext row when it seals it (so every writer, an upgrade and
   * a re-seal under a new data key get them right); `blind` is the keyed hash of blindFields.ts for this field.
   */
  derived?: { readonly [F in DerivedField]?: (row: T, blind: (value: unknown) => string) => string };
}
type TableSpecs = { [K in TableName]: TableSpec<TableRows[K]> };

const ID = 'random UUIDv7 key: only when the row was made';
const HLC = 'hybrid logical clock of the last change (sync order): a time, nothing of the content';
const HOUSEHOLD = "the household's random id: the case's rows are read by it; the row's kind, state and content are sealed";
const HOUSEHOLD_KEY =
  'keyed hash of the household id (blindFields.ts), per table: the case tab finds its rows by it, but without the data key no one can tell whose rows these are';
const USER = "a staff member's random id";

/** The ledger's coarse, clear state: `suppressed` (不開示) is settled like any finished record, so it does not show. */
export const linkageQueueOf = (status: LinkageStatus): 'pending' | 'sent' | 'correction' | 'settled' =>
  status === 'pending' || status === 'sent' ? status : status === 'rejected' || status === 'blocked' ? 'correction' : 'settled';

/** The keyed part of a linkage idempotency key (`linkage:<kind>:<blind index>`): the key without its kind. */
export const linkageKeyHashOf = (idempotencyKey: string): string => idempotencyKey.slice(idempotencyKey.lastIndexOf(':') + 1);

export const tableSpecs: TableSpecs = {
  offices: { indexes: 'id, hlc', clear: { id: ID, hlc: HLC } },
  users: {
    indexes: 'id, officeId, teamId, role, hlc',
    clear: {
      id: ID,
      hlc: HLC,
      officeId: 'the office (one per database)',
      teamId: "a supervisor's scope is the households assigned to the users of their team, an index query",
      role: 'staff roles (access control); staff, not recipients',
      status: 'whether a staff account is active; staff, not recipients',
    },
  },
  devices: {
    indexes: 'id, officeId, profile, hlc',
    clear: { id: ID, hlc: HLC, officeId: 'the office', profile: 'office or field laptop: enrolment and sync', status: 'enrolled or revoked' },
  },
  households: {
    indexes: 'id, officeId, assignedTo, status, caseNumber, hlc',
    clear: {
      id: ID,
      hlc: HLC,
      officeId: 'the office',
      caseNumber: 'issued from a per-device range, carries no personal data; how staff find a case on the phone',
      assignedTo: "the caseworker's id: every caseworker's caseload is this index",
      status:
        'where the case stands (相談・申請・保護中・停止・廃止・却下): the intake and case lists read by it. Being a case of this office is what every row of this database already says; the status tells no reason, and the decisions that give it (and their kind) are sealed',
    },
  },
  householdSearch: {
    indexes: 'id, *tokens',
    clear: {
      id: "the household's id",
      tokens: 'truncated keyed hashes of search-key bigrams (1,024 buckets): what they leak is weighed under "The search tokens"',
    },
  },
  // Names, kana, birth date, 個人番号, 宛名番号 and the 不開示 flag are all personal: only the link stays clear.
  members: { indexes: 'id, householdId, hlc', clear: { id: ID, hlc: HLC, householdId: 'the link: members are read by household' } },
  consultations: {
    indexes: 'id, householdId, intakeOfficerId, status, consultedOn, hlc',
    clear: {
      id: ID,
      hlc: HLC,
      householdId: HOUSEHOLD,
      intakeOfficerId: USER,
      status: 'open, applied or closed: the intake work list',
      consultedOn: 'the date of the 相談: the intake work list',
    },
  },
  applications: {
    indexes: 'id, householdId, status, dueOn, hlc',
    clear: {
      id: ID,
      hlc: HLC,
      householdId: HOUSEHOLD,
      status: 'received, decided or withdrawn: the deadline list',
      appliedOn: 'the 申請 date the deadline runs from',
      dueOn: 'the 14/30-day decision deadline list',
    },
  },
  // The kind of a decision (停止・廃止・却下 …) is sealed: no query needs it, and the household's status is the clear one.
  decisions: {
    indexes: 'id, householdId, applicationId, stage, effectiveOn, hlc',
    clear: {
      id: ID,
      hlc: HLC,
      householdId: HOUSEHOLD,
      applicationId: "the application's random id",
      stage: 'the approval queue (SV, 課長, approved): where the paperwork is, not what it decides',
      effectiveOn: 'history order',
      supersedes: 'the random id of the decision this one corrects',
      calculationId: 'the random id of the calculation it rests on',
    },
  },
  calculations: {
    indexes: 'id, householdId, month, hlc',
    clear: { id: ID, hlc: HLC, householdId: HOUSEHOLD, month: 'bulk recalculation walks by month; every case has a calculation each month, amounts sealed' },
  },
  // The kind (an 調査, say) is sealed with the note: no query needs it.
  caseRecords: {
    indexes: 'id, householdId, authorId, recordedOn, hlc',
    clear: { id: ID, hlc: HLC, householdId: HOUSEHOLD, authorId: USER, recordedOn: 'the note list order' },
  },
  // The grade (how often the case needs a visit) is sealed: no query needs it.
  visitPlans: {
    indexes: 'id, householdId, nextDueOn, hlc',
    clear: { id: ID, hlc: HLC, householdId: HOUSEHOLD, nextDueOn: 'the visit work list (every case has a plan)' },
  },
  // Who had a ticket for which month is medical aid use: the household link is blinded, member, month, kind and
  // status are sealed; the case's tab reads by the blinded link and opens its tickets.
  medicalTickets: {
    indexes: 'id, householdKey, hlc',
    clear: { id: ID, hlc: HLC, householdKey: HOUSEHOLD_KEY },
    derived: { householdKey: (row, blind) => blind(row.householdId) },
  },
  // That a household owes (and a 78条 徴収金 says 不正受給) is sensitive: the link is blinded, kind and status sealed.
  debts: {
    indexes: 'id, householdKey, hlc',
    clear: { id: ID, hlc: HLC, householdKey: HOUSEHOLD_KEY },
    derived: { householdKey: (row, blind) => blind(row.householdId) },
  },
  payments: {
    indexes: 'id, householdId, month, payOn, status, hlc',
    clear: {
      id: ID,
      hlc: HLC,
      householdId: HOUSEHOLD,
      month: 'the accounting run: every case is paid each month, amount and method sealed',
      payOn: 'the accounting run',
      status: 'scheduled, paid or cancelled: the accounting run',
    },
  },
  // The ledger: the case's 連携 tab reads by household, the 要訂正 list and the exchange by the coarse queue;
  // results come back by the keyed hash. Kind, status (不開示 among them), what was sent and the answer are sealed.
  linkageRecords: {
    indexes: 'id, householdId, queue, keyHash, hlc',
    clear: {
      id: 'derived from the keyed hash (ledgerIdOf) or random: reveals nothing keyHash does not',
      hlc: HLC,
      householdId: HOUSEHOLD,
      queue:
        'pending, sent, correction (rejected or waiting for an entry) or settled (accepted, answered, or not sent for 不開示): the exchange and the 要訂正 list; 不開示 is settled like any finished record',
      keyHash: 'the keyed hash part of the idempotency key, without the kind: results are matched by it',
    },
    derived: { queue: (row) => linkageQueueOf(row.status), keyHash: (row) => linkageKeyHashOf(row.idempotencyKey) },
  },
  provisionRecords: {
    indexes: 'id, at, kind, retainUntil',
    clear: {
      id: ID,
      at: 'the auditor filters §23 records by time',
      kind: 'registration, inquiry or answer: the auditor filters by it; whose record it is and the item are sealed, so it names no one',
      retainUntil: 'the 7-year sweep',
    },
  },
  drafts: {
    indexes: 'id, userId, householdId, form',
    clear: {
      id: ID,
      userId: 'the owner: their draft list (local only)',
      householdId: HOUSEHOLD,
      form: 'which form or wizard step (e.g. application/step2), not what was entered: every case has them',
      updatedAt: 'the draft list order',
    },
  },
  // The relay reads a stream in seq order; the change itself (table, row, key, payload) is sealed.
  outbox: {
    indexes: 'id, [stream+seq]',
    clear: {
      id: "hub:<table>:<row id> (the row's random id; its own clear fields say what they do) or a random id",
      stream: 'hub or linkage',
      seq: 'the order the relay reads',
      deviceId: 'this device',
      hlc: HLC,
      createdAt: 'when queued',
    },
  },
  inbox: {
    indexes: 'id, stream, status, receivedAt',
    clear: {
      id: "the result's id from the other side (importing twice changes nothing)",
      stream: 'hub or linkage',
      kind: 'the kind of message: no person or household is clear beside it, the payload is sealed',
      status: 'received, applied or quarantined: the apply and quarantine queues',
      receivedAt: 'queue order',
      hlc: HLC,
    },
  },
  audit: {
    indexes: 'id, &seq, at, kind, actor',
    clear: {
      id: ID,
      seq: 'the chain order',
      at: "the auditor's time filter",
      kind: "the auditor's filter (閲覧, 検索, 出力 …): what staff did; who was looked at, why and the hashes are sealed",
      actor: "the staff member who did it: the auditor's filter",
    },
  },
  // Sequence numbers and chain heads: sealed too, so that they cannot be rewound on disk.
  counters: { indexes: 'id', clear: { id: 'the counter name (hub, linkage, audit)' } },
  // Sync state (local to each device, never synced). Only the peer's device id is clear: the state itself is sealed.
  syncPeers: { indexes: 'id', clear: { id: "the peer device's random id" } },
  // The SV's work list reads open conflicts; which table, row, household and field, and both values, are sealed.
  syncConflicts: {
    indexes: 'id, status, hlc',
    clear: {
      id: ID,
      hlc: 'when the conflict was found (sync order): a time, nothing of the content',
      status: 'open or resolved: the work list; which record and field is sealed',
    },
  },
  // The administrator's 同期の保留 list; the reason and the payload are sealed.
  syncQuarantine: {
    indexes: 'id, status, hlc, [sender+seq]',
    clear: {
      id: ID,
      hlc: 'when it was held (list order): a time, nothing of the content',
      status: 'held, released or assigned: the work list; why, and what the bundle holds, is sealed',
      sender:
        "the sending device's random id: an import finds the last bundle held from it by the index, without opening every held payload; a device, not a person",
      seq: "the held bundle's number from that device (0 for a file the reader refused: its header was not trusted)",
    },
  },
  // Other devices' audit chains on the hub: read per device in seq order by the key's range; the entry is sealed.
  deviceAudit: { indexes: 'id', clear: { id: '<device id>:<seq, 10 digits>: which device and where in its chain (the chain order), nothing of the entry' } },
  // The PIA's registers (issue 14): a few rows per year, read whole and judged opened, so nothing but the key is
  // clear — not whom a request concerns, its kind, its deadline, what leaked, or who was trained.
  privacyRequests: { indexes: 'id', clear: { id: ID } },
  incidents: { indexes: 'id', clear: { id: ID } },
  trainingRecords: { indexes: 'id', clear: { id: ID } },
  piaAssessment: { indexes: 'id', clear: { id: ID } },
};

export const tableNames = Object.keys(tableSpecs) as TableName[];

const clearSets = new Map(tableNames.map((name) => [name as string, new Set<string>(Object.keys(tableSpecs[name].clear))]));
/** The clear fields of a table; a table not in the schema keeps only its primary key clear. */
export const clearFieldsOf = (table: string): ReadonlySet<string> => clearSets.get(table) ?? new Set(['id']);

type Derive = (row: Record<string, unknown>, blind: (value: unknown) => string) => string;
const derivedSets = new Map(
  tableNames.map((name) => [name as string, new Map(Object.entries((tableSpecs[name] as { derived?: Record<string, Derive> }).derived ?? {}))]),
);
/** The clear fields of a table the middleware computes at sealing (empty for most tables). */
export const derivedFieldsOf = (table: string): ReadonlyMap<string, Derive> => derivedSets.get(table) ?? new Map();

/**
 * The tables version 4 changed, as they were in versions 1–3 (every table is as it was created: none changed
 * before). Their indexes declare the earlier versions; their clear fields open rows sealed before version 4 —
 * the middleware tries them only when a row does not open with the current list — until version 4's upgrader has
 * sealed every such row again, and whenever an older backup is restored and upgraded.
 */
const beforeVersion4: Partial<Record<TableName, { indexes: string; clear: readonly string[] }>> = {
  debts: { indexes: 'id, householdId, kind, status', clear: ['id', 'hlc', 'householdId', 'kind', 'status'] },
  medicalTickets: { indexes: 'id, householdId, memberId, [month+status]', clear: ['id', 'hlc', 'householdId', 'memberId', 'month', 'kind', 'status'] },
  linkageRecords: { indexes: 'id, householdId, status, idempotencyKey', clear: ['id', 'hlc', 'householdId', 'kind', 'status', 'idempotencyKey'] },
  outbox: { indexes: 'id, [stream+seq], idempotencyKey', clear: ['id', 'stream', 'seq', 'deviceId', 'idempotencyKey', 'hlc', 'createdAt'] },
  decisions: {
    indexes: 'id, householdId, applicationId, stage, effectiveOn',
    clear: ['id', 'hlc', 'householdId', 'applicationId', 'kind', 'stage', 'effectiveOn', 'supersedes', 'calculationId'],
  },
  caseRecords: { indexes: 'id, householdId, authorId, recordedOn', clear: ['id', 'hlc', 'householdId', 'authorId', 'recordedOn', 'kind'] },
  visitPlans: { indexes: 'id, householdId, nextDueOn', clear: ['id', 'hlc', 'householdId', 'grade', 'nextDueOn'] },
};
const resealedInVersion4 = Object.keys(beforeVersion4) as TableName[];

/** Earlier clear-field lists of a table, for rows sealed before its layout last changed. */
export const formerClearFieldsOf = (table: string): readonly (readonly string[])[] => {
  const former = beforeVersion4[table as TableName];
  return former ? [former.clear] : [];
};

/**
 * Schema versions, append-only: never edit a published entry, add the next one. Each names its stores (Dexie
 * diffs them) and may carry an upgrader. Upgraders run through the middleware stack, so they see plaintext and
 * their writes are sealed — the key must be known before open. test/unit/data/schemaVersions.test.ts seeds
 * version N−1 and opens N; a new version adds its case there.
 */
export interface SchemaVersion {
  version: number;
  stores: Record<string, string | null>;
  /** `keys`: the blind key, for upgraders that build blind indexes from sealed data. */
  upgrade?: (tx: Transaction, keys: BlindKeys) => unknown;
  /** Whether the upgrade has anything to open and seal, so that it cannot run on a raw view; by default, any household. */
  needsKeys?: (tx: Transaction) => Promise<boolean>;
}

const storesOf = (names: readonly TableName[]) => Object.fromEntries(names.map((name) => [name, tableSpecs[name].indexes]));
/** A synced table's indexes before version 5 added `hlc` (the last index in its spec): versions 1–4 declared them so. */
const indexesBefore5 = (name: TableName) =>
  (syncedTables as readonly TableName[]).includes(name) ? tableSpecs[name].indexes.replace(/, hlc$/, '') : tableSpecs[name].indexes;
/** Stores as versions 1–3 declared them: a published version must declare what it did, whatever tableSpecs now say. */
const storesBefore4 = (names: readonly TableName[]) => Object.fromEntries(names.map((name) => [name, beforeVersion4[name]?.indexes ?? indexesBefore5(name)]));
/** Stores as version 4 declared them. */
const storesOf4 = (names: readonly TableName[]) => Object.fromEntries(names.map((name) => [name, indexesBefore5(name)]));
/** The tables version 5 added (sync state). */
const syncStateTables: TableName[] = ['syncPeers', 'syncConflicts', 'syncQuarantine', 'deviceAudit'];
/** The tables version 6 added (the PIA's registers). */
const piaTables: TableName[] = ['privacyRequests', 'incidents', 'trainingRecords', 'piaAssessment'];

/**
 * Version 4's upgrader: every row of the tables whose clear fields changed, opened (with the earlier list) and
 * sealed again with the current one, its derived fields computed. Rows written at versions 1–3 alike.
 */
async function resealVersion4(tx: Transaction): Promise<void> {
  for (const name of resealedInVersion4) {
    const table = tx.table(name);
    const rows = await table.toArray();
    if (rows.length > 0) await table.bulkPut(rows);
  }
}

export const schemaVersions: readonly SchemaVersion[] = [
  {
    version: 1,
    stores: storesBefore4(
      tableNames.filter((name) => !['householdSearch', 'linkageRecords', 'provisionRecords', ...syncStateTables, ...piaTables].includes(name)),
    ),
  },
  // The blind search index, filled for the households already stored.
  { version: 2, stores: storesOf(['householdSearch']), upgrade: indexStoredHouseholds },
  // 情報連携: the linkage ledger and the 番号法§23 records.
  { version: 3, stores: storesBefore4(['linkageRecords', 'provisionRecords']) },
  // No clear field may reveal a sensitive attribute: medical tickets and debts by a blinded household link, the
  // ledger by a coarse queue and the keyed hash, kinds and grades sealed (README: "What stays clear on disk").
  {
    version: 4,
    stores: storesOf4(resealedInVersion4),
    upgrade: (tx) => resealVersion4(tx),
    needsKeys: (tx) => Promise.all(resealedInVersion4.map((name) => tx.table(name).count())).then((counts) => counts.some((n) => n > 0)),
  },
  // Sync (issue 12): the peers' state, the SV's conflicts, the quarantine, other devices' audit chains, and an
  // `hlc` index on every synced table (the hub's return reads the rows changed since a device's watermark). The
  // HLC was clear already: no row is re-sealed.
  { version: 5, stores: storesOf([...syncedTables, ...syncStateTables]) },
  // The PIA kept as running code (issue 14): 開示等請求, 漏えい等事案, 研修, the office's filed assessment. New tables
  // only: no row is re-sealed.
  { version: 6, stores: storesOf(piaTables) },
];

/**
 * `keys` may be left out only for a raw view (backups): an upgrade without them is allowed only while there are
 * no households to index — an empty database created at an older version, for example.
 */
export function applySchema(db: Dexie, versions: readonly SchemaVersion[] = schemaVersions, keys?: BlindKeys): void {
  for (const { version, stores, upgrade, needsKeys } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) {
      declared.upgrade(async (tx) => {
        if (keys) return upgrade(tx, keys);
        const needed = needsKeys ? await needsKeys(tx) : (await tx.table('households').count()) > 0;
        if (needed) throw new Error(`schema version ${version} needs the data key to upgrade`);
      });
    }
  }
}
