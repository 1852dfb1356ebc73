import { expectAccessible } from './axe';
import { caseworker, createHousehold, goToHash, lock } from './casesFixtures';
import { auditor } from './caseworkSteps';
import { admin, ensureStaff, expect, test, unlock } from './fixtures';

/**
 * Every area of the product, checked with axe as each role sees it: the lock screen, the administrator's, the
 * caseworker's (with a case open on each of its tabs) and the auditor's screens.
 */
test('every screen passes axe (WCAG 2.1 AA) for the role that uses it', async ({ page, request, office }) => {
  // Many screens, each scanned whole: longer than one screen's test.
  test.setTimeout(240_000);
  expect(office).toBeTruthy();
  await ensureStaff(request, caseworker);
  await ensureStaff(request, auditor);

  await page.goto('/');
  await expect(page.getByRole('button', { name: 'ログイン', exact: true })).toBeVisible();
  await expectAccessible(page, 'ロック画面');

  const visit = async (hash: string, heading: string | RegExp) => {
    await goToHash(page, hash);
    await expect(page.getByRole('heading', { level: 2, name: heading })).toBeVisible();
    await expectAccessible(page, hash);
  };

  await unlock(page, admin);
  await expectAccessible(page, 'ホーム（管理者）');
  await visit('#/admin', '管理');
  await visit('#/settings', '設定');
  await visit('#/figures', '統計');
  await visit('#/linkage', '連携');
  for (const tab of ['取込み（結果）', '連携設定']) {
    await page.getByRole('tab', { name: tab, exact: true }).click();
    await expectAccessible(page, `連携 › ${tab}`);
  }
  await lock(page);

  await unlock(page, caseworker);
  await expectAccessible(page, 'ホーム（ケースワーカー）');
  await visit('#/intake', '相談・申請');
  await visit('#/calc', '計算');
  await createHousehold(page, {
    caseNumber: `A11Y-${Date.now().toString(36)}`,
    address: '加須市中央一丁目1番1号',
    head: { name: '検査 太郎', kana: 'ケンサ タロウ', birthDate: '1960-04-01', sex: 'male' },
  });
  const tabs = page.getByRole('tablist').first().getByRole('tab');
  for (const name of await tabs.allTextContents()) {
    await page.getByRole('tab', { name, exact: true }).first().click();
    await expectAccessible(page, `ケース › ${name}`);
  }
  await visit('#/cases', 'ケース一覧');
  await lock(page);

  await unlock(page, auditor);
  await visit('#/audit', '監査');
});
