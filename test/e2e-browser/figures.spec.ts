import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addMonthsToMonth, monthOf } from '../../shared/casework/calendarDate';
import { formatWarekiMonth } from '../../shared/format/wareki';
import { caseworker, createHousehold, goToHash, lock, openCaseId } from './casesFixtures';
import { approve, consultAndApply, fillStartDecision, intakeOfficer, manager, openCase, supervisor, today } from './caseworkSteps';
import { ensureStaff, expect, test, unlock } from './fixtures';

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  for (const staff of [caseworker, intakeOfficer, supervisor, manager]) await ensureStaff(request, staff);
});

/** The number in a figures table's row, by the table's caption and the row's header. */
const cell = (page: Page, table: string, row: string, column = 1) =>
  page
    .getByRole('table', { name: table })
    .getByRole('row', { name: new RegExp(`^${row}`) })
    .getByRole('cell')
    .nth(column - 1);

test('統計: a 開始 approved with its reason shows in this month’s figures, drills down to the case, and the CSV has the same figures', async ({ page }) => {
  const on = today();
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-0901',
    address: '加須市花崎1番地',
    head: { name: '花崎 清', kana: 'ハナサキ キヨシ', birthDate: '1950-02-02' },
  });
  const caseId = openCaseId(page);
  await lock(page);
  await unlock(page, intakeOfficer);
  await openCase(page, caseId, '相談・申請');
  await consultAndApply(page, on);
  await lock(page);

  await unlock(page, caseworker);
  await openCase(page, caseId, '保護の経過');
  await fillStartDecision(page, on, '年金のみでは最低生活費に満たないため', ['生活扶助', '医療扶助']);
  await page.getByLabel('統計上の理由（被保護者調査）').selectOption({ label: '世帯主の傷病' });
  await page.getByRole('button', { name: '起案する' }).click();
  await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
  await lock(page);
  await approve(page, supervisor, 'K-0901', '確認しました');
  await approve(page, manager, 'K-0901', '決裁します');

  await unlock(page, manager);
  await page.getByRole('link', { name: '統計' }).click();
  await expect(page.getByLabel('対象月')).toHaveValue(monthOf(on));
  await expect(page.getByLabel('対象月').locator('option:checked')).toHaveText(formatWarekiMonth(monthOf(on)));
  await expect(cell(page, '被保護世帯数・被保護実人員', '被保護（保護停止中を含む）')).toHaveText('1');
  await expect(cell(page, '世帯類型別世帯数（保護停止中を除く）', '高齢者世帯')).toHaveText('1');
  await expect(cell(page, '世帯類型別世帯数（保護停止中を除く）', '高齢者世帯', 2)).toContainText('要確認');
  await expect(cell(page, '扶助別人員', '医療扶助')).toHaveText('1');
  await expect(cell(page, '保護開始世帯数（理由別）', '世帯主の傷病')).toHaveText('1');
  await expect(cell(page, '申請・却下・取下げ（件数）', '保護の申請')).toHaveText('1');
  await expect(page.getByRole('table', { name: '点検（集計の整合）' })).not.toContainText('不一致');

  // Drill-down: the number opens the case behind it.
  await cell(page, '保護開始世帯数（理由別）', '世帯主の傷病').getByRole('button').click();
  const cases = page.getByRole('region', { name: /世帯主の傷病のケース/ });
  await expect(cases.getByRole('link', { name: 'K-0901' })).toBeVisible();

  // The CSV: the layout's 要確認 header and the screen's numbers.
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: 'CSV出力' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toContain('要確認');
  expect(csv).toContain('被保護実世帯数（保護停止中を含む）,1\r\n');
  expect(csv).toContain('保護開始の理由,世帯主の傷病,1\r\n');
  expect(csv).toContain('扶助別人員,医療扶助,1\r\n');

  // The trend: 36 months up to this one, the same figures in this month's row and none before.
  await page.getByRole('button', { name: '直近36か月の推移を表示' }).click();
  const trend = page.getByRole('table', { name: /^推移/ });
  await expect(trend.getByRole('row')).toHaveCount(37);
  // 被保護世帯数, うち停止中, 実人員, 開始, 廃止, 申請, 医療扶助人員.
  const row = (month: string) => trend.getByRole('row', { name: new RegExp(`^${formatWarekiMonth(month)}`) }).getByRole('cell');
  await expect(row(monthOf(on))).toHaveText(['1', '0', '1', '1', '0', '1', '1']);
  await expect(row(addMonthsToMonth(monthOf(on), -1))).toHaveText(['0', '0', '0', '0', '0', '0', '0']);

  // The month before: the case was not yet protected.
  await page.getByLabel('対象月').selectOption(addMonthsToMonth(monthOf(on), -1));
  await expect(cell(page, '被保護世帯数・被保護実人員', '被保護（保護停止中を含む）')).toHaveText('0');
  await goToHash(page, '#/');
  await lock(page);

  // A caseworker has no 統計 in the menu.
  await unlock(page, caseworker);
  await expect(page.getByRole('link', { name: '統計' })).toHaveCount(0);
});
