import { describe, expect, test } from 'vitest';
import { calc, lineAmount, members } from './helpers.js';
import { modelHouseholdCases } from './modelHouseholds.js';

describe('model households (資料4 p.3), both periods', () => {
  test.each(modelHouseholdCases)('$name $kyuchi $month → $expected', ({ kyuchi, month, ages, expected }) => {
    expect(calc({ month, kyuchi, members: members(month, ...ages) }).totals.seikatsuFujoHontai).toBe(expected);
  });
});

describe('benefit-rules.md §12 worked examples for 加須市 (3級地-1, VI区)', () => {
  test('single, 45, 15㎡ or more: 70,580 until 2026-09, 71,580 from 2026-10', () => {
    expect(calc({ month: '2026-06', members: members('2026-06', 45) }).totals.seikatsuFujoHontai).toBe(70580);
    const dec = calc({ month: '2026-12', members: members('2026-12', 45), housing: { rent: 45000, floorAreaSqm: 20 } });
    expect(dec.totals.seikatsuFujoHontai).toBe(71580);
    expect(lineAmount(dec, 'tokiKasan')).toBe(2630);
    expect(lineAmount(dec, 'kimatsuIchijiFujo')).toBe(11890);
    expect(dec.totals.seikatsuFujo).toBe(71580 + 2630 + 11890);
    expect(dec.totals.jutakuFujo).toBe(37000);
    expect(dec.totals.minimumCost).toBe(71580 + 2630 + 11890 + 37000);
    expect(dec.totals.benefit).toBe(dec.totals.minimumCost);
  });

  test('ひとり親 35 with children 13 and 8', () => {
    const household = (month: string) => ({
      month,
      singleParent: true,
      members: [
        { id: 'p', birthDate: '1990-05-10' },
        { id: 'c1', birthDate: '2013-05-10', school: 'juniorHigh' },
        { id: 'c2', birthDate: '2018-05-10', school: 'elementary' },
      ],
      housing: { rent: 60000 },
    });
    const before = calc(household('2026-06'));
    expect(lineAmount(before, 'rui1')).toBe(94150);
    expect(before.totals.seikatsuFujoHontai).toBe(143380);
    expect(lineAmount(before, 'kasan.singleParent')).toBe(20200);
    expect(lineAmount(before, 'kasan.childRearing')).toBe(20380);
    expect(before.totals.kyoikuFujo).toBe(8700);
    expect(before.totals.jutakuFujo).toBe(48000);
    const dec = calc(household('2026-12'));
    expect(dec.totals.seikatsuFujoHontai).toBe(146380);
    expect(dec.totals.seikatsuFujo).toBe(146380 + 4240 + 19980 + 20200 + 20380);
    expect(dec.totals.minimumCost).toBe(146380 + 4240 + 19980 + 20200 + 20380 + 48000 + 8700);
    // 中学校 5,300 is single-source (S3), so that line says 要確認.
    expect(dec.lines.find((l) => l.code === 'kyoikuFujo.c1')).toMatchObject({ needsConfirmation: true, basis: expect.stringContaining('要確認') });
  });
});

describe('rule edges', () => {
  test('rounding: Σ第1類 × 逓減率 is floored to the yen, then raised to 10円', () => {
    // 3級地-1, 35/13/8: 125,530 × 0.75 = 94,147.5 → 94,147 → 94,150 (§12).
    const r = calc({ month: '2026-06', members: members('2026-06', 35, 13, 8) });
    expect(r.lines[0]!.basis).toContain('94,147.5円 → 1円未満切捨て 94,147円 → 10円未満切上げ 94,150円');
  });

  test('the 2026-10 switch: 特例加算 1,500 → 2,500 and 経過的加算 1,020 → 20 (50s single, 1級地-1)', () => {
    const sep = calc({ month: '2026-09', kyuchi: '1級地-1', members: members('2026-09', 50) });
    const oct = calc({ month: '2026-10', kyuchi: '1級地-1', members: members('2026-10', 50) });
    expect([lineAmount(sep, 'tokureiKasan'), lineAmount(sep, 'keikaKasan')]).toEqual([1500, 1020]);
    expect([lineAmount(oct, 'tokureiKasan'), lineAmount(oct, 'keikaKasan')]).toEqual([2500, 20]);
    expect(sep.totals.seikatsuFujoHontai).toBe(77240);
    expect(oct.totals.seikatsuFujoHontai).toBe(77240);
  });

  test('winter months of VI区 are 11月〜3月; III区 runs to April', () => {
    const toki = (month: string, tokiChiku?: string) =>
      lineAmount(calc({ month, ...(tokiChiku ? { tokiChiku } : {}), members: members(month, 45) }), 'tokiKasan');
    expect(toki('2026-10')).toBeUndefined();
    expect(toki('2026-11')).toBe(2630);
    expect(toki('2027-03')).toBe(2630);
    expect(toki('2027-04')).toBeUndefined();
    expect(toki('2027-04', 'III')).toBe(7460);
    expect(toki('2026-10', 'I')).toBe(12780);
  });

  test('期末一時扶助 in December only', () => {
    expect(lineAmount(calc({ month: '2026-11', members: members('2026-11', 45, 40) }), 'kimatsuIchijiFujo')).toBeUndefined();
    expect(lineAmount(calc({ month: '2026-12', members: members('2026-12', 45, 40) }), 'kimatsuIchijiFujo')).toBe(19380);
  });

  test('n = 10: 逓減率 0.50, 第2類 and 冬季加算 = 9-person amount + add-on, the 10+ 経過的加算 rows', () => {
    const r = calc({ month: '2026-12', members: members('2026-12', 45, 45, 45, 45, 45, 45, 45, 45, 45, 45) });
    expect(lineAmount(r, 'rui1')).toBe(Math.ceil(Math.floor((41290 * 10 * 50) / 100) / 10) * 10);
    expect(lineAmount(r, 'rui2')).toBe(64670 + 2760);
    expect(lineAmount(r, 'keikaKasan')).toBe(0);
    expect(lineAmount(r, 'tokureiKasan')).toBe(25000);
    expect(lineAmount(r, 'tokiKasan')).toBe(5560 + 180);
    expect(lineAmount(r, 'kimatsuIchijiFujo')).toBe(31390 + 1420);
    const k = calc({ month: '2026-12', kyuchi: '1級地-1', members: members('2026-12', 18, 18, 18, 18, 18, 18, 18, 18, 18, 18) });
    expect(lineAmount(k, 'keikaKasan')).toBe(6240 * 10);
  });

  test('6+ person 経過的加算 before 2026-10 is derived (+1,000) where known and reported where not', () => {
    const r = calc({ month: '2026-09', kyuchi: '1級地-1', members: members('2026-09', 18, 45, 45, 45, 45, 45) });
    const line = r.lines.find((l) => l.code === 'keikaKasan')!;
    expect(line.amount).toBe(3130 + 1000);
    expect(line.needsConfirmation).toBe(true);
    expect(line.basis).toContain('不明');
  });

  test('a child counts until the first 31 March after turning 18', () => {
    const household = (month: string, birthDate: string) => ({
      month,
      members: [
        { id: 'p', birthDate: '1980-01-01' },
        { id: 'c', birthDate },
      ],
    });
    // Born 2008-06-01: 18 on 2026-06-01 → child until 2027-03-31.
    expect(lineAmount(calc(household('2027-03', '2008-06-01')), 'kasan.childRearing')).toBe(10190);
    expect(lineAmount(calc(household('2027-04', '2008-06-01')), 'kasan.childRearing')).toBeUndefined();
    // Born 1 April: reaches 18 on 31 March, so the earlier school year — child until 2026-03-31.
    expect(lineAmount(calc({ ...household('2026-03', '2008-04-01'), month: '2026-03' }), 'kasan.childRearing')).toBe(10190);
    expect(lineAmount(calc(household('2026-04', '2008-04-01')), 'kasan.childRearing')).toBeUndefined();
    expect(lineAmount(calc(household('2026-04', '2008-04-02')), 'kasan.childRearing')).toBe(10190);
  });

  test('日割: half of a 30-day month, rounded up to the yen and flagged 要確認', () => {
    const r = calc({ month: '2026-06', members: members('2026-06', 45), proRata: { from: '2026-06-16' } });
    expect(r.totals.seikatsuFujoHontai).toBe(Math.ceil((41290 * 15) / 30) + Math.ceil((27790 * 15) / 30) + 0 + Math.ceil((1500 * 15) / 30));
    expect(r.lines.every((l) => l.needsConfirmation)).toBe(true);
    expect(r.proRata).toMatchObject({ days: 15, daysInMonth: 30 });
  });
});
