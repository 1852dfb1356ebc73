import { describe, expect, it } from 'vitest';
import { applySettingsPatch, defaultOfficeSettings, officeSettingsPatchSchema } from '../../../shared/settings/officeSettings.js';
import { prefectures } from '../../../shared/settings/prefectures.js';

const office = { ...defaultOfficeSettings, officeName: '加須市福祉事務所' };
const problems = (patch: unknown) => {
  const result = officeSettingsPatchSchema.safeParse(patch);
  return result.success ? [] : result.error.issues.map((i) => `${i.path.join('.')}: ${i.message}`);
};

describe("the notices' 都道府県 and 文書番号の記号 in the office settings", () => {
  it('the 47 prefectures, each once; one is saved by a patch of its own, and 未設定 is a value too', () => {
    expect(prefectures).toHaveLength(47);
    expect(new Set(prefectures).size).toBe(47);
    const next = applySettingsPatch(office, officeSettingsPatchSchema.parse({ prefecture: '埼玉県', documentPrefix: ' 加福 ' }));
    expect(next).toMatchObject({ prefecture: '埼玉県', documentPrefix: '加福', officeName: '加須市福祉事務所' });
    expect(applySettingsPatch(next, officeSettingsPatchSchema.parse({ prefecture: '' })).prefecture).toBe('');
  });

  it('refuses a prefecture not on the list and a 記号 with digits, in Japanese, naming the field', () => {
    expect(problems({ prefecture: '埼玉' })).toEqual(['prefecture: 都道府県を一覧から選択してください']);
    expect(problems({ documentPrefix: '加福12' })).toEqual(['documentPrefix: 文書番号の記号に数字は使えません（番号は決裁の順に振られます）']);
    expect(problems({ documentPrefix: '加須市福祉事務所生活福祉課' })).toEqual(['documentPrefix: 文書番号の記号は10文字以内で入力してください']);
  });
});
