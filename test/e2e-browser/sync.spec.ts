import { chromium, request as apiRequest, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config, { testToken } from '../playwright.config';
import { expectAccessible } from './axe';
import { caseworker, colleague, createHousehold, goToHash, openCaseId, validMyNumber } from './casesFixtures';
import { approve, consultAndApply, fillStartDecision, intakeOfficer, manager, openCase, recordHomeVisit, supervisor, today } from './caseworkSteps';
import { startExtraHost, type ExtraHost } from './extraHosts';
import { admin, callApi, ensureStaff, expect, officeName, test, unlock } from './fixtures';
import { filesUnder, foundIn } from './profileScan';
import { deviceReport, enrolDevice, lockHere, runSync, setUpFromEnrolment, setUpHub, unlockAt, type Enrolled } from './syncSteps';

/**
 * Sync (issue 12) end to end with three devices in one run, each a browser host with its own data folder and origin
 * (so its own key store and IndexedDB), sharing one sync folder: the hub, an office desktop and a
 * field laptop. The hub enrols both; each is set up from its file; a visit and a note recorded on the laptop reach
 * the hub's case screen; the same member field changed on the hub and the laptop is a conflict the SV resolves on the
 * hub; after the next round hub and laptop agree (一致). The hub's 個人番号 never reaches the laptop's disk.
 */

test.use({ actionTimeout: 15_000 });

// One origin per device, beside this run's host (SEIHO_TEST_PORT). The hub is a host of its own too: the run's host
// is already an office set up by the specs before this one, and the hub must be set up as a ハブ端末 here.
const basePort = Number(process.env.SEIHO_TEST_PORT ?? 4517);
const desktopPort = basePort + 10;
const laptopPort = basePort + 20;
const hubPort = basePort + 30;

const myNumber = validMyNumber('52781436094');
const caseNumber = 'S-0101';
const head = { name: '騎西 正男', kana: 'キサイ マサオ', birthDate: '1958-02-11', sex: 'male' as const };

/** The head's フリガナ on the case's 世帯員 tab. */
async function changeHeadKana(page: Page, kana: string) {
  await page.getByRole('tab', { name: '世帯員', exact: true }).click();
  const members = page.getByRole('table', { name: '世帯員' });
  await members.getByRole('button', { name: `${head.name}を編集` }).click();
  const form = page.getByRole('form', { name: `${head.name}の内容を変更` });
  await form.getByLabel('フリガナ', { exact: true }).fill(kana);
  await form.getByRole('button', { name: '保存する' }).click();
  await expect(members.getByRole('row', { name: new RegExp(kana) })).toBeVisible();
}

test('three devices: enrol, set up from the file, sync both ways; a laptop visit reaches the hub; a conflict resolved by the SV; 一致; a laptop draft approved on the hub comes back 決裁済み; no 個人番号 on the laptop', async ({
  browser,
}) => {
  test.setTimeout(360_000);
  const syncFolder = mkdtempSync(join(tmpdir(), 'seiho-sync-folder-'));
  const laptopProfile = mkdtempSync(join(tmpdir(), 'seiho-laptop-profile-'));
  const hosts: ExtraHost[] = [];
  let laptopContext: BrowserContext | null = null;
  let hubContext: BrowserContext | null = null;
  try {
    const [hub, desktop, laptop] = await Promise.all([
      startExtraHost(hubPort, 'hub', testToken),
      startExtraHost(desktopPort, 'desktop'),
      startExtraHost(laptopPort, 'laptop'),
    ]);
    hosts.push(hub, desktop, laptop);
    // The hub's page and API calls: the fixtures' helpers (unlock, callApi, ensureStaff) address it by baseURL.
    hubContext = await browser.newContext({ baseURL: hub.url, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await hubContext.newPage();
    const request = await apiRequest.newContext({ baseURL: hub.url });
    laptopContext = await chromium.launchPersistentContext(laptopProfile, { ...config.use?.launchOptions, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const onLaptop = laptopContext.pages()[0] ?? (await laptopContext.newPage());
    const onDesktop = await page.context().newPage();
    let laptopFile!: Enrolled;
    let desktopFile!: Enrolled;
    let caseId = '';

    await test.step('the hub: a new office on a ハブ端末, its staff, the sync folder, and a case with a 個人番号', async () => {
      await setUpHub(page, { name: officeName }, admin);
      for (const staff of [caseworker, colleague, supervisor, manager, intakeOfficer]) await ensureStaff(request, staff);
      await callApi(request, 'vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
      await callApi(request, 'settingsUpdate', { syncFolder });
      await callApi(request, 'vaultLock', { reason: 'manual' });

      // The colleague unlocks once, so the hub knows the second person who confirms the 個人番号.
      await unlock(page, colleague);
      await lockHere(page);
      await unlock(page, caseworker);
      await createHousehold(page, { caseNumber, address: '加須市騎西一丁目2番3号', head, myNumber });
      caseId = openCaseId(page);
      await page.getByRole('tab', { name: '訪問', exact: true }).click();
      await page.getByLabel('訪問格付け', { exact: true }).selectOption('B');
      await page.getByRole('button', { name: '訪問計画を保存' }).click();
      await expect(page.getByRole('definition').filter({ hasText: '（訪問記録なし）' })).toBeVisible();
      await lockHere(page);
      // The 面接相談員 takes the consultation and the application: the laptop carries it, to draft the decision on.
      await unlock(page, intakeOfficer);
      await openCase(page, caseId, '相談・申請');
      await consultAndApply(page, today());
      await expect(page.getByRole('list', { name: '保護申請' })).toBeVisible();
      await lockHere(page);
    });

    await test.step('管理 › 端末: the administrator enrols a field laptop and an office desktop; each code is shown once', async () => {
      await unlock(page, admin);
      await goToHash(page, '#/admin');
      await expect(page.getByRole('heading', { level: 3, name: '端末' })).toBeVisible();
      await expectAccessible(page, '管理 › 端末');
      // Written into the sync folder, which the device then takes as its own (set-up's default: the file's folder).
      laptopFile = await enrolDevice(page, { name: '訪問用PC 1', profile: 'field', users: [caseworker], caseloads: [caseworker], folder: syncFolder });
      desktopFile = await enrolDevice(page, { name: '事務所PC 1', profile: 'office', users: [colleague], caseloads: [colleague], folder: syncFolder });
      const devices = page.getByRole('table', { name: '端末' });
      await expect(devices.getByRole('row', { name: /訪問用PC 1/ })).toContainText('未同期');
      await expect(devices.getByRole('row', { name: /事務所PC 1/ })).toContainText('鈴木 二郎');
      // The code is not kept anywhere on screen once dismissed.
      await expect(page.getByText(laptopFile.code)).toHaveCount(0);

      // The first round starts at the hub: each device's first checkout (its caseloads, whole).
      const report = await runSync(page, 'hub');
      await expect(deviceReport(report, '訪問用PC 1')).toContainText('返送: ');
      await expect(deviceReport(report, '訪問用PC 1')).toContainText('.seihosync');
      await expectAccessible(page, '同期 › 取込みと返送');
      await lockHere(page);
    });

    await test.step('each device is set up from its enrolment file, with the code and its user’s own passphrase', async () => {
      await onLaptop.goto(`${laptop.url}/`);
      await onLaptop.getByRole('button', { name: '登録ファイルから設定する' }).click();
      await expectAccessible(onLaptop, '登録ファイルから初期設定');
      await setUpFromEnrolment(onLaptop, laptop.url, laptopFile, [caseworker]);
      await setUpFromEnrolment(onDesktop, desktop.url, desktopFile, [colleague]);
    });

    await test.step('first sync on each device: the laptop gets its caseworker’s case without the 個人番号', async () => {
      await unlockAt(onLaptop, laptop.url, caseworker);
      const received = await runSync(onLaptop, 'device');
      await expect(received.getByRole('table', { name: 'ハブから受け取った同期バンドル' })).toContainText('反映');
      await expectAccessible(onLaptop, '同期（訪問用端末）');
      await goToHash(onLaptop, `#/cases/${caseId}`);
      await expect(onLaptop.getByRole('heading', { name: new RegExp(`^ケース ${caseNumber}`) })).toBeVisible();
      await expect(onLaptop.getByRole('note', { name: '同期の状態' })).toContainText('未送信');

      await unlockAt(onDesktop, desktop.url, colleague);
      await expect(runSync(onDesktop, 'device')).resolves.toBeTruthy();
    });

    const note = '台所の換気扇が故障しており、家主へ連絡するよう助言した';
    await test.step('offline on the laptop: a home visit, a note, and the head’s フリガナ changed; the laptop sends them', async () => {
      await openCase(onLaptop, caseId, '訪問');
      await recordHomeVisit(onLaptop);
      await onLaptop.getByRole('tab', { name: 'ケース記録', exact: true }).click();
      await onLaptop.getByLabel('内容', { exact: true }).fill(note);
      await onLaptop.getByRole('button', { name: '記録する' }).click();
      await expect(onLaptop.getByRole('list', { name: 'ケース記録' })).toContainText(note);
      await changeHeadKana(onLaptop, 'キサイ マサヲ');
      await runSync(onLaptop, 'device');
    });

    await test.step('meanwhile on the hub the same field is changed to another value', async () => {
      await unlock(page, caseworker);
      await openCase(page, caseId, '世帯');
      await changeHeadKana(page, 'キサイ マサオウ');
      await lockHere(page);
    });

    await test.step('the hub imports: the laptop’s bundle is applied with one conflict; the visit and the note are on the hub’s case screen', async () => {
      await unlock(page, admin);
      const report = await runSync(page, 'hub');
      const fromLaptop = deviceReport(report, '訪問用PC 1').getByRole('table', { name: '訪問用PC 1から届いた同期バンドル' });
      // Its first bundle (sent after the checkout) and the one with the offline work; the second carries the conflict.
      await expect(fromLaptop.getByRole('row').filter({ hasText: '反映' })).toHaveCount(2);
      await expect(
        fromLaptop
          .getByRole('row', { name: /^2 反映/ })
          .getByRole('cell')
          .nth(3),
      ).toHaveText('1件');
      await lockHere(page);

      await unlock(page, caseworker);
      await openCase(page, caseId, 'ケース記録');
      const records = page.getByRole('list', { name: 'ケース記録' });
      await expect(records).toContainText(note);
      await expect(records).toContainText('【家庭訪問】');
      await lockHere(page);
    });

    await test.step('同期の競合: the SV sees both values with who, when and which device, and keeps the laptop’s', async () => {
      await unlock(page, supervisor);
      await page.getByRole('navigation', { name: 'メインメニュー' }).getByRole('link', { name: '同期の競合' }).click();
      const conflict = page.getByRole('form', { name: new RegExp(`ケース ${caseNumber}`) });
      await expect(conflict).toContainText('キサイ マサヲ');
      await expect(conflict).toContainText('キサイ マサオウ');
      await expect(conflict).toContainText('訪問用PC 1');
      await expect(conflict).toContainText(caseworker.displayName);
      await expectAccessible(page, '同期の競合');
      await conflict.getByRole('radio', { name: /キサイ マサヲ/ }).check();
      await conflict.getByRole('button', { name: 'この値に決める' }).click();
      await expect(page.getByRole('status').filter({ hasText: 'キサイ マサヲ' })).toBeVisible();
      await expect(page.getByText('判断を待つ競合はありません。')).toBeVisible();
      await lockHere(page);
    });

    await test.step('another round: the hub returns the decision, the laptop applies it and reports back; hub and laptop agree (一致)', async () => {
      await unlock(page, admin);
      await runSync(page, 'hub');
      const received = await runSync(onLaptop, 'device');
      await expect(received).toContainText('内容の照合: 一致');
      await openCase(onLaptop, caseId, '世帯');
      await onLaptop.getByRole('tab', { name: '世帯員', exact: true }).click();
      await expect(onLaptop.getByRole('table', { name: '世帯員' })).toContainText('キサイ マサヲ');
      const report = await runSync(page, 'hub');
      await expect(deviceReport(report, '訪問用PC 1')).toContainText('内容の照合: 一致');
      await goToHash(page, '#/admin');
      await expect(page.getByRole('table', { name: '端末' }).getByRole('row', { name: /訪問用PC 1/ })).toContainText('一致');
      // Nothing was held this run: the quarantine list says so.
      await goToHash(page, '#/sync');
      await page.getByRole('tab', { name: '同期の保留', exact: true }).click();
      await expect(page.getByText('保留された同期バンドルはありません。')).toBeVisible();
      await expectAccessible(page, '同期 › 同期の保留');
      await lockHere(page);
    });

    await test.step('a decision drafted and submitted on the laptop is approved on the hub and comes back to the laptop as 決裁済み, read-only', async () => {
      await openCase(onLaptop, caseId, '保護の経過');
      await fillStartDecision(onLaptop, today(), '訪問で生活状況を確認した');
      await onLaptop.getByRole('button', { name: '起案する' }).click();
      await expect(onLaptop.getByRole('heading', { name: '開始決定（起案中）' })).toBeVisible();
      await onLaptop.getByRole('button', { name: '査察指導員へ提出する' }).click();
      await expect(onLaptop.getByRole('heading', { name: '開始決定（査察指導員審査中）' })).toBeVisible();
      const decisionHash = new URL(onLaptop.url()).hash;
      await runSync(onLaptop, 'device');

      await unlock(page, admin);
      const report = await runSync(page, 'hub');
      // Taken, not held: a submitted draft is a request the hub accepts from a device.
      const fromLaptop = deviceReport(report, '訪問用PC 1').getByRole('table', { name: '訪問用PC 1から届いた同期バンドル' });
      await expect(fromLaptop.getByRole('row').filter({ hasText: '反映' })).toHaveCount(1);
      await expect(fromLaptop).not.toContainText('保留');
      await lockHere(page);
      await approve(page, supervisor, caseNumber, '訪問記録と申請内容を確認しました');
      await approve(page, manager, caseNumber, '決裁します');
      await unlock(page, admin);
      await runSync(page, 'hub');
      await lockHere(page);

      await runSync(onLaptop, 'device');
      await goToHash(onLaptop, decisionHash);
      await expect(onLaptop.getByRole('heading', { name: '開始決定（決裁済み）' })).toBeVisible();
      await expect(onLaptop.getByRole('list', { name: '決裁の経過' })).toContainText('決裁します');
      // Read-only there: nothing to submit, approve or revise.
      await expect(onLaptop.getByRole('button', { name: /提出する|承認する|差し戻す/ })).toHaveCount(0);
      await expect(onLaptop.getByRole('form', { name: '決定の修正（再起案）' })).toHaveCount(0);
      await openCase(onLaptop, caseId, '保護の経過');
      await expect(onLaptop.getByRole('heading', { name: new RegExp(`^ケース ${caseNumber}（保護中）`) })).toBeVisible();
    });

    await test.step('the laptop’s Chromium profile and data folder hold no trace of the hub’s 個人番号', async () => {
      await onLaptop.getByRole('button', { name: 'ロック', exact: true }).click();
      await laptopContext?.close();
      laptopContext = null;
      // The scan reads real files: the laptop's IndexedDB holds the case it took offline.
      expect(filesUnder(join(laptopProfile, 'Default', 'IndexedDB')).length).toBeGreaterThan(0);
      expect(foundIn(laptopProfile, [myNumber])).toEqual([]);
      expect(foundIn(laptop.dataDir, [myNumber])).toEqual([]);
    });
  } finally {
    await laptopContext?.close().catch(() => {});
    await hubContext?.close().catch(() => {});
    await Promise.all(hosts.map((host) => host.stop()));
    for (const dir of [syncFolder, laptopProfile, ...hosts.map((h) => h.dataDir)]) rmSync(dir, { recursive: true, force: true });
  }
});
