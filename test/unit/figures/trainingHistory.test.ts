import { describe, expect, it } from 'vitest';
import { generateTrainingHouseholds, type TrainingOptions } from '../../../shared/training/trainingHouseholds.js';

const options: TrainingOptions = { seed: 2026, count: 300, assignees: ['cw-1', 'cw-2'], today: '2026-11-20' };

describe('training households with a history', () => {
  it('leave the households without the option exactly as they were', () => {
    const plain = generateTrainingHouseholds(options);
    const withHistory = generateTrainingHouseholds({ ...options, history: { months: 36 } });
    expect(plain.every((h) => h.history === undefined)).toBe(true);
    const { history: _h, members: _m, status: _s, ...rest } = withHistory[0]!;
    const { members: _pm, status: _ps, ...plainRest } = plain[0]!;
    expect(rest).toEqual(plainRest);
    expect(withHistory.map((h) => h.caseNumber)).toEqual(plain.map((h) => h.caseNumber));
  });

  it('are the same in batches as in one go', () => {
    const whole = generateTrainingHouseholds({ ...options, history: { months: 36 } });
    const batches = [0, 100, 200].flatMap((offset) => generateTrainingHouseholds({ ...options, offset, count: 100, history: { months: 36 } }));
    expect(batches).toEqual(whole);
  });

  it('end where the household stands now: the status follows the last decision', () => {
    const lastKind = { start: 'active', change: 'active', suspend: 'suspended', terminate: 'terminated', reject: 'rejected' } as const;
    for (const h of generateTrainingHouseholds({ ...options, history: { months: 36 } })) {
      const last = h.history!.decisions.at(-1);
      const pending = h.history!.applications.some((a) => a.outcome === 'pending');
      if (pending) expect(h.status).toBe('application');
      else if (last) expect(h.status).toBe(lastKind[last.kind]);
      else expect(h.status).toBe('consultation');
      expect(h.history!.decisions.every((d) => d.effectiveOn <= '2026-11-20')).toBe(true);
    }
  });
});
