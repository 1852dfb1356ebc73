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
import type { AuditEntry } from './audit.js';
import type { Counter } from './counters.js';
import type { Draft } from './repos/drafts.js';
import type { InboxEntry, OutboxEntry } from './outbox.js';
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

interface TableSpec<T> {
  indexes: string;
  clear: readonly (keyof T & string)[];
}
type TableSpecs = { [K in TableName]: TableSpec<TableRows[K]> };

export const tableSpecs: TableSpecs = {
  offices: { indexes: 'id', clear: ['id', 'hlc'] },
  // Role and team are clear: a supervisor's scope is "households assigned to users of my team", an index query.
  users: { indexes: 'id, officeId, teamId, role', clear: ['id', 'hlc', 'officeId', 'teamId', 'role', 'status'] },
  devices: { indexes: 'id, officeId, profile', clear: ['id', 'hlc', 'officeId', 'profile', 'status'] },
  // assignedTo decides every caseworker's caseload; status drives intake and the case lists. The case number is
  // issued from a per-device range, carries no personal data, and is how staff find a case on the phone.
  households: {
    indexes: 'id, officeId, assignedTo, status, caseNumber',
    clear: ['id', 'hlc', 'officeId', 'caseNumber', 'assignedTo', 'status'],
  },
  // The blind search index (searchIndex.ts): per household, truncated keyed hashes of its search-key bigrams.
  // Local only — derived with this device's key, recomputed from the sealed rows — so not synced.
  householdSearch: { indexes: 'id, *tokens', clear: ['id', 'tokens'] },
  // Names, kana, birth date, 個人番号, 宛名番号 and the 不開示 flag are all personal: only the link stays clear.
  members: { indexes: 'id, householdId', clear: ['id', 'hlc', 'householdId'] },
  consultations: {
    indexes: 'id, householdId, intakeOfficerId, status, consultedOn',
    clear: ['id', 'hlc', 'householdId', 'intakeOfficerId', 'status', 'consultedOn'],
  },
  // dueOn is the 14/30-day decision deadline list.
  applications: { indexes: 'id, householdId, status, dueOn', clear: ['id', 'hlc', 'householdId', 'status', 'appliedOn', 'dueOn'] },
  // stage is the approval queue (SV, 課長); reasons, aids and the approval history with its comments are sealed.
  decisions: {
    indexes: 'id, householdId, applicationId, stage, effectiveOn',
    clear: ['id', 'hlc', 'householdId', 'applicationId', 'kind', 'stage', 'effectiveOn', 'supersedes', 'calculationId'],
  },
  // Amounts reveal circumstances: only the month is clear (bulk recalculation walks by month).
  calculations: { indexes: 'id, householdId, month', clear: ['id', 'hlc', 'householdId', 'month'] },
  // The note itself is the most sensitive text in the system.
  caseRecords: {
    indexes: 'id, householdId, authorId, recordedOn',
    clear: ['id', 'hlc', 'householdId', 'authorId', 'recordedOn', 'kind'],
  },
  // nextDueOn is the visit work list; grade sets the visit frequency.
  visitPlans: { indexes: 'id, householdId, nextDueOn', clear: ['id', 'hlc', 'householdId', 'grade', 'nextDueOn'] },
  // Month and status drive the monthly ticket run; institution and 公費負担者/受給者番号 are sealed.
  medicalTickets: {
    indexes: 'id, householdId, memberId, [month+status]',
    clear: ['id', 'hlc', 'householdId', 'memberId', 'month', 'kind', 'status'],
  },
  debts: { indexes: 'id, householdId, kind, status', clear: ['id', 'hlc', 'householdId', 'kind', 'status'] },
  // payOn and status are the accounting run; amounts and method are sealed.
  payments: {
    indexes: 'id, householdId, month, payOn, status',
    clear: ['id', 'hlc', 'householdId', 'month', 'payOn', 'status'],
  },
  // The linkage ledger: the case's 連携 tab and the 要訂正 list read by household and status; results come back
  // by idempotency key (a blind index, as in the outbox). What was sent, the problem and the answer are sealed.
  linkageRecords: {
    indexes: 'id, householdId, status, idempotencyKey',
    clear: ['id', 'hlc', 'householdId', 'kind', 'status', 'idempotencyKey'],
  },
  // 番号法§23 records: the auditor filters by time and kind, the retention sweep by retainUntil; whose record it
  // is and the item are sealed.
  provisionRecords: { indexes: 'id, at, kind, retainUntil', clear: ['id', 'at', 'kind', 'retainUntil'] },
  // Local only (crash recovery of half-filled forms): found by their owner and form, contents sealed.
  drafts: { indexes: 'id, userId, householdId, form', clear: ['id', 'userId', 'householdId', 'form', 'updatedAt'] },
  // The relay reads a stream in seq order; the change itself (table, row, payload) is sealed.
  outbox: {
    indexes: 'id, [stream+seq], idempotencyKey',
    clear: ['id', 'stream', 'seq', 'deviceId', 'idempotencyKey', 'hlc', 'createdAt'],
  },
  inbox: { indexes: 'id, stream, status, receivedAt', clear: ['id', 'stream', 'kind', 'status', 'receivedAt', 'hlc'] },
  // The auditor filters by time, actor and kind; who was looked at, why, and the chain hashes are sealed.
  audit: { indexes: 'id, &seq, at, kind, actor', clear: ['id', 'seq', 'at', 'kind', 'actor'] },
  // Sequence numbers and chain heads: sealed too, so that they cannot be rewound on disk.
  counters: { indexes: 'id', clear: ['id'] },
};

export const tableNames = Object.keys(tableSpecs) as TableName[];

const clearSets = new Map(tableNames.map((name) => [name as string, new Set<string>(tableSpecs[name].clear)]));
/** The clear fields of a table; a table not in the schema keeps only its primary key clear. */
export const clearFieldsOf = (table: string): ReadonlySet<string> => clearSets.get(table) ?? new Set(['id']);

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
}

const storesOf = (names: readonly TableName[]) => Object.fromEntries(names.map((name) => [name, tableSpecs[name].indexes]));

export const schemaVersions: readonly SchemaVersion[] = [
  { version: 1, stores: storesOf(tableNames.filter((name) => !['householdSearch', 'linkageRecords', 'provisionRecords'].includes(name))) },
  // The blind search index, filled for the households already stored.
  { version: 2, stores: storesOf(['householdSearch']), upgrade: indexStoredHouseholds },
  // 情報連携: the linkage ledger and the 番号法§23 records.
  { version: 3, stores: storesOf(['linkageRecords', 'provisionRecords']) },
];

/**
 * `keys` may be left out only for a raw view (backups): an upgrade without them is allowed only while there are
 * no households to index — an empty database created at an older version, for example.
 */
export function applySchema(db: Dexie, versions: readonly SchemaVersion[] = schemaVersions, keys?: BlindKeys): void {
  for (const { version, stores, upgrade } of versions) {
    const declared = db.version(version).stores(stores);
    if (upgrade) {
      declared.upgrade(async (tx) => {
        if (keys) return upgrade(tx, keys);
        if ((await tx.table('households').count()) > 0) throw new Error(`schema version ${version} needs the data key to upgrade`);
      });
    }
  }
}
