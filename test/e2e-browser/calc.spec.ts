import { parseCalcInput } from '../../shared/calc/input';
import { calculate } from '../../shared/calc/minimumCost';
import { caseworker, createHousehold, goToHash } from './casesFixtures';
import { expectCalcLines, startCaseCalculation } from './caseworkSteps';
import { ensureStaff, expect, test, unlock } from './fixtures';
import { printedPdf } from './printedPdf';
import { formatYen } from '../../shared/format/yen';

test('a caseworker completes the 保護費算定 wizard for a case, reloads mid-way, resumes the draft and saves the same lines', async ({
  page,
  request,
  office,
}) => {
  expect(office).toBeTruthy();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  await ensureStaff(request, caseworker);
  await unlock(page, caseworker);
  const household = {
    caseNumber: `S-${Date.now() % 1_000_000}`,
    address: '埼玉県加須市三俣二丁目1番地',
    head: { name: '加須 花子', kana: 'カゾ ハナコ', birthDate: '1985-06-15' },
  };
  await createHousehold(page, household);

  await startCaseCalculation(page, `${household.caseNumber} ${household.address}`);

  // 世帯: the case's member is prefilled; a bad date stops the step with a field message.
  const head = page.getByRole('group', { name: '世帯員1' });
  await expect(head.getByLabel('生年月日')).toHaveValue(household.head.birthDate);
  const headName = await head.getByLabel('氏名・呼称').inputValue();
  expect(headName.replace(/\s/g, '')).toBe(household.head.name.replace(/\s/g, ''));
  await page.getByLabel('基準月').fill('2026-12');
  await page.getByRole('button', { name: '世帯員を追加' }).click();
  const child = page.getByRole('group', { name: '世帯員2' });
  await child.getByLabel('氏名・呼称').fill('加須 太郎');
  await child.getByLabel('生年月日').fill('2015-13-01');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('alert')).toContainText('世帯員2 生年月日: 2015年13月1日は実在する日付ではありません');
  await expect(child.getByText('生年月日: 2015年13月1日は実在する日付ではありません')).toBeVisible();
  await expect(page.getByRole('heading', { name: '手順1: 世帯' })).toBeVisible();
  // Full-width digits as an IME gives them; Enter goes on.
  await child.getByLabel('生年月日').fill('２０１５-０４-１０');
  await child.getByLabel('生年月日').press('Enter');

  await expect(page.getByRole('heading', { name: '手順2: 地域' })).toBeFocused();
  await expect(page.getByLabel('市町村')).toHaveValue('加須市');
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { name: '手順3: 加算' })).toBeVisible();
  await page.getByLabel('ひとり親世帯（母子加算の対象）').check();
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { name: '手順4: 住宅' })).toBeVisible();
  await page.getByLabel('家賃・間代（月額）').fill('四万五千');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByText('家賃・間代（月額）: 数値で入力してください')).toBeVisible();
  await page.getByLabel('家賃・間代（月額）').fill('45000');
  await page.getByLabel('床面積（㎡）').fill('30');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順5: 教育' })).toBeVisible();
  await expect(page.getByRole('status').filter({ hasText: '下書きを保存しました（手順5 教育' })).toBeVisible();

  // A closed laptop: the page goes away, the app locks; the draft is offered again after unlocking.
  await page.reload();
  await unlock(page, caseworker);
  await goToHash(page, '#/calc');
  await page.getByRole('button', { name: new RegExp(`保護費算定ケース ${household.caseNumber}の下書きを再開`) }).click();
  await expect(page.getByRole('heading', { name: '手順5: 教育' })).toBeFocused();
  await page.getByRole('group', { name: '世帯員2（加須 太郎）' }).getByLabel('就学').selectOption('elementary');
  await page.getByRole('button', { name: '次へ' }).click();

  await expect(page.getByRole('heading', { name: '手順6: 収入' })).toBeVisible();
  await page.getByRole('button', { name: '収入を追加' }).click();
  const income = page.getByRole('group', { name: '収入1' });
  await income.getByLabel('就労収入（総額・月額）').fill('80,000');
  await page.getByRole('button', { name: '計算する' }).click();

  const parsed = parseCalcInput({
    month: '2026-12',
    municipality: '加須市',
    singleParent: true,
    members: [
      { id: headName, birthDate: household.head.birthDate },
      { id: '加須 太郎', birthDate: '2015-04-10', school: 'elementary' },
    ],
    housing: { rent: 45000, floorAreaSqm: 30 },
    incomes: [{ memberId: headName, type: 'earned', gross: 80000 }],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const expected = calculate(parsed.value);

  await expect(page.getByRole('heading', { name: '手順7: 結果' })).toBeVisible();
  await expectCalcLines(page, expected);
  const flagged = [...expected.lines, ...expected.incomeLines].filter((l) => l.needsConfirmation).length + (expected.necessity.needsConfirmation ? 1 : 0);
  await expect(page.getByLabel('要確認の件数')).toContainText(flagged > 0 ? `${flagged}件` : 'ありません');
  await expect(page.locator('table.calc-lines tr.needs-confirmation')).toHaveCount(
    [...expected.lines, ...expected.incomeLines].filter((l) => l.needsConfirmation).length,
  );
  await expect(page.getByRole('heading', { name: /^要否判定: / })).toHaveText(`要否判定: ${expected.necessity.required ? '保護を要する' : '保護を要しない'}`);

  await page.getByRole('button', { name: 'ケースに保存' }).click();
  await expect(page.getByRole('heading', { name: '保存済みの計算（令和8年12月分）' })).toBeVisible();
  await expectCalcLines(page, expected);

  // Reopened from the case's list, it shows the same lines; the draft is gone.
  await goToHash(page, '#/calc');
  await expect(page.getByRole('button', { name: /の下書きを再開/ })).toHaveCount(0);
  await page.getByLabel('ケース', { exact: true }).selectOption({ label: `${household.caseNumber} ${household.address}` });
  await page
    .getByRole('list', { name: '保存済みの計算' })
    .getByRole('link', { name: /令和8年12月分/ })
    .click();
  await expect(page.getByRole('heading', { name: '保存済みの計算（令和8年12月分）' })).toBeVisible();
  await expectCalcLines(page, expected);
  // 保護費算定表 on paper: the breakdown alone, on A4 — the total as calculated, none of the screen's controls.
  const sheet = await printedPdf(page);
  expect(sheet.info).toMatch(/^Page size:.*\(A4\)$/mu);
  expect(sheet.text).toContain('保護費算定表（令和8年12月分）');
  expect(sheet.text.replace(/\s/gu, '')).toContain(formatYen(expected.totals.minimumCost));
  for (const screenOnly of ['印刷する', '計算の最初へ', 'この計算で決定を起案', 'ロック', 'ケース一覧']) expect(sheet.text).not.toContain(screenOnly);
  expect(errors).toEqual([]);
});
