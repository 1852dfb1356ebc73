import { describe, expect, test } from 'vitest';
import { kisoKojoAmount } from '../../../shared/calc/incomeRecognition.js';
import { standardTables } from '../../../shared/calc/tables/index.js';
import { calc, lineAmount, members } from './helpers.js';

const kiso = standardTables.kisoKojo.periods[0]!.values;
const month = '2026-06';
const earned = (gross: number, extra: Record<string, unknown> = {}) => ({ memberId: 'm1', type: 'earned', gross, ...extra });
const recognized = (incomes: unknown[], ages: number[] = [45]) => calc({ month, members: members(month, ...ages), incomes }).totals.recognizedIncome;

describe('基礎控除 (kinro-kojo-kiso.csv, rule above the table top)', () => {
  test.each([
    [15000, true, 15000],
    [15199, true, 15199],
    [15200, true, 15200],
    [18999, true, 15200],
    [19000, true, 15600],
    [230999, true, 36400],
    [231000, true, 36800],
    [234999, true, 36800],
    [235000, true, 37200],
    [15000, false, 15000],
    [15001, false, 15000],
    [42999, false, 15000],
    [43000, false, 15300],
    [230999, false, 30940],
    [231000, false, 31280],
    [235000, false, 31620],
  ])('gross %i, 1人目=%s → %i', (gross, first, expected) => {
    expect(kisoKojoAmount(gross, first, kiso).amount).toBe(expected);
  });

  test('the S2 worked examples (kinro-kojo-other.json, benefit-rules.md §6.1)', () => {
    expect(recognized([earned(20000)])).toBe(4400);
    expect(recognized([earned(50000)])).toBe(31600);
    expect(recognized([earned(100000)])).toBe(76400);
    expect(recognized([earned(15000)])).toBe(0);
    expect(recognized([earned(50000, { newEmployment: true })])).toBe(18700);
    expect(recognized([earned(100000, { expenses: 10000 })])).toBe(66400);
  });

  test('1人目 is the highest earner; later earners use the second column', () => {
    const r = calc({ month, members: members(month, 45, 40), incomes: [earned(50000), { memberId: 'm2', type: 'earned', gross: 100000 }] });
    expect(lineAmount(r, 'income.earned.m2')).toBe(100000 - 23600);
    expect(lineAmount(r, 'income.earned.m1')).toBe(50000 - 15640);
    expect(r.incomeLines.every((l) => l.needsConfirmation)).toBe(true);
  });

  test('新規就労控除 stops after 6 months when the start month is given', () => {
    expect(recognized([earned(50000, { newEmployment: true, employmentStartMonth: '2026-01' })])).toBe(18700);
    expect(recognized([earned(50000, { newEmployment: true, employmentStartMonth: '2025-12' })])).toBe(31600);
  });

  test('20歳未満控除 only outside a single household', () => {
    expect(recognized([earned(50000)], [19])).toBe(31600);
    expect(recognized([earned(50000)], [19, 45])).toBe(50000 - 18400 - 11900);
  });
});

describe('other income', () => {
  test('年金・手当 in full; 臨時的収入 only above the household 8,000', () => {
    expect(
      recognized([
        { memberId: 'm1', type: 'pension', amount: 50000 },
        { memberId: 'm1', type: 'other', amount: 20000 },
      ]),
    ).toBe(70000);
    expect(recognized([{ memberId: 'm1', type: 'temporary', amount: 8000 }])).toBe(0);
    expect(recognized([{ memberId: 'm1', type: 'temporary', amount: 8001 }])).toBe(1);
    expect(
      recognized(
        [
          { memberId: 'm1', type: 'temporary', amount: 5000 },
          { memberId: 'm2', type: 'temporary', amount: 5000 },
        ],
        [45, 40],
      ),
    ).toBe(2000);
  });

  test('benefit = max(0, 最低生活費 − 収入認定額) and 要否判定', () => {
    const r = calc({ month, members: members(month, 45), incomes: [{ memberId: 'm1', type: 'pension', amount: 100000 }] });
    expect(r.totals.benefit).toBe(0);
    expect(r.necessity.required).toBe(false);
  });
});

describe('住宅扶助 (jutaku-saitama.csv, jutaku-rules.json)', () => {
  const rent = (municipality: string, size: number, housing: Record<string, unknown>) =>
    calc({ month, municipality, members: members(month, ...Array.from({ length: size }, () => 45)), housing }).totals.jutakuFujo;

  test('limits by area and household size', () => {
    expect(rent('加須市', 1, { rent: 30000 })).toBe(30000);
    expect(rent('加須市', 1, { rent: 60000 })).toBe(37000);
    expect(rent('加須市', 2, { rent: 60000 })).toBe(44000);
    expect(rent('加須市', 5, { rent: 60000 })).toBe(48000);
    expect(rent('加須市', 6, { rent: 60000 })).toBe(52000);
    expect(rent('加須市', 7, { rent: 90000 })).toBe(58000);
    expect(rent('さいたま市', 1, { rent: 60000 })).toBe(45000);
    expect(rent('川口市', 1, { rent: 60000 })).toBe(47700);
    expect(rent('所沢市', 1, { rent: 60000 })).toBe(47700);
    expect(rent('熊谷市', 1, { rent: 60000 })).toBe(43000);
  });

  test('single-household floor-area bands: 加須市 derived column and the S5 2級地 example', () => {
    const kazo = [
      [16, 37000],
      [15, 33000],
      [11, 33000],
      [10, 30000],
      [7, 30000],
      [6, 26000],
      [3, 26000],
    ] as const;
    for (const [sqm, limit] of kazo) expect(rent('加須市', 1, { rent: 50000, floorAreaSqm: sqm })).toBe(limit);
    const nikyuchi = [
      [20, 43000],
      [12, 39000],
      [8, 34000],
      [5, 30000],
    ] as const;
    for (const [sqm, limit] of nikyuchi) expect(rent('熊谷市', 1, { rent: 50000, floorAreaSqm: sqm })).toBe(limit);
    expect(rent('加須市', 1, { rent: 50000, floorAreaSqm: 5, freeLowCostLodging: true })).toBe(37000);
    expect(rent('加須市', 2, { rent: 50000, floorAreaSqm: 5 })).toBe(44000);
  });

  test('×1.3 only on request with a reason (7人以上 ×1.2 more)', () => {
    expect(rent('加須市', 3, { rent: 70000, specialAllowance: { reason: '車椅子対応住宅が必要' } })).toBe(62400);
    expect(rent('加須市', 7, { rent: 100000, specialAllowance: { reason: '多人数世帯' } })).toBe(Math.floor(Math.floor((58000 * 130) / 100) * 1.2));
  });
});

describe('加算', () => {
  test('障害者加算 by 級地 group, flagged where unverified or conflicting', () => {
    const r = calc({ month: '2026-06', members: [{ id: 'm1', birthDate: '1980-01-01', disability: 'A' }] });
    expect(r.lines.find((l) => l.code === 'kasan.disability.m1')).toMatchObject({ amount: 23060, needsConfirmation: true });
    const k = calc({ month: '2026-10', kyuchi: '1級地-1', members: [{ id: 'm1', birthDate: '1980-01-01', disability: 'B' }] });
    expect(k.lines.find((l) => l.code === 'kasan.disability.m1')).toMatchObject({
      amount: 17870,
      needsConfirmation: true,
      basis: expect.stringContaining('18,300円'),
    });
  });

  test("母子加算 and the parent's 障害者加算: only the higher is kept", () => {
    const r = calc({
      month,
      singleParent: true,
      members: [
        { id: 'p', birthDate: '1985-01-01', disability: 'A' },
        { id: 'c', birthDate: '2015-01-01' },
      ],
    });
    expect(lineAmount(r, 'kasan.disability.p')).toBe(23060);
    expect(lineAmount(r, 'kasan.singleParent')).toBe(0);
  });

  test('妊産婦加算 has no 3級地 figure: 0円 and 要確認 instead of a guess', () => {
    const r = calc({ month, members: [{ id: 'm1', birthDate: '1995-01-01', pregnancy: { months: 7 } }] });
    expect(r.lines.find((l) => l.code === 'kasan.maternity.m1')).toMatchObject({
      amount: 0,
      needsConfirmation: true,
      basis: expect.stringContaining('未取得'),
    });
    const k = calc({ month, kyuchi: '1級地-2', members: [{ id: 'm1', birthDate: '1995-01-01', pregnancy: { months: 7 } }] });
    expect(lineAmount(k, 'kasan.maternity.m1')).toBe(13790);
  });

  test('児童養育加算に係る経過的加算: under-3s in a household of 4+', () => {
    const r = calc({ month, members: [...members(month, 40, 38, 10), { id: 'baby', birthDate: '2025-01-01' }] });
    expect(lineAmount(r, 'kasan.childRearing')).toBe(2 * 10190);
    expect(lineAmount(r, 'kasan.childRearingKeika')).toBe(4330);
  });

  test('介護保険料加算 is the premium actually paid', () => {
    const r = calc({ month, members: [{ id: 'm1', birthDate: '1950-01-01', careInsurancePremium: 5800 }] });
    expect(lineAmount(r, 'kasan.careInsurancePremium.m1')).toBe(5800);
  });
});
