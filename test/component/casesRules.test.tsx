import { expect, test } from 'vitest';
import { myNumberCheckDigit } from '../../shared/casework/myNumber.js';
import { buildCaseEntries, sortCases } from '../../renderer/features/cases/caseRows.js';
import { emptyMember, newCaseSchema, type NewCaseInput } from '../../renderer/features/cases/newCase.js';

const household = (id: string, caseNumber: string, status: 'active' | 'consultation', assignedTo: string | null) => ({
  id,
  hlc: '',
  officeId: 'o',
  caseNumber,
  status,
  assignedTo,
  address: `加須市${caseNumber}`,
  phone: null,
});

test('the caseload list sorts by column and keeps a damaged row without breaking', () => {
  const entries = buildCaseEntries(
    [household('a', 'K-2', 'active', 'cw'), { id: 'x', __integrityError: 'この記録は改ざんまたは破損しています' }, household('b', 'K-1', 'consultation', null)],
    (id) =>
      id === 'a' ? [{ name: '山田 太郎', kana: 'ヤマダ タロウ', relation: 'head' }] : [{ name: '川口 花子', kana: 'カワグチ ハナコ', relation: 'head' }],
    () => '佐藤 一郎',
  );
  const ids = (list: typeof entries) => list.map((e) => (e.kind === 'case' ? e.row.caseNumber : 'damaged'));
  expect(ids(sortCases(entries, { key: 'caseNumber', ascending: true }))).toEqual(['K-1', 'K-2', 'damaged']);
  // 保護中 comes after 相談中 in the life of a case, so descending puts it first.
  expect(ids(sortCases(entries, { key: 'status', ascending: false }))).toEqual(['K-2', 'K-1', 'damaged']);
  expect(entries.find((e) => e.kind === 'case' && e.row.caseNumber === 'K-1')).toMatchObject({ row: { caseworkerName: '未割当' } });
});

const body = '12345678901';
const valid = `${body}${myNumberCheckDigit(body)}`;
const form = (member: Partial<NewCaseInput['members'][number]>): NewCaseInput => ({
  caseNumber: 'K-1',
  address: '加須市',
  phone: '',
  status: 'active',
  assignedTo: 'cw',
  members: [{ ...emptyMember('head'), name: '山田 太郎', kana: 'ﾔﾏﾀﾞ ﾀﾛｳ', birthDate: '１９８０/４/１', sex: 'male', ...member }],
});
const schema = newCaseSchema({ today: '2026-05-01', userId: 'cw' });
const problems = (input: NewCaseInput) => (schema.safeParse(input).error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

test('the new-case form normalises input, refuses a future birth date and a wrong check digit, and needs a confirmed verification', () => {
  const parsed = schema.parse(form({}));
  expect(parsed.members[0]).toMatchObject({ kana: 'ヤマダ タロウ', birthDate: '1980-04-01', myNumber: null, verification: null });
  expect(problems(form({ birthDate: '2026-05-02' }))).toEqual(['members.0.birthDate: 未来の日付は入力できません']);
  const wrong = `${body}${(myNumberCheckDigit(body) + 1) % 10}`;
  expect(problems(form({ myNumber: wrong, birthDate: '2999-01-01' }))).toEqual(
    expect.arrayContaining([
      'members.0.myNumber: 個人番号の検査用数字（末尾の1桁）が一致しません。番号を確認してください',
      'members.0.birthDate: 未来の日付は入力できません',
    ]),
  );
  expect(problems(form({ myNumber: valid, verification: { method: 'card', numberCheck: '', photoId: '', confirmer: '' } }))).toEqual([
    'members.0.verification.confirmer: 別の職員による確認が済んでいないため、個人番号を登録できません',
  ]);
  expect(problems(form({ myNumber: valid, verification: { method: 'card', numberCheck: '', photoId: '', confirmer: 'cw' } }))).toEqual([
    'members.0.verification.confirmer: 確認者は受付をした職員とは別の職員にしてください',
  ]);
  const ok = schema.parse(
    form({ myNumber: valid, verification: { method: 'documents', numberCheck: 'residentRecordWithNumber', photoId: 'driversLicense', confirmer: 'sv' } }),
  );
  expect(ok.members[0]).toMatchObject({ myNumber: valid, verification: { method: 'documents', verifiedBy: 'cw', confirmation: { staffId: 'sv' } } });
});
