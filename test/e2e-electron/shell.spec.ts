import { _electron as electron, expect, test } from '@playwright/test';

// Runs only where an Electron binary exists (ELECTRON_BIN); this machine cannot download one.
test.skip(!process.env.ELECTRON_BIN, 'ELECTRON_BIN が未設定のため Electron のテストは実行しません');

test('the packaged shell opens one hardened window on app:// with the Japanese UI', async () => {
  const app = await electron.launch({ executablePath: process.env.ELECTRON_BIN!, args: ['.'], cwd: new URL('../..', import.meta.url).pathname });
  const window = await app.firstWindow();
  expect(window.url()).toBe('app://seiho/index.html');
  await expect(window.getByRole('heading', { name: '生活保護ケースデスク' })).toBeVisible();
  const prefs = await app.evaluate(({ BrowserWindow }) => {
    const [w] = BrowserWindow.getAllWindows();
    return { count: BrowserWindow.getAllWindows().length, prefs: w!.webContents.getLastWebPreferences() };
  });
  expect(prefs.count).toBe(1);
  expect(prefs.prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false });
  expect(await window.evaluate(() => typeof (window as unknown as { require?: unknown }).require)).toBe('undefined');
  expect(await window.evaluate(() => Object.keys((window as unknown as { seiho: object }).seiho).sort())).toContain('settingsGet');
  const navigated = await window.evaluate(() => {
    window.location.href = 'https://example.com/';
    return window.location.href;
  });
  expect(navigated).not.toContain('example.com');
  await app.close();
});
