import { caseworker, fillNewCase, goToHash, lock } from './casesFixtures';
import { admin, ensureStaff, expect, test, unlock, type Staff } from './fixtures';

/**
 * Registration that completes the case (issue 13): 宛名番号 asked per member at 新規ケース登録, the administrator
 * changing a user's 役割 and 班, and a visit recorded twice on the same day asking first.
 */

const run = Date.now().toString(36).toUpperCase();

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  await ensureStaff(request, caseworker);
});

test('新規ケース登録 takes each member’s 宛名番号, and the member editor shows it', async ({ page }) => {
  await unlock(page, caseworker);
  await fillNewCase(page, {
    caseNumber: `ATENA-${run}`,
    address: '加須市騎西1番地',
    head: { name: '宛名 一郎', kana: 'アテナ イチロウ', birthDate: '1968-02-03', sex: 'male' },
  });
  const head = page.getByRole('group', { name: '世帯主', exact: true });
  await head.getByLabel('宛名番号', { exact: true }).fill('１２３４５６７８９');
  await page.getByRole('button', { name: '世帯員を追加' }).click();
  const second = page.getByRole('group', { name: '世帯員2', exact: true });
  await second.getByLabel('氏名', { exact: true }).fill('宛名 花子');
  await second.getByLabel('フリガナ', { exact: true }).fill('アテナ ハナコ');
  await second.getByLabel('生年月日', { exact: true }).fill('1970-07-07');
  await second.getByLabel('性別', { exact: true }).selectOption('female');
  await second.getByLabel('続柄', { exact: true }).selectOption('妻');
  // A malformed number is refused on its field, in Japanese, before anything is saved.
  await second.getByLabel('宛名番号', { exact: true }).fill('宛名？');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(second.getByText('宛名番号は英数字（20文字以内）で入力してください')).toBeVisible();
  await second.getByLabel('宛名番号', { exact: true }).fill('A-200300');
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^ケース ATENA-${run}`) })).toBeVisible();

  await page.getByRole('tab', { name: '世帯員', exact: true }).click();
  const members = page.getByRole('table', { name: '世帯員' });
  await members.getByRole('button', { name: '宛名 一郎を編集' }).click();
  await expect(page.getByRole('form', { name: '宛名 一郎の内容を変更' }).getByLabel('宛名番号', { exact: true })).toHaveValue('123456789');
  await page.getByRole('form', { name: '宛名 一郎の内容を変更' }).getByRole('button', { name: 'やめる' }).click();
  await members.getByRole('button', { name: '宛名 花子を編集' }).click();
  await expect(page.getByRole('form', { name: '宛名 花子の内容を変更' }).getByLabel('宛名番号', { exact: true })).toHaveValue('A-200300');
});

test('the same visit recorded twice asks first; confirmed, it is kept as a second visit', async ({ page }) => {
  await unlock(page, caseworker);
  await fillNewCase(page, {
    caseNumber: `HOMON-${run}`,
    address: '加須市北下新井2番地',
    head: { name: '訪問 次郎', kana: 'ホウモン ジロウ', birthDate: '1955-05-05', sex: 'male' },
  });
  await page.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('heading', { name: new RegExp(`^ケース HOMON-${run}`) })).toBeVisible();
  await page.getByRole('tab', { name: '訪問', exact: true }).click();
  const visit = async () => {
    await page.getByLabel('方法', { exact: true }).selectOption('homeVisit');
    await page.getByLabel('日付', { exact: true }).fill('2026-11-02');
    await page.getByLabel('面会者', { exact: true }).fill('世帯主本人');
    await page.getByLabel('確認した状況', { exact: true }).fill('居室は清潔。');
    await page.getByRole('button', { name: '記録する' }).click();
  };
  await visit();
  await expect(page.getByRole('status').filter({ hasText: 'ケース記録に記録しました' })).toBeVisible();
  await visit();
  const question = page.getByRole('alertdialog', { name: /令和8年11月2日の訪問は、この世帯にすでに記録されています。もう一度記録しますか？/ });
  await expect(question).toBeVisible();
  await question.getByRole('button', { name: 'やめる' }).click();
  await expect(question).toHaveCount(0);
  await page.getByRole('tab', { name: 'ケース記録', exact: true }).click();
  await expect(page.getByText('居室は清潔。')).toHaveCount(1);

  await page.getByRole('tab', { name: '訪問', exact: true }).click();
  await visit();
  await question.getByRole('button', { name: '2回目の訪問として記録する' }).click();
  await expect(page.getByRole('status').filter({ hasText: 'ケース記録に記録しました' })).toBeVisible();
  await page.getByRole('tab', { name: 'ケース記録', exact: true }).click();
  await expect(page.getByText('居室は清潔。')).toHaveCount(2);
});

test('the administrator changes a user’s 役割 and 班; the last administrator keeps the role; the user unlocks in the new role', async ({ page, request }) => {
  const moved: Staff = {
    loginId: `cw-ido-${run.toLowerCase()}`,
    passphrase: '星川の遊歩道を歩く-2026',
    displayName: '異動 三郎',
    role: 'caseworker',
    teamId: '第1班',
  };
  await ensureStaff(request, moved);
  await unlock(page, admin);
  await goToHash(page, '#/admin');
  await page.getByRole('button', { name: `${moved.loginId} の役割・班を変更` }).click();
  const dialog = page.getByRole('alertdialog', { name: /異動 三郎.*の役割・班を変更しますか/ });
  await dialog.getByLabel('役割').selectOption({ label: '査察指導員' });
  await dialog.getByLabel('班').fill('第2班');
  await dialog.getByRole('button', { name: '変更する' }).click();
  await expect(page.getByRole('status').filter({ hasText: `異動 三郎（${moved.loginId}）の役割を査察指導員、班を第2班にしました。` })).toBeVisible();
  const row = page.getByRole('row', { name: new RegExp(moved.loginId) });
  await expect(row).toContainText('査察指導員');
  await expect(row).toContainText('第2班');

  // The administrator's own role does not change (the office would lose its last administrator, too).
  await page.getByRole('button', { name: `${admin.loginId} の役割・班を変更` }).click();
  await page.getByRole('alertdialog').getByLabel('役割').selectOption({ label: 'ケースワーカー' });
  await page.getByRole('alertdialog').getByRole('button', { name: '変更する' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '自分の役割は変更できません' })).toBeVisible();
  await expect(page.getByRole('row', { name: new RegExp(admin.loginId) })).toContainText('システム管理者');
  await lock(page);

  await unlock(page, moved);
  await expect(page.getByText('査察指導員').first()).toBeVisible();
});
