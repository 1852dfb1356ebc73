import { describe, expect, it } from 'vitest';
import { ageOn } from '../../../shared/calc/dates.js';
import { isIsoDate } from '../../../shared/casework/calendarDate.js';
import { kanaNameSchema } from '../../../shared/text/kana.js';
import { generateTrainingHouseholds, TRAINING_CASE_PREFIX, type TrainingOptions } from '../../../shared/training/trainingHouseholds.js';

const today = '2026-11-30';
const options = (over: Partial<TrainingOptions> = {}): TrainingOptions => ({ seed: 2026, count: 500, assignees: ['cw-1', 'cw-2', 'cw-3'], today, ...over });
const households = generateTrainingHouseholds(options());
const members = households.flatMap((h) => h.members);

describe('generateTrainingHouseholds', () => {
  it('gives the same households for the same seed, and others for another seed', () => {
    expect(generateTrainingHouseholds(options())).toEqual(households);
    const other = generateTrainingHouseholds(options({ seed: 7 }));
    expect(other.map((h) => h.members[0]!.name)).not.toEqual(households.map((h) => h.members[0]!.name));
  });

  it('gives the same households in batches as in one go', () => {
    const batches = [0, 200, 400].flatMap((offset) => generateTrainingHouseholds(options({ offset, count: Math.min(200, 500 - offset) })));
    expect(batches).toEqual(households);
  });

  it('numbers cases uniquely with the 研修 mark and assigns caseworkers round-robin', () => {
    expect(new Set(households.map((h) => h.caseNumber)).size).toBe(households.length);
    expect(households.every((h) => h.caseNumber.startsWith(TRAINING_CASE_PREFIX))).toBe(true);
    expect(households.slice(0, 4).map((h) => h.assignedTo)).toEqual(['cw-1', 'cw-2', 'cw-3', 'cw-1']);
    expect(generateTrainingHouseholds(options({ count: 3, assignees: [] })).every((h) => h.assignedTo === null)).toBe(true);
  });

  it('writes names with valid, stored-form フリガナ, one family name per household', () => {
    for (const member of members) {
      expect(kanaNameSchema.parse(member.kana)).toBe(member.kana);
      expect(member.name).toMatch(/^\S+ \S+$/u);
    }
    for (const {
      members: [head, ...rest],
    } of households) {
      for (const m of rest) expect(m.kana.split(' ')[0]).toBe(head!.kana.split(' ')[0]);
    }
  });

  it('makes plausible households: one head first, real birth dates, ages by relation, incomes in yen', () => {
    for (const h of households) {
      const headAge = ageOn(h.members[0]!.birthDate, today);
      for (const m of h.members) {
        if (m.relation === '子') expect(headAge - ageOn(m.birthDate, today)).toBeGreaterThanOrEqual(18);
        if (m.relation === '母') expect(ageOn(m.birthDate, today) - headAge).toBeGreaterThanOrEqual(20);
      }
      expect(h.members[0]!.relation).toBe('head');
      expect(h.members.filter((m) => m.relation === 'head')).toHaveLength(1);
      expect(h.address).toMatch(/^埼玉県(加須|羽生|久喜|行田)市/u);
      expect(h.records.length).toBeGreaterThan(0);
      expect(h.records.every((r) => isIsoDate(r.recordedOn) && r.recordedOn <= today)).toBe(true);
      expect(isIsoDate(h.visit.nextDueOn)).toBe(true);
    }
    for (const m of members) {
      expect(isIsoDate(m.birthDate)).toBe(true);
      const age = ageOn(m.birthDate, today);
      expect(age).toBeGreaterThanOrEqual(0);
      expect(age).toBeLessThan(100);
      if (m.relation === 'head') expect(age).toBeGreaterThanOrEqual(18);
      if (m.relation === '子') expect(age).toBeLessThan(18);
      for (const income of m.incomes) expect(Number.isInteger(income.monthly) && income.monthly > 0 && income.monthly < 200_000).toBe(true);
    }
    // Mostly elderly households, as offices report; some of every kind.
    const kinds = new Map<string, number>();
    for (const h of households) kinds.set(h.composition, (kinds.get(h.composition) ?? 0) + 1);
    expect(kinds.size).toBe(5);
    expect((kinds.get('elderlySingle') ?? 0) + (kinds.get('elderlyCouple') ?? 0)).toBeGreaterThan(households.length * 0.4);
  });

  it('carries no identifying numbers: no 12-digit run anywhere, no 個人番号 or 宛名番号 fields', () => {
    const text = JSON.stringify(households);
    expect(text).not.toMatch(/\d{12}/u);
    expect(text).not.toMatch(/myNumber|atenaNumber/u);
  });
});
