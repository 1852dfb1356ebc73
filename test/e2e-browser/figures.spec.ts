import { readFileSync } from 'node:fs';
import type { Page } from '@playwright/test';
import { addMonthsToMonth, monthOf } from '../../shared/casework/calendarDate';
import { formatWarekiMonth } from '../../shared/format/wareki';
import { expectAccessible } from './axe';
import { caseworker, colleague, createHousehold, goToHash, introduce, lock, openCaseId, validMyNumber } from './casesFixtures';
import { approve, consultAndApply, fillStartDecision, intakeOfficer, manager, openCase, supervisor, today } from './caseworkSteps';
import { ensureStaff, expect, test, unlock } from './fixtures';

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  for (const staff of [caseworker, colleague, intakeOfficer, supervisor, manager]) await ensureStaff(request, staff);
});

/** The number in a figures table's row, by the table's caption and the row's header. */
const cell = (page: Page, table: string, row: string, column = 1) =>
  page
    .getByRole('table', { name: table })
    .getByRole('row', { name: new RegExp(`^${row}`) })
    .getByRole('cell')
    .nth(column - 1);

test('統計: a 開始 approved with its reason shows in this month’s figures, drills down to the case, the CSV and the dashboard’s chart tables have the same figures, and the 年次調査 names no one', async ({
  page,
}) => {
  const on = today();
  const myNumber = validMyNumber('73052719468');
  await introduce(page, colleague);
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-0901',
    myNumber,
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
  const [download] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '月次CSV出力' }).click()]);
  const csv = readFileSync((await download.path())!, 'utf8');
  expect(csv.split('\r\n')[0]).toContain('要確認');
  expect(csv).toContain('被保護実世帯数（保護停止中を含む）,1\r\n');
  expect(csv).toContain('保護開始の理由,世帯主の傷病,1\r\n');
  expect(csv).toContain('扶助別人員,医療扶助,1\r\n');

  // The dashboard: every chart is an SVG image with a table of the same numbers as the month's tables.
  await page.getByLabel('推移の期間').selectOption({ label: '直近36か月' });
  await page.getByRole('button', { name: 'ダッシュボードを表示' }).click();
  const dashboard = page.getByRole('region', { name: 'ダッシュボード' });
  await expect(dashboard.getByRole('figure')).toHaveCount(6);
  await expect(dashboard.getByRole('img', { name: '被保護世帯数の推移' })).toBeVisible();
  const chartRow = (table: string, row: string) =>
    dashboard
      .getByRole('table', { name: new RegExp(`^${table}.*（表）$`) })
      .getByRole('row', { name: new RegExp(`^${row}(\\s|$)`) })
      .getByRole('cell');
  const thisMonth = formatWarekiMonth(monthOf(on));
  const lastMonth = formatWarekiMonth(addMonthsToMonth(monthOf(on), -1));
  await expect(dashboard.getByRole('table', { name: '被保護世帯数の推移（表）' }).getByRole('row')).toHaveCount(37);
  const monthTable = async (table: string, row: string) => (await cell(page, table, row).textContent())!;
  // 被保護世帯数（停止中を含む）, うち保護停止中 — as the month's table says.
  await expect(chartRow('被保護世帯数の推移', thisMonth)).toHaveText([
    await monthTable('被保護世帯数・被保護実人員', '被保護（保護停止中を含む）'),
    // (a pattern: the row 保護停止中を除く starts the same)
    await monthTable('被保護世帯数・被保護実人員', '保護停止中\\s'),
  ]);
  await expect(chartRow('被保護世帯数の推移', thisMonth)).toHaveText(['1', '0']);
  await expect(chartRow('被保護世帯数の推移', lastMonth)).toHaveText(['0', '0']);
  await expect(chartRow('保護開始・廃止世帯数の推移', thisMonth)).toHaveText([await monthTable('保護開始世帯数（理由別）', '計'), '0']);
  const aidsRow = chartRow('扶助別人員の推移（停止中を除く）', thisMonth);
  await expect(aidsRow.nth(0)).toHaveText(await monthTable('扶助別人員', '生活扶助'));
  await expect(aidsRow.nth(3)).toHaveText(await monthTable('扶助別人員', '医療扶助'));
  await expect(chartRow('医療扶助人員の割合の推移', thisMonth)).toHaveText(['100']);
  await expect(chartRow('医療扶助人員の割合の推移', lastMonth)).toHaveText(['—']);
  // Caseload: the caseworker's one household, against the standard line.
  await expect(chartRow('ケースワーカー別の担当世帯数', caseworker.displayName)).toHaveText(['1']);
  await expect(dashboard.getByRole('img', { name: /ケースワーカー別の担当世帯数/ })).toContainText('標準 80世帯');
  await expect(dashboard).toContainText('社会福祉法第16条');
  await expect(dashboard.getByRole('table', { name: /格付け別の訪問達成状況/ })).toBeVisible();
  await expectAccessible(page, '統計（ダッシュボード）');
  // On paper: the charts and their tables, not the controls.
  await page.emulateMedia({ media: 'print' });
  await expect(dashboard.getByRole('img', { name: '保護開始・廃止世帯数の推移' })).toBeVisible();
  await expect(dashboard.getByRole('table', { name: '保護開始・廃止世帯数の推移（表）' })).toBeVisible();
  await expect(page.getByLabel('推移の期間')).toBeHidden();
  await expect(page.getByRole('button', { name: '年次調査CSV出力' })).toBeHidden();
  await page.emulateMedia({ media: 'screen' });

  // 年次調査: the survey day's records, under keys, with nothing that names the person.
  const survey = async () => {
    await page.getByLabel('調査日').fill(on);
    const [file] = await Promise.all([page.waitForEvent('download'), page.getByRole('button', { name: '年次調査CSV出力' }).click()]);
    return readFileSync((await file.path())!);
  };
  const first = await survey();
  const text = first.toString('utf8');
  expect(text.split('\r\n')[0]).toContain('要確認');
  expect(text).toContain('\r\n世帯,');
  const personLines = text.split('\r\n').filter((l) => l.startsWith('個人,'));
  expect(personLines).toHaveLength(1);
  for (const seeded of [myNumber, '花崎 清', '花崎', 'ハナサキ', '加須市花崎1番地', '花崎1番地', 'K-0901', '1950-02-02']) {
    expect(first.includes(Buffer.from(seeded, 'utf8')), seeded).toBe(false);
  }
  // The same person has the same key in the next export.
  const again = (await survey()).toString('utf8');
  expect(again.split('\r\n').filter((l) => l.startsWith('個人,'))).toEqual(personLines);

  // The month before: the case was not yet protected.
  await page.getByLabel('対象月').selectOption(addMonthsToMonth(monthOf(on), -1));
  await expect(cell(page, '被保護世帯数・被保護実人員', '被保護（保護停止中を含む）')).toHaveText('0');
  await goToHash(page, '#/');
  await lock(page);

  // A caseworker has no 統計 in the menu.
  await unlock(page, caseworker);
  await expect(page.getByRole('link', { name: '統計' })).toHaveCount(0);
});
