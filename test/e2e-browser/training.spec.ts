import type { Page } from '@playwright/test';
import { admin, ensureStaff, expect, test, unlock, type Staff } from './fixtures';
import { goToHash, introduce, lock } from './casesFixtures';

/** A caseworker of their own team, so that their caseload holds only the training households. */
const trainee: Staff = { loginId: 'cw-kenshu', passphrase: '新人研修は春に始まる-2026', displayName: '研修 太郎', role: 'caseworker', teamId: 'team-kenshu' };

/** As the administrator: `count` training households for `staff`, through the 研修用データ panel. */
async function generate(page: Page, count: number, staff: Staff) {
  await unlock(page, admin);
  await goToHash(page, '#/admin');
  const panel = page.getByRole('region', { name: '研修用データ' });
  await expect(panel.getByText('研修用事務所の端末専用です')).toBeVisible();
  await panel.getByLabel('世帯数').fill(String(count));
  await panel.getByLabel('担当').selectOption({ label: staff.displayName });
  await panel.getByLabel('シード（同じ数なら同じデータになります）').fill('2026');
  const create = panel.getByRole('button', { name: '研修用データを作成' });
  await expect(create).toBeDisabled();
  await panel.getByLabel(/研修用事務所であり、合成データを書き込む/).check();
  await create.click();
  await expect(panel.getByRole('status')).toHaveText(`${count} / ${count} 世帯を作成しました。`, { timeout: 60_000 });
  await expect(panel.getByRole('progressbar', { name: '研修用データの作成状況' })).toHaveAttribute('value', String(count));
  await lock(page);
}

test('the administrator generates 20 training households for a caseworker, who finds them in their case list', async ({ page, request, office }) => {
  void office;
  await ensureStaff(request, trainee);
  await introduce(page, trainee);
  await generate(page, 20, trainee);

  await unlock(page, trainee);
  await goToHash(page, '#/cases');
  const table = page.getByRole('table', { name: 'ケース一覧' });
  await expect(page.getByText('20件', { exact: true })).toBeVisible();
  // The list is virtualized: it states all 20 rows (and the header) and draws those in view.
  await expect(table).toHaveAttribute('aria-rowcount', '21');
  await expect(table.getByRole('link', { name: '研修2026-00001' })).toBeVisible();
  // Every row shows its 世帯主 with a フリガナ.
  const kana = table.locator('tbody .kana');
  await expect(kana.first()).toBeVisible();
  expect(await kana.count()).toBeGreaterThan(0);
  for (const text of await kana.allTextContents()) expect(text).toMatch(/^[ァ-ヶー ]+$/);
});

test('a scope of more than 500 households is read 100 at a time in case-number order, paged by keyboard, and searched whole', async ({
  page,
  request,
  office,
}) => {
  void office;
  await ensureStaff(request, trainee);
  await introduce(page, trainee);
  await generate(page, 520, trainee);

  await unlock(page, trainee);
  await goToHash(page, '#/cases');
  const table = page.getByRole('table', { name: 'ケース一覧' });
  const links = table.getByRole('link', { name: /^研修2026-\d{5}$/ });
  await expect(page.getByText('520件中 1–100件', { exact: true })).toBeVisible();
  await expect(table).toHaveAttribute('aria-rowcount', '101');
  await expect(links.first()).toHaveText('研修2026-00001');

  const pages = page.getByRole('navigation', { name: 'ケース一覧のページ' });
  await expect(pages.getByRole('button', { name: '前へ' })).toBeDisabled();
  await pages.getByRole('button', { name: '次へ' }).focus();
  await page.keyboard.press('Enter');
  await expect(page.getByText('520件中 101–200件', { exact: true })).toBeVisible();
  await expect(links.first()).toHaveText('研修2026-00101');
  for (const shown of ['201–300', '301–400', '401–500', '501–520']) {
    await page.keyboard.press('Enter');
    await expect(page.getByText(`520件中 ${shown}件`, { exact: true })).toBeVisible();
  }
  await expect(table).toHaveAttribute('aria-rowcount', '21');
  await expect(pages.getByRole('button', { name: '次へ' })).toBeDisabled();

  // A search covers every page, not only the one shown.
  await page.getByLabel('検索（氏名・フリガナ・住所・ケース番号）').fill('研修2026-00042');
  await page.getByRole('button', { name: '検索', exact: true }).click();
  await expect(page.getByText('「研修2026-00042」の検索結果: 1件')).toBeVisible();
  await expect(links).toHaveText(['研修2026-00042']);
  await expect(pages).toHaveCount(0);
});
