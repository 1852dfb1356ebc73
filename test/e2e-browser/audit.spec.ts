import { readFileSync } from 'node:fs';
import { auditor } from './caseworkSteps';
import { caseworker, createHousehold, goToHash, lock } from './casesFixtures';
import { admin, ensureStaff, expect, test, unlock } from './fixtures';

/** The auditor's 監査 screen: the vault's events in the log, the chain check, and the audited exports. */
test('the auditor sees failed and successful unlocks, the chain verifies, and exports are logged', async ({ page, request, office }) => {
  expect(office).toBeTruthy();
  await ensureStaff(request, auditor);
  await page.goto('/');
  // One wrong passphrase first: main journals it while the database is closed; the next unlock chains it in.
  await page.getByLabel('ログインID').fill(auditor.loginId);
  await page.getByLabel('パスフレーズ').fill('まちがったパスフレーズ');
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('alert')).toHaveText('ログインIDまたはパスフレーズが正しくありません');
  await page.waitForTimeout(1_300); // the throttle after one failure
  await unlock(page, auditor);
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '監査' }).click();

  const log = page.getByRole('table', { name: '監査ログ' });
  await expect(
    log
      .getByRole('row')
      .filter({ hasText: '鍵管理: ロック解除の失敗' })
      .filter({ hasText: `ログインID ${auditor.loginId}` })
      .first(),
  ).toBeVisible();
  await expect(log.getByRole('row').filter({ hasText: '鍵管理: ロック解除' }).filter({ hasText: auditor.displayName }).first()).toBeVisible();
  // Times are 和暦.
  await expect(log.getByRole('row').nth(1)).toContainText(/令和\d+年\d+月\d+日 \d{2}:\d{2}:\d{2}/);

  // Filter by kind and by actor.
  await page.getByLabel('種類').selectOption({ label: 'ケースの表示' });
  await page.getByLabel('職員', { exact: true }).selectOption({ label: auditor.displayName });
  await page.getByRole('button', { name: '検索' }).click();
  await expect(page.getByRole('status').filter({ hasText: '条件に合う記録はありません。期間を広げるか' })).toBeVisible();
  await expect(log).toHaveCount(0);
  await page.getByLabel('種類').selectOption({ label: '鍵管理' });
  await page.getByLabel('職員', { exact: true }).selectOption({ label: auditor.displayName });
  await page.getByRole('button', { name: '検索' }).click();
  await expect(log.getByRole('row').filter({ hasText: '鍵管理: ロック解除' }).first()).toBeVisible();
  const kinds = await log.locator('tbody tr td:nth-child(4)').allTextContents();
  expect(kinds.length).toBeGreaterThan(0);
  expect(kinds.every((kind) => kind.startsWith('鍵管理'))).toBe(true);
  // A period in the past holds nothing.
  await page.getByLabel('期間（開始日）').fill('2020-01-01');
  await page.getByLabel('期間（終了日）').fill('2020-12-31');
  await page.getByRole('button', { name: '検索' }).click();
  await expect(page.getByRole('status').filter({ hasText: '条件に合う記録はありません' })).toBeVisible();

  await page.getByRole('button', { name: '連鎖を検証' }).click();
  await expect(page.getByRole('status').filter({ hasText: '監査ログの連鎖は正常です' })).toBeVisible();

  // Exports: everything, as CSV and JSON; each export is itself an entry.
  await page.getByLabel('期間（開始日）').fill('');
  await page.getByLabel('期間（終了日）').fill('');
  await page.getByLabel('種類').selectOption({ label: 'すべて' });
  await page.getByLabel('職員', { exact: true }).selectOption({ label: 'すべて' });
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVで出力' }).click()]);
  expect(csvDownload.suggestedFilename()).toMatch(/^audit-\d{8}\.csv$/);
  const csv = readFileSync((await csvDownload.path())!, 'utf8');
  expect(csv.startsWith('\uFEFF"番号","日時","職員ID","職員","種類","ケース番号","内容"')).toBe(true);
  expect(csv).toContain('"鍵管理: ロック解除の失敗"');
  const [jsonDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'JSONで出力' }).click()]);
  const json = JSON.parse(readFileSync((await jsonDownload.path())!, 'utf8'));
  expect(json.format).toBe('seiho-desk-audit');
  expect(json.entries.some((e: { kind: string; detail: { type?: string } }) => e.kind === 'vaultEvent' && e.detail.type === 'failedUnlock')).toBe(true);
  await expect(log.getByRole('row').filter({ hasText: '出力' }).filter({ hasText: '監査ログ' })).toHaveCount(2);
  await page.getByRole('button', { name: '連鎖を検証' }).click();
  await expect(page.getByRole('status').filter({ hasText: '監査ログの連鎖は正常です' })).toBeVisible();
});

test('the log is for the auditor only: the administrator is refused in Japanese', async ({ page, office }) => {
  expect(office).toBeTruthy();
  await unlock(page, admin);
  await page.goto('/#/audit');
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('監査');
  await expect(page.getByRole('alert')).toContainText('監査ログは監査担当だけが閲覧できます（現在の役割: システム管理者）');
  await expect(page.getByRole('table')).toHaveCount(0);
});

/** What the auditor reads about a case: its ケース番号 (never the household's internal id) and Japanese table and field names. */
test('the auditor reads entries by case number with Japanese names, and filters by case, user and kind', async ({ page, request, office }) => {
  expect(office).toBeTruthy();
  await ensureStaff(request, caseworker);
  await ensureStaff(request, auditor);
  const caseNumber = `KANSA-${Date.now().toString(36).toUpperCase()}`;
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber,
    address: '加須市大門町1番1号',
    head: { name: '監査 確認子', kana: 'カンサ カクニンコ', birthDate: '1975-04-01' },
  });
  const householdId = new URL(page.url()).hash.replace('#/cases/', '');
  await goToHash(page, '#/cases');
  await goToHash(page, `#/cases/${householdId}`);
  await expect(page.getByRole('heading', { name: new RegExp(`^ケース ${caseNumber}`) })).toBeVisible();
  await lock(page);

  await unlock(page, auditor);
  await goToHash(page, '#/audit');
  await page.getByLabel('ケース番号', { exact: true }).fill(caseNumber);
  await page.getByLabel('職員', { exact: true }).selectOption({ label: caseworker.displayName });
  await page.getByRole('button', { name: '検索' }).click();
  const log = page.getByRole('table', { name: '監査ログ' });
  // The case's entries only: every row's actor is the caseworker (retried until the search has answered).
  await expect(log.locator('tbody tr td:nth-child(3)').filter({ hasNotText: caseworker.displayName })).toHaveCount(0);
  await expect(log.locator('caption')).toContainText('件（新しい順、1〜');
  // The household's creation names its table and fields in Japanese, and the case by its number.
  const created = log
    .getByRole('row')
    .filter({ hasText: '作成' })
    .filter({ hasText: `世帯（ケース ${caseNumber}）` });
  await expect(created.first()).toContainText(/住所/);
  await expect(log.getByRole('row').filter({ hasText: '世帯員' }).first()).toContainText(/氏名.*生年月日|生年月日.*氏名/);
  await expect(log).not.toContainText(householdId);
  await expect(log).not.toContainText(/\b(households|members|address|birthDate)\b/);
  await expect(log.locator('tbody tr td:nth-child(3)').filter({ hasNotText: caseworker.displayName })).toHaveCount(0);

  // By kind: only the case's openings, each named by its number.
  await page.getByLabel('種類').selectOption({ label: 'ケースの表示' });
  await page.getByRole('button', { name: '検索' }).click();
  // Retried until the new search has replaced the rows: only openings remain, and there are some.
  await expect(log.locator('tbody tr td:nth-child(4)').filter({ hasNotText: /^ケースの表示$/ })).toHaveCount(0);
  await expect(log.locator('tbody tr')).not.toHaveCount(0);
  const summaries = await log.locator('tbody tr td:nth-child(5)').allTextContents();
  expect(new Set(summaries)).toEqual(new Set([`ケース ${caseNumber}`]));

  // The export holds the same entries with the same labels and says which filter made it.
  const [csvDownload] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSVで出力' }).click()]);
  const lines = readFileSync((await csvDownload.path())!, 'utf8')
    .replace(/^\uFEFF/, '')
    .trim()
    .split('\r\n');
  expect(lines).toHaveLength(summaries.length + 1);
  for (const line of lines.slice(1)) expect(line).toContain(`"${caseworker.displayName}","ケースの表示","${caseNumber}","ケース ${caseNumber}"`);
  await expect(page.getByRole('status').filter({ hasText: `職員 ${caseworker.displayName}・種類 ケースの表示・ケース番号 ${caseNumber}の` })).toBeVisible();

  // A case number the device does not hold is refused, naming the field.
  await page.getByLabel('ケース番号', { exact: true }).fill('NO-SUCH-CASE');
  await page.getByRole('button', { name: '検索' }).click();
  await expect(page.getByRole('alert')).toContainText('ケース番号: NO-SUCH-CASE のケースはこの端末にありません');
});
