import { readFileSync } from 'node:fs';
import { expectAccessible } from './axe';
import { auditor } from './caseworkSteps';
import { admin, ensureStaff, expect, test, unlock } from './fixtures';

/**
 * 自己点検 in the browser (real IndexedDB, real libsodium): a failed login and an export planted through the UI
 * appear as findings with their records; the auditor signs the report, finds it in the history, exports it as CSV.
 */
test('the auditor runs the self-inspection, sees the planted failed login and export, signs it and finds it in the history', async ({
  page,
  request,
  office,
}) => {
  expect(office).toBeTruthy();
  await ensureStaff(request, auditor);
  await page.goto('/');
  // A wrong passphrase: main journals it while the database is closed; the next unlock chains it into the log.
  await page.getByLabel('ログインID').fill(auditor.loginId);
  await page.getByLabel('パスフレーズ').fill('まちがったパスフレーズ');
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('ログインIDまたはパスフレーズが正しくありません');
  await page.waitForTimeout(1_300); // the throttle after one failure
  await unlock(page, auditor);
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  // An export: the audit log as CSV from the 監査 screen.
  await menu.getByRole('link', { name: '監査' }).click();
  await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVで出力' }).click()]);

  await menu.getByRole('link', { name: '自己点検' }).click();
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('自己点検');
  // A reversed 期間 is refused in Japanese, and nothing runs.
  const from = page.getByLabel('期間（開始日）');
  const typedFrom = await from.inputValue();
  await from.fill('令和9年1月1日');
  await page.getByRole('button', { name: '自己点検を実施' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '期間: 開始日が終了日より後になっています' })).toBeVisible();
  await expect(page.getByRole('progressbar')).toHaveCount(0);
  await from.fill(typedFrom);
  await page.getByRole('button', { name: '自己点検を実施' }).click();
  await expect(page.getByRole('status').filter({ hasText: '点検が終わりました' })).toBeVisible();
  const progress = page.getByRole('progressbar', { name: '自己点検の進み具合' });
  await expect(progress).toBeVisible();
  expect(await progress.getAttribute('value')).toBe(await progress.getAttribute('max'));

  const report = page.getByRole('article', { name: /^自己点検報告書/ });
  await expect(report.getByRole('heading', { name: /^ログインの失敗とアカウントのロック: 指摘 \d+ 件$/ })).toBeVisible();
  await expect(report.getByRole('list', { name: 'ログインの失敗とアカウントのロックの記録' })).toContainText(`ログインID: ${auditor.loginId}`);
  await expect(report.getByRole('heading', { name: /^出力・印刷: 指摘 \d+ 件$/ })).toBeVisible();
  await expect(report.getByRole('list', { name: '出力・印刷の記録' })).toContainText('出力: audit');
  // A check with nothing found says so.
  await expect(report.getByRole('heading', { name: '失効した端末: 指摘なし' })).toBeVisible();
  await expect(report.locator('[data-check="revokedDevice"]')).toContainText('指摘事項はありません');
  await expectAccessible(page, '自己点検');

  await page.getByRole('button', { name: '署名する' }).click();
  await expect(report).toContainText(`署名${auditor.displayName}`);
  await expect(page.getByRole('button', { name: '署名する' })).toHaveCount(0);
  const history = page.getByRole('list', { name: '過去の報告' });
  // Newest first: this report, signed.
  await expect(history.getByRole('listitem').first()).toContainText(`署名済み: ${auditor.displayName}`);

  // The CSV is logged as an export.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVで出力' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^自己点検-\d{4}-\d{2}-\d{2}\.csv$/);
  const csv = readFileSync((await csvDownload.path())!, 'utf8');
  expect(csv).toContain('"ログインの失敗とアカウントのロック","指摘あり"');

  // After reopening the screen the signed report is still listed and opens.
  await menu.getByRole('link', { name: '監査' }).click();
  await menu.getByRole('link', { name: '自己点検' }).click();
  await page.getByRole('list', { name: '過去の報告' }).getByRole('button').first().click();
  await expect(page.getByRole('article', { name: /^自己点検報告書/ })).toContainText(`署名${auditor.displayName}`);
});

test('the administrator reads the reports but may not run one', async ({ page, office }) => {
  expect(office).toBeTruthy();
  await unlock(page, admin);
  await page.goto('/#/self-inspection');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('自己点検');
  await expect(page.getByRole('button', { name: '自己点検を実施' })).toHaveCount(0);
  await expect(page.getByRole('heading', { name: '過去の報告' })).toBeVisible();
});
