import { expect, test } from 'vitest';
import { regionOf } from '../../renderer/features/cases/HouseholdPanelRegion.js';
import {
  householdEditSchema,
  householdEditValues,
  memberEditSchema,
  memberEditValues,
  type HouseholdEditInput,
  type MemberEditInput,
} from '../../renderer/features/cases/newCase.js';

const problemsOf = (result: { error?: { issues: { path: PropertyKey[]; message: string }[] } }) =>
  (result.error?.issues ?? []).map((i) => `${i.path.join('.')}: ${i.message}`);

const householdSchema = householdEditSchema(new Set(['加須市', '川口市']));
const household = (edit: Partial<HouseholdEditInput>): HouseholdEditInput => ({
  address: '加須市大越1-2-3',
  phone: '',
  housing: 'rented',
  rent: '４２，０００',
  floorArea: '18.5',
  municipality: '加須市',
  ...edit,
});

test('the household edit normalises rent and floor area, asks rent only where one is paid, and knows only tabled municipalities', () => {
  // The entity's schema (shared/casework/household.ts), its messages from the one input kit; 、 groups thousands too.
  expect(householdSchema.parse(household({ rent: '4、500' })).housing).toMatchObject({ rent: 4500 });
  expect(householdSchema.parse(household({}))).toEqual({
    address: '加須市大越1-2-3',
    phone: null,
    municipality: '加須市',
    housing: { kind: 'rented', rent: 42000, floorAreaSqm: 18.5 },
  });
  expect(householdSchema.parse(household({ housing: '', rent: '', floorArea: '' })).housing).toBeNull();
  expect(problemsOf(householdSchema.safeParse(household({ rent: '' })))).toEqual(['rent: 賃貸・公営住宅では家賃を入力してください']);
  expect(problemsOf(householdSchema.safeParse(household({ housing: 'owned' })))).toEqual(['rent: 持家・住居なしでは家賃を空欄にしてください']);
  expect(problemsOf(householdSchema.safeParse(household({ rent: '4万', floorArea: '-3', municipality: '東京都新宿区', address: ' ' })))).toEqual([
    'address: 住所を入力してください',
    'rent: 家賃を円単位の数字で入力してください',
    'floorArea: 床面積は0より大きい値で入力してください',
    'municipality: 市町村を一覧から選択してください',
  ]);
  const stored = { id: 'h', hlc: '', officeId: 'o', caseNumber: 'K-1', assignedTo: null, status: 'active' as const, address: 'a', phone: null };
  expect(householdEditValues(stored, '加須市')).toMatchObject({ housing: '', rent: '', municipality: '加須市' });
});

test('the region comes from the calculation tables and says 要確認 where they are not verified', () => {
  expect(regionOf('加須市', '2026-05-01')).toEqual({ kyuchi: '3級地-1', tokiChiku: 'VI区', jutaku: '埼玉県 3級地の限度額' });
  expect(regionOf('川口市', '2026-05-01')?.jutaku).toBe('川口市の限度額（要確認）');
  expect(regionOf('東京都新宿区', '2026-05-01')).toBeNull();
});

const memberSchema = memberEditSchema('2026-05-01');
const member = (edit: Partial<MemberEditInput>): MemberEditInput => ({
  ...memberEditValues(),
  name: '山田 一郎',
  kana: 'やまだ いちろう',
  birthDate: '2018/4/2',
  sex: 'male',
  relation: '子',
  ...edit,
});

test('the member editor shares the new-case rules and maps its facts to the calculation’s terms', () => {
  const parsed = memberSchema.parse(member({ school: 'elementary', disability: 'A', atenaNumber: '０１２３４５' }));
  expect(parsed).toMatchObject({
    kana: 'ヤマダ イチロウ',
    birthDate: '2018-04-02',
    school: 'elementary',
    disability: 'A',
    pregnancy: null,
    atenaNumber: '012345',
    workCapacity: null,
  });
  expect(memberEditValues(parsed)).toMatchObject({ school: 'elementary', disability: 'A', birthDate: '2018-04-02' });
  // The same birth-date rule as 新規ケース登録.
  expect(problemsOf(memberSchema.safeParse(member({ birthDate: '2026-05-02' })))).toEqual(['birthDate: 未来の日付は入力できません']);
  const mother = { name: '山田 花子', kana: 'ヤマダ ハナコ', birthDate: '1990-01-01', sex: 'female', relation: '妻' };
  expect(memberSchema.parse(member({ ...mother, pregnancy: 'pregnant', pregnancyMonths: '５' })).pregnancy).toEqual({ months: 5 });
  expect(memberSchema.parse(member({ ...mother, pregnancy: 'postpartum', pregnancyMonths: '0' })).pregnancy).toEqual({ postpartumMonths: 0 });
  expect(problemsOf(memberSchema.safeParse(member({ ...mother, pregnancy: 'pregnant', pregnancyMonths: '11' })))).toEqual([
    'pregnancyMonths: 妊娠月数は1〜10の整数で入力してください',
  ]);
  expect(problemsOf(memberSchema.safeParse(member({ pregnancyMonths: '3' })))).toEqual(['pregnancyMonths: 妊娠・産後でなければ空欄にしてください']);
});

test('介護保険 follows age and 医療保険 (介護保険法第9条)', () => {
  const at = (birthDate: string, edit: Partial<MemberEditInput>) => problemsOf(memberSchema.safeParse(member({ birthDate, relation: 'head', ...edit })));
  expect(at('1960-05-01', { careInsurance: 'primary' })).toEqual([]);
  expect(at('1961-05-02', { careInsurance: 'primary' })).toEqual(['careInsurance: 第1号被保険者は65歳以上です']);
  expect(at('1975-01-01', { careInsurance: 'secondary', healthInsurance: 'none' })).toEqual(['careInsurance: 医療保険のない40〜64歳は被保険者以外です']);
  expect(at('1975-01-01', { careInsurance: 'nonInsured', healthInsurance: 'employee' })).toEqual(['careInsurance: 医療保険のある40〜64歳は第2号被保険者です']);
  expect(at('1975-01-01', { careInsurance: 'nonInsured', healthInsurance: 'none' })).toEqual([]);
  expect(at('2000-01-01', { careInsurance: 'secondary', healthInsurance: 'employee' })).toEqual([
    'careInsurance: 40歳未満・65歳以上は第2号被保険者・被保険者以外になりません',
  ]);
});
