import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultOfficeSettings, officeSettingsPatchSchema, officeSettingsSchema } from '../../../shared/settings/officeSettings.js';

describe('the population for 保護率 in the office settings', () => {
  it('is optional, saved by a patch of its own, and kept whole', () => {
    expect(officeSettingsSchema.safeParse({ ...defaultOfficeSettings, officeName: '加須市福祉事務所' }).success).toBe(true);
    const patch = officeSettingsPatchSchema.parse({ population: { count: 110_000, asOf: '2026-01-01' } });
    const next = applySettingsPatch({ ...defaultOfficeSettings, officeName: '加須市福祉事務所' }, patch);
    expect(next.population).toEqual({ count: 110_000, asOf: '2026-01-01' });
    expect(officeSettingsSchema.parse(next).idleLockMinutes).toBe(defaultOfficeSettings.idleLockMinutes);
  });

  it('refuses a population that is not a whole number of people, in Japanese, naming it', () => {
    for (const [count, message] of [
      [0, '人口は1人以上で入力してください'],
      [1.5, '人口は整数で入力してください'],
      ['十万', '人口は数字で入力してください'],
    ] as const) {
      const result = officeSettingsPatchSchema.safeParse({ population: { count, asOf: '2026-01-01' } });
      expect(result.success).toBe(false);
      expect(result.error?.issues[0]).toMatchObject({ path: ['population', 'count'], message });
    }
    expect(officeSettingsPatchSchema.safeParse({ population: { count: 100, asOf: '令和8年1月1日' } }).error?.issues[0]?.message).toBe(
      '人口の基準日は YYYY-MM-DD で入力してください',
    );
  });
});
