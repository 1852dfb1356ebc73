import { expect, type Locator, type Page } from '@playwright/test';
import { basename, join } from 'node:path';
import type { Staff } from './fixtures';

/** The browser steps of the sync tests: the hub's first run, enrolment on 管理, set-up from the file, and one sync run per side. */

export async function unlockAt(page: Page, url: string, user: { loginId: string; passphrase: string }) {
  await page.goto(`${url}/`);
  await page.getByLabel('ログインID').fill(user.loginId);
  await page.getByLabel('パスフレーズ').fill(user.passphrase);
  await page.getByRole('button', { name: 'ログイン', exact: true }).click();
  await expect(page.getByRole('navigation', { name: 'メインメニュー' })).toBeVisible({ timeout: SLOW });
}

/** Types the recovery key's last group back, as a person does from the printed sheet. */
async function confirmRecoverySheet(page: Page) {
  const sheet = page.getByRole('list', { name: '回復キー' });
  await expect(sheet).toBeVisible({ timeout: 20_000 });
  const groups = await sheet.getByRole('listitem').allTextContents();
  await page.getByLabel(/最後のグループ/).fill(groups.at(-1)!);
  await page.getByRole('button', { name: '保管しました' }).click();
  await expect(page.getByRole('button', { name: 'ログイン', exact: true })).toBeVisible({ timeout: SLOW });
}

/** Three hosts and their Argon2id on a shared two-core machine: the lock screen may take longer than expect's 5 s. */
const SLOW = 20_000;

export async function lockHere(page: Page) {
  await page.getByRole('button', { name: 'ロック', exact: true }).click();
  await expect(page.getByRole('button', { name: 'ログイン', exact: true })).toBeVisible({ timeout: SLOW });
}

/** First run of the hub: a new office on a device of profile ハブ端末. */
export async function setUpHub(page: Page, office: { name: string }, admin: { loginId: string; displayName: string; passphrase: string }) {
  await page.goto('/');
  await page.getByLabel('事務所名').fill(office.name);
  await page.getByLabel('端末の種類').selectOption('hub');
  await page.getByLabel('氏名').fill(admin.displayName);
  await page.getByLabel('ログインID').fill(admin.loginId);
  await page.getByLabel('パスフレーズ', { exact: true }).fill(admin.passphrase);
  await page.getByLabel('パスフレーズ（確認）').fill(admin.passphrase);
  await page.getByRole('button', { name: '初期設定を行う' }).click();
  await confirmRecoverySheet(page);
}

export interface Enrolled {
  file: string;
  code: string;
}

/** 管理 › 端末 on the hub: enrols a device and reads the code shown once. */
export async function enrolDevice(
  page: Page,
  device: { name: string; profile: 'field' | 'office'; users: readonly Staff[]; caseloads: readonly Staff[]; folder: string },
): Promise<Enrolled> {
  const form = page.getByRole('form', { name: '端末の登録' });
  await form.getByLabel('端末名').fill(device.name);
  await form.getByLabel('端末の種類').selectOption(device.profile);
  for (const user of device.users) await form.getByRole('checkbox', { name: new RegExp(`^${user.displayName}（${user.loginId}・`) }).check();
  for (const user of device.caseloads) await form.getByRole('checkbox', { name: `${user.displayName}の担当ケース` }).check();
  await form.getByLabel('書き出し先フォルダ').fill(device.folder);
  await form.getByRole('button', { name: '登録ファイルを作成' }).click();
  const shown = page.getByRole('region', { name: '登録コード（この画面でだけ表示します）' });
  await expect(shown.getByRole('status')).toContainText(`${device.name}を登録しました`);
  const code = (await shown.locator('dt:text-is("登録コード") + dd').textContent())!.trim();
  const file = (await shown.locator('dt:text-is("登録ファイル") + dd').textContent())!.trim();
  await shown.getByRole('button', { name: '控えました（コードを消す）' }).click();
  return { file: join(device.folder, basename(file)), code };
}

/** First run of a device from its enrolment file: the code and each listed user's passphrase. */
export async function setUpFromEnrolment(page: Page, url: string, enrolled: Enrolled, users: readonly Staff[]) {
  await page.goto(`${url}/`);
  await page.getByRole('button', { name: '登録ファイルから設定する' }).click();
  await page.getByLabel('登録ファイル', { exact: true }).fill(enrolled.file);
  await page.getByRole('button', { name: '登録ファイルを読み込む' }).click();
  await page.getByLabel('登録コード', { exact: true }).fill(enrolled.code);
  for (const user of users) {
    await page.getByLabel(`${user.displayName}のパスフレーズ`, { exact: true }).fill(user.passphrase);
    await page.getByLabel(`${user.displayName}のパスフレーズ（確認）`).fill(user.passphrase);
  }
  await page.getByRole('button', { name: 'この端末を設定する' }).click();
  await confirmRecoverySheet(page);
}

/** Runs the one sync action of this side (the hub's 取込みと返送, a device's 今すぐ同期) and waits for its report. */
export async function runSync(page: Page, side: 'hub' | 'device'): Promise<Locator> {
  await page.evaluate(() => {
    window.location.hash = '#/sync';
  });
  await expect(page.getByRole('heading', { level: 2, name: '同期' })).toBeVisible();
  await page.getByRole('button', { name: side === 'hub' ? '取込みと返送を実行' : '今すぐ同期' }).click();
  const done = page.getByRole('status').filter({ hasText: '同期が終わりました。' });
  const failed = page.getByRole('alert');
  await expect(done.or(failed).first()).toBeVisible({ timeout: 30_000 });
  if (await failed.count()) throw new Error(`同期に失敗: ${await failed.first().textContent()}`);
  return side === 'hub' ? page.getByRole('region', { name: '端末ごとの結果' }) : page.getByRole('region', { name: '同期の結果' });
}

/** One device's part of the hub's report. */
export const deviceReport = (report: Locator, deviceName: string): Locator => report.getByRole('region', { name: deviceName, exact: true });
