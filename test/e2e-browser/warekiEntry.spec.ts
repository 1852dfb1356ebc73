import { caseworker, fillNewCase, goToHash } from './casesFixtures';
import { auditor } from './caseworkSteps';
import { ensureStaff, expect, test, unlock } from './fixtures';

/** 和暦 entry (issue 13): every date is typed as staff write it, read back in 和暦 beside the field, and saved as the day. */

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  await ensureStaff(request, caseworker);
  await ensureStaff(request, auditor);
});

test('新規ケース登録: a birth date typed in 和暦 is read back, saved and shown in 和暦; a day the era lacks is refused naming the field', async ({ page }) => {
  await unlock(page, caseworker);
  await fillNewCase(page, {
    caseNumber: 'K-1310',
    address: '加須市花崎1番地',
    head: { name: '花崎 和子', kana: 'ハナサキ カズコ', birthDate: '平成31年5月1日' },
  });
  const head = page.getByRole('group', { name: '世帯主', exact: true });
  const birthDate = head.getByLabel('生年月日', { exact: true });
  await birthDate.blur();
  await expect(head.getByText('生年月日: 平成31年5月1日は実在する日付ではありません（平成は31年4月30日まで）')).toBeVisible();

  await birthDate.fill('S40.1.5');
  await expect(head.getByText('昭和40年1月5日（1965-01-05）')).toBeVisible();
  await expect(head.getByText(/^生年月日: /u)).toHaveCount(0);
  await birthDate.fill('昭和４０年１月５日');
  await expect(head.getByText('昭和40年1月5日（1965-01-05）')).toBeVisible();

  await page.getByRole('button', { name: '世帯員を追加' }).click();
  const second = page.getByRole('group', { name: '世帯員2', exact: true });
  await second.getByLabel('氏名', { exact: true }).fill('花崎 令');
  await second.getByLabel('フリガナ', { exact: true }).fill('ハナサキ レイ');
  await second.getByLabel('生年月日', { exact: true }).fill('R1/5/1');
  await second.getByLabel('性別', { exact: true }).selectOption('female');
  await second.getByLabel('続柄', { exact: true }).selectOption('子');
  await expect(second.getByText('令和元年5月1日（2019-05-01）')).toBeVisible();

  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { name: /^ケース K-1310/u })).toBeVisible();
  await page.getByRole('tab', { name: '世帯員' }).click();
  const members = page.getByRole('table', { name: '世帯員' });
  await expect(members.getByRole('row', { name: /花崎 和子/u })).toContainText('昭和40年1月5日');
  await expect(members.getByRole('row', { name: /花崎 令/u })).toContainText('令和元年5月1日');
  await expect(members.getByRole('row', { name: /花崎 令/u }).locator('time')).toHaveAttribute('datetime', '2019-05-01');
});

test('監査: the 期間 is typed like every date (no mm/dd/yyyy picker), read back in 和暦, and a wrong day is named', async ({ page }) => {
  await unlock(page, auditor);
  await goToHash(page, '#/audit');
  const log = page.getByRole('table', { name: '監査ログ' });
  await expect(log).toBeVisible();
  const from = page.getByLabel('期間（開始日）');
  await expect(from).toHaveAttribute('type', 'text');
  await from.fill('令和2年1月1日');
  await page.getByLabel('期間（終了日）').fill('R2.12.31');
  await expect(page.getByText('令和2年1月1日（2020-01-01）')).toBeVisible();
  await expect(page.getByText('令和2年12月31日（2020-12-31）')).toBeVisible();
  await page.getByRole('button', { name: '検索' }).click();
  // 2020 holds no entry: the screen says so and what to widen.
  await expect(page.getByText('条件に合う記録はありません。期間を広げるか')).toBeVisible();

  await from.fill('令和元年4月30日');
  await page.getByRole('button', { name: '検索' }).click();
  await expect(page.getByRole('alert')).toContainText('期間（開始日）: 令和元年4月30日は実在する日付ではありません（令和は元年5月1日から）');
});
