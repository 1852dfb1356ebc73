import { approvalStageLabels } from '../../../shared/casework/caseStatus.js';
import { canonicalJson } from '../../../shared/crypto/canonicalJson.js';
import type { DeviceIdentity } from '../db.js';
import type { TableName } from '../schema.js';

/**
 * How each table's changes from a device meet the hub's (issue 12, "The rules the merge must keep"). README.md's
 * "Sync" section holds this table word for word (test/unit/data/sync/hubPolicy.test.ts checks it):
 * - `union`: append-only records. A row the hub lacks is inserted, one it holds unchanged is kept; never a second
 *   copy (rows are keyed by their random id). A row both sides changed keeps the later HLC and records the other.
 * - `fieldMerge`: editable profile fields. Merged per field against the row the device last agreed with the hub
 *   (`base`): a field only the device changed is taken; one both changed to different values is a conflict for the
 *   SV (syncConflicts), the later HLC holding it until then.
 * - `hubAuthoritative`: legal and financial state. A device may send only what `deviceMayChange` allows (drafts,
 *   queued requests); anything else — an approval, a stage beyond draft, a ticket issued, a debt, a payment — puts
 *   the whole bundle in quarantine.
 * - `localOnly`: never leaves the device (derived indexes, its own drafts and queues, sync state); audit entries
 *   travel apart, as the device's chain.
 */
export type MergePolicy = 'union' | 'fieldMerge' | 'hubAuthoritative' | 'localOnly';

export const mergePolicyLabels: Record<MergePolicy, string> = {
  union: '和集合（追記のみ）',
  fieldMerge: '項目ごとに統合（HLC、競合は査察指導員へ）',
  hubAuthoritative: 'ハブが正（端末からは起案・依頼のみ）',
  localOnly: '端末内のみ（同期しない）',
};

export const mergePolicies: Record<TableName, { policy: MergePolicy; why: string }> = {
  offices: { policy: 'hubAuthoritative', why: 'the office is set up on the hub' },
  users: { policy: 'hubAuthoritative', why: 'staff accounts and roles are the administrator’s, on the hub' },
  devices: { policy: 'hubAuthoritative', why: 'the device registry: enrolment and revocation happen on the hub' },
  households: { policy: 'fieldMerge', why: '世帯: address, phone, housing edited on visits and in the office' },
  members: { policy: 'fieldMerge', why: '世帯員 attributes; 個人番号 never comes from a field device (fieldDevice.ts)' },
  visitPlans: { policy: 'fieldMerge', why: 'plan dates and grade, moved by visits recorded anywhere' },
  consultations: { policy: 'union', why: '相談 records, written once by intake' },
  applications: { policy: 'union', why: '申請 records, written once by intake' },
  calculations: { policy: 'union', why: 'each 保護費算定 is a record of its own' },
  caseRecords: { policy: 'union', why: 'ケース記録, 訪問, 調査: append-only notes' },
  decisions: { policy: 'hubAuthoritative', why: '決定 and its approvals: a device sends drafts (stage 起案中) only' },
  medicalTickets: { policy: 'hubAuthoritative', why: '医療券 are issued on the hub' },
  debts: { policy: 'hubAuthoritative', why: '債権 ledgers' },
  payments: { policy: 'hubAuthoritative', why: 'the accounting run' },
  linkageRecords: { policy: 'hubAuthoritative', why: 'the linkage ledger: a device sends only what it queued (pending or held back)' },
  provisionRecords: { policy: 'hubAuthoritative', why: '番号法§23 records are written where the exchange runs' },
  householdSearch: { policy: 'localOnly', why: 'derived per device from the rows' },
  drafts: { policy: 'localOnly', why: 'a user’s unsaved form on this device' },
  outbox: { policy: 'localOnly', why: 'what this device has to send: the bundle carries its content' },
  inbox: { policy: 'localOnly', why: 'what this device received' },
  audit: { policy: 'localOnly', why: 'travels as the device’s own chain (deviceAudit on the hub), not as rows' },
  counters: { policy: 'localOnly', why: 'this device’s sequence numbers' },
  syncPeers: { policy: 'localOnly', why: 'this device’s sync state' },
  syncConflicts: { policy: 'localOnly', why: 'the hub’s work list for the SV' },
  syncQuarantine: { policy: 'localOnly', why: 'the hub’s work list for the administrator' },
  deviceAudit: { policy: 'localOnly', why: 'the other devices’ chains, kept on the hub' },
  privacyRequests: { policy: 'localOnly', why: '開示等請求: kept on the device of the staff who register them (sync to the hub: not yet)' },
  incidents: { policy: 'localOnly', why: '漏えい等事案: kept where registered (sync to the hub: not yet)' },
  trainingRecords: { policy: 'localOnly', why: '研修の記録: kept where registered (sync to the hub: not yet)' },
  piaAssessment: { policy: 'localOnly', why: 'the office’s filed PIA: kept where registered (sync to the hub: not yet)' },
};

export const policyOf = (table: string): MergePolicy | undefined =>
  Object.hasOwn(mergePolicies, table) ? mergePolicies[table as TableName].policy : undefined;

/**
 * The tables a hub entry keeps a `base` for (outbox.ts): the ones merged per field, and the union tables — a record
 * edited on a device (a 相談 marked applied, a note corrected) then merges against what it was, and only a field the
 * hub changed too is a conflict.
 */
export const keepsBase = (table: string): boolean => {
  const policy = policyOf(table);
  return policy === 'fieldMerge' || policy === 'union';
};

/** The ledger states a device's own queueing sets (linkage/ledger.ts): pending, or held back for 不開示 or a missing entry. */
const queuedLinkageStates: ReadonlySet<unknown> = new Set(['pending', 'blocked', 'suppressed']);

/**
 * Whether a device may send this change of a hub-authoritative table, given the hub's current row (undefined:
 * none): null if it may, else why not, in Japanese, for the quarantine list.
 */
export function deviceMayChange(
  table: string,
  op: 'put' | 'delete',
  row: Record<string, unknown> | null,
  hubRow: Record<string, unknown> | undefined,
): string | null {
  const label = tableLabels[table] ?? table;
  if (op === 'delete') return `${label}の削除はハブでのみ行えます`;
  if (table === 'decisions') {
    // Sent again (the hub's return of it was lost): the hub holds this version already, re-stamped.
    if (hubRow && row && sameContent(row, hubRow)) return null;
    if (row?.stage !== 'draft' && !submittedByDrafter(row)) {
      const stage = approvalStageLabels[row?.stage as keyof typeof approvalStageLabels] ?? String(row?.stage);
      return `決定の起案中以外の段階（${stage}）は端末から送れません（起案と提出だけができます。審査・決裁はハブで行います）`;
    }
    if (hubRow && hubRow.stage !== 'draft' && hubRow.stage !== 'returned') return 'ハブで審査・決裁に進んだ決定を端末の起案で上書きすることはできません';
    return null;
  }
  if (table === 'linkageRecords') {
    if (!queuedLinkageStates.has(row?.status)) return `連携記録の状態（${String(row?.status)}）はハブでのみ変わります`;
    if (hubRow && !queuedLinkageStates.has(hubRow.status)) return 'ハブで送信済みの連携記録を端末から変えることはできません';
    return null;
  }
  return `${label}はハブでのみ変更できます（端末から送られた変更は適用しません）`;
}

const sameContent = (a: Record<string, unknown>, b: Record<string, unknown>) => canonicalJson({ ...a, hlc: null }) === canonicalJson({ ...b, hlc: null });

/** A draft its drafter submitted for the SV's review: the request a device may send with it (no approval in it). */
function submittedByDrafter(row: Record<string, unknown> | null): boolean {
  if (row?.stage !== 'supervisorReview' || !Array.isArray(row.history)) return false;
  const last = row.history.at(-1) as { type?: unknown; staffId?: unknown } | undefined;
  return last?.type === 'submit' && last.staffId === row.draftedBy;
}

/**
 * On a device enrolled to a hub, why this write of a hub-authoritative table is refused (null: it may be made) —
 * the rule the hub's import applies, applied where the change would be made, so it is refused on the screen in
 * Japanese instead of holding every later bundle. A device set up as its own office (no hub) writes everything.
 */
export function hubOnlyRefusal(device: DeviceIdentity, table: string, op: 'put' | 'delete', row: Record<string, unknown> | null): string | null {
  if (device.profile === 'hub' || !device.hubDeviceId || policyOf(table) !== 'hubAuthoritative') return null;
  return deviceMayChange(table, op, row, undefined);
}

/** Japanese names of the tables, for reasons and reports. */
export const tableLabels: Record<string, string> = {
  offices: '事務所',
  users: '職員',
  devices: '端末',
  households: '世帯',
  members: '世帯員',
  visitPlans: '訪問計画',
  consultations: '相談',
  applications: '申請',
  calculations: '保護費算定',
  caseRecords: 'ケース記録',
  decisions: '決定',
  medicalTickets: '医療券',
  debts: '債権',
  payments: '支払',
  linkageRecords: '連携記録',
  provisionRecords: '提供記録',
};
