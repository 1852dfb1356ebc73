import { addDays } from '../../shared/casework/calendarDate';
import { caseworker, createHousehold, fillNewCase, goToHash, lock, openCaseId } from './casesFixtures';
import { approve, consultAndApply, fillStartDecision, intakeOfficer, manager, openCase, supervisor, today } from './caseworkSteps';
import type { Page } from '@playwright/test';
import { admin, callApi, ensureStaff, expect, test, unlock } from './fixtures';
import { printedPdf } from './printedPdf';

/**
 * What broke in front of a new user (issue 13): the printed notice, a lost click after a corrected field, a search
 * typed while the list loads, and free text rewritten to half-width. The PDF is Chromium's own print (page.pdf),
 * read back with poppler (pdfinfo, pdftotext, pdftoppm), which .ci/run installs.
 */

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  for (const staff of [caseworker, intakeOfficer, supervisor, manager]) await ensureStaff(request, staff);
});

test('the 決定通知書 prints as one A4 page across the full width, without buttons or menu, and 決定の理由 as written', async ({ page }) => {
  // Five staff sign in along the way (Argon2id each time) on a shared machine.
  test.setTimeout(180_000);
  const appliedOn = addDays(today(), -3);
  // Full-width brackets and digits as a caseworker types them: printed on the notice as written.
  const reasons = '資産（預貯金３万円）を活用してもなお最低生活費に満たないため';
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-1301',
    address: '加須市不動岡１丁目（Ａ棟）１０１号',
    head: { name: '不動 光子', kana: 'フドウ ミツコ', birthDate: '1968-03-03' },
  });
  const caseId = openCaseId(page);
  await expect(page.getByRole('tabpanel')).toContainText('加須市不動岡１丁目（Ａ棟）１０１号');
  await page.getByRole('tab', { name: 'ケース記録' }).click();
  await page.getByLabel('内容', { exact: true }).fill('長女（１５歳）は中学３年。');
  await page.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByRole('list', { name: 'ケース記録' })).toContainText('長女（１５歳）は中学３年。');
  await lock(page);

  await unlock(page, intakeOfficer);
  await openCase(page, caseId, '相談・申請');
  await consultAndApply(page, appliedOn);
  await lock(page);
  await unlock(page, caseworker);
  await openCase(page, caseId, '保護の経過');
  await fillStartDecision(page, appliedOn, reasons);
  await page.getByRole('button', { name: '起案する' }).click();
  await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
  await lock(page);
  await approve(page, supervisor, 'K-1301', '確認しました');
  await approve(page, manager, 'K-1301', '決裁します');

  await unlock(page, caseworker);
  await openCase(page, caseId, '保護の経過');
  await page.getByRole('link', { name: '決定の内容と決裁' }).click();
  await page.getByRole('link', { name: '決定通知書を表示' }).click();
  const notice = page.getByRole('article', { name: '決定通知書' });
  await expect(notice).toContainText(reasons);

  const { info, text, image } = await printedPdf(page);
  expect(info).toMatch(/^Pages:\s+1$/mu);
  // A4 is 595 × 842 pt.
  expect(info).toMatch(/^Page size:.*\(A4\)$/mu);
  expect(text).toContain('保護開始決定通知書');
  expect(text.replace(/\s/gu, '')).toContain(reasons);
  for (const screenOnly of ['印刷する', 'PDFで保存', '決定へ戻る', 'ロック', 'ケース一覧', '生活保護ケースデスク']) expect(text).not.toContain(screenOnly);
  // The page as an image at a fixed size (A4 at 50 dpi: 414 × 585 px): the text spans the page, not a column.
  expect(image.width).toBe(414);
  expect(image.left).toBeLessThan(image.width * 0.2);
  expect(image.right - image.left).toBeGreaterThan(image.width * 0.6);
});

/**
 * A click as a hand makes it: press, a moment, release. The press blurs the field being left, and whatever the
 * blur changes on screen happens before the release — which is how a moved button loses the click.
 */
async function clickByHand(page: Page, name: string) {
  const button = page.getByRole('button', { name });
  await button.scrollIntoViewIfNeeded();
  const box = (await button.boundingBox())!;
  await page.mouse.move(box.x + box.width / 2, box.y + box.height / 2);
  await page.mouse.down();
  await page.waitForTimeout(150);
  await page.mouse.up();
}

test('性別 is judged as soon as it is chosen, not only when the select is left', async ({ page }) => {
  await unlock(page, caseworker);
  await fillNewCase(page, { caseNumber: 'K-1302', address: '加須市北下新井1番地', head: { name: '北 一郎', kana: 'キタ イチロウ', birthDate: '1960-01-01' } });
  const head = page.getByRole('group', { name: '世帯主', exact: true });
  const sex = head.getByLabel('性別', { exact: true });
  await sex.selectOption('');
  await sex.focus();
  await sex.blur();
  await expect(head.getByText('性別: 性別を選択してください')).toBeVisible();
  await sex.focus();
  await sex.selectOption('male');
  await expect(head.getByText('性別: 性別を選択してください')).toHaveCount(0);
  await expect(sex).toBeFocused();
});

test('after a field error is corrected, the first click on 登録する registers the case', async ({ page }) => {
  await unlock(page, caseworker);
  await fillNewCase(page, {
    caseNumber: 'K-1303',
    address: '加須市南篠崎2番地',
    head: { name: '篠崎 二郎', kana: 'Shino', birthDate: '1961-02-02', sex: 'male' },
  });
  const kana = page.getByRole('group', { name: '世帯主', exact: true }).getByLabel('フリガナ', { exact: true });
  await kana.focus();
  await kana.blur();
  await expect(page.getByText(/^フリガナ: /u)).toBeVisible();
  await kana.fill('シノザキ ジロウ');
  // Judged while typed: the error is gone before the pointer moves to the button, so the button stays put.
  await expect(page.getByText(/^フリガナ: /u)).toHaveCount(0);
  await clickByHand(page, '登録する');
  await expect(page.getByRole('heading', { name: /^ケース K-1303/u })).toBeVisible({ timeout: 5_000 });
});

/**
 * Holds the case list's read: a readwrite transaction on the households store, kept alive by requests until
 * `release`, blocks every later read of that store (IndexedDB orders overlapping transactions by creation).
 */
async function holdHouseholds(page: Page) {
  await page.evaluate(
    () =>
      new Promise<void>((resolve, reject) => {
        const open = indexedDB.open('seiho-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const held = window as unknown as { holding: boolean };
          held.holding = true;
          const store = db.transaction('households', 'readwrite').objectStore('households');
          const keepAlive = () => {
            if (held.holding) store.count().onsuccess = keepAlive;
            else db.close();
          };
          keepAlive();
          resolve();
        };
      }),
  );
  return () =>
    page.evaluate(() => {
      (window as unknown as { holding: boolean }).holding = false;
    });
}

test('a search typed while the case list is still loading is applied when it loads', async ({ page }) => {
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-1304',
    address: '加須市旗井1番地',
    head: { name: '旗井 三郎', kana: 'ハタイ サブロウ', birthDate: '1955-05-05' },
  });
  await createHousehold(page, {
    caseNumber: 'K-1305',
    address: '加須市下高柳2番地',
    head: { name: '高柳 四郎', kana: 'タカヤナギ シロウ', birthDate: '1956-06-06' },
  });
  await goToHash(page, '#/intake');
  const release = await holdHouseholds(page);
  await goToHash(page, '#/cases');
  await expect(page.getByText('読み込んでいます…')).toBeVisible();
  const search = page.getByLabel(/^検索/u);
  await search.fill('はたい');
  await search.press('Enter');
  await expect(page.getByText('読み込んでいます…')).toBeVisible();
  await release();
  await expect(page.getByText('「はたい」の検索結果: 1件')).toBeVisible();
  const table = page.getByRole('table', { name: 'ケース一覧' });
  await expect(table).toContainText('旗井 三郎');
  await expect(table).not.toContainText('高柳 四郎');
});

test('who may record a 相談 is the office’s setting: a caseworker sees no form until the administrator allows it, then records one', async ({
  page,
  request,
}) => {
  // The office's setting as a new office has it (another test may have changed it).
  await callApi(request, 'vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
  await callApi(request, 'settingsUpdate', { consultationTakers: 'intakeOfficers' });
  await callApi(request, 'vaultLock', { reason: 'manual' });
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-1306',
    address: '加須市大室3番地',
    head: { name: '大室 五郎', kana: 'オオムロ ゴロウ', birthDate: '1962-07-07' },
  });
  const caseId = openCaseId(page);
  await openCase(page, caseId, '相談・申請');
  await expect(page.getByRole('heading', { name: '相談記録' })).toBeVisible();
  await expect(page.getByText('相談の記録は面接相談員が行います')).toBeVisible();
  await expect(page.getByRole('button', { name: '相談を記録する' })).toHaveCount(0);
  await expect(page.getByLabel('主訴', { exact: true })).toHaveCount(0);
  await lock(page);

  await unlock(page, admin);
  await goToHash(page, '#/settings');
  const takers = page.getByLabel('相談を記録できる職員');
  // Enabled once the fields hold the saved settings (a choice made before would be reset).
  await expect(page.getByRole('button', { name: '保存する' })).toBeEnabled();
  await expect(takers).toHaveValue('intakeOfficers');
  await takers.selectOption('intakeOfficersAndCaseworkers');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('設定を保存しました。');
  await lock(page);

  await unlock(page, caseworker);
  await openCase(page, caseId, '相談・申請');
  await page.getByLabel('主訴', { exact: true }).fill('医療費の支払いが難しい');
  await page.getByLabel('生活状況', { exact: true }).fill('年金のみ。通院中。');
  await page.getByRole('button', { name: '相談を記録する' }).click();
  await expect(page.getByRole('list', { name: '相談記録' })).toContainText('医療費の支払いが難しい');
  await lock(page);

  // Back to 面接相談員 only: the form goes again for the caseworker (settings are per office, so the next test starts clean).
  await unlock(page, admin);
  await goToHash(page, '#/settings');
  await expect(page.getByRole('button', { name: '保存する' })).toBeEnabled();
  await expect(page.getByLabel('相談を記録できる職員')).toHaveValue('intakeOfficersAndCaseworkers');
  await page.getByLabel('相談を記録できる職員').selectOption('intakeOfficers');
  await page.getByRole('button', { name: '保存する' }).click();
  await expect(page.getByRole('status')).toHaveText('設定を保存しました。');
  await lock(page);
  await unlock(page, caseworker);
  await openCase(page, caseId, '相談・申請');
  await expect(page.getByRole('list', { name: '相談記録' })).toContainText('医療費の支払いが難しい');
  await expect(page.getByRole('button', { name: '相談を記録する' })).toHaveCount(0);
});

test("a case's 11 tabs fit in one row at 1280 px, none broken inside its word", async ({ page }) => {
  await page.setViewportSize({ width: 1280, height: 800 });
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-1306',
    address: '加須市花崎1番地',
    head: { name: '花崎 五郎', kana: 'ハナサキ ゴロウ', birthDate: '1957-07-07' },
  });
  const tabs = page.getByRole('tablist').first().getByRole('tab');
  await expect(tabs).toHaveCount(11);
  const boxes = await tabs.evaluateAll((elements) =>
    elements.map((e) => {
      // The label's line boxes: one per line it takes (a label broken inside its word takes two).
      const range = document.createRange();
      range.selectNodeContents(e);
      const lines = new Set([...range.getClientRects()].map((r) => Math.round(r.top))).size;
      return { text: e.textContent, top: e.getBoundingClientRect().top, lines };
    }),
  );
  expect(new Set(boxes.map((b) => Math.round(b.top))).size, JSON.stringify(boxes)).toBe(1);
  for (const box of boxes) expect(box.lines, box.text ?? '').toBe(1);
  const list = await page
    .getByRole('tablist')
    .first()
    .evaluate((e) => ({ scroll: e.scrollWidth, client: e.clientWidth }));
  expect(list.scroll).toBeLessThanOrEqual(list.client);
});
