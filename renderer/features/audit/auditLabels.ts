import { roleLabels } from '../../../shared/auth/roles';
import type { AuditEntry, AuditKind } from '../../data/audit';
import { tableLabels } from '../../data/tableLabels';
import { isDamaged, type DamagedRecord } from '../../data/errors';
import { recordFieldLabel } from './recordFieldLabels';

/**
 * How the auditor reads a log entry: the kind in Japanese and a one-line summary that names the case by its
 * ケース番号, tables and fields by their Japanese names and the vault's reasons in words. The summary names records
 * and fields, never values — a search's words or a reveal's reason stay in the sealed entry (and the audited
 * JSON export), so the list on screen is not a second copy of the case file. The screen and the CSV export read
 * entries through these same functions.
 */

export const auditKindLabels: Record<AuditKind, string> = {
  login: 'ログイン',
  unlock: 'ロック解除',
  failedUnlock: 'ロック解除の失敗',
  lock: 'ロック',
  caseOpened: 'ケースの表示',
  search: '検索',
  reveal: '個人番号の表示',
  print: '印刷',
  export: '出力',
  create: '作成',
  update: '更新',
  delete: '削除',
  userChanged: '職員情報の変更',
  roleChanged: '役割の変更',
  import: '取込み',
  retentionPurge: '保存期間経過による削除',
  vaultEvent: '鍵管理',
};

/** The security-relevant settings main audits (main/settings/settingsAudit.ts), as the auditor reads them. */
const settingLabels: Record<string, string> = {
  idleLockMinutes: '自動ロックまでの時間',
  'linkage.peerPublicKey': '相手方の公開鍵',
  'linkage.exchangeDir': '連携フォルダ',
  'linkage.officeCode': '団体コード',
  'linkage.payerNumber': '公費負担者番号',
  'linkage.items': '連携項目と根拠法令',
  'linkage.requireSealedResults': '結果ファイルの暗号化の要求',
  'linkage.officeKeys': '事務所の鍵の世代',
  syncFolder: '同期フォルダ',
};

const vaultEventLabels: Record<string, string> = {
  initialized: '初期設定',
  unlock: 'ロック解除',
  failedUnlock: 'ロック解除の失敗',
  lock: 'ロック',
  accountLocked: 'アカウントのロック',
  accountUnlocked: 'アカウントのロック解除',
  userAdded: '利用者の追加',
  passphraseChanged: 'パスフレーズの変更',
  userDeactivated: '利用者の無効化',
  userProfileChanged: '利用者の役割・班の変更',
  keyRotationStarted: 'データ鍵の更新開始',
  keyRotationFinished: 'データ鍵の更新完了',
  backupSignerAttested: 'バックアップ署名鍵の登録（回復キー）',
  settingsChanged: '安全に関わる設定の変更',
  deviceEnrolled: '端末の登録（登録ファイルの作成）',
  setUpFromEnrolment: '登録ファイルからの端末の設定',
};

const exportLabels: Record<string, string> = {
  audit: '監査ログ',
  backup: 'バックアップ',
  linkageExchange: '連携ファイル',
  linkageResults: '連携の結果ファイル',
  provisionRecords: '提供・照会記録',
  hubBundle: 'ハブからの同期ファイル',
};

/** Sync files are logged as `<what>:<device>:<seq>` or `<what>:<file>`: named by what they are, the rest dropped. */
const syncFileLabels: Record<string, string> = {
  syncBundle: '端末からの同期ファイル',
  syncQuarantined: '保留した同期ファイル',
  syncRefused: '拒否した同期ファイル',
};

const whatLabel = (what: string): string => exportLabels[what] ?? syncFileLabels[what.split(':')[0]!] ?? what;

/** The reasons and codes the vault records, in words (main/vault/vault.ts). */
const lockReasonLabels: Record<string, string> = {
  manual: '本人の操作',
  idle: '一定時間操作がなかったため',
  suspend: '端末の休止',
  userSwitch: '利用者の切替え',
  deactivated: '利用者の無効化',
};
const rotationReasonLabels: Record<string, string> = { manual: '管理者の操作', deactivation: '利用者の無効化に伴う更新' };
const unlockFailureLabels: Record<string, string> = {
  WRONG_PASSPHRASE: 'ログインIDまたはパスフレーズの誤り',
  THROTTLED: '試行間隔の制限中',
  ACCOUNT_LOCKED: 'アカウントのロック中',
  NO_SUCH_USER: '登録のないログインID',
  DEACTIVATED: '無効化された利用者',
  KEYSTORE_DAMAGED: '鍵ファイルの破損',
  NOT_INITIALIZED: '初期設定前の端末',
};
const passphraseViaLabels: Record<string, string> = { self: '本人が変更', recovery: '回復キーで再設定' };

const tableLabel = (table: string): string => tableLabels[table as keyof typeof tableLabels] ?? table;

/** A name for an actor id: the staff directory's name, or what the id stands for. */
export type NameOf = (userId: string | null) => string;

/** How entries name people and cases: staff by name, households by their ケース番号. */
export interface AuditReaders {
  nameOf: NameOf;
  /** The case number of a household id, from the page the log answered (AuditPage.caseNumbers). */
  caseNumbers: Readonly<Record<string, string>>;
}

/** A household as the auditor reads it; one whose row is gone or unreadable is said to be so, not shown as an id. */
export const caseOf = (readers: AuditReaders, householdId: string): string =>
  readers.caseNumbers[householdId] ? `ケース ${readers.caseNumbers[householdId]}` : 'ケース番号不明（削除済みまたは読めない世帯）';

export function kindLabel(entry: AuditEntry | DamagedRecord): string {
  if (isDamaged(entry)) return '—';
  if (entry.kind === 'vaultEvent') return `鍵管理: ${vaultEventLabels[entry.detail.type] ?? entry.detail.type}`;
  return auditKindLabels[entry.kind];
}

/** The ケース番号 of the case an entry is about, or '' (a column of the CSV). */
export function caseNumberOf(entry: AuditEntry | DamagedRecord, readers: AuditReaders): string {
  if (isDamaged(entry) || !('householdId' in entry.detail) || !entry.detail.householdId) return '';
  return readers.caseNumbers[entry.detail.householdId] ?? '';
}

function vaultSummary(detail: Extract<AuditEntry, { kind: 'vaultEvent' }>['detail'], nameOf: NameOf): string {
  const { data, userId, type } = detail;
  const parts = [userId ? nameOf(userId) : '', typeof data.loginId === 'string' ? `ログインID ${data.loginId}` : ''];
  if (typeof data.code === 'string') parts.push(unlockFailureLabels[data.code] ?? data.code);
  if (typeof data.failedAttempts === 'number') parts.push(`失敗 ${data.failedAttempts} 回`);
  if (typeof data.reason === 'string') {
    const reasons = type === 'keyRotationStarted' ? rotationReasonLabels : lockReasonLabels;
    parts.push(`理由: ${reasons[data.reason] ?? data.reason}`);
  }
  if (typeof data.via === 'string') parts.push(passphraseViaLabels[data.via] ?? data.via);
  if (data.admin === true) parts.push('システム管理者として追加');
  if (data.rotateKey === true) parts.push('データ鍵も更新');
  if (typeof data.fields === 'string') parts.push(data.fields.split(',').map(recordFieldLabel).join('、'));
  if (typeof data.rowsResealed === 'number') parts.push(`再暗号化 ${data.rowsResealed} 件`);
  if (typeof data.by === 'string') parts.push(`操作者 ${nameOf(data.by)}`);
  // Fingerprints only: the log says that a trusted value changed and to what, never the value itself.
  if (typeof data.field === 'string') {
    const fingerprint = (value: unknown) => (typeof value === 'string' ? value : '未設定');
    parts.push(`${settingLabels[data.field] ?? data.field}: 指紋 ${fingerprint(data.before)} → ${fingerprint(data.after)}`);
  }
  return parts.filter(Boolean).join('・');
}

export function auditSummary(entry: AuditEntry | DamagedRecord, readers: AuditReaders): string {
  if (isDamaged(entry)) return entry.__integrityError;
  const { nameOf } = readers;
  const fields = (names: readonly string[]) => names.map(recordFieldLabel).join('、');
  switch (entry.kind) {
    case 'login':
    case 'unlock':
    case 'lock':
      return '';
    case 'failedUnlock':
      return `連続 ${entry.detail.attempts} 回目`;
    case 'caseOpened':
      return caseOf(readers, entry.detail.householdId);
    case 'search':
      return `該当 ${entry.detail.resultCount} 件（検索語は表示しません）`;
    case 'reveal':
      return `${caseOf(readers, entry.detail.householdId)} の世帯員（理由の記載あり）`;
    case 'print':
    case 'export':
      return `${whatLabel(entry.detail.what)} ${entry.detail.count} 件${entry.detail.householdId ? `（${caseOf(readers, entry.detail.householdId)}）` : ''}`;
    case 'create':
    case 'update':
    case 'delete': {
      const { table, recordId, householdId } = entry.detail;
      // A staff record is named by the person; a case's record by its case; other records by their table alone.
      const whose = table === 'users' ? ` ${nameOf(recordId)}` : householdId ? `（${caseOf(readers, householdId)}）` : '';
      return `${tableLabel(table)}${whose}${entry.detail.fields.length ? `: ${fields(entry.detail.fields)}` : ''}`;
    }
    case 'userChanged':
      return `${nameOf(entry.detail.userId)}: ${fields(entry.detail.fields)}`;
    case 'import':
      return `${whatLabel(entry.detail.what)} ${entry.detail.count} 件`;
    case 'retentionPurge':
      return `${exportLabels[entry.detail.table] ?? tableLabel(entry.detail.table)} ${entry.detail.count} 件（${entry.detail.before} より前に保存期間が満了）`;
    case 'roleChanged':
      return `${nameOf(entry.detail.userId)}: ${entry.detail.from ? roleLabels[entry.detail.from] : '（新規）'} → ${roleLabels[entry.detail.to]}`;
    case 'vaultEvent':
      return vaultSummary(entry.detail, nameOf);
  }
}
