import { addMonths, lastDayOf } from '../../shared/calc/dates';
import { formatWareki } from '../../shared/format/wareki';
import { caseworker, createHousehold, goToHash, lock, openCaseId } from './casesFixtures';
import { recordHomeVisit } from './caseworkSteps';
import { ensureStaff, expect, test, unlock, type Staff } from './fixtures';
import { printedPdf } from './printedPdf';

const accountant: Staff = { loginId: 'keiri-ito', passphrase: '古利根川の流れを見る-2026', displayName: '伊藤 経理', role: 'accounting', teamId: null };

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  await ensureStaff(request, caseworker);
  await ensureStaff(request, accountant);
});

const thisMonth = () => {
  const now = new Date();
  return `${now.getFullYear()}-${String(now.getMonth() + 1).padStart(2, '0')}`;
};

test('a caseworker plans visits, records one and sees the next due date move; no 医療券 form without 医療扶助', async ({ page }) => {
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-0501',
    address: '加須市花崎1番地',
    head: { name: '田中 正', kana: 'タナカ タダシ', birthDate: '1950-03-03', sex: 'male' },
  });

  await page.getByRole('tab', { name: '訪問', exact: true }).click();
  await page.getByLabel('訪問格付け', { exact: true }).selectOption('B');
  await page.getByRole('button', { name: '訪問計画を保存' }).click();
  const plan = page
    .getByRole('definition')
    .filter({ has: page.locator('time') })
    .first();
  // No visit yet: due within the month the plan starts.
  await expect(plan).toContainText(formatWareki(lastDayOf(thisMonth())));

  await recordHomeVisit(page);
  // Grade B: two months after the month of the visit.
  await expect(plan).toContainText(formatWareki(lastDayOf(addMonths(thisMonth(), 2))));

  await goToHash(page, '#/cases');
  const list = page.getByRole('table', { name: 'ケース一覧' });
  await expect(list.getByRole('row', { name: /K-0501/ })).toContainText(formatWareki(lastDayOf(addMonths(thisMonth(), 2))));
  // The achievement view (supervisors see their team; a caseworker their own caseload).
  await page.getByRole('link', { name: '訪問達成状況' }).click();
  await expect(page.getByRole('table', { name: '訪問達成状況' }).getByRole('row', { name: /佐藤 一郎/ })).toContainText('100%');
  await goToHash(page, '#/cases');
  await list.getByRole('link', { name: 'K-0501' }).click();
  await page.getByRole('tab', { name: 'ケース記録' }).click();
  const records = page.getByRole('list', { name: 'ケース記録' });
  await expect(records).toContainText('【家庭訪問】');
  await expect(records).toContainText('面会者: 世帯主本人');
  // The 訪問記録 as the case file keeps it: one A4 sheet with the case, the date, who wrote it, and the record as written.
  await records.getByRole('link', { name: /訪問を帳票で開く/ }).click();
  await expect(page.getByRole('article', { name: '訪問記録' })).toContainText('K-0501');
  const sheet = await printedPdf(page);
  expect(sheet.info).toMatch(/^Pages:\s+1$/mu);
  expect(sheet.info).toMatch(/^Page size:.*\(A4\)$/mu);
  for (const onPaper of ['訪問記録', 'K-0501', '佐藤 一郎', '面会者: 世帯主本人', '通院を続けるよう助言した。']) expect(sheet.text).toContain(onPaper);
  for (const screenOnly of ['印刷する', 'ケースへ戻る', 'ロック']) expect(sheet.text).not.toContain(screenOnly);
  await page.getByRole('link', { name: 'ケースへ戻る' }).click();

  // 相談中 with no decision: no 医療扶助, so the tab says why and offers no form it would refuse.
  await page.getByRole('tab', { name: '医療券' }).click();
  await expect(page.getByText('医療扶助の決定（決裁済み）がないため、医療券・調剤券は発行できません。', { exact: false })).toBeVisible();
  await expect(page.getByRole('button', { name: '発行する' })).toHaveCount(0);
});

test('経理 registers a 78条 徴収金 with its surcharge and records a payment; the caseworker only reads the ledger', async ({ page }) => {
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-0502',
    address: '加須市騎西2番地',
    head: { name: '小林 明', kana: 'コバヤシ アキラ', birthDate: '1970-07-07', sex: 'male' },
  });
  const caseId = openCaseId(page);
  await page.getByRole('tab', { name: '債権' }).click();
  await expect(page.getByText('債権の記録は経理が行います（閲覧のみ）。')).toBeVisible();
  await expect(page.getByRole('button', { name: '登録する' })).toHaveCount(0);
  await lock(page);

  await unlock(page, accountant);
  await goToHash(page, `#/cases/${caseId}`);
  await page.getByRole('tab', { name: '債権' }).click();
  await page.getByLabel('種別', { exact: true }).selectOption('collection78');
  await page.getByLabel('不正受給額（円）', { exact: true }).fill('１００，０００');
  await page.getByLabel('徴収額（円）', { exact: true }).fill('100000');
  await page.getByLabel('加算率（%）', { exact: true }).fill('45');
  await page.getByLabel('加算率（%）', { exact: true }).press('Tab');
  await expect(page.getByText('加算率（%）: 加算率は100分の40以下です')).toBeVisible();
  await page.getByLabel('加算率（%）', { exact: true }).fill('40');
  await page.getByLabel('分納月額（円）', { exact: true }).fill('50000');
  await page.getByLabel('分納月額（円）', { exact: true }).press('Tab');
  await page.getByRole('button', { name: '登録する' }).click();
  const ledger = page.getByRole('list', { name: '債権' });
  await expect(ledger).toContainText('徴収金（78条）');
  await expect(ledger).toContainText('140,000円');
  await expect(ledger).toContainText('3回中');

  const payment = page.getByRole('form', { name: '徴収金（78条）の納付' });
  await payment.getByLabel('納付額（円）', { exact: true }).fill('50000');
  await payment.getByLabel('納付額（円）', { exact: true }).press('Tab');
  await payment.getByRole('button', { name: '納付を記録' }).click();
  await expect(ledger.getByRole('table', { name: '納付の記録' })).toContainText('50,000円');
  await expect(ledger).toContainText('残高90,000円');
});
