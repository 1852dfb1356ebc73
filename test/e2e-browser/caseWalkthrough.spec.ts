import { addMonths, lastDayOf } from '../../shared/calc/dates';
import { parseCalcInput } from '../../shared/calc/input';
import { calculate } from '../../shared/calc/minimumCost';
import { addDays } from '../../shared/casework/calendarDate';
import { formatWareki, formatWarekiMonth } from '../../shared/format/wareki';
import { formatYen } from '../../shared/format/yen';
import { caseworker, createHousehold, goToHash, lock, openCaseId } from './casesFixtures';
import {
  approve,
  auditor,
  consultAndApply,
  expectCalcLines,
  fillMedicalTicket,
  fillStartDecision,
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

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  for (const staff of [caseworker, intakeOfficer, supervisor, manager, auditor]) await ensureStaff(request, staff);
});

const thisMonth = () => today().slice(0, 7);

// The issue's acceptance walk: one case from 相談 to an approved 開始 decision resting on a saved calculation, then
// the first month of casework on it (a visit, a 医療券) and the notice, whose print the auditor finds in the log.
test('one case: 相談 → 申請 → 保護費算定 → 開始決定 approved by SV and 課長 → 保護中 → visit → 医療券 → printed notice in the audit log', async ({ page }) => {
  test.setTimeout(120_000);
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

  // The caseworker calculates the month's benefit for the case: one adult, rent 42,000円, no income.
  await unlock(page, caseworker);
  await startCaseCalculation(page, `${household.caseNumber} ${household.address}`);
  const headName = await page.getByRole('group', { name: '世帯員1' }).getByLabel('氏名・呼称').inputValue();
  await page.getByLabel('基準月').fill(thisMonth());
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順2: 地域' })).toBeFocused();
  await expect(page.getByLabel('市町村')).toHaveValue('加須市');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順3: 加算' })).toBeVisible();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順4: 住宅' })).toBeVisible();
  await page.getByLabel('家賃・間代（月額）').fill('42000');
  await page.getByLabel('床面積（㎡）').fill('25');
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順5: 教育' })).toBeVisible();
  await page.getByRole('button', { name: '次へ' }).click();
  await expect(page.getByRole('heading', { name: '手順6: 収入' })).toBeVisible();
  await page.getByRole('button', { name: '計算する' }).click();

  const parsed = parseCalcInput({
    month: thisMonth(),
    municipality: '加須市',
    members: [{ id: headName, birthDate: household.head.birthDate }],
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

  // The 開始 draft rests on that calculation and answers the application (within its 14 days).
  const calculationLabel = `${formatWarekiMonth(thisMonth())}分 保護費 ${formatYen(expected.totals.benefit)}`;
  await openCase(page, caseId, '保護の経過');
  await fillStartDecision(page, appliedOn, '資産・能力を活用してもなお最低生活費に満たないため', ['生活扶助', '住宅扶助', '医療扶助']);
  await page.getByLabel('根拠となる計算').selectOption({ label: calculationLabel });
  await page.getByRole('button', { name: '起案する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（起案中）' })).toBeVisible();
  await expect(page.getByRole('definition').filter({ hasText: calculationLabel })).toBeVisible();
  await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
  await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
  await lock(page);

  await approve(page, supervisor, household.caseNumber, '要否判定と算定を確認しました');
  await approve(page, manager, household.caseNumber, '決裁します');

  // 保護中: the first visit moves the plan's due date; a 医療券 for this month.
  await unlock(page, caseworker);
  await openCase(page, caseId, '訪問');
  await expect(page.getByRole('heading', { name: `ケース ${household.caseNumber}（保護中）` })).toBeVisible();
  await page.getByLabel('訪問格付け', { exact: true }).selectOption('A');
  await page.getByRole('button', { name: '訪問計画を保存' }).click();
  const plan = page.getByRole('definition').filter({ has: page.locator('time') }).first();
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

  // The notice states the calculated monthly amount; printing it is logged.
  await page.getByRole('tab', { name: '保護の経過', exact: true }).click();
  await expect(page.getByRole('list', { name: '保護の経過' })).toContainText('開始決定　決裁済み');
  await page.getByRole('link', { name: '決定の内容と決裁' }).click();
  await page.getByRole('link', { name: '決定通知書を表示' }).click();
  const notice = page.getByRole('article', { name: '決定通知書' });
  await expect(notice).toContainText('保護開始決定通知書');
  await expect(notice).toContainText(`${household.head.name} 様`);
  await expect(notice).toContainText(`月額 ${formatYen(expected.totals.benefit)}（${formatWarekiMonth(thisMonth())}分の算定による）`);
  await stubPrint(page);
  await page.getByRole('button', { name: '印刷する' }).click();
  await expect.poll(() => printCount(page)).toBe(1);
  await lock(page);

  await unlock(page, auditor);
  await goToHash(page, '#/audit');
  await page.getByLabel('種類').selectOption({ label: '印刷' });
  await page.getByRole('button', { name: '検索' }).click();
  const printed = page.getByRole('table', { name: '監査ログ' }).getByRole('row').filter({ hasText: `決定通知書 1 件（世帯 …${caseId.slice(-8)}）` });
  await expect(printed).toHaveCount(1);
  await expect(printed).toContainText(caseworker.displayName);
});
