import { formatWareki } from '../../shared/format/wareki';
import { addDays } from '../../shared/casework/calendarDate';
import { caseworker, createHousehold, goToHash, lock, openCaseId } from './casesFixtures';
import { approve, consultAndApply, fillStartDecision, intakeOfficer, manager, openCase, printCount, stubPrint, supervisor, today } from './caseworkSteps';
import { admin, ensureStaff, expect, officeName, test, unlock } from './fixtures';

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  for (const staff of [caseworker, intakeOfficer, supervisor, manager]) await ensureStaff(request, staff);
});

test('相談 → 申請 → 開始決定: the deadline refuses a late draft without a reason, SV and 課長 approve, the case is 保護中, the notice prints', async ({
  page,
}) => {
  const appliedOn = addDays(today(), -20);
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-0301',
    address: '加須市不動岡一丁目1番1号',
    head: { name: '加須 花子', kana: 'カゾ ハナコ', birthDate: '1970-05-05' },
  });
  const caseId = openCaseId(page);
  await lock(page);

  // 面接相談員: the consultation and the application, received 20 days ago.
  await unlock(page, intakeOfficer);
  await openCase(page, caseId, '相談・申請');
  await consultAndApply(page, appliedOn);
  await expect(page.getByRole('list', { name: '保護申請' })).toContainText('日超過（延長理由なし）');
  await goToHash(page, '#/intake');
  await expect(page.getByRole('table', { name: '処理中の保護申請' })).toContainText('K-0301');
  await lock(page);

  // The caseworker drafts a 開始 decision: past day 14 without a reason it is refused on the reason field.
  await unlock(page, caseworker);
  await openCase(page, caseId, '保護の経過');
  await fillStartDecision(page, appliedOn, '資産・能力を活用してもなお最低生活費に満たないため');
  await page.getByRole('button', { name: '起案する' }).click();
  await expect(page.getByText(`処理期限延長の理由: 決定日が申請日から14日の期限（${formatWareki(addDays(appliedOn, 14))}）を過ぎています`)).toBeVisible();
  await expect(page.getByText('決定はまだありません。')).toBeVisible();

  await page.getByLabel('処理期限延長の理由').fill('扶養義務者の資産調査に日時を要したため');
  await page.getByRole('button', { name: '起案する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（起案中）' })).toBeVisible();
  await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
  await lock(page);

  await approve(page, supervisor, 'K-0301', '資産調査の結果を確認しました');
  await approve(page, manager, 'K-0301', '決裁します');

  // The administrator names the office's prefecture and its 文書番号の記号 (設定): the notice's 教示 and number use them.
  await unlock(page, admin);
  await goToHash(page, '#/settings');
  await page.getByLabel('都道府県', { exact: true }).selectOption('埼玉県');
  await page.getByLabel('文書番号の記号', { exact: true }).fill('加福');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status').filter({ hasText: '設定を保存しました。' })).toBeVisible();
  await lock(page);

  // The case is now 保護中; the notice shows what was decided and the right to request review.
  await unlock(page, caseworker);
  await openCase(page, caseId, '保護の経過');
  await expect(page.getByRole('heading', { name: /^ケース K-0301（保護中）/ })).toBeVisible();
  await expect(page.getByRole('list', { name: '保護の経過' })).toContainText('開始決定　決裁済み');
  await page.getByRole('link', { name: '決定の内容と決裁' }).click();
  await page.getByRole('link', { name: '決定通知書を表示' }).click();
  const notice = page.getByRole('article', { name: '決定通知書' });
  await expect(notice).toContainText('保護開始決定通知書');
  await expect(notice).toContainText('加須 花子 様');
  await expect(notice).toContainText(`${officeName}長`);
  await expect(notice).toContainText(formatWareki(appliedOn));
  await expect(notice).toContainText('生活扶助・住宅扶助');
  await expect(notice).toContainText('資産・能力を活用してもなお最低生活費に満たないため');
  await expect(notice).toContainText('3か月以内に、埼玉県知事に対して審査請求');
  await expect(notice).toContainText(/加福第\d+号/);
  await expect(page.getByText(/要確認: 事務所の都道府県が設定されていない/)).toHaveCount(0);
  await expect(notice).toContainText('行政不服審査法');
  await expect(notice).toContainText('生活保護法第64条');
  await stubPrint(page);
  await page.getByRole('button', { name: '印刷する' }).click();
  await expect.poll(() => printCount(page)).toBe(1);
});

test('差戻し: the drafter revises the returned decision in place and submits it again', async ({ page }) => {
  const appliedOn = addDays(today(), -2);
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-0302',
    address: '加須市騎西3番地',
    head: { name: '騎西 和子', kana: 'キサイ カズコ', birthDate: '1975-01-20' },
  });
  const caseId = openCaseId(page);
  await lock(page);
  await unlock(page, intakeOfficer);
  await openCase(page, caseId, '相談・申請');
  await consultAndApply(page, appliedOn);
  await lock(page);

  await unlock(page, caseworker);
  await openCase(page, caseId, '保護の経過');
  await fillStartDecision(page, appliedOn, '収入が最低生活費に満たないため');
  await page.getByRole('button', { name: '起案する' }).click();
  await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
  const decisionHash = new URL(page.url()).hash;
  await lock(page);

  await unlock(page, supervisor);
  await goToHash(page, decisionHash);
  await page.getByLabel(/^コメント/).fill('住宅扶助は賃貸借契約書の確認後に');
  await page.getByRole('button', { name: '差し戻す' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（差戻し）' })).toBeVisible();
  await lock(page);

  // The drafter finds the form filled with the returned decision, narrows it and saves it under the same decision.
  await unlock(page, caseworker);
  await goToHash(page, decisionHash);
  await expect(page.getByRole('list', { name: '決裁の経過' })).toContainText('住宅扶助は賃貸借契約書の確認後に');
  const revision = page.getByRole('form', { name: '決定の修正（再起案）' });
  await expect(revision.getByLabel('決定の理由')).toHaveValue('収入が最低生活費に満たないため');
  await expect(revision.getByLabel('住宅扶助')).toBeChecked();
  await revision.getByLabel('住宅扶助').uncheck();
  await revision.getByLabel('決定の理由').fill('収入が最低生活費に満たないため。住宅扶助は契約書の確認後に変更決定する');
  await revision.getByRole('button', { name: '修正を保存する' }).click();
  const facts = page.locator('dl.case-facts');
  await expect(facts).toContainText('契約書の確認後に変更決定する');
  await expect(facts.getByRole('definition').nth(2)).toHaveText('生活扶助');
  await expect(page.getByRole('heading', { name: '開始決定（差戻し）' })).toBeVisible();
  await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
  await expect(page.getByRole('form', { name: '決定の修正（再起案）' })).toHaveCount(0);

  // Still one decision on the case: revised, not duplicated.
  await openCase(page, caseId, '保護の経過');
  await expect(page.getByRole('list', { name: '保護の経過' }).getByRole('listitem')).toHaveCount(1);
});
