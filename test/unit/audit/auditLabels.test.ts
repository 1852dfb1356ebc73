import { describe, expect, test } from 'vitest';
import type { AuditEntry, AuditEvent } from '../../../renderer/data/audit.js';
import { auditFilterOf, describeCriteria, type AuditCriteria } from '../../../renderer/features/audit/auditCriteria.js';
import { auditCsv } from '../../../renderer/features/audit/auditFiles.js';
import { auditSummary, kindLabel, type AuditReaders } from '../../../renderer/features/audit/auditLabels.js';

const household = '0190a5f0-0000-7000-8000-00000000h001';
const staff = new Map([
  ['u-cw', '山田 太郎'],
  ['u-admin', '管理 花子'],
]);
const readers: AuditReaders = {
  nameOf: (id) => (id ? (staff.get(id) ?? '職員名簿にない職員') : '（ログイン前）'),
  caseNumbers: { [household]: 'K-2026-0042' },
};
let seq = 0;
const entry = (event: AuditEvent, actor = 'u-cw'): AuditEntry =>
  ({ ...event, id: `e${++seq}`, seq, at: '2026-11-25T09:00:00.000Z', actor, deviceId: 'd1', prevHash: '0'.repeat(64), hash: 'f'.repeat(64) }) as AuditEntry;

describe('the audit log as the auditor reads it', () => {
  test('cases by case number, tables and fields in Japanese, never an internal id', () => {
    const opened = entry({ kind: 'caseOpened', detail: { householdId: household } });
    expect(auditSummary(opened, readers)).toBe('ケース K-2026-0042');
    const changed = entry({
      kind: 'update',
      detail: { table: 'members', recordId: 'm-0190a5f0-1', householdId: household, fields: ['atenaNumber', 'birthDate', 'school'] },
    });
    expect(auditSummary(changed, readers)).toBe('世帯員（ケース K-2026-0042）: 宛名番号、生年月日、在学');
    const plan = entry({ kind: 'create', detail: { table: 'visitPlans', recordId: 'v1', householdId: household, fields: ['grade', 'nextDueOn'] } });
    expect(auditSummary(plan, readers)).toBe('訪問計画（ケース K-2026-0042）: 訪問格付け、次回訪問予定日');
    const conflict = entry({
      kind: 'update',
      detail: { table: 'households', recordId: household, householdId: household, fields: ['競合の解決:address:incoming'] },
    });
    expect(auditSummary(conflict, readers)).toBe('世帯（ケース K-2026-0042）: 競合の解決（住所: 届いた値を採用）');
    const user = entry({ kind: 'create', detail: { table: 'users', recordId: 'u-cw', householdId: null, fields: ['role', 'teamId'] } }, 'u-admin');
    expect(auditSummary(user, readers)).toBe('職員 山田 太郎: 役割、班');
    const gone = entry({ kind: 'reveal', detail: { householdId: 'deleted-household', memberId: 'm1', reason: '本人確認のため' } });
    expect(auditSummary(gone, readers)).toBe('ケース番号不明（削除済みまたは読めない世帯） の世帯員（理由の記載あり）');
    for (const summary of [opened, changed, plan, conflict, user, gone].map((e) => auditSummary(e, readers))) {
      expect(summary).not.toMatch(/[a-z]{3,}|0190a5f0/);
    }
  });

  test("the vault's reasons and codes in words", () => {
    const locked = entry({ kind: 'vaultEvent', detail: { eventId: 'x', type: 'lock', at: '', userId: 'u-cw', data: { reason: 'idle' } } });
    expect(kindLabel(locked)).toBe('鍵管理: ロック');
    expect(auditSummary(locked, readers)).toBe('山田 太郎・理由: 一定時間操作がなかったため');
    const failed = entry({
      kind: 'vaultEvent',
      detail: { eventId: 'y', type: 'failedUnlock', at: '', userId: null, data: { loginId: 'yamada', code: 'WRONG_PASSPHRASE', failedAttempts: 2 } },
    });
    expect(auditSummary(failed, readers)).toBe('ログインID yamada・ログインIDまたはパスフレーズの誤り・失敗 2 回');
    const rotation = entry({
      kind: 'vaultEvent',
      detail: { eventId: 'z', type: 'keyRotationStarted', at: '', userId: 'u-admin', data: { reason: 'deactivation' } },
    });
    expect(auditSummary(rotation, readers)).toBe('管理 花子・理由: 利用者の無効化に伴う更新');
    const imported = entry({ kind: 'import', detail: { what: 'syncBundle:device-1:12', count: 3 } });
    expect(auditSummary(imported, readers)).toBe('端末からの同期ファイル 3 件');
  });

  test('the CSV carries the same labels and a case number column', () => {
    const opened = entry({ kind: 'caseOpened', detail: { householdId: household } });
    const [header, line] = auditCsv([opened], readers)
      .replace(/^\uFEFF/, '')
      .split('\r\n');
    expect(header).toBe('"番号","日時","職員ID","職員","種類","ケース番号","内容","記録ID","端末ID","前のハッシュ","ハッシュ"');
    expect(line).toContain('"山田 太郎","ケースの表示","K-2026-0042","ケース K-2026-0042"');
  });

  test('the criteria become the query and are described in the export', () => {
    const criteria: AuditCriteria = { from: '令和8年11月1日', to: '2026-11-30', actor: 'u-cw', kind: 'update', caseNumber: ' K-2026-0042 ', offset: 200 };
    const filter = auditFilterOf(criteria);
    expect(filter).toMatchObject({ actor: 'u-cw', kind: 'update', caseNumber: 'K-2026-0042' });
    expect(new Date(filter.from!).getDate()).toBe(1);
    expect(filter.from! < filter.to!).toBe(true);
    expect(describeCriteria(criteria, readers.nameOf)).toBe('期間 令和8年11月1日〜2026-11-30・職員 山田 太郎・種類 更新・ケース番号 K-2026-0042');
    const none: AuditCriteria = { from: '', to: '', actor: '', kind: '', caseNumber: '  ', offset: 0 };
    expect(auditFilterOf(none)).toEqual({});
    expect(describeCriteria(none, readers.nameOf)).toBe('すべての記録');
    expect(() => auditFilterOf({ ...none, from: '2026-12-01', to: '2026-11-01' })).toThrow('期間: 開始日が終了日より後になっています');
  });
});
