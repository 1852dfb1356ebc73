import { expect, type Page } from '@playwright/test';
import { myNumberCheckDigit } from '../../shared/casework/myNumber';
import { unlock, type Staff } from './fixtures';

/**
 * Helpers for browser tests that need cases: staff, a valid 個人番号, and a household created through the
 * 新規ケース登録 screen as a caseworker would. Use with `ensureStaff(request, caseworker)` and `unlock`.
 */

export const caseworker: Staff = { loginId: 'cw-sato', passphrase: '利根川の土手を歩く-2026', displayName: '佐藤 一郎', role: 'caseworker', teamId: 'team-1' };

/** A second caseworker of the same team: another caseload, and the second person who confirms a 個人番号. */
export const colleague: Staff = { loginId: 'cw-suzuki', passphrase: '見沼の桜並木を歩く-2026', displayName: '鈴木 二郎', role: 'caseworker', teamId: 'team-1' };

/** A 個人番号 whose check digit is right, from any 11 digits. */
export const validMyNumber = (body: string): string => `${body}${myNumberCheckDigit(body)}`;

export interface NewHousehold {
  caseNumber: string;
  address: string;
  head: { name: string; kana: string; birthDate: string; sex?: 'male' | 'female' };
  phone?: string;
  /** Needs a colleague known to this device (see `introduce`) to confirm it. */
  myNumber?: string;
}

/** Client-side navigation: a reload would lock the app (the data key lives only in the page). */
export async function goToHash(page: Page, hash: string) {
  await page.evaluate((h) => {
    window.location.hash = h;
  }, hash);
}

export async function lock(page: Page) {
  await page.getByRole('button', { name: 'ロック', exact: true }).click();
  await expect(page.getByRole('button', { name: 'ログイン', exact: true })).toBeVisible();
}

/** Unlocks once as `staff` and locks again, so this device's staff list knows them (e.g. as a confirmer). */
export async function introduce(page: Page, staff: Staff) {
  await unlock(page, staff);
  await lock(page);
}

/** Fills the 新規ケース登録 form without submitting it. */
export async function fillNewCase(page: Page, household: NewHousehold) {
  await goToHash(page, '#/cases/new');
  await expect(page.getByRole('heading', { name: '新規ケース登録' })).toBeVisible();
  await page.getByLabel('ケース番号', { exact: true }).fill(household.caseNumber);
  await page.getByLabel('住所', { exact: true }).fill(household.address);
  if (household.phone) await page.getByLabel('電話番号', { exact: true }).fill(household.phone);
  const head = page.getByRole('group', { name: '世帯主', exact: true });
  await head.getByLabel('氏名', { exact: true }).fill(household.head.name);
  await head.getByLabel('フリガナ', { exact: true }).fill(household.head.kana);
  await head.getByLabel('生年月日', { exact: true }).fill(household.head.birthDate);
  await head.getByLabel('性別', { exact: true }).selectOption(household.head.sex ?? 'female');
  if (household.myNumber) {
    await head.getByLabel('個人番号', { exact: true }).fill(household.myNumber);
    await head.getByLabel('本人確認の方法', { exact: true }).selectOption('card');
    const confirmer = head.getByLabel('確認者', { exact: true });
    await confirmer.selectOption({ index: 1 });
  }
}

/** Creates a household through the UI as the unlocked user and waits for its case screen; returns the case number. */
export async function createHousehold(page: Page, household: NewHousehold): Promise<string> {
  await fillNewCase(page, household);
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^ケース ${household.caseNumber}`) })).toBeVisible();
  return household.caseNumber;
}

/** The id of the case on screen, from `#/cases/<id>`. */
export const openCaseId = (page: Page): string => new URL(page.url()).hash.replace('#/cases/', '');
