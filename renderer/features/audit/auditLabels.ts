import { roleLabels } from '../../../shared/auth/roles';
import type { AuditEntry, AuditKind } from '../../data/audit';
import { isDamaged, type DamagedRecord } from '../../data/errors';

/**
 * How the auditor reads a log entry: the kind in Japanese and a one-line summary. The summary names records
 * and fields, never values — a search's words or a reveal's reason stay in the sealed entry (and the audited
 * export), so the list on screen is not a second copy of the case file.
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
};

/** A name for an actor id: the staff directory's name, or what the id stands for. */
export type NameOf = (userId: string | null) => string;

const short = (id: string) => id.slice(-8);

export function kindLabel(entry: AuditEntry | DamagedRecord): string {
  if (isDamaged(entry)) return '—';
  if (entry.kind === 'vaultEvent') return `鍵管理: ${vaultEventLabels[entry.detail.type] ?? entry.detail.type}`;
  return auditKindLabels[entry.kind];
}

export function auditSummary(entry: AuditEntry | DamagedRecord, nameOf: NameOf): string {
  if (isDamaged(entry)) return entry.__integrityError;
  switch (entry.kind) {
    case 'login':
    case 'unlock':
    case 'lock':
      return '';
    case 'failedUnlock':
      return `連続 ${entry.detail.attempts} 回目`;
    case 'caseOpened':
      return `世帯 …${short(entry.detail.householdId)}`;
    case 'search':
      return `該当 ${entry.detail.resultCount} 件（検索語は表示しません）`;
    case 'reveal':
      return `世帯 …${short(entry.detail.householdId)} 世帯員 …${short(entry.detail.memberId)}（理由の記載あり）`;
    case 'print':
    case 'export':
      return `${exportLabels[entry.detail.what] ?? entry.detail.what} ${entry.detail.count} 件${entry.detail.householdId ? `（世帯 …${short(entry.detail.householdId)}）` : ''}`;
    case 'create':
    case 'update':
    case 'delete':
      return `${entry.detail.table} …${short(entry.detail.recordId)}${entry.detail.fields.length ? `: ${entry.detail.fields.join('、')}` : ''}`;
    case 'userChanged':
      return `${nameOf(entry.detail.userId)}: ${entry.detail.fields.join('、')}`;
    case 'import':
      return `${exportLabels[entry.detail.what] ?? entry.detail.what} ${entry.detail.count} 件`;
    case 'retentionPurge':
      return `${exportLabels[entry.detail.table] ?? entry.detail.table} ${entry.detail.count} 件（${entry.detail.before} より前に保存期間が満了）`;
    case 'roleChanged':
      return `${nameOf(entry.detail.userId)}: ${entry.detail.from ? roleLabels[entry.detail.from] : '（新規）'} → ${roleLabels[entry.detail.to]}`;
    case 'vaultEvent': {
      const { data, userId } = entry.detail;
      const parts = [userId ? nameOf(userId) : '', typeof data.loginId === 'string' ? `ログインID ${data.loginId}` : ''];
      if (typeof data.failedAttempts === 'number') parts.push(`失敗 ${data.failedAttempts} 回`);
      if (typeof data.reason === 'string') parts.push(`理由 ${data.reason}`);
      if (typeof data.by === 'string') parts.push(`操作者 ${nameOf(data.by)}`);
      // Fingerprints only: the log says that a trusted value changed and to what, never the value itself.
      if (typeof data.field === 'string') {
        const fingerprint = (value: unknown) => (typeof value === 'string' ? value : '未設定');
        parts.push(`${settingLabels[data.field] ?? data.field}: 指紋 ${fingerprint(data.before)} → ${fingerprint(data.after)}`);
      }
      return parts.filter(Boolean).join('・');
    }
  }
}
