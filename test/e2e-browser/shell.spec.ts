import { contentSecurityPolicy, metaContentSecurityPolicy } from '../../shared/security/contentSecurityPolicy';
import { admin, expect, officeName, test, unlock } from './fixtures';

test('the Japanese shell loads with the areas of the role in its menu', async ({ page, office }) => {
  expect(office).toBeTruthy();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await unlock(page, admin);
  await expect(page.getByLabel('ログイン中の職員')).toHaveText(`${officeName}　${admin.displayName}（システム管理者）`);
  const menu = page.getByRole('navigation', { name: 'メインメニュー' });
  for (const label of ['ホーム', 'ケース一覧', '計算', '連携', '同期', '管理', '設定']) {
    await expect(menu.getByRole('link', { name: label, exact: true })).toBeVisible();
  }
  // The administrator runs the system: no intake work, and the log is the auditor's.
  for (const label of ['相談・申請', '監査']) await expect(menu.getByRole('link', { name: label, exact: true })).toHaveCount(0);
  await expect(page.getByRole('list', { name: '端末の状態' })).toContainText('正常: データフォルダ');
  await expect(page.getByText(/本日は 令和\d+年\d+月\d+日 です。/)).toBeVisible();
  await menu.getByRole('link', { name: '同期' }).click();
  await expect(page).toHaveURL(/#\/sync$/);
  await expect(page.getByRole('heading', { level: 2 })).toHaveText('同期');
  expect(errors).toEqual([]);
});

test('settings round-trip through the contract and survive a reload', async ({ page, office }) => {
  expect(office).toBeTruthy();
  await unlock(page, admin);
  await page.goto('/#/settings');
  const name = page.getByLabel('事務所名');
  await expect(page.getByLabel('既定の市町村')).toHaveValue('加須市');
  await name.fill('加須市福祉事務所 生活福祉課');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('設定を保存しました。');
  await page.reload();
  await unlock(page, admin);
  await page.goto('/#/settings');
  await expect(page.getByLabel('事務所名')).toHaveValue('加須市福祉事務所 生活福祉課');
});

test('an empty office name is refused with a field message and nothing is saved', async ({ page, office }) => {
  expect(office).toBeTruthy();
  await unlock(page, admin);
  await page.goto('/#/settings');
  const name = page.getByLabel('事務所名');
  await expect(page.getByLabel('既定の市町村')).toHaveValue('加須市');
  const before = await name.inputValue();
  await name.fill('');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('事務所名: 事務所名を入力してください')).toBeVisible();
  await page.getByLabel('自動ロックまでの時間（分）').fill('abc');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByText('自動ロックまでの時間（分）: 自動ロックまでの時間は数字で入力してください')).toBeVisible();
  await page.reload();
  await unlock(page, admin);
  await page.goto('/#/settings');
  await expect(page.getByLabel('事務所名')).toHaveValue(before);
});

test('the page is served with the strict CSP as header and meta tag, and loads without a CSP console error', async ({ page }) => {
  const consoleErrors: string[] = [];
  page.on('console', (message) => {
    if (message.type() === 'error') consoleErrors.push(message.text());
  });
  const response = await page.goto('/');
  expect(response?.headers()['content-security-policy']).toBe(contentSecurityPolicy);
  // frame-ancestors is only in the header: a meta tag cannot carry it, and Chromium logs an error when one tries.
  await expect(page.locator('meta[http-equiv="Content-Security-Policy"]')).toHaveAttribute('content', metaContentSecurityPolicy);
  await expect(page.getByRole('heading').first()).toBeVisible();
  expect(consoleErrors.filter((text) => /Content Security Policy|frame-ancestors/i.test(text))).toEqual([]);
  // An inline script must not run under this policy.
  const ran = await page.evaluate(() => {
    const script = document.createElement('script');
    script.textContent = 'window.__inlineRan = true';
    document.body.append(script);
    return (window as unknown as { __inlineRan?: boolean }).__inlineRan === true;
  });
  expect(ran).toBe(false);
});

test('the API refuses a request without the per-run token', async ({ request }) => {
  const without = await request.post('/api/appInfo', { data: {} });
  expect(without.status()).toBe(401);
  const wrong = await request.post('/api/appInfo', { data: {}, headers: { authorization: 'Bearer wrong-token' } });
  expect(wrong.status()).toBe(401);
});

test('Japanese text renders with real glyphs, not tofu boxes', async ({ page, office }) => {
  expect(office).toBeTruthy();
  await unlock(page, admin);
  await expect(page.getByRole('heading', { name: '生活保護ケースデスク' })).toBeVisible();
  // Without a CJK font every character draws as the same box, so two different words look identical.
  await page.evaluate(() => {
    const box = document.createElement('div');
    box.id = 'glyph-probe';
    for (const word of ['生活保護', '最低限度']) {
      const span = document.createElement('span');
      span.textContent = word;
      span.className = 'glyph';
      box.append(span, document.createElement('br'));
    }
    document.body.prepend(box);
  });
  const [first, second] = await Promise.all([page.locator('.glyph').nth(0).screenshot(), page.locator('.glyph').nth(1).screenshot()]);
  expect(first.equals(second)).toBe(false);
  await page.screenshot({ path: test.info().outputPath('home.png') });
});
