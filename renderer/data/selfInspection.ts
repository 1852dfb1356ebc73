import { roleLabels, type Role } from '../../shared/auth/roles.js';
import type { Device, User } from '../../shared/domain/records.js';
import type { Session } from '../../shared/domain/staff.js';
import { uuidv7 } from '../../shared/ids/uuidv7.js';
import { decisionDeadline } from '../../shared/pia/requestDeadlines.js';
import type { PrivacyRequest, TrainingRecord } from '../../shared/pia/records.js';
import { untrainedStaff } from '../../shared/pia/training.js';
import { assertSession, roleReachesMyNumber } from './access.js';
import { appendAudit, walkAuditChain, type AuditEntry } from './audit.js';
import type { DataStore } from './db.js';
import { AccessDeniedError, InvalidRecordError, isDamaged, type DamagedRecord } from './errors.js';
import type { DeviceAuditEntry, SyncPeer } from './schema.js';
import { verifyDeviceAudit } from './sync/deviceAudit.js';

/**
 * 自己点検 (the PIA's IV 8): the office's self-inspection answered from its own records — main's key store, the staff
 * directory, the device registry and sync state, the PIA registers and the audit log (this device's chain, and on the
 * hub every device's). The log is read in chunks by seq with progress; each rule is a pure function of what the scan
 * gathered, with its threshold as data (`inspectionRules`). The 監査担当 runs it and signs it off; the システム管理者
 * may read the kept reports; everyone else is refused.
 */

/** The thresholds, as data: the report keeps the ones it ran with. */
export const inspectionRules = {
  /** An active account with no unlock for this many days is 長期未使用. */
  unusedDays: 90,
  /** A user's 個人番号 reveals on one day are unusual above this many, or above `revealMedianFactor` × their median day. */
  revealsPerDay: 20,
  revealMedianFactor: 3,
  /** 執務時間: weekdays (0 = Sunday) from `start` to `end`, local time of the office (Japan: UTC+9, no summer time). 祝日 are not considered. */
  officeHours: { weekdays: [1, 2, 3, 4, 5], start: '08:30', end: '17:15', utcOffsetMinutes: 540 },
  /** A device not synced (no bundle applied on the hub) for this many days. */
  silentDeviceDays: 30,
  /** The last backup must be newer than this many days. */
  backupMaxDays: 7,
};
export type InspectionRules = typeof inspectionRules;

export const checkKinds = [
  'departedWithKeySlot',
  'departedOnDevice',
  'unusedAccount',
  'myNumberRole',
  'revealVolume',
  'offHours',
  'exportsPrints',
  'failedLogins',
  'silentDevice',
  'revokedDevice',
  'auditChain',
  'backup',
  'overdueRequest',
  'untrainedStaff',
] as const;
export type CheckKind = (typeof checkKinds)[number];

/** A record behind a finding: a user, a device, an audit entry (`<device id>:<seq>`) or a 開示等請求. */
export interface InspectionRef {
  kind: 'user' | 'device' | 'audit' | 'request';
  id: string;
  label: string;
  at?: string;
  detail?: string;
}

export const refKindLabels: Record<InspectionRef['kind'], string> = { user: '職員', device: '端末', audit: '監査ログ', request: '開示等請求' };

export interface InspectionCheck {
  kind: CheckKind;
  title: string;
  /** The rule with its threshold, as the report prints it. */
  rule: string;
  status: 'clear' | 'found' | 'unavailable';
  /** How many records the rule found; `refs` holds at most MAX_REFS of them. */
  count: number;
  refs: InspectionRef[];
  note?: string;
}

export interface RevealSummary {
  userId: string;
  name: string;
  count: number;
  reasons: { reason: string; count: number }[];
  unusualDays: { day: string; count: number }[];
}

export interface InspectionReport {
  id: string;
  ranAt: string;
  ranBy: string;
  ranByName: string;
  /** Inclusive dates (YYYY-MM-DD, office time) of the log entries judged; accounts and devices are judged as of `ranAt`. */
  period: { from: string; to: string };
  rules: InspectionRules;
  /** Audit entries read (this device's and, on the hub, the other devices'). */
  scanned: number;
  checks: InspectionCheck[];
  /** 取扱者: active accounts whose role reaches 個人番号. */
  handlers: { userId: string; name: string; role: Role; roleLabel: string }[];
  reveals: RevealSummary[];
  signOff: { by: string; name: string; at: string } | null;
}

/** A key-store user as main lists it (only the fields the inspection reads). */
export interface KeyStoreUser {
  userId: string;
  loginId: string;
  status: 'active' | 'deactivated';
  createdAt: string;
}

export const MAX_REFS = 200;
const CHUNK = 2000;
const DAY = 86_400_000;

/** Who may run and read: the rule beside access.ts's, in the data layer so no screen can skip it. */
export function assertMaySelfInspect(store: DataStore, session: Session, access: 'run' | 'read'): void {
  assertSession(store, session);
  if (session.role === 'auditor') return;
  if (access === 'read' && session.role === 'systemAdmin') return;
  throw new AccessDeniedError(`${roleLabels[session.role]}は自己点検を${access === 'run' ? '実施' : '閲覧'}できません`);
}

const minutesOf = (hhmm: string) => Number(hhmm.slice(0, 2)) * 60 + Number(hhmm.slice(3, 5));

/** The office's local date and whether `iso` falls outside 執務時間. */
export function officeTime(iso: string, rules: InspectionRules = inspectionRules): { day: string; outside: boolean } {
  const local = new Date(Date.parse(iso) + rules.officeHours.utcOffsetMinutes * 60_000);
  const minutes = local.getUTCHours() * 60 + local.getUTCMinutes();
  const inHours =
    rules.officeHours.weekdays.includes(local.getUTCDay()) && minutes >= minutesOf(rules.officeHours.start) && minutes < minutesOf(rules.officeHours.end);
  return { day: local.toISOString().slice(0, 10), outside: !inHours };
}

/** The days whose count is unusual for this user: above the fixed ceiling, or above factor × the median of their days. */
export function unusualRevealDays(perDay: ReadonlyMap<string, number>, rules: InspectionRules = inspectionRules): { day: string; count: number }[] {
  const counts = [...perDay.values()].sort((a, b) => a - b);
  const mid = Math.floor(counts.length / 2);
  const median = counts.length === 0 ? 0 : counts.length % 2 ? counts[mid]! : (counts[mid - 1]! + counts[mid]!) / 2;
  return [...perDay]
    .filter(([, count]) => count > rules.revealsPerDay || (counts.length > 1 && count > rules.revealMedianFactor * median))
    .map(([day, count]) => ({ day, count }))
    .sort((a, b) => a.day.localeCompare(b.day));
}

/** What counts as access to the file for the 執務時間 check, as the report names it (vault events: the unlock itself). */
const accessLabels: Partial<Record<AuditEntry['kind'], string>> = {
  login: 'ログイン',
  unlock: 'ログイン',
  caseOpened: 'ケースの閲覧',
  search: '検索',
  reveal: '個人番号の表示',
  print: '印刷',
  export: '出力',
  create: '登録',
  update: '変更',
  delete: '削除',
};
const accessKinds = new Set(Object.keys(accessLabels));

/** What the scan of the log keeps: a few aggregates and the (capped) records behind each finding. */
type RevealFacts = { count: number; reasons: Map<string, number>; perDay: Map<string, number>; refs: InspectionRef[] };

class LogFacts {
  scanned = 0;
  lastUnlock = new Map<string, string>();
  slotRemoved = new Set<string>();
  /** When the key store added each account (its vault events), for an account never unlocked. */
  slotAdded = new Map<string, string>();
  lastBackup: InspectionRef | null = null;
  revealsPerUser = new Map<string, RevealFacts>();
  found = new Map<CheckKind, { count: number; refs: InspectionRef[] }>();

  constructor(
    readonly period: { from: string; to: string },
    readonly rules: InspectionRules,
    readonly userName: (id: string) => string,
  ) {}

  note(kind: CheckKind, ref: InspectionRef) {
    const entry = this.found.get(kind) ?? { count: 0, refs: [] };
    entry.count += 1;
    if (entry.refs.length < MAX_REFS) entry.refs.push(ref);
    this.found.set(kind, entry);
  }

  /** One opened entry of `deviceLabel`'s chain. */
  take(entry: AuditEntry, deviceId: string, deviceLabel: string) {
    this.scanned += 1;
    const ref = (detail?: string): InspectionRef => ({
      kind: 'audit',
      id: `${deviceId}:${entry.seq}`,
      label: `${deviceLabel} ${entry.seq} 番`,
      at: entry.at,
      ...(detail && { detail }),
    });
    const vault = entry.kind === 'vaultEvent' ? entry.detail : null;
    if (vault?.type === 'unlock' && vault.userId) this.later(this.lastUnlock, vault.userId, vault.at);
    if ((entry.kind === 'unlock' || entry.kind === 'login') && entry.actor) this.later(this.lastUnlock, entry.actor, entry.at);
    if (vault?.type === 'userDeactivated' && vault.userId) this.slotRemoved.add(vault.userId);
    if (vault && ['userAdded', 'initialized', 'setUpFromEnrolment'].includes(vault.type) && vault.userId) this.slotAdded.set(vault.userId, vault.at);
    if (entry.kind === 'export' && entry.detail.what === 'backup' && (!this.lastBackup || this.lastBackup.at! < entry.at))
      this.lastBackup = ref('バックアップ');

    const { day, outside } = officeTime(entry.at, this.rules);
    if (day < this.period.from || day > this.period.to) return;
    switch (entry.kind) {
      case 'reveal': {
        const user: RevealFacts = this.revealsPerUser.get(entry.actor) ?? { count: 0, reasons: new Map(), perDay: new Map(), refs: [] };
        user.count += 1;
        user.reasons.set(entry.detail.reason, (user.reasons.get(entry.detail.reason) ?? 0) + 1);
        user.perDay.set(day, (user.perDay.get(day) ?? 0) + 1);
        if (user.refs.length < MAX_REFS) user.refs.push(ref(`理由: ${entry.detail.reason}`));
        this.revealsPerUser.set(entry.actor, user);
        break;
      }
      case 'print':
      case 'export':
        // Backups are judged by the backup check (the last one and its age).
        if (entry.detail.what === 'backup') break;
        this.note('exportsPrints', ref(`${entry.kind === 'print' ? '印刷' : '出力'}: ${entry.detail.what}（${entry.detail.count}件）`));
        break;
      case 'failedUnlock':
        this.note('failedLogins', ref(`ログイン失敗（${entry.detail.attempts}回目）`));
        break;
      case 'vaultEvent':
        if (entry.detail.type === 'failedUnlock') this.note('failedLogins', ref(`ログイン失敗（ログインID: ${String(entry.detail.data.loginId ?? '不明')}）`));
        if (entry.detail.type === 'accountLocked') this.note('failedLogins', ref('アカウントのロック'));
        break;
    }
    if (outside && accessKinds.has(entry.kind)) this.note('offHours', ref(`${accessLabels[entry.kind] ?? entry.kind}: ${this.userName(entry.actor)}`));
  }

  private later(map: Map<string, string>, key: string, at: string) {
    if ((map.get(key) ?? '') < at) map.set(key, at);
  }
}

export interface InspectionInput {
  period: { from: string; to: string };
  /** Main's key store as main listed it; null when main would not list it to this session (then the log's vault events stand in). */
  keyStore: KeyStoreUser[] | null;
  progress?: (done: number, total: number) => void;
}

/** Runs the inspection and keeps the report (in `drafts`, see the README); returns it. */
export async function runSelfInspection(store: DataStore, session: Session, input: InspectionInput): Promise<InspectionReport> {
  assertMaySelfInspect(store, session, 'run');
  const { from, to } = input.period;
  if (!/^\d{4}-\d{2}-\d{2}$/.test(from)) throw new InvalidRecordError('from', '期間（開始日）: 点検期間の開始日を入力してください');
  if (!/^\d{4}-\d{2}-\d{2}$/.test(to)) throw new InvalidRecordError('to', '期間（終了日）: 点検期間の終了日を入力してください');
  if (from > to) throw new InvalidRecordError('to', '期間: 開始日が終了日より後になっています');
  const rules = inspectionRules;
  const { db } = store;
  const now = store.now();
  const ranAt = new Date(now).toISOString();
  const opened = <T>(rows: (T | DamagedRecord | undefined)[]) => rows.filter((row): row is T => row !== undefined && !isDamaged(row));
  const [users, devices, peers, requests, trainings] = await Promise.all([
    db.users.toArray().then(opened<User>),
    db.devices.toArray().then(opened<Device>),
    db.syncPeers.toArray().then(opened<SyncPeer>),
    db.privacyRequests.toArray().then(opened<PrivacyRequest>),
    db.trainingRecords.toArray().then(opened<TrainingRecord>),
  ]);
  const userName = (id: string) => users.find((user) => user.id === id)?.name ?? id;
  const deviceName = (id: string) => (id === store.device.id ? 'この端末' : (devices.find((device) => device.id === id)?.name ?? `登録簿にない端末（${id}）`));

  // The log: this device's chain, then (on the hub) the other devices' stored chains, each in chunks by seq.
  const facts = new LogFacts(input.period, rules, userName);
  const [ownTotal, otherTotal] = await Promise.all([db.audit.count(), db.deviceAudit.count()]);
  const total = ownTotal + otherTotal;
  input.progress?.(0, total);
  // This device's chain is checked in the same pass that reads it (audit.ts walks it in one read transaction).
  const own = await walkAuditChain(store, {
    pageSize: CHUNK,
    visit: (entry) => facts.take(entry, store.device.id, 'この端末'),
    onPage: () => input.progress?.(Math.min(facts.scanned, total), total),
  });
  const chainResults: { deviceId: string; problems: string[] }[] = [{ deviceId: store.device.id, problems: own.ok ? [] : [own.message] }];
  const otherChains = new Map<string, { seq: number; head: string | null; problems: string[] }>();
  for (let after = ''; ; ) {
    const rows = (await db.deviceAudit.where(':id').above(after).limit(CHUNK).toArray()) as (DeviceAuditEntry | DamagedRecord)[];
    if (rows.length === 0) break;
    const keys = (await db.deviceAudit.where(':id').above(after).limit(CHUNK).primaryKeys()) as string[];
    for (const [i, row] of rows.entries()) {
      const deviceId = keys[i]!.slice(0, keys[i]!.lastIndexOf(':'));
      const chain = otherChains.get(deviceId) ?? { seq: 0, head: null, problems: [] };
      otherChains.set(deviceId, chain);
      if (isDamaged(row)) {
        chain.problems.push(`端末の監査ログ ${Number(keys[i]!.slice(deviceId.length + 1))} 番は改ざんまたは破損しています`);
        continue;
      }
      // The hub's own check at import, run again over what is stored: an entry edited since is caught here.
      const checked = verifyDeviceAudit(store, { auditAcknowledged: chain.seq, auditHead: chain.head } as SyncPeer, [row.entry]);
      chain.problems.push(...checked.problems);
      [chain.seq, chain.head] = [checked.seq, checked.head];
      facts.take(row.entry as unknown as AuditEntry, deviceId, deviceName(deviceId));
    }
    after = keys.at(-1)!;
    input.progress?.(Math.min(facts.scanned, total), total);
  }
  for (const peer of peers) {
    const chain = otherChains.get(peer.id);
    const problems = [...new Set([...peer.auditProblems.map((problem) => problem.message), ...(chain?.problems ?? [])])];
    if (chain || problems.length > 0) chainResults.push({ deviceId: peer.id, problems });
  }
  input.progress?.(total, total);

  const checks = judge({ now, rules, users, devices, peers, requests, trainings, keyStore: input.keyStore, facts, chainResults, userName, deviceName });
  const handlers = users
    .filter((user) => user.status === 'active' && roleReachesMyNumber(user.role))
    .map((user) => ({ userId: user.id, name: user.name, role: user.role, roleLabel: roleLabels[user.role] }));
  const reveals = [...facts.revealsPerUser].map(([userId, user]) => ({
    userId,
    name: userName(userId),
    count: user.count,
    reasons: [...user.reasons].map(([reason, count]) => ({ reason, count })).sort((a, b) => b.count - a.count),
    unusualDays: unusualRevealDays(user.perDay, rules),
  }));
  const report: InspectionReport = {
    id: uuidv7(),
    ranAt,
    ranBy: session.userId,
    ranByName: userName(session.userId),
    period: input.period,
    rules,
    scanned: facts.scanned,
    checks,
    handlers,
    reveals,
    signOff: null,
  };
  await keepReport(store, session, report, 'create', ['selfInspection']);
  return report;
}

interface Judged {
  now: number;
  rules: InspectionRules;
  users: User[];
  devices: Device[];
  peers: SyncPeer[];
  requests: PrivacyRequest[];
  trainings: TrainingRecord[];
  keyStore: KeyStoreUser[] | null;
  facts: LogFacts;
  chainResults: { deviceId: string; problems: string[] }[];
  userName: (id: string) => string;
  deviceName: (id: string) => string;
}

const titles: Record<CheckKind, string> = {
  departedWithKeySlot: '無効化・退職した職員の鍵スロット',
  departedOnDevice: '無効化・退職した職員が登録された端末',
  unusedAccount: '長期間使われていないアカウント',
  myNumberRole: '個人番号に触れられない役割による表示',
  revealVolume: '個人番号の表示件数が通常と異なる職員',
  offHours: '執務時間外のアクセス',
  exportsPrints: '出力・印刷',
  failedLogins: 'ログインの失敗とアカウントのロック',
  silentDevice: '長期間同期していない端末',
  revokedDevice: '失効した端末',
  auditChain: '監査ログの検証（端末ごと）',
  backup: '最終バックアップ',
  overdueRequest: '決定期限を過ぎた開示等請求',
  untrainedStaff: '今年度の研修を受けていない職員',
};

/** The rules over what was gathered: pure, one check per kind, in the order of `checkKinds`. */
export function judge(j: Judged): InspectionCheck[] {
  const { rules, facts } = j;
  const today = officeTime(new Date(j.now).toISOString(), rules).day;
  const daysAgo = (iso: string) => Math.floor((j.now - Date.parse(iso)) / DAY);
  const userRef = (user: { id: string; name: string }, detail?: string): InspectionRef => ({
    kind: 'user',
    id: user.id,
    label: user.name,
    ...(detail && { detail }),
  });
  const deviceRef = (device: Device, detail?: string): InspectionRef => ({ kind: 'device', id: device.id, label: device.name, ...(detail && { detail }) });
  const out = new Map<CheckKind, { refs: InspectionRef[]; count?: number; rule: string; note?: string; unavailable?: boolean }>();

  const departed = j.users.filter((user) => user.status === 'deactivated');
  // A slot is held when main lists the account active; without main's list, when the log shows it added and never removed.
  const holdsSlot = (id: string) =>
    j.keyStore ? j.keyStore.some((user) => user.userId === id && user.status === 'active') : facts.slotAdded.has(id) && !facts.slotRemoved.has(id);
  out.set('departedWithKeySlot', {
    rule: '職員名簿で無効化された職員の鍵スロットが鍵ストアに残っている',
    refs: departed.filter((user) => holdsSlot(user.id)).map((user) => userRef(user, '鍵スロットあり')),
    ...(!j.keyStore && { note: '鍵ストアの一覧はシステム管理者だけが読めるため、鍵ストアの記録（監査ログの追加・無効化）から判定しました' }),
  });
  out.set('departedOnDevice', {
    rule: '無効化された職員が端末の利用者または担当ケースに登録されている（失効していない端末）',
    refs: j.devices
      .filter((device) => device.status === 'active')
      .flatMap((device) =>
        departed
          .filter((user) => device.userIds.includes(user.id) || device.caseloadUserIds.includes(user.id))
          .map((user) => userRef(user, `端末: ${device.name}`)),
      ),
  });
  const created = new Map(j.keyStore ? j.keyStore.map((user) => [user.userId, user.createdAt]) : facts.slotAdded);
  out.set('unusedAccount', {
    rule: `有効なアカウントで、最後のログインから${rules.unusedDays}日を超えている（ログインの記録がなければ作成日から）`,
    refs: j.users.flatMap((user) => {
      if (user.status !== 'active') return [];
      const last = facts.lastUnlock.get(user.id) ?? created.get(user.id);
      if (last === undefined) return [userRef(user, 'ログインの記録なし')];
      return daysAgo(last) > rules.unusedDays ? [userRef(user, `最終ログイン ${last.slice(0, 10)}（${daysAgo(last)}日前）`)] : [];
    }),
  });
  const roleOf = new Map(j.users.map((user) => [user.id, user.role]));
  out.set('myNumberRole', {
    rule: '個人番号を表示した職員の現在の役割が個人番号に触れられない（または職員名簿にない）',
    refs: [...facts.revealsPerUser].flatMap(([userId, user]) => {
      const role = roleOf.get(userId);
      return role && roleReachesMyNumber(role)
        ? []
        : user.refs.map((ref) => ({ ...ref, detail: `${j.userName(userId)}（${role ? roleLabels[role] : '名簿にない'}）` }));
    }),
  });
  out.set('revealVolume', {
    rule: `1日の表示が${rules.revealsPerDay}件を超える、またはその職員の1日の中央値の${rules.revealMedianFactor}倍を超える日`,
    refs: [...facts.revealsPerUser].flatMap(([userId, user]) =>
      unusualRevealDays(user.perDay, rules).map(({ day, count }) => ({
        kind: 'user' as const,
        id: userId,
        label: j.userName(userId),
        detail: `${day}: ${count}件`,
      })),
    ),
  });
  const found = (kind: CheckKind) => facts.found.get(kind) ?? { count: 0, refs: [] };
  const { weekdays, start, end } = rules.officeHours;
  out.set('offHours', {
    rule: `執務時間（${weekdays.map((d) => '日月火水木金土'[d]).join('')} ${start}〜${end}、祝日は考慮しない）以外のログイン・閲覧・検索・表示・出力・変更`,
    ...found('offHours'),
  });
  out.set('exportsPrints', { rule: '点検期間中の出力（CSV・PDF など）と印刷のすべて（バックアップは「最終バックアップ」で点検）', ...found('exportsPrints') });
  out.set('failedLogins', { rule: '点検期間中のログイン失敗とアカウントのロックのすべて', ...found('failedLogins') });
  out.set('silentDevice', {
    rule: `失効していない端末で、最後の同期（ハブでの取込み）から${rules.silentDeviceDays}日を超えている（同期の記録がなければ登録日から）`,
    refs: j.devices.flatMap((device) => {
      if (device.status !== 'active') return [];
      const last = j.peers.find((peer) => peer.id === device.id)?.lastAppliedAt ?? null;
      const since = last ?? device.enrolledAt;
      return daysAgo(since) > rules.silentDeviceDays
        ? [deviceRef(device, `${last ? '最終同期' : '登録後未同期'} ${since.slice(0, 10)}（${daysAgo(since)}日前）`)]
        : [];
    }),
  });
  out.set('revokedDevice', {
    rule: '失効した端末のすべて（紛失・盗難の事案と照合する）',
    refs: j.devices
      .filter((device) => device.status === 'revoked')
      .map((device) => deviceRef(device, `${device.revoked?.at.slice(0, 10) ?? ''} 失効: ${device.revoked?.reason ?? ''}`)),
  });
  out.set('auditChain', {
    rule: '端末ごとの監査ログのハッシュ連鎖を検証し、欠落・書換え・破損がある',
    refs: j.chainResults.flatMap(({ deviceId, problems }) =>
      problems.map((problem) => ({ kind: 'device' as const, id: deviceId, label: j.deviceName(deviceId), detail: problem })),
    ),
    note: `検証した端末: ${j.chainResults.map(({ deviceId, problems }) => `${j.deviceName(deviceId)}（${problems.length === 0 ? '正常' : '異常'}）`).join('、')}`,
  });
  const backup = facts.lastBackup;
  out.set('backup', {
    rule: `最後のバックアップから${rules.backupMaxDays}日を超えている、またはバックアップの記録がない`,
    refs: !backup
      ? [{ kind: 'audit', id: 'none', label: 'バックアップの記録がありません' }]
      : daysAgo(backup.at!) > rules.backupMaxDays
        ? [{ ...backup, detail: `最終バックアップ ${backup.at!.slice(0, 10)}（${daysAgo(backup.at!)}日前）` }]
        : [],
    note: `${backup ? `最終バックアップ: ${backup.at!.slice(0, 10)}（${backup.label}）。` : ''}復元テストは監査ログに記録されないため点検できません（手作業で確認してください）`,
  });
  out.set('overdueRequest', {
    rule: '受付中の開示・訂正・利用停止・消去の請求で、決定期限（延長を含む）を過ぎている',
    refs: j.requests
      .filter((request) => request.status === 'open' && decisionDeadline(request) < today)
      .map((request) => ({
        kind: 'request' as const,
        id: request.id,
        label: `${request.receivedOn} 受付の請求`,
        detail: `決定期限 ${decisionDeadline(request)}`,
      })),
  });
  out.set('untrainedStaff', {
    rule: '有効な職員で、今年度（4月〜翌3月）の研修の記録がない',
    refs: untrainedStaff(j.users, j.trainings, today).map((user) => userRef(user)),
  });

  return checkKinds.map((kind) => {
    const { refs, count, rule, note } = out.get(kind)!;
    const total = count ?? refs.length;
    return {
      kind,
      title: titles[kind],
      rule,
      status: total > 0 ? 'found' : 'clear',
      count: total,
      refs: refs.slice(0, MAX_REFS),
      ...(note && { note }),
    };
  });
}

/**
 * Reports are kept in `drafts` (sealed, local to this device, never synced), under an owner no session has, so no
 * user's draft list shows them; the audit log records each one made and signed (create/update on drafts).
 */
const OWNER = 'selfInspection';
const FORM = 'selfInspection/report';

async function keepReport(store: DataStore, session: Session, report: InspectionReport, kind: 'create' | 'update', fields: string[]) {
  const { db } = store;
  await db.transaction('rw', [db.drafts, db.audit, db.counters], async () => {
    await db.drafts.put({ id: report.id, userId: OWNER, householdId: null, form: FORM, updatedAt: new Date(store.now()).toISOString(), data: report });
    await appendAudit(store, session.userId, { kind, detail: { table: 'drafts', recordId: report.id, householdId: null, fields } });
  });
}

/** The kept reports, newest first. */
export async function listSelfInspections(store: DataStore, session: Session): Promise<InspectionReport[]> {
  assertMaySelfInspect(store, session, 'read');
  const rows = await store.db.drafts.where('userId').equals(OWNER).toArray();
  return rows.flatMap((row) => (isDamaged(row) || row.form !== FORM ? [] : [row.data as InspectionReport])).sort((a, b) => b.ranAt.localeCompare(a.ranAt));
}

export async function selfInspectionReport(store: DataStore, session: Session, id: string): Promise<InspectionReport> {
  assertMaySelfInspect(store, session, 'read');
  const row = await store.db.drafts.get(id);
  if (!row || isDamaged(row) || row.userId !== OWNER || row.form !== FORM) throw new InvalidRecordError('id', '自己点検の報告が見つかりません');
  return row.data as InspectionReport;
}

/** 署名: the 監査担当 confirms the report, once. */
export async function signOffSelfInspection(store: DataStore, session: Session, id: string): Promise<InspectionReport> {
  assertMaySelfInspect(store, session, 'run');
  const { db } = store;
  // Read and signed in one transaction: two auditors signing at once cannot both succeed.
  return db.transaction('rw', [db.drafts, db.users, db.audit, db.counters], async () => {
    const report = await selfInspectionReport(store, session, id);
    if (report.signOff) throw new InvalidRecordError('signOff', 'この報告はすでに署名されています');
    const user = await db.users.get(session.userId);
    const name = user && !isDamaged(user) ? user.name : session.userId;
    const signed = { ...report, signOff: { by: session.userId, name, at: new Date(store.now()).toISOString() } };
    await keepReport(store, session, signed, 'update', ['signOff']);
    return signed;
  });
}
