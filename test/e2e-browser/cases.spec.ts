import { caseworker, colleague, createHousehold, fillNewCase, goToHash, introduce, lock, validMyNumber } from './casesFixtures';
import { ensureStaff, expect, test, unlock } from './fixtures';

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  await ensureStaff(request, caseworker);
  await ensureStaff(request, colleague);
});

test('a caseworker registers cases, finds them by kana in any width, sorts, and works in a case', async ({ page }) => {
  const myNumber = validMyNumber('35216049871');
  await introduce(page, colleague);
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'K-0102',
    address: '加須市大越一丁目2番3号',
    head: { name: '山田 太郎', kana: 'やまだ たろう', birthDate: '1958-06-15', sex: 'male' },
    myNumber,
  });
  await createHousehold(page, { caseNumber: 'K-0101', address: '加須市騎西5番地', head: { name: '川口 花子', kana: 'ｶﾜｸﾞﾁ ﾊﾅｺ', birthDate: '1990/2/3' } });

  await goToHash(page, '#/cases');
  const table = page.getByRole('table', { name: 'ケース一覧' });
  await expect(table.getByRole('row')).toHaveCount(3);
  // Rows are rendered as they scroll into view, so the table states how many there are and where each row stands.
  await expect(table).toHaveAttribute('aria-rowcount', '3');
  await expect(table.getByRole('row').nth(2)).toHaveAttribute('aria-rowindex', '3');
  // Kana stored as full-width katakana, whatever was typed.
  await expect(table).toContainText('ヤマダ タロウ');
  await expect(table).toContainText('カワグチ ハナコ');
  await expect(table).toContainText('佐藤 一郎');
  await expect(table).toContainText('相談中');
  await expect(table.getByRole('row').nth(1)).toContainText('K-0101');
  await table.getByRole('button', { name: /ケース番号/ }).click();
  await expect(table.getByRole('row').nth(1)).toContainText('K-0102');

  const search = page.getByLabel(/^検索/);
  for (const query of ['やまだ', 'ﾔﾏﾀﾞ', 'ヤマダ　タロー']) {
    await search.fill(query);
    await search.press('Enter');
    await expect(table.getByRole('row')).toHaveCount(2);
    await expect(table).toContainText('山田 太郎');
    // The search went through the data layer (an index query on real IndexedDB) and was audited.
    await expect(page.getByText(/検索できませんでした/)).toHaveCount(0);
  }
  await search.fill('');
  await search.press('Enter');
  await expect(table.getByRole('row')).toHaveCount(3);

  await table.getByRole('link', { name: 'K-0102' }).click();
  await expect(page.getByRole('tabpanel')).toContainText('加須市大越一丁目2番3号');
  await page.getByRole('tab', { name: '世帯員' }).click();
  const members = page.getByRole('table', { name: '世帯員' });
  await expect(members).toContainText('昭和33年6月15日');
  await expect(members).toContainText(`**** **** ${myNumber.slice(8)}`);
  await expect(members).not.toContainText(myNumber.slice(0, 8));
  await members.getByRole('button', { name: '山田 太郎の個人番号を表示' }).click();
  await members.getByLabel('表示する理由', { exact: true }).fill('副本登録の確認');
  await members.getByRole('button', { name: '表示する' }).click();
  await expect(members.getByLabel('山田 太郎の個人番号')).toHaveText(`${myNumber.slice(0, 4)} ${myNumber.slice(4, 8)} ${myNumber.slice(8)}`);

  // The §16 identity verification is kept on the member: method, staff and dates, never the number.
  const verification = page.getByLabel('山田 太郎の本人確認');
  await expect(verification).toContainText('個人番号カードの提示');
  await expect(verification).toContainText(`受付${caseworker.displayName}`);
  await expect(verification).toContainText(`確認${colleague.displayName}`);
  await expect(verification).toContainText('令和');
  await expect(verification).not.toContainText(myNumber.slice(8));

  // The case notes are the caseworker's own: the verification is not among them.
  await page.getByRole('tab', { name: 'ケース記録' }).click();
  const records = page.getByRole('list', { name: 'ケース記録' });
  await page.getByLabel('種別', { exact: true }).selectOption('visit');
  await page.getByLabel('内容', { exact: true }).fill('居室は清潔。次回は通院状況を確認する。');
  await page.getByRole('button', { name: '記録する' }).click();
  await expect(records.getByRole('listitem')).toHaveCount(1);
  await expect(records).toContainText('居室は清潔。次回は通院状況を確認する。');
});

test('an invalid 個人番号 and a future birth date are field errors, and nothing is saved', async ({ page }) => {
  await introduce(page, colleague);
  await unlock(page, caseworker);
  const good = validMyNumber('12345678901');
  const wrongCheckDigit = `${good.slice(0, 11)}${(Number(good[11]) + 1) % 10}`;
  await fillNewCase(page, {
    caseNumber: 'K-0900',
    address: '加須市不動岡1番',
    head: { name: '誤入 力', kana: 'ゴニュウ チカラ', birthDate: '2999-01-01' },
    myNumber: wrongCheckDigit,
  });
  const head = page.getByRole('group', { name: '世帯主', exact: true });
  await head.getByLabel('生年月日', { exact: true }).blur();
  await expect(head.getByText('生年月日: 未来の日付は入力できません')).toBeVisible();
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(head.getByText('個人番号: 個人番号の検査用数字（末尾の1桁）が一致しません。番号を確認してください')).toBeVisible();
  await expect(head.getByLabel('個人番号', { exact: true })).toHaveAttribute('aria-invalid', 'true');

  // Only the birth date fixed: the number still blocks the save.
  await head.getByLabel('生年月日', { exact: true }).fill('1970-01-01');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(head.getByText(/^個人番号: /)).toBeVisible();
  await expect(page.getByRole('heading', { name: '新規ケース登録' })).toBeVisible();

  await goToHash(page, '#/cases');
  await expect(page.getByText('0件')).toBeVisible();
  await expect(page.getByRole('table', { name: 'ケース一覧' }).getByRole('row')).toHaveCount(1);
  await lock(page);
});
