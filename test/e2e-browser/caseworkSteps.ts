import type { Page } from '@playwright/test';
import type { CalcResult } from '../../shared/calc/minimumCost';
import { makePayerNumber, makeRecipientNumber } from '../../shared/casework/publicPayerNumber';
import { formatYen } from '../../shared/format/yen';
import { goToHash, lock } from './casesFixtures';
import { expect, unlock, type Staff } from './fixtures';

/**
 * Steps of a case's life that several browser tests walk through as the staff would: 相談・申請, the calculation
 * wizard, the approval chain, a visit, a 医療券 and the notice's print. Each leaves the page where a caller can check it.
 */

export const intakeOfficer: Staff = { loginId: 'in-tanaka', passphrase: '古利根川の川風-2026', displayName: '田中 三郎', role: 'intakeOfficer', teamId: null };
export const supervisor: Staff = { loginId: 'sv-kato', passphrase: '玉敷神社の藤棚-2026', displayName: '加藤 四郎', role: 'supervisor', teamId: 'team-1' };
export const manager: Staff = { loginId: 'ka-ito', passphrase: '不動岡の参道を歩く-2026', displayName: '伊藤 五郎', role: 'manager', teamId: null };
export const auditor: Staff = { loginId: 'kansa01', passphrase: '監査担当のパスフレーズは長い', displayName: '監査 三郎', role: 'auditor', teamId: null };

/** The test browser's calendar day (Asia/Tokyo, as the config sets). */
export const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

/** Opens the case screen on `tab`, going away first so the case is read again (status current). */
export async function openCase(page: Page, id: string, tab: string) {
  await goToHash(page, '#/intake');
  await goToHash(page, `#/cases/${id}`);
  await page.getByRole('tab', { name: tab, exact: true }).click();
}

/** On the case's 相談・申請 tab: a consultation that ends in an application, and the application received on `appliedOn`. */
export async function consultAndApply(page: Page, appliedOn: string) {
  await page.getByLabel('主訴', { exact: true }).fill('失職し家賃が払えない');
  await page.getByLabel('生活状況', { exact: true }).fill('預貯金は3万円。親族の援助は見込めない。');
  await page.getByLabel('助言・他法他施策の案内').fill('住居確保給付金の要件を説明した');
  await page.getByLabel('相談の結果').selectOption('applied');
  await page.getByRole('button', { name: '相談を記録する' }).click();
  await expect(page.getByRole('list', { name: '相談記録' })).toContainText('失職し家賃が払えない');
  await page.getByLabel('申請日', { exact: true }).fill(appliedOn);
  await page.getByRole('button', { name: '申請を受け付ける' }).click();
}

/** On the 保護の経過 tab: fills the 開始 draft (生活扶助・住宅扶助 unless `aids` says otherwise) without submitting it. */
export async function fillStartDecision(page: Page, effectiveOn: string, reasons: string, aids: readonly string[] = ['生活扶助', '住宅扶助']) {
  await expect(page.getByLabel('決定の種類')).toHaveValue('start');
  await page.getByLabel('適用日').fill(effectiveOn);
  for (const aid of aids) await page.getByLabel(aid).check();
  await page.getByLabel('決定の理由').fill(reasons);
}

/** `staff` (査察指導員 or 課長) unlocks, approves the case's decision from their queue with `comment`, and locks. */
export async function approve(page: Page, staff: Staff, caseNumber: string, comment: string) {
  await unlock(page, staff);
  await goToHash(page, '#/intake');
  const queue = page.getByRole('table', { name: '決裁待ちの決定' });
  await queue
    .getByRole('row', { name: new RegExp(caseNumber) })
    .getByRole('link')
    .click();
  await page.getByLabel(/^コメント/).fill(comment);
  await page.getByRole('button', { name: '承認する' }).click();
  await expect(page.getByRole('list', { name: '決裁の経過' })).toContainText(comment);
  await lock(page);
}

/** Opens the 保護費算定 wizard for the case `label` (`<ケース番号> <住所>`) and waits for its first step. */
export async function startCaseCalculation(page: Page, label: string) {
  await goToHash(page, '#/calc');
  await page.getByLabel('ケース', { exact: true }).selectOption({ label });
  await page.getByRole('button', { name: 'ケースの保護費を計算する' }).click();
  await expect(page.getByRole('heading', { name: '手順1: 世帯' })).toBeFocused();
}

/** Every line the engine computes is on screen with its label and amount, and the totals match. */
export async function expectCalcLines(page: Page, expected: CalcResult) {
  for (const line of [...expected.lines, ...expected.incomeLines]) {
    const row = page.locator(`tr[data-code="${line.code}"]`);
    await expect(row.getByRole('rowheader')).toContainText(line.label);
    await expect(row.locator('td.amount').first()).toHaveText(formatYen(line.amount));
  }
  await expect(page.locator('table.calc-lines tbody tr')).toHaveCount(expected.lines.length + expected.incomeLines.length);
  const totals = page.locator('table.calc-totals');
  await expect(
    totals
      .getByRole('row', { name: /^最低生活費/ })
      .locator('td')
      .first(),
  ).toHaveText(formatYen(expected.totals.minimumCost));
  await expect(
    totals
      .getByRole('row', { name: /^収入認定額/ })
      .locator('td')
      .first(),
  ).toHaveText(formatYen(expected.totals.recognizedIncome));
  await expect(
    totals
      .getByRole('row', { name: /^保護費/ })
      .locator('td')
      .first(),
  ).toHaveText(formatYen(expected.totals.benefit));
}

/** On the 訪問 tab with a plan: records a home visit and waits for the plan's update. */
export async function recordHomeVisit(page: Page) {
  await page.getByLabel('方法', { exact: true }).selectOption('homeVisit');
  await page.getByLabel('場所', { exact: true }).fill('自宅');
  await page.getByLabel('面会者', { exact: true }).fill('世帯主本人');
  await page.getByLabel('確認した状況', { exact: true }).fill('居室は清潔。服薬は継続している。');
  await page.getByLabel('助言・指導', { exact: true }).fill('通院を続けるよう助言した。');
  await page.getByRole('button', { name: '記録する' }).click();
  // Filtered: a date field's reading (和暦) is a status of its own beside the form's.
  await expect(page.getByRole('status').filter({ hasText: '次回訪問期限を更新しました' })).toBeVisible();
}

/** A 公費負担者番号 and a 受給者番号 whose check digits are right. */
export const ticketNumbers = { payer: makePayerNumber({ prefecture: 11, agency: 201 }), recipient: makeRecipientNumber(204518) };

/** On the 医療券 tab: fills the ticket for `institution` with `recipient`, checked on blur, without issuing it. */
export async function fillMedicalTicket(page: Page, institution: string, recipient: string) {
  await page.getByLabel('医療機関・薬局', { exact: true }).fill(institution);
  await page.getByLabel('公費負担者番号', { exact: true }).fill(ticketNumbers.payer);
  await page.getByLabel('受給者番号', { exact: true }).fill(recipient);
  await page.getByLabel('受給者番号', { exact: true }).press('Tab');
}

/** Replaces the browser's print dialog with a counter; `printCount` reads it. */
export async function stubPrint(page: Page) {
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
}

export const printCount = (page: Page) => page.evaluate(() => (window as unknown as { printed: number }).printed);
