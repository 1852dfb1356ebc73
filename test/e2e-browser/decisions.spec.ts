import type { Page } from '@playwright/test';
import { formatWareki } from '../../shared/format/wareki';
import { addDays } from '../../shared/casework/calendarDate';
import { caseworker, createHousehold, goToHash, lock, openCaseId } from './casesFixtures';
import { ensureStaff, expect, officeName, test, unlock, type Staff } from './fixtures';

const intakeOfficer: Staff = { loginId: 'in-tanaka', passphrase: '古利根川の川風-2026', displayName: '田中 三郎', role: 'intakeOfficer', teamId: null };
const supervisor: Staff = { loginId: 'sv-kato', passphrase: '玉敷神社の藤棚-2026', displayName: '加藤 四郎', role: 'supervisor', teamId: 'team-1' };
const manager: Staff = { loginId: 'ka-ito', passphrase: '不動岡の参道を歩く-2026', displayName: '伊藤 五郎', role: 'manager', teamId: null };

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  for (const staff of [caseworker, intakeOfficer, supervisor, manager]) await ensureStaff(request, staff);
});

/** The test browser's calendar day (Asia/Tokyo, as the config sets). */
const today = () => new Intl.DateTimeFormat('sv-SE', { timeZone: 'Asia/Tokyo' }).format(new Date());

async function openCase(page: Page, id: string, tab: string) {
  // Away and back: the case screen re-opens the case, so its status is current.
  await goToHash(page, '#/intake');
  await goToHash(page, `#/cases/${id}`);
  await page.getByRole('tab', { name: tab }).click();
}

async function approve(page: Page, staff: Staff, comment: string) {
  await unlock(page, staff);
  await goToHash(page, '#/intake');
  const queue = page.getByRole('table', { name: '決裁待ちの決定' });
  await expect(queue).toContainText('K-0301');
  await queue.getByRole('link', { name: '開始決定' }).click();
  await page.getByLabel(/^コメント/).fill(comment);
  await page.getByRole('button', { name: '承認する' }).click();
  await expect(page.getByRole('list', { name: '決裁の経過' })).toContainText(comment);
  await lock(page);
}

test('相談 → 申請 → 開始決定: the deadline refuses a late draft without a reason, SV and 課長 approve, the case is 保護中, the notice prints', async ({ page }) => {
  const appliedOn = addDays(today(), -20);
  await unlock(page, caseworker);
  await createHousehold(page, { caseNumber: 'K-0301', address: '加須市不動岡一丁目1番1号', head: { name: '加須 花子', kana: 'カゾ ハナコ', birthDate: '1970-05-05' } });
  const caseId = openCaseId(page);
  await lock(page);

  // 面接相談員: the consultation and the application, received 20 days ago.
  await unlock(page, intakeOfficer);
  await openCase(page, caseId, '相談・申請');
  await page.getByLabel('主訴', { exact: true }).fill('失職し家賃が払えない');
  await page.getByLabel('生活状況', { exact: true }).fill('預貯金は3万円。親族の援助は見込めない。');
  await page.getByLabel('助言・他法他施策の案内').fill('住居確保給付金の要件を説明した');
  await page.getByLabel('相談の結果').selectOption('applied');
  await page.getByRole('button', { name: '相談を記録する' }).click();
  await expect(page.getByRole('list', { name: '相談記録' })).toContainText('失職し家賃が払えない');
  await page.getByLabel('申請日', { exact: true }).fill(appliedOn);
  await page.getByRole('button', { name: '申請を受け付ける' }).click();
  await expect(page.getByRole('list', { name: '保護申請' })).toContainText('日超過（延長理由なし）');
  await goToHash(page, '#/intake');
  await expect(page.getByRole('table', { name: '処理中の保護申請' })).toContainText('K-0301');
  await lock(page);

  // The caseworker drafts a 開始 decision: past day 14 without a reason it is refused on the reason field.
  await unlock(page, caseworker);
  await openCase(page, caseId, '保護の経過');
  await expect(page.getByLabel('決定の種類')).toHaveValue('start');
  await page.getByLabel('適用日').fill(appliedOn);
  await page.getByLabel('生活扶助').check();
  await page.getByLabel('住宅扶助').check();
  await page.getByLabel('決定の理由').fill('資産・能力を活用してもなお最低生活費に満たないため');
  await page.getByRole('button', { name: '起案する' }).click();
  await expect(page.getByText(`処理期限延長の理由: 決定日が申請日から14日の期限（${formatWareki(addDays(appliedOn, 14))}）を過ぎています`)).toBeVisible();
  await expect(page.getByText('決定はまだありません。')).toBeVisible();

  await page.getByLabel('処理期限延長の理由').fill('扶養義務者の資産調査に日時を要したため');
  await page.getByRole('button', { name: '起案する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（起案中）' })).toBeVisible();
  await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
  await lock(page);

  await approve(page, supervisor, '資産調査の結果を確認しました');
  await approve(page, manager, '決裁します');

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
  await expect(notice).toContainText('3か月以内に、都道府県知事に対して審査請求');
  await expect(notice).toContainText('行政不服審査法');
  await expect(notice).toContainText('生活保護法第64条');
  await page.evaluate(() => {
    (window as unknown as { printed: number }).printed = 0;
    window.print = () => {
      (window as unknown as { printed: number }).printed += 1;
    };
  });
  await page.getByRole('button', { name: '印刷する' }).click();
  await expect.poll(() => page.evaluate(() => (window as unknown as { printed: number }).printed)).toBe(1);
});
