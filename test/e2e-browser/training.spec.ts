import { admin, ensureStaff, expect, test, unlock, type Staff } from './fixtures';
import { goToHash, introduce, lock } from './casesFixtures';

/** A caseworker of their own team, so that their caseload holds only the training households. */
const trainee: Staff = { loginId: 'cw-kenshu', passphrase: '新人研修は春に始まる-2026', displayName: '研修 太郎', role: 'caseworker', teamId: 'team-kenshu' };

test('the administrator generates 20 training households for a caseworker, who finds them in their case list', async ({ page, request, office }) => {
  void office;
  await ensureStaff(request, trainee);
  await introduce(page, trainee);

  await unlock(page, admin);
  await goToHash(page, '#/admin');
  const panel = page.getByRole('region', { name: '研修用データ' });
  await expect(panel.getByText('研修用事務所の端末専用です')).toBeVisible();
  await panel.getByLabel('世帯数').fill('20');
  await panel.getByLabel('担当').selectOption({ label: trainee.displayName });
  await panel.getByLabel('シード（同じ数なら同じデータになります）').fill('2026');
  const create = panel.getByRole('button', { name: '研修用データを作成' });
  await expect(create).toBeDisabled();
  await panel.getByLabel(/研修用事務所であり、合成データを書き込む/).check();
  await create.click();
  await expect(panel.getByRole('status')).toHaveText('20 / 20 世帯を作成しました。');
  await expect(panel.getByRole('progressbar', { name: '研修用データの作成状況' })).toHaveAttribute('value', '20');
  await lock(page);

  await unlock(page, trainee);
  await goToHash(page, '#/cases');
  const table = page.getByRole('table', { name: 'ケース一覧' });
  await expect(page.getByText('20件', { exact: true })).toBeVisible();
  await expect(table.getByRole('link', { name: /^研修2026-\d{5}$/ })).toHaveCount(20);
  await expect(table.getByRole('link', { name: '研修2026-00001' })).toBeVisible();
  // Every row shows its 世帯主 with a フリガナ.
  await expect(table.locator('tbody .kana').filter({ hasText: /^[ァ-ヶー ]+$/ })).toHaveCount(20);
});
