import { addMonths, lastDayOf } from '../../shared/calc/dates';
import { parseCalcInput } from '../../shared/calc/input';
import { calculate } from '../../shared/calc/minimumCost';
import { addDays } from '../../shared/casework/calendarDate';
import { formatWareki, formatWarekiMonth } from '../../shared/format/wareki';
import { formatYen } from '../../shared/format/yen';
import { aidAmounts } from '../../shared/casework/calculationAids';
import { aids } from '../../shared/domain/aids';
import { aidLabels } from '../../renderer/features/decisions/decisionLabels';
import { caseworker, createHousehold, goToHash, lock, openCaseId } from './casesFixtures';
import {
  approve,
  auditor,
  consultAndApply,
  expectCalcLines,
  fillMedicalTicket,
  intakeOfficer,
  manager,
  openCase,
  printCount,
  recordHomeVisit,
  startCaseCalculation,
  stubPrint,
  supervisor,
  ticketNumbers,
  today,
} from './caseworkSteps';
import { ensureStaff, expect, test, unlock } from './fixtures';
import { printedPdf } from './printedPdf';

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  for (const staff of [caseworker, intakeOfficer, supervisor, manager, auditor]) await ensureStaff(request, staff);
});

const thisMonth = () => today().slice(0, 7);
const child = { name: '羽生 健太', birthDate: '2010-08-01' };

// The issue's acceptance walk: one case from 相談 to an approved 開始 decision resting on a saved calculation, then
// the first month of casework on it (a visit, a 医療券) and the notice, whose print the auditor finds in the log.
test('one case: 相談 → 申請 → case facts → 保護費算定 filled from them → 開始決定 drafted from it, approved by SV and 課長 → 保護中 → visit → 医療券 → notice with the per-扶助 amounts, printed, in the audit log', async ({
  page,
}) => {
  test.setTimeout(240_000);
  const household = { caseNumber: 'W-0001', address: '加須市中央一丁目2番3号', head: { name: '羽生 道子', kana: 'ハニュウ ミチコ', birthDate: '1968-09-12' } };
  const appliedOn = addDays(today(), -3);
  await unlock(page, caseworker);
  await createHousehold(page, household);
  const caseId = openCaseId(page);
  await lock(page);

  // 面接相談員: the header follows the application at once, without reopening the case.
  await unlock(page, intakeOfficer);
  await openCase(page, caseId, '相談・申請');
  await expect(page.getByRole('heading', { name: `ケース ${household.caseNumber}（相談中）` })).toBeVisible();
  await consultAndApply(page, appliedOn);
  await expect(page.getByRole('list', { name: '保護申請' })).toContainText('期限');
  await expect(page.getByRole('heading', { name: `ケース ${household.caseNumber}（申請中）` })).toBeVisible();
  await lock(page);

  // The caseworker records the case's facts: rent and floor area, the municipality, the head's 障害等級 and a
  // high-school child. The calculation then starts from them instead of being typed again.
  await unlock(page, caseworker);
  await openCase(page, caseId, '世帯');
  await page.getByRole('button', { name: '世帯の内容を変更' }).click();
  const householdForm = page.getByRole('form', { name: '世帯の内容を変更' });
  await householdForm.getByLabel('住居', { exact: true }).selectOption({ label: '賃貸' });
  await householdForm.getByLabel('家賃', { exact: true }).fill('42000');
  await householdForm.getByLabel('床面積', { exact: true }).fill('25');
  await householdForm.getByLabel('市町村', { exact: true }).selectOption('熊谷市');
  await householdForm.getByRole('button', { name: '保存する' }).click();
  await expect(page.locator('dl.case-facts')).toContainText('42,000円');
  await page.getByRole('tab', { name: '世帯員', exact: true }).click();
  const memberTable = page.getByRole('table', { name: '世帯員' });
  await memberTable.getByRole('button', { name: `${household.head.name}を編集` }).click();
  const headForm = page.getByRole('form', { name: `${household.head.name}の内容を変更` });
  await headForm.getByLabel('障害等級', { exact: true }).selectOption('B');
  await headForm.getByRole('button', { name: '保存する' }).click();
  await expect(memberTable.getByRole('row', { name: new RegExp(household.head.name) })).toContainText('障害: 身体障害者手帳3級');
  await page.getByRole('button', { name: '世帯員を追加' }).click();
  const childForm = page.getByRole('form', { name: '世帯員を追加' });
  await childForm.getByLabel('氏名', { exact: true }).fill(child.name);
  await childForm.getByLabel('フリガナ', { exact: true }).fill('ハニュウ ケンタ');
  await childForm.getByLabel('生年月日', { exact: true }).fill(child.birthDate);
  await childForm.getByLabel('性別', { exact: true }).selectOption('male');
  await childForm.getByLabel('続柄', { exact: true }).selectOption('子');
  await childForm.getByLabel('就学', { exact: true }).selectOption({ label: '高等学校' });
  await childForm.getByRole('button', { name: '保存する' }).click();
  await expect(memberTable.getByRole('row', { name: new RegExp(child.name) })).toContainText('就学: 高等学校');

  // 保護費算定 for the case: every value the case knows is filled and marked, nothing is typed.
  await startCaseCalculation(page, `${household.caseNumber} ${household.address}`);
  const headName = await page.getByRole('group', { name: '世帯員1' }).getByLabel('氏名・呼称').inputValue();
  await expect(page.getByRole('group', { name: '世帯員2' }).getByLabel('生年月日')).toHaveValue(child.birthDate);
  await expect(page.getByRole('group', { name: '世帯員2' }).getByLabel('生年月日')).toHaveAccessibleDescription(/ケースから/);
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順2: 地域' })).toBeFocused();
  await expect(page.getByLabel('市町村')).toHaveValue('熊谷市');
  await expect(page.getByLabel('市町村')).toHaveAccessibleDescription(/ケースから/);
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順3: 加算' })).toBeVisible();
  await expect(page.getByRole('group', { name: /^世帯員1/ }).getByLabel('障害者加算')).toHaveValue('B');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順4: 住宅' })).toBeVisible();
  await expect(page.getByLabel('家賃・間代（月額）')).toHaveValue('42000');
  await expect(page.getByLabel('家賃・間代（月額）')).toHaveAccessibleDescription(/ケースから/);
  await expect(page.getByLabel('床面積（㎡）')).toHaveValue('25');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順5: 教育' })).toBeVisible();
  await expect(page.getByRole('group', { name: /^世帯員2/ }).getByLabel('就学')).toHaveValue('highSchool');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順6: 収入' })).toBeVisible();
  await page.getByRole('button', { name: '計算する' }).click();

  // The same facts, written by hand as the calc CLI takes them.
  const parsed = parseCalcInput({
    month: thisMonth(),
    municipality: '熊谷市',
    members: [
      { id: headName, birthDate: household.head.birthDate, disability: 'B' },
      { id: child.name, birthDate: child.birthDate, school: 'highSchool' },
    ],
    housing: { rent: 42000, floorAreaSqm: 25 },
    incomes: [],
  });
  if (!parsed.ok) throw new Error(JSON.stringify(parsed.issues));
  const expected = calculate(parsed.value);
  expect(expected.totals.benefit).toBeGreaterThan(0);
  await expect(page.getByRole('heading', { name: '手順7: 結果' })).toBeVisible();
  await expectCalcLines(page, expected);
  await page.getByRole('button', { name: 'ケースに保存' }).click();
  await expect(page.getByRole('heading', { name: `保存済みの計算（${formatWarekiMonth(thisMonth())}分）` })).toBeVisible();

  // From the saved calculation, the 開始 draft starts with its 扶助, their amounts and the month's 1st day, and rests on it.
  const amounts = aidAmounts(expected.lines, expected.totals.recognizedIncome);
  const calculationLabel = `${formatWarekiMonth(thisMonth())}分 保護費 ${formatYen(expected.totals.benefit)}`;
  await page.getByRole('button', { name: 'この計算で決定を起案' }).click();
  const draft = page.getByRole('form', { name: '決定の起案' });
  await expect(draft.getByLabel('決定の種類')).toHaveValue('start');
  await expect(draft.getByLabel('適用日')).toHaveValue(`${thisMonth()}-01`);
  for (const aid of aids) {
    if (amounts.some((a) => a.aid === aid)) await expect(draft.getByLabel(aidLabels[aid], { exact: true })).toBeChecked();
    else await expect(draft.getByLabel(aidLabels[aid], { exact: true })).not.toBeChecked();
  }
  expect(amounts.map((a) => a.aid)).toEqual(['living', 'housing', 'occupational']);
  await expect(draft.getByLabel('根拠となる計算')).toHaveText(new RegExp(calculationLabel));
  // 医療扶助 is given in kind, not a figure of the calculation: the caseworker adds it (the 医療券 below needs it).
  await draft.getByLabel('医療扶助', { exact: true }).check();
  await draft.getByLabel('決定の理由').fill('資産・能力を活用してもなお最低生活費に満たないため');
  await draft.getByRole('button', { name: '起案する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（起案中）' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: calculationLabel })).toBeVisible();
  await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
  const decisionHash = new URL(page.url()).hash;
  await lock(page);

  // The SV opens the breakdown the decision rests on from the approval screen, then approves.
  await unlock(page, supervisor);
  await goToHash(page, decisionHash);
  await page.getByRole('link', { name: /計算の内訳を開く/ }).click();
  await expect(page.getByRole('heading', { name: `保存済みの計算（${formatWarekiMonth(thisMonth())}分）` })).toBeVisible();
  await expectCalcLines(page, expected);
  await lock(page);
  await approve(page, supervisor, household.caseNumber, '要否判定と算定を確認しました');
  await approve(page, manager, household.caseNumber, '決裁します');

  // 保護中: the first visit moves the plan's due date; a 医療券 for this month.
  await unlock(page, caseworker);
  await openCase(page, caseId, '訪問');
  await expect(page.getByRole('heading', { name: `ケース ${household.caseNumber}（保護中）` })).toBeVisible();
  await page.getByLabel('訪問格付け', { exact: true }).selectOption('A');
  await page.getByRole('button', { name: '訪問計画を保存' }).click();
  const plan = page
    .getByRole('definition')
    .filter({ has: page.locator('time') })
    .first();
  await expect(plan).toContainText(formatWareki(lastDayOf(thisMonth())));
  await recordHomeVisit(page);
  // Grade A: due by the end of the month after the visit.
  await expect(plan).toContainText(formatWareki(lastDayOf(addMonths(thisMonth(), 1))));

  // The 開始 runs 医療扶助, so a ticket can be issued; a wrong check digit is a field error first (on blur, IME-safe).
  await page.getByRole('tab', { name: '医療券', exact: true }).click();
  const { recipient } = ticketNumbers;
  await fillMedicalTicket(page, '加須中央病院', `${recipient.slice(0, 6)}${(Number(recipient[6]) + 1) % 10}`);
  await expect(page.getByText('受給者番号: 受給者番号の検証番号（末尾の1桁）が一致しません。番号を確認してください')).toBeVisible();
  await page.getByRole('button', { name: '発行する' }).click();
  await expect(page.getByLabel('受給者番号', { exact: true })).toHaveAttribute('aria-invalid', 'true');
  await expect(page.getByRole('table', { name: '医療券・調剤券' })).toHaveCount(0);
  await page.getByLabel('受給者番号', { exact: true }).fill(recipient);
  await page.getByLabel('受給者番号', { exact: true }).press('Tab');
  await page.getByRole('button', { name: '発行する' }).click();
  const tickets = page.getByRole('table', { name: '医療券・調剤券' });
  await expect(tickets.getByRole('row')).toHaveCount(2);
  await expect(tickets).toContainText(recipient);
  await expect(tickets).toContainText('0円');
  await expect(tickets).toContainText(formatWareki(lastDayOf(thisMonth())));
  await expect(tickets).toContainText('加須中央病院');
  await expect(tickets).toContainText(household.head.name);

  // The ticket as the A4 sheet the institution receives: its numbers, the person and month, nothing of the screen.
  await tickets.getByRole('link', { name: new RegExp(`の医療券を開く（${household.head.name}）`) }).click();
  const sheet = page.getByRole('article', { name: '医療券' });
  await expect(sheet).toContainText(recipient);
  await expect(sheet).toContainText(ticketNumbers.payer);
  await expect(sheet).toContainText('加須中央病院');
  const sheetPdf = await printedPdf(page);
  expect(sheetPdf.info).toMatch(/^Pages:\s+1$/mu);
  expect(sheetPdf.info).toMatch(/^Page size:.*\(A4\)$/mu);
  for (const onPaper of ['生活保護法医療券', recipient, ticketNumbers.payer, household.head.name, '加須中央病院']) expect(sheetPdf.text).toContain(onPaper);
  for (const screenOnly of ['印刷する', 'ケースへ戻る', 'ロック', 'ケース一覧']) expect(sheetPdf.text).not.toContain(screenOnly);
  expect(sheetPdf.image.right - sheetPdf.image.left).toBeGreaterThan(sheetPdf.image.width * 0.5);
  await page.getByRole('link', { name: 'ケースへ戻る' }).click();
  await page.getByRole('tab', { name: '医療券', exact: true }).click();

  // The notice states the calculated monthly amount; printing it is logged.
  await page.getByRole('tab', { name: '保護の経過', exact: true }).click();
  await expect(page.getByRole('list', { name: '保護の経過' })).toContainText('開始決定　決裁済み');
  await page.getByRole('link', { name: '決定の内容と決裁' }).click();
  await page.getByRole('link', { name: '決定通知書を表示' }).click();
  const notice = page.getByRole('article', { name: '決定通知書' });
  await expect(notice).toContainText('保護開始決定通知書');
  await expect(notice).toContainText(`${household.head.name} 様`);
  await expect(notice).toContainText(`月額 ${formatYen(expected.totals.benefit)}（${formatWarekiMonth(thisMonth())}分の算定による）`);
  // 扶助別の額 from the calculation: each 扶助's amount and the total, as calculated.
  const byAid = notice.getByRole('table', { name: /扶助別の額/ });
  for (const a of amounts)
    await expect(
      byAid
        .getByRole('row', { name: new RegExp(`^${aidLabels[a.aid]}`) })
        .locator('td')
        .last(),
    ).toHaveText(formatYen(a.benefit));
  await expect(byAid.getByRole('row', { name: /^合計/ }).locator('td').last()).toHaveText(formatYen(expected.totals.benefit));
  await stubPrint(page);
  await page.getByRole('button', { name: '印刷する' }).click();
  await expect.poll(() => printCount(page)).toBe(1);
  await lock(page);

  await unlock(page, auditor);
  await goToHash(page, '#/audit');
  await page.getByLabel('種類').selectOption({ label: '印刷' });
  await page.getByRole('button', { name: '検索' }).click();
  const printed = page
    .getByRole('table', { name: '監査ログ' })
    .getByRole('row')
    .filter({ hasText: `決定通知書 1 件（ケース ${household.caseNumber}）` });
  await expect(printed).toHaveCount(1);
  await expect(printed).toContainText(caseworker.displayName);
});
