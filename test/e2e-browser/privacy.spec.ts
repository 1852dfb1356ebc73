import { addDays } from '../../shared/casework/calendarDate';
import { formatWareki } from '../../shared/format/wareki';
import { expectAccessible } from './axe';
import { auditor, today as browserToday } from './caseworkSteps';
import { admin, ensureStaff, expect, test, unlock } from './fixtures';

/**
 * 個人情報保護 (issue 14) in the browser host, real IndexedDB and libsodium: a 開示 request and its 決定期限, an incident
 * with its report deadlines, a training, and the しきい値 tab's re-assessment warning when a serious incident
 * contradicts the filed assessment.
 */
test('the administrator keeps the PIA registers and the しきい値 tab reads them', async ({ page, office }) => {
  expect(office).toBeTruthy();
  await unlock(page, admin);
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '個人情報保護' }).click();
  await expect(page.getByRole('heading', { name: '個人情報保護', level: 2 })).toBeVisible();
  // The browser's day (Asia/Tokyo), not this process's: they differ for nine hours of every UTC day.
  const today = browserToday();

  // 開示請求: a refused form names the field and writes nothing; then registered, its deadline 30 days on.
  const requestForm = page.getByRole('form', { name: '開示等請求を登録' });
  await requestForm.getByRole('button', { name: '登録する' }).click();
  await expect(requestForm.getByText('請求に係る本人（氏名等）を入力してください')).toBeVisible();
  await expect(page.getByText('開示等請求はありません。')).toBeVisible();
  await requestForm.getByLabel('本人の氏名等').fill('加須 花子');
  await requestForm.getByLabel('本人確認書類').selectOption({ label: '運転免許証' });
  await requestForm.getByLabel('請求の内容').fill('保護の決定に関する記録の開示');
  await requestForm.getByRole('button', { name: '登録する' }).click();
  const requests = page.getByRole('list', { name: '開示等請求' });
  const entry = requests.getByRole('listitem').filter({ hasText: '加須 花子' });
  await expect(entry).toContainText(`決定期限${formatWareki(addDays(today, 30))}（残り30日）`);
  await expect(entry).toContainText('個人情報保護法第83条');
  await expect(entry).toContainText('要確認');
  await expectAccessible(page, '個人情報保護（開示等請求）');

  // The extension: beyond the law's 30 days it is refused on the field; 30 days moves the deadline.
  await entry.getByText('期限を延長する').click();
  const extension = entry.getByRole('form', { name: '開示請求の期限の延長' });
  await extension.getByLabel('延長日数').fill('31');
  await extension.getByLabel('延長の理由').fill('対象の記録が大量のため');
  await extension.getByRole('button', { name: '延長を記録する' }).click();
  await expect(extension.getByText('延長日数は1〜30日です（第83条第2項）')).toBeVisible();
  await extension.getByLabel('延長日数').fill('30');
  await extension.getByRole('button', { name: '延長を記録する' }).click();
  await expect(entry).toContainText(`決定期限${formatWareki(addDays(today, 60))}（残り60日）`);
  await entry.getByRole('form', { name: '開示請求の決定' }).getByRole('button', { name: '決定を記録する' }).click();
  await expect(entry).toContainText(`決定期限${formatWareki(addDays(today, 60))}（決定済）`);
  await expect(entry.getByRole('button', { name: '決定を記録する' })).toHaveCount(0);

  // 事故: a serious incident with its 速報 and 確報 due dates.
  await page.getByRole('tab', { name: '事故' }).click();
  const incidentForm = page.getByRole('form', { name: '漏えい等事案を登録' });
  await incidentForm.getByLabel('事案の概要').fill('訪問先で書類を紛失');
  await incidentForm.getByLabel('対象人数').fill('３');
  await incidentForm.getByLabel('漏えい等した情報の種類').fill('氏名・住所・保護決定の内容');
  await incidentForm.getByLabel('重大事故に当たる').check();
  await incidentForm.getByRole('button', { name: '登録する' }).click();
  const incident = page.getByRole('list', { name: '漏えい等事案' }).getByRole('listitem').filter({ hasText: '訪問先で書類を紛失' });
  await expect(incident).toContainText('重大事故');
  await expect(incident).toContainText(`速報期限 ${formatWareki(addDays(today, 3))}未報告`);
  await expect(incident).toContainText(`確報期限 ${formatWareki(addDays(today, 30))}未報告`);
  await incident.getByRole('button', { name: '速報を送付済にする' }).click();
  await expect(incident).toContainText(`速報${formatWareki(today)} 報告済`);
  await expectAccessible(page, '個人情報保護（事故）');

  // 研修: the administrator is listed without a training until one is recorded.
  await page.getByRole('tab', { name: '研修' }).click();
  await expect(page.getByRole('list', { name: '今年度の研修が未受講の職員' })).toContainText(admin.displayName);
  const trainingForm = page.getByRole('form', { name: '研修の受講を記録' });
  await trainingForm.getByLabel('研修の内容').fill('特定個人情報の適正な取扱い');
  await trainingForm.getByLabel('実施者').fill('生活福祉課');
  await trainingForm.getByRole('button', { name: '記録する' }).click();
  await expect(page.getByRole('table', { name: '研修の記録' })).toContainText('特定個人情報の適正な取扱い');
  await expect(page.getByText('全員が今年度の研修を受講済みです。')).toBeVisible();
  await expectAccessible(page, '個人情報保護（研修）');

  // しきい値: today's figures; an assessment filed as 発生なし is contradicted by the serious incident above.
  await page.getByRole('tab', { name: 'しきい値' }).click();
  const table = page.getByRole('table', { name: 'しきい値判断' });
  await expect(table.getByRole('row', { name: /対象人数/ })).toContainText(`0人（${formatWareki(today)} 時点）1,000人未満（任意実施）`);
  await expect(table.getByRole('row', { name: /過去1年以内の重大事故/ })).toContainText('発生あり');
  await expect(page.getByText('提出した評価書が登録されていません')).toBeVisible();
  await page.getByText('提出した評価書を登録する').click();
  const filing = page.getByRole('form', { name: '提出した評価書' });
  await filing.getByLabel('担当部署').fill('福祉部 生活福祉課');
  await filing.getByLabel('開示・訂正・利用停止請求の請求先').fill('加須市役所 福祉部 生活福祉課');
  await filing.getByLabel('過去1年以内に重大事故が発生した').uncheck();
  await filing.getByRole('button', { name: '登録する' }).click();
  await expect(page.getByRole('alert').filter({ hasText: '再評価が必要です' })).toContainText('重大事故');
  await expect(table.getByRole('row', { name: /過去1年以内の重大事故/ })).toContainText('発生なし');
  await expectAccessible(page, '個人情報保護（しきい値）');
});

test('the 監査担当 reads the registers and is offered no form', async ({ page, request, office }) => {
  expect(office).toBeTruthy();
  await ensureStaff(request, auditor);
  await unlock(page, auditor);
  await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '個人情報保護' }).click();
  await expect(page.getByText('開示等請求の登録は課長・システム管理者が行います（閲覧のみ）。')).toBeVisible();
  await expect(page.getByRole('form')).toHaveCount(0);
  await page.getByRole('tab', { name: 'しきい値' }).click();
  await expect(page.getByRole('table', { name: 'しきい値判断' })).toBeVisible();
  await expect(page.getByText('評価書の登録は課長・システム管理者が行います（閲覧のみ）。')).toBeVisible();
  await expectAccessible(page, '個人情報保護（監査担当）');
});
