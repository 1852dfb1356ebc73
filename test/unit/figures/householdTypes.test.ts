import { describe, expect, it } from 'vitest';
import { classifyHousehold, householdTypeRules, householdTypeSource, type TypedMember } from '../../../shared/figures/householdTypes.js';

/**
 * 世帯類型 at its edges. The rules are 厚生労働省「被保護者調査 用語の解説 1.世帯類型」
 * (https://www.mhlw.go.jp/toukei/list/74-16_yougo.html):
 *   高齢者世帯 — 男女とも65歳以上の者のみで構成されている世帯か、これらに18歳未満の者が加わった世帯
 *   母子世帯 — 現に配偶者がいない65歳未満の女子と18歳未満のその子（養子を含む。）のみで構成されている世帯
 *   障害者世帯 — 世帯主が障害者加算を受けているか、心身上の障害のため働けない者である世帯
 *   傷病者世帯 — 世帯主が入院しているか在宅患者加算を受けている世帯、又は世帯主が傷病のため働けない者である世帯
 * Ages are reached the day before the birthday (年齢計算ニ関スル法律), as of the month's last day.
 */

const person = (over: Partial<TypedMember>): TypedMember => ({
  birthDate: '1980-01-01',
  sex: 'female',
  relation: 'head',
  disability: false,
  sick: false,
  ...over,
});

describe('世帯類型 (被保護者調査 用語の解説)', () => {
  it('cites its source and flags what is not verified (要確認) on every rule but その他', () => {
    expect(householdTypeSource).toContain('https://www.mhlw.go.jp/toukei/list/74-16_yougo.html');
    expect(householdTypeRules.filter((r) => r.unverified).map((r) => r.type)).toEqual(['elderly', 'singleMother', 'disabled', 'sick']);
  });

  it('a single person becomes 高齢者世帯 in the month of the 65th birthday, not before', () => {
    const single = [person({ birthDate: '1960-11-15' })];
    expect(classifyHousehold(single, '2025-10-31')).toBe('other');
    expect(classifyHousehold(single, '2025-11-30')).toBe('elderly');
  });

  it('born on the 1st of next month: 65 on the last day of this month (誕生日の前日に加齢)', () => {
    const single = [person({ birthDate: '1960-12-01' })];
    expect(classifyHousehold(single, '2025-10-31')).toBe('other');
    expect(classifyHousehold(single, '2025-11-30')).toBe('elderly');
  });

  it('65歳以上 with a grandchild under 18 stays 高齢者世帯; with a 64-year-old it does not', () => {
    const elderly = person({ birthDate: '1950-04-10' });
    expect(classifyHousehold([elderly, person({ birthDate: '2012-06-01', relation: '孫' })], '2025-06-30')).toBe('elderly');
    expect(classifyHousehold([elderly, person({ birthDate: '1961-01-10', relation: '妻' })], '2025-06-30')).toBe('other');
  });

  it('a 母子世帯 whose only child turns 18 in the month is no longer one', () => {
    const household = [person({ birthDate: '1985-03-03' }), person({ birthDate: '2007-11-10', relation: '子', sex: 'male' })];
    expect(classifyHousehold(household, '2025-10-31')).toBe('singleMother');
    expect(classifyHousehold(household, '2025-11-30')).toBe('other');
  });

  it('a 母子世帯 ends when the elder of two children turns 18, though the younger is still under 18', () => {
    const household = [
      person({ birthDate: '1985-03-03' }),
      person({ birthDate: '2007-11-10', relation: '子' }),
      person({ birthDate: '2012-02-02', relation: '子' }),
    ];
    expect(classifyHousehold(household, '2025-10-31')).toBe('singleMother');
    // 「18歳未満のその子のみで構成」: an 18-year-old child in the household ends it.
    expect(classifyHousehold(household, '2025-11-30')).toBe('other');
  });

  it('a mother with a husband in the household, or a father with his child, is not 母子世帯', () => {
    const child = person({ birthDate: '2015-05-05', relation: '子' });
    expect(classifyHousehold([person({}), person({ relation: '夫', sex: 'male' }), child], '2025-06-30')).toBe('other');
    expect(classifyHousehold([person({ sex: 'male' }), child], '2025-06-30')).toBe('other');
  });

  it('a 世帯主 with both 障害者加算 and 傷病 is 障害者世帯 (the source numbers 障害者 before 傷病者)', () => {
    expect(classifyHousehold([person({ disability: true, sick: true })], '2025-06-30')).toBe('disabled');
    expect(classifyHousehold([person({ sick: true })], '2025-06-30')).toBe('sick');
    expect(classifyHousehold([person({ disability: true })], '2025-06-30')).toBe('disabled');
  });

  it('障害 or 傷病 of a member who is not the 世帯主 does not make the household one', () => {
    const household = [person({ sex: 'male' }), person({ relation: '妻', disability: true, sick: true })];
    expect(classifyHousehold(household, '2025-06-30')).toBe('other');
  });

  it('an elderly 世帯主 with 障害者加算 is 高齢者世帯 first', () => {
    expect(classifyHousehold([person({ birthDate: '1940-01-01', disability: true })], '2025-06-30')).toBe('elderly');
  });

  it('a household without a 世帯主 is not classified (the reconciliation lists it)', () => {
    expect(classifyHousehold([person({ relation: '子' })], '2025-06-30')).toBeNull();
  });
});
