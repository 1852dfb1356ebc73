import { exchangeKeyFingerprint } from '../../main/linkage/exchangeSigner.js';
import { join } from 'node:path';
import { addDays } from '../../shared/casework/calendarDate';
import { linkageKindLabels } from '../../shared/linkage/linkageKinds';
import { createIntermediateServer, type IntermediateServer } from '../linkage/intermediateServer';
import { caseworker, createHousehold, goToHash, lock, openCaseId } from './casesFixtures';
import { approve, auditor, consultAndApply, fillStartDecision, intakeOfficer, manager, openCase, supervisor, today } from './caseworkSteps';
import { admin, callApi, ensureStaff, expect, test, unlock } from './fixtures';
import {
  addMember,
  countOf,
  expectLedgerStatus,
  exportLinkageFile,
  flipRecordsByte,
  ledgerEntries,
  linkageLedger,
  linkagePanel,
  openLinkageArea,
  resultFolderFor,
  setAtenaNumber,
  statusOf,
  type LinkedMember,
} from './linkageSteps';

/**
 * 情報連携 end to end in the browser: an approved 開始 with 医療扶助 queues 副本 and 資格情報, the administrator
 * writes them to a signed exchange folder, the 中間サーバー (the simulator, in this Node process, on the host's
 * exchange folder) answers, the administrator imports the answer, and the caseworker, the home screen and the
 * auditor see what happened. The ledger lives in the page's IndexedDB, so the whole story is one test (one
 * browser context) in steps.
 */

// A step that cannot act fails within seconds rather than at the end of the whole walk.
test.use({ actionTimeout: 15_000 });

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  for (const staff of [caseworker, intakeOfficer, supervisor, manager, auditor]) await ensureStaff(request, staff);
});

// The registry's people (test/linkage/fixtures/registry.json): 太郎 matches it; 花子 asked for 不開示; 健二's kana is
// not the one the 住民基本台帳 holds (ミナミ　ケンジ), so his 資格情報 comes back for correction.
const taro = { name: '加増 太郎', kana: 'カゾ タロウ', birthDate: '1965-04-12', sex: 'male', atenaNumber: '1000000001' } as const;
const hanako: LinkedMember = {
  name: '加増 花子',
  kana: 'カゾ ハナコ',
  birthDate: '1968-09-30',
  sex: 'female',
  relation: '妻',
  atenaNumber: '1000000002',
  nonDisclosure: true,
};
const kenji: LinkedMember = { name: '南 健二', kana: 'ミナミ ケンイチ', birthDate: '1990-01-15', sex: 'male', relation: '同居人', atenaNumber: '1000000003' };
const caseNumber = 'R-0701';

const replica = 'replicaRegistration' as const;
const eligibility = 'medicalEligibility' as const;
const inquiry = 'inquiry' as const;

test('情報連携: 開始 with 医療扶助 → 副本・資格情報 exported, answered and imported; 不開示 held back; a kana mismatch comes back 要訂正 and is corrected; a tampered result is refused; an inquiry is answered and recorded under §23', async ({
  page,
  request,
}) => {
  test.setTimeout(240_000);
  const appliedOn = addDays(today(), -3);
  let caseId = '';

  await test.step('the caseworker records the household with its 宛名番号 and a 不開示 member', async () => {
    await unlock(page, caseworker);
    await createHousehold(page, { caseNumber, address: '加須市三俣二丁目1番地', head: taro });
    caseId = openCaseId(page);
    await page.getByRole('tab', { name: '世帯員', exact: true }).click();
    await setAtenaNumber(page, taro.name, taro.atenaNumber);
    await addMember(page, hanako);
    await addMember(page, kenji);
    const members = page.getByRole('table', { name: '世帯員' });
    await expect(members.getByRole('row', { name: new RegExp(hanako.name) })).toContainText('不開示');

    // Nothing is decided yet: nothing to tell the 中間サーバー.
    await page.getByRole('tab', { name: '連携', exact: true }).click();
    await expect(page.getByText(/^この世帯の連携の記録はまだありません。保護の決定が承認されると/)).toBeVisible();
    await lock(page);
  });

  await test.step('申請 → 開始 (生活・住宅・医療扶助), approved by SV and 課長', async () => {
    await unlock(page, intakeOfficer);
    await openCase(page, caseId, '相談・申請');
    await consultAndApply(page, appliedOn);
    await expect(page.getByRole('heading', { name: `ケース ${caseNumber}（申請中）` })).toBeVisible();
    await lock(page);

    await unlock(page, caseworker);
    await openCase(page, caseId, '保護の経過');
    await fillStartDecision(page, appliedOn, '資産・能力を活用してもなお最低生活費に満たないため');
    await page.getByLabel('医療扶助').check();
    await page.getByRole('button', { name: '起案する' }).click();
    await expect(page.getByRole('heading', { name: '開始決定（起案中）' })).toBeVisible();
    await page.getByRole('button', { name: '査察指導員へ提出する' }).click();
    await expect(page.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
    // Not approved yet: still nothing queued.
    await openCase(page, caseId, '連携');
    await expect(page.getByText(/^この世帯の連携の記録はまだありません。保護の決定が承認されると/)).toBeVisible();
    await lock(page);

    await approve(page, supervisor, caseNumber, '要否判定を確認しました');
    await approve(page, manager, caseNumber, '決裁します');
  });

  await test.step('the case’s 連携 tab: one 副本 and one 資格情報 per disclosed member waiting; the 不開示 member’s 資格情報 held back', async () => {
    await unlock(page, caseworker);
    await openCase(page, caseId, '連携');
    await expect(page.getByRole('heading', { name: new RegExp(`^ケース ${caseNumber}（保護中）`) })).toBeVisible();
    await expect(linkageLedger(page).getByRole('article')).toHaveCount(6);
    await expectLedgerStatus(page, replica, taro.name, 'pending');
    await expectLedgerStatus(page, eligibility, taro.name, 'pending');
    await expect(ledgerEntries(page, eligibility, taro.name)).toContainText(`登録・有効期間`);
    await expectLedgerStatus(page, replica, kenji.name, 'pending');
    await expectLedgerStatus(page, eligibility, kenji.name, 'pending');
    // 不開示: the 資格情報 is not sent, and the row says why; the 副本 (生活保護関係情報) still goes.
    await expectLedgerStatus(page, eligibility, hanako.name, 'suppressed');
    await expect(statusOf(ledgerEntries(page, eligibility, hanako.name))).toContainText('理由: 不開示の申出があるため、資格情報を登録しません');
    await expect(ledgerEntries(page, eligibility, hanako.name)).toContainText('（送信内容はまだありません）');
    await expectLedgerStatus(page, replica, hanako.name, 'pending');
    await lock(page);
  });

  // The host's data folder (playwright.config.ts). A folder of this run's own inside it, so a rerun against the same
  // data folder never meets the previous run's files; the simulator works on the same folder as the host.
  const dataDir = process.env.SEIHO_TEST_DATA_DIR!;
  const exchangeDir = join(dataDir, `exchange-${Date.now().toString(36)}`);
  let simulator!: IntermediateServer;

  await test.step('the administrator sets the exchange folder and registers the 中間サーバー’s key in 連携設定', async () => {
    await unlock(page, admin);
    await openLinkageArea(page, '連携設定');
    const form = page.getByRole('form', { name: '連携設定' });
    await expect(form.getByRole('button', { name: '保存する' })).toBeEnabled();
    const officeKey = page.getByRole('region', { name: 'この事務所の公開鍵' });
    const shownKey = (await officeKey.locator('code').first().textContent())?.trim() ?? '';
    const before = await callApi<{ officeId: string; publicKey: string; exchangeDir: string }>(request, 'linkageInfo');
    expect(shownKey).toBe(before.publicKey);
    await expect(page.getByText(`現在の連携フォルダ: ${before.exchangeDir}。`)).toBeVisible();
    // A fresh office: no peer key yet, and the folder is the default, exchange/ in the data folder.
    if ((await form.getByLabel('相手方の公開鍵').inputValue()) === '') await expect(officeKey).toContainText('未設定（結果ファイルを取り込めません）');
    if ((await form.getByLabel('連携フォルダ').inputValue()) === '') expect(before.exchangeDir).toBe(join(dataDir, 'exchange'));

    simulator = await createIntermediateServer({
      exchangeDir,
      stateFile: `${exchangeDir}.simulator.json`,
      office: { id: before.officeId, code: '112101', publicKey: new Uint8Array(Buffer.from(shownKey, 'base64')) },
    });

    await form.getByLabel('団体コード').fill('112101');
    await form.getByLabel('公費負担者番号').fill('12110010');
    await form.getByLabel('連携フォルダ').fill(exchangeDir);
    await form.getByLabel('相手方の公開鍵').fill(simulator.publicKey);
    await form.getByRole('button', { name: '保存する' }).click();
    await expect(linkagePanel(page, '連携設定').getByRole('status').first()).toHaveText('連携設定を保存しました。');
    // The peer key's fingerprint, to read back with the 統合宛名 side.
    await expect(officeKey).toContainText(exchangeKeyFingerprint(Buffer.from(simulator.publicKey, 'base64')));
    await expect(page.getByText(`現在の連携フォルダ: ${exchangeDir}。`)).toBeVisible();
    const after = await callApi<{ officeCode: string; exchangeDir: string; peerConfigured: boolean }>(request, 'linkageInfo');
    expect(after).toMatchObject({ officeCode: '112101', exchangeDir, peerConfigured: true });
  });

  await test.step('a change saved elsewhere (another window, through the host) shows in the open form: settingsChanged over the event stream', async () => {
    const payer = page.getByRole('form', { name: '連携設定' }).getByLabel('公費負担者番号');
    // Retried: the page's event stream may still be connecting when the first change is saved.
    await expect(async () => {
      await callApi(request, 'settingsUpdate', { linkage: { payerNumber: '12110028' } });
      await expect(payer).toHaveValue('12110028', { timeout: 1_000 });
    }).toPass();
    await callApi(request, 'settingsUpdate', { linkage: { payerNumber: '12110010' } });
    await expect(payer).toHaveValue('12110010');
  });

  let firstExchange = '';

  await test.step('export: five records in one signed file; the 中間サーバー answers; the import reports 反映 4・差戻し 1', async () => {
    await openLinkageArea(page, '書き出し（送信）');
    const pending = page.getByRole('table', { name: '送信待ちの件数' });
    await expect(countOf(pending, linkageKindLabels[replica])).toHaveText('3件');
    await expect(countOf(pending, linkageKindLabels[eligibility])).toHaveText('2件');
    await expect(countOf(pending, '合計')).toHaveText('5件');
    expect(await exportLinkageFile(page)).toBe('連携ファイルを書き出しました（5件）。');
    await expect(countOf(page.getByRole('table', { name: '書き出した件数' }), '合計')).toHaveText('5件');
    await expect(countOf(pending, '合計')).toHaveText('0件');

    const processed = await simulator.processOutgoing();
    expect(processed.exchanges).toHaveLength(1);
    firstExchange = processed.exchanges[0]!;
    expect(simulator.received()).toBe(5);
    expect(processed.results.map((r) => [r.kind, r.outcome]).sort()).toEqual([
      ['medicalEligibility', 'accepted'],
      ['medicalEligibility', 'rejected'],
      ['replicaRegistration', 'accepted'],
      ['replicaRegistration', 'accepted'],
      ['replicaRegistration', 'accepted'],
    ]);
    await resultFolderFor(exchangeDir, firstExchange);

    await openLinkageArea(page, '取込み（結果）');
    const panel = linkagePanel(page, '取込み（結果）');
    await panel.getByRole('button', { name: '一覧を更新' }).click();
    const files = panel.getByRole('table', { name: '届いた結果ファイル' });
    await expect(files.getByRole('row')).toHaveCount(2);
    await expect(files).toContainText('5件');
    await files.getByRole('button', { name: '取り込む' }).click();
    await expect(panel.getByRole('status').first()).toHaveText('5件の結果を取り込みました（反映 4件・差戻し 1件・隔離 0件）。');
    const report = panel.getByRole('table', { name: '取込み結果' });
    await expect(report.getByRole('row')).toHaveCount(6);
    await expect(report.getByRole('row').filter({ hasText: '差戻し: ' })).toHaveCount(1);
    await expect(report.getByRole('row').filter({ hasText: '差戻し: ' })).toContainText('本人確認情報（カナ氏名・生年月日）が住民基本台帳と一致しません');
    // The administrator can tell the caseworker which case it is.
    await expect(report.getByRole('row').filter({ hasText: '差戻し: ' })).toContainText(caseNumber);
    // Archived to processed/: nothing left to import.
    await expect(panel.getByText(/^届いている結果ファイルはありません。/)).toBeVisible();
    await expect(panel.getByRole('alert')).toHaveCount(0);
  });

  await test.step('exporting again finds nothing, and the 中間サーバー receives nothing new', async () => {
    expect(await exportLinkageFile(page)).toBe('書き出す連携データはありません。');
    expect(await simulator.processOutgoing()).toEqual({ exchanges: [], results: [] });
    expect(simulator.received()).toBe(5);
    await lock(page);
  });

  await test.step('at the 中間サーバー: one 副本 and the 資格情報 for 太郎; nothing of 花子’s 資格情報; 健二’s refused', async () => {
    const replicas = simulator.replicaOf(taro.atenaNumber);
    expect(replicas).toHaveLength(1);
    expect(replicas[0]).toMatchObject({ periodStart: appliedOn, revisions: 1, body: { event: 'register', status: 'active', startedOn: appliedOn } });
    expect(replicas[0]!.body.aids.map((a) => a.aid).sort()).toEqual(['housing', 'living', 'medical']);
    expect(simulator.eligibilityOf(taro.atenaNumber)).toEqual({ registered: true, validFrom: appliedOn, validTo: null });
    expect(simulator.eligibilityOf(hanako.atenaNumber)).toBeNull();
    expect(simulator.replicaOf(hanako.atenaNumber)).toHaveLength(1);
    expect(simulator.eligibilityOf(kenji.atenaNumber)).toBeNull();
  });

  await test.step('the caseworker sees 登録済み, and 要訂正 with the reason for 健二’s 資格情報 — on the case and on the home screen', async () => {
    await unlock(page, caseworker);
    await openCase(page, caseId, '連携');
    await expect(linkageLedger(page).getByRole('article')).toHaveCount(6);
    await expectLedgerStatus(page, replica, taro.name, 'accepted');
    await expectLedgerStatus(page, eligibility, taro.name, 'accepted');
    await expectLedgerStatus(page, replica, hanako.name, 'accepted');
    await expectLedgerStatus(page, eligibility, hanako.name, 'suppressed');
    await expectLedgerStatus(page, replica, kenji.name, 'accepted');
    await expectLedgerStatus(page, eligibility, kenji.name, 'rejected');
    await expect(statusOf(ledgerEntries(page, eligibility, kenji.name))).toContainText(
      '理由: 本人確認情報（カナ氏名・生年月日）が住民基本台帳と一致しません。確認のうえ訂正してください（中間サーバーのエラーコード IDENTITY_MISMATCH）',
    );
    await expect(ledgerEntries(page, eligibility, kenji.name).getByRole('button', { name: /再送/ })).toBeVisible();

    await goToHash(page, '#/');
    const corrections = page.getByRole('region', { name: '要訂正の連携' });
    const items = corrections.getByRole('list', { name: '要訂正の連携' }).getByRole('listitem');
    await expect(items).toHaveCount(1);
    await expect(items).toContainText(`ケース ${caseNumber}`);
    await expect(items).toContainText(`${linkageKindLabels[eligibility]}：要訂正（差戻し）`);
    await expect(items).toContainText('本人確認情報（カナ氏名・生年月日）が住民基本台帳と一致しません');
    await items.getByRole('link', { name: `ケース ${caseNumber}` }).click();
    await expect(page.getByRole('heading', { name: new RegExp(`^ケース ${caseNumber}`) })).toBeVisible();
  });

  await test.step('the caseworker asks for 太郎’s 地方税関係情報 from the 連携 tab', async () => {
    await openCase(page, caseId, '連携');
    const form = page.getByRole('form', { name: '情報照会を依頼' });
    await form.getByLabel('対象者').selectOption({ label: taro.name });
    await form.getByLabel('情報項目').selectOption({ label: '地方税関係情報（課税・所得）' });
    await expect(form.getByLabel('照会先')).toHaveValue('市町村長');
    await form.getByLabel('照会の理由').fill('収入認定のため課税状況を確認する');
    await form.getByRole('button', { name: '照会を依頼' }).click();
    await expect(page.getByRole('tabpanel', { name: '連携' }).getByRole('status').first()).toHaveText(
      '地方税関係情報（課税・所得）の照会を依頼しました。次の連携ファイルで送信されます。',
    );
    await expectLedgerStatus(page, inquiry, taro.name, 'pending');
    await expect(ledgerEntries(page, inquiry, taro.name)).toContainText(
      '地方税関係情報（課税・所得）を市町村長に照会（理由: 収入認定のため課税状況を確認する）',
    );
  });

  await test.step('the caseworker corrects 健二’s kana: his 資格情報 waits to be sent again and leaves the 要訂正 list', async () => {
    await page.getByRole('tab', { name: '世帯員', exact: true }).click();
    const members = page.getByRole('table', { name: '世帯員' });
    await members.getByRole('button', { name: `${kenji.name}を編集` }).click();
    const editor = page.getByRole('form', { name: `${kenji.name}の内容を変更` });
    await editor.getByLabel('フリガナ', { exact: true }).fill('ミナミ ケンジ');
    await editor.getByRole('button', { name: '保存する' }).click();
    await expect(editor).toHaveCount(0);
    await expect(members.getByRole('row', { name: new RegExp(kenji.name) })).toContainText('ミナミ ケンジ');

    await page.getByRole('tab', { name: '連携', exact: true }).click();
    await expectLedgerStatus(page, eligibility, kenji.name, 'pending');
    await expect(ledgerEntries(page, eligibility, kenji.name).getByRole('button', { name: '再送' })).toHaveCount(0);
    // The other rows are as they were: correcting one member re-sends nothing else.
    await expectLedgerStatus(page, replica, kenji.name, 'accepted');
    await expectLedgerStatus(page, eligibility, taro.name, 'accepted');
    await expectLedgerStatus(page, eligibility, hanako.name, 'suppressed');

    await goToHash(page, '#/');
    await expect(page.getByRole('region', { name: '要訂正の連携' })).toContainText('訂正が必要な連携はありません。');
    await lock(page);
  });

  let resultFolder = '';

  await test.step('a result file changed after signing is refused and changes nothing', async () => {
    await unlock(page, admin);
    await openLinkageArea(page, '書き出し（送信）');
    const pending = page.getByRole('table', { name: '送信待ちの件数' });
    await expect(countOf(pending, linkageKindLabels[inquiry])).toHaveText('1件');
    await expect(countOf(pending, linkageKindLabels[eligibility])).toHaveText('1件');
    await expect(countOf(pending, '合計')).toHaveText('2件');
    expect(await exportLinkageFile(page)).toBe('連携ファイルを書き出しました（2件）。');
    const processed = await simulator.processOutgoing();
    expect(processed.exchanges).toHaveLength(1);
    expect(processed.results.map((r) => [r.kind, r.outcome]).sort()).toEqual([
      ['inquiry', 'answered'],
      ['medicalEligibility', 'accepted'],
    ]);
    expect(simulator.received()).toBe(7);
    resultFolder = await resultFolderFor(exchangeDir, processed.exchanges[0]!);
    flipRecordsByte(exchangeDir, resultFolder);

    await openLinkageArea(page, '取込み（結果）');
    const panel = linkagePanel(page, '取込み（結果）');
    const files = panel.getByRole('table', { name: '届いた結果ファイル' });
    await files.getByRole('button', { name: '取り込む' }).click();
    await expect(panel.getByRole('alert')).toHaveText(/^取り込めませんでした: records\.jsonl\.sealed が改ざんまたは破損しています/);
    await expect(panel.getByRole('table', { name: '取込み結果' })).toHaveCount(0);
    await expect(panel.getByRole('status').first()).toBeEmpty();
    // Left where it was, to be looked at (not moved to processed/).
    await expect(files.getByRole('button', { name: '取り込む' })).toHaveCount(1);
    await lock(page);

    await unlock(page, caseworker);
    await openCase(page, caseId, '連携');
    await expectLedgerStatus(page, inquiry, taro.name, 'sent');
    await expectLedgerStatus(page, eligibility, kenji.name, 'sent');
    await expect(ledgerEntries(page, inquiry, taro.name).getByRole('region', { name: '照会の回答' })).toHaveCount(0);
    await lock(page);
  });

  await test.step('the intact file is imported: the answer’s items are on the case', async () => {
    flipRecordsByte(exchangeDir, resultFolder);
    await unlock(page, admin);
    await openLinkageArea(page, '取込み（結果）');
    const panel = linkagePanel(page, '取込み（結果）');
    await panel.getByRole('table', { name: '届いた結果ファイル' }).getByRole('button', { name: '取り込む' }).click();
    await expect(panel.getByRole('status').first()).toHaveText('2件の結果を取り込みました（反映 2件・差戻し 0件・隔離 0件）。');
    await expect(panel.getByRole('table', { name: '取込み結果' }).getByRole('row', { name: /情報照会/ })).toContainText('回答');
    await lock(page);
    expect(simulator.eligibilityOf(kenji.atenaNumber)).toEqual({ registered: true, validFrom: appliedOn, validTo: null });

    await unlock(page, caseworker);
    await openCase(page, caseId, '連携');
    await expectLedgerStatus(page, inquiry, taro.name, 'answered');
    await expectLedgerStatus(page, eligibility, kenji.name, 'accepted');
    const answer = ledgerEntries(page, inquiry, taro.name).getByRole('region', { name: '照会の回答' });
    await expect(answer).toContainText('回答: 市町村長');
    for (const [label, value] of [
      ['課税年度', '令和7年度'],
      ['総所得金額', '1,284,000円'],
      ['課税所得', '354,000円'],
      ['住民税額', '35,400円'],
    ]) {
      await expect(answer.getByRole('term').filter({ hasText: label })).toBeVisible();
      await expect(answer.getByRole('definition').filter({ hasText: value })).toBeVisible();
    }
    await lock(page);
  });

  await test.step('the auditor finds the 照会 and its 回答 in the 提供・照会記録 (番号法第23条)', async () => {
    await unlock(page, auditor);
    await goToHash(page, '#/audit');
    await page.getByRole('tab', { name: '提供・照会記録（番号法第23条）', exact: true }).click();
    const records = page.getByRole('table', { name: '提供・照会記録' });
    const inquiries = records.getByRole('row').filter({ hasText: linkageKindLabels[inquiry] });
    await expect(inquiries).toHaveCount(2);
    await expect(inquiries.filter({ has: page.getByRole('cell', { name: '照会', exact: true }) })).toHaveCount(1);
    await expect(inquiries.filter({ has: page.getByRole('cell', { name: '回答受領', exact: true }) })).toHaveCount(1);
    for (const row of await inquiries.all()) await expect(row).toContainText('地方税関係情報（課税・所得）');
    await expect(inquiries.filter({ has: page.getByRole('cell', { name: '照会', exact: true }) })).toContainText(caseworker.displayName);
    // The registrations are there too: 副本 ×3 and 資格情報 ×2 in the first file, 健二’s corrected 資格情報 in the second.
    await expect(records.getByRole('row').filter({ has: page.getByRole('cell', { name: '登録', exact: true }) })).toHaveCount(6);
    await expect(records.locator('caption')).toHaveText('8 件');
  });
});
