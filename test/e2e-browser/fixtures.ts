import { test as base, expect, type APIRequestContext, type Page } from '@playwright/test';
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { testToken } from '../playwright.config';

/**
 * One office per test run (the browser host's key store lives in its data folder), set up through the same
 * screens a person uses on first start. Every test gets a fresh browser context, so a fresh IndexedDB.
 */
export const admin = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'さくら並木の朝は早い-2026' };
export const officeName = '加須市福祉事務所';

export type Staff = { loginId: string; passphrase: string; displayName: string; role: string; teamId: string | null };

/** Calls the contract over HTTP as the page would (with the per-run token). */
export async function callApi<T = unknown>(request: APIRequestContext, method: string, body: unknown = {}): Promise<T> {
  const response = await request.post(`/api/${method}`, { data: body, headers: { authorization: `Bearer ${testToken}` } });
  const result = await response.json();
  if (!result.ok) throw new Error(`${method}: ${result.error.code} ${result.error.message}`);
  return result.value as T;
}

/** `timeout`: for a page whose CPU a test slows down; by default room for Argon2id on a busy two-core machine. */
export async function unlock(page: Page, user: { loginId: string; passphrase: string }, { timeout = 20_000 }: { timeout?: number } = {}) {
  await page.goto('/');
  await page.getByLabel('ログインID').fill(user.loginId);
  await page.getByLabel('パスフレーズ').fill(user.passphrase);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toBeVisible({ timeout });
}

/**
 * Makes a staff member in the key store (as the administrator would on the 管理 screen) with their own
 * passphrase already chosen, so tests can log straight in.
 */
export async function ensureStaff(request: APIRequestContext, staff: Staff) {
  const setBy = `${staff.passphrase}-初期`;
  await callApi(request, 'vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
  const { users } = await callApi<{ users: { loginId: string }[] }>(request, 'usersList');
  if (!users.some((u) => u.loginId === staff.loginId)) {
    await callApi(request, 'userCreate', {
      loginId: staff.loginId,
      passphrase: setBy,
      profile: { displayName: staff.displayName, role: staff.role, teamId: staff.teamId },
    });
    await callApi(request, 'vaultUnlock', { loginId: staff.loginId, passphrase: setBy });
    await callApi(request, 'vaultChangePassphrase', { currentPassphrase: setBy, newPassphrase: staff.passphrase });
  }
  await callApi(request, 'vaultLock', { reason: 'manual' });
}

// Shown once at set-up; kept beside the host's data folder for the tests that restore backups.
const recoveryKeyFile = `${process.env.SEIHO_TEST_DATA_DIR}.recovery-key`;

export const test = base.extend<{ office: { recoveryKey: string } }>({
  office: async ({ page, request }, use) => {
    const status = await callApi<{ state: string }>(request, 'vaultStatus');
    if (status.state === 'uninitialized') {
      await page.goto('/');
      await page.getByLabel('事務所名').fill(officeName);
      // 市町村 is chosen from the calculation's list (all 63 of 埼玉県), not typed.
      const municipality = page.getByRole('combobox', { name: '市町村' });
      await expect(municipality.locator('option')).toHaveCount(63);
      await municipality.selectOption('加須市');
      await page.getByLabel('氏名').fill(admin.displayName);
      await page.getByLabel('ログインID').fill(admin.loginId);
      await page.getByLabel('パスフレーズ', { exact: true }).fill(admin.passphrase);
      await page.getByLabel('パスフレーズ（確認）').fill(admin.passphrase);
      await page.getByRole('button', { name: '初期設定を行う' }).click();
      const sheet = page.getByRole('list', { name: '回復キー' });
      await expect(sheet).toBeVisible({ timeout: 20_000 });
      const groups = await sheet.getByRole('listitem').allTextContents();
      writeFileSync(recoveryKeyFile, groups.join('-'));
      await page.getByLabel(/最後のグループ/).fill(groups.at(-1)!);
      await page.getByRole('button', { name: '保管しました' }).click();
      await expect(page.getByRole('button', { name: 'ログイン', exact: true })).toBeVisible();
    }
    await use({ recoveryKey: existsSync(recoveryKeyFile) ? readFileSync(recoveryKeyFile, 'utf8') : '' });
  },
});

export { expect };
