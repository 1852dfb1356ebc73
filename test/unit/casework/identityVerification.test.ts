import { describe, expect, test } from 'vitest';
import { assessIdentityVerification, identityVerificationSchema, photoIdentityDocuments } from '../../../shared/casework/identityVerification.js';

const base = { personId: 'p1', verifiedBy: 'staff-a', verifiedOn: '2026-04-01' };
const confirmation = { staffId: 'staff-b', confirmedOn: '2026-04-01' };
const problems = (input: unknown) => {
  const result = assessIdentityVerification(input);
  return result.sufficient ? [] : result.problems;
};

describe('the legal lists', () => {
  test('the 身元確認 photo IDs named in 施行規則第1条 (mission-anchors §D.1)', () => {
    expect(Object.values(photoIdentityDocuments).map((d) => d.label)).toEqual([
      '運転免許証',
      '運転経歴証明書（平成24年4月1日以降交付）',
      '旅券',
      '身体障害者手帳',
      '精神障害者保健福祉手帳',
      '療育手帳',
      '在留カード',
      '特別永住者証明書',
      'その他の写真付き身分証明書（実施機関が適当と認めるもの）',
    ]);
  });
});

describe('methods', () => {
  test('個人番号カード, confirmed by a second member of staff, suffices', () => {
    expect(assessIdentityVerification({ method: 'card', ...base, confirmation })).toMatchObject({ sufficient: true });
    expect(assessIdentityVerification({ method: 'cardAlternative', ...base, confirmation })).toMatchObject({ sufficient: true });
  });

  test('番号確認 + 身元確認 documents', () => {
    const record = {
      method: 'documents',
      ...base,
      confirmation,
      numberCheck: { kind: 'residentRecordWithNumber' },
      identityCheck: { kind: 'photoId', document: 'driversLicense' },
    };
    expect(assessIdentityVerification(record)).toMatchObject({ sufficient: true });
    expect(problems({ ...record, identityCheck: undefined })).toEqual([{ path: 'identityCheck', message: '身元確認の方法を選択してください' }]);
    expect(problems({ ...record, numberCheck: { kind: 'otherByRule' } })).toEqual([
      { path: 'numberCheck.description', message: '番号確認の方法を記入してください' },
    ]);
    expect(problems({ ...record, identityCheck: { kind: 'photoId', document: 'otherPhotoId' } })).toEqual([
      { path: 'identityCheck.description', message: '書類の名称を記入してください' },
    ]);
    expect(problems({ ...record, identityCheck: { kind: 'photoId', document: '保険証' } })).toEqual([
      { path: 'identityCheck.document', message: '身元確認書類を選択してください' },
    ]);
  });

  test('運転経歴証明書 counts only if issued on or after 2012-04-01', () => {
    const record = (issuedOn?: string) => ({
      method: 'documents',
      ...base,
      confirmation,
      numberCheck: { kind: 'residentRecordWithNumber' },
      identityCheck: { kind: 'photoId', document: 'drivingHistoryCertificate', issuedOn },
    });
    expect(assessIdentityVerification(record('2012-04-01'))).toMatchObject({ sufficient: true });
    expect(problems(record('2012-03-31'))).toEqual([
      { path: 'identityCheck.issuedOn', message: '平成24年3月31日以前に交付された運転経歴証明書は身元確認書類になりません' },
    ]);
    expect(problems(record())).toEqual([{ path: 'identityCheck.issuedOn', message: '運転経歴証明書の交付日を入力してください' }]);
  });

  test('the fall-backs need their grounds written down', () => {
    const record = (identityCheck: unknown) => ({
      method: 'documents',
      ...base,
      confirmation,
      numberCheck: { kind: 'residentRecordWithNumber' },
      identityCheck,
    });
    expect(problems(record({ kind: 'evidentlySamePerson', reason: '継続して訪問している被保護者本人' }))).toEqual([]);
    expect(problems(record({ kind: 'evidentlySamePerson', reason: ' ' }))).toEqual([
      { path: 'identityCheck.reason', message: '本人に相違ないと判断した根拠を入力してください' },
    ]);
    expect(problems(record({ kind: 'difficultCase', documents: [], reason: '写真付きの書類を持っていない' }))).toEqual([
      { path: 'identityCheck.documents', message: '確認した書類を入力してください' },
    ]);
  });

  test('an agent: 代理権, the agent’s identity and the principal’s number', () => {
    const record = {
      method: 'agent',
      ...base,
      confirmation,
      authority: { kind: 'powerOfAttorney' },
      agentName: '山田 花子',
      agentIdentity: { kind: 'photoId', document: 'passport' },
      principalNumberCheck: { kind: 'principalCard' },
    };
    expect(assessIdentityVerification(record)).toMatchObject({ sufficient: true });
    expect(problems({ ...record, agentName: '' })).toEqual([{ path: 'agentName', message: '代理人の氏名を入力してください' }]);
    expect(problems({ ...record, authority: undefined, principalNumberCheck: undefined }).map((p) => p.path)).toEqual(['authority', 'principalNumberCheck']);
  });

  test('an unknown or missing method is named', () => {
    expect(problems({ method: 'telephone', ...base })).toEqual([{ path: 'method', message: '本人確認の方法を選択してください' }]);
  });
});

describe('the second person', () => {
  test('without a confirmation the record is valid but the number may not be linked', () => {
    expect(identityVerificationSchema.safeParse({ method: 'card', ...base }).success).toBe(true);
    expect(assessIdentityVerification({ method: 'card', ...base })).toEqual({
      sufficient: false,
      problems: [{ path: 'confirmation', message: '別の職員による確認が済んでいないため、個人番号を登録できません' }],
    });
  });

  test('the confirmer must be someone else, on or after the day of verification', () => {
    expect(problems({ method: 'card', ...base, confirmation: { staffId: 'staff-a', confirmedOn: '2026-04-01' } })).toEqual([
      { path: 'confirmation.staffId', message: '確認者は受付をした職員とは別の職員にしてください' },
    ]);
    expect(problems({ method: 'card', ...base, confirmation: { staffId: 'staff-b', confirmedOn: '2026-03-31' } })).toEqual([
      { path: 'confirmation.confirmedOn', message: '確認日は本人確認をした日以降にしてください' },
    ]);
  });

  test('staff and dates are required and real', () => {
    expect(problems({ method: 'card', personId: 'p1', verifiedBy: '', verifiedOn: '2026-02-30', confirmation })).toEqual([
      { path: 'verifiedBy', message: '職員を選択してください' },
      { path: 'verifiedOn', message: '日付は実在する日を YYYY-MM-DD で入力してください' },
    ]);
  });
});

test('the number itself never rides along in the record', () => {
  const parsed = identityVerificationSchema.parse({ method: 'card', ...base, myNumber: '123456789018' });
  expect(parsed).not.toHaveProperty('myNumber');
  expect(JSON.stringify(parsed)).not.toContain('123456789018');
});
