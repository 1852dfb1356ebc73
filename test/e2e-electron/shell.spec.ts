import { _electron as electron, expect, test } from '@playwright/test';

// Runs only where an Electron binary exists (ELECTRON_BIN); this machine cannot download one.
test.skip(!process.env.ELECTRON_BIN, 'ELECTRON_BIN が未設定のため Electron のテストは実行しません');

test('the packaged shell opens one hardened window on app:// with the Japanese UI', async () => {
  const app = await electron.launch({ executablePath: process.env.ELECTRON_BIN!, args: ['.'], cwd: new URL('../..', import.meta.url).pathname });
  const page = await app.firstWindow();
  expect(page.url()).toBe('app://seiho/index.html');
  await expect(page.getByRole('heading', { name: '生活保護ケースデスク' })).toBeVisible();
  expect(await app.evaluate(({ BrowserWindow }) => BrowserWindow.getAllWindows().length)).toBe(1);
  // Isolated and sandboxed: the page sees neither Node nor Electron, only the contract's functions.
  expect(await page.evaluate(() => [typeof (globalThis as { require?: unknown }).require, typeof (globalThis as { process?: unknown }).process])).toEqual([
    'undefined',
    'undefined',
  ]);
  expect(await page.evaluate(() => Object.keys((globalThis as unknown as { seiho: object }).seiho))).toContain('settingsGet');
  await page.evaluate(() => {
    location.href = 'https://example.com/';
  });
  await page.waitForTimeout(500);
  expect(page.url()).toMatch(/^app:\/\/seiho\//);
  await app.close();
});
