import { request as apiRequest, type APIRequestContext, type BrowserContext, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { linkageKindLabels } from '../../shared/linkage/linkageKinds';
import { createIntermediateServer, type IntermediateServer } from '../linkage/intermediateServer';
import { testToken } from '../playwright.config';
import { colleague, createHousehold, goToHash, openCaseId } from './casesFixtures';
import { auditor, openCase } from './caseworkSteps';
import { startExtraHost, type ExtraHost } from './extraHosts';
import { admin, callApi, ensureStaff, expect, officeName, test, unlock } from './fixtures';
import { countOf, expectLedgerStatus, exportLinkageFile, ledgerEntries, linkagePanel, openLinkageArea, setAtenaNumber } from './linkageSteps';
import { deviceReport, enrolDevice, lockHere, runSync, setUpFromEnrolment, setUpHub, unlockAt, type Enrolled } from './syncSteps';

/**
 * Sync and 情報連携 together (issue 12): an 照会 a caseworker requests on an office desktop travels in the desktop's
 * bundle to the hub, which alone writes the signed exchange file; the 中間サーバー (the simulator, in this Node
 * process, on the hub's exchange folder) answers; the hub imports the answer, and its return brings the answered
 * row back to the desktop's 連携 tab. Once the hub has taken the entry the desktop's queue no longer holds it.
 * Hub and desktop are browser hosts of their own (own origin, IndexedDB and data folder), as in sync.spec.ts.
 */

test.use({ actionTimeout: 15_000 });

const basePort = Number(process.env.SEIHO_TEST_PORT ?? 4517);
const desktopPort = basePort + 10;
const hubPort = basePort + 30;

// 太郎 is in the simulator's registry (test/linkage/fixtures/registry.json), which answers his 地方税関係情報.
const taro = { name: '加増 太郎', kana: 'カゾ タロウ', birthDate: '1965-04-12', sex: 'male', atenaNumber: '1000000001' } as const;
const caseNumber = 'R-1201';
const inquiry = 'inquiry' as const;
const taxItem = '地方税関係情報（課税・所得）';

/** The outbox entries of `stream` the page's own IndexedDB holds (the stream and seq are stored in the clear). */
function outboxEntries(page: Page, stream: 'hub' | 'linkage'): Promise<number> {
  return page.evaluate(
    (name) =>
      new Promise<number>((done, fail) => {
        const opened = indexedDB.open('seiho-desk');
        opened.onerror = () => fail(opened.error);
        opened.onsuccess = () => {
          const db = opened.result;
          const range = IDBKeyRange.bound([name, 0], [name, Number.POSITIVE_INFINITY]);
          const counted = db.transaction('outbox').objectStore('outbox').index('[stream+seq]').count(range);
          counted.onerror = () => fail(counted.error);
          counted.onsuccess = () => {
            db.close();
            done(counted.result);
          };
        };
      }),
    stream,
  );
}

test('an 照会 queued on an office desktop reaches the hub’s export; its answer comes back to the desktop’s 連携 tab; the desktop does not send it again', async ({
  browser,
}) => {
  test.setTimeout(300_000);
  const syncFolder = mkdtempSync(join(tmpdir(), 'seiho-sync-folder-'));
  const hosts: ExtraHost[] = [];
  let hubContext: BrowserContext | null = null;
  let hubApi: APIRequestContext | null = null;
  try {
    const [hub, desktop] = await Promise.all([startExtraHost(hubPort, 'linkage-hub', testToken), startExtraHost(desktopPort, 'linkage-desktop')]);
    hosts.push(hub, desktop);
    const exchangeDir = join(hub.dataDir, 'exchange-sync');
    hubContext = await browser.newContext({ baseURL: hub.url, locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
    const page = await hubContext.newPage();
    const request = await apiRequest.newContext({ baseURL: hub.url });
    hubApi = request;
    const onDesktop = await hubContext.newPage();
    let simulator!: IntermediateServer;
    let desktopFile!: Enrolled;
    let caseId = '';

    await test.step('the hub: a ハブ端末 with its caseworker, the sync folder, and the exchange folder with the 中間サーバー’s key', async () => {
      await setUpHub(page, { name: officeName }, admin);
      for (const staff of [colleague, auditor]) await ensureStaff(request, staff);
      await callApi(request, 'vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
      await callApi(request, 'settingsUpdate', { syncFolder });
      await callApi(request, 'vaultLock', { reason: 'manual' });

      await unlock(page, admin);
      await openLinkageArea(page, '連携設定');
      const form = page.getByRole('form', { name: '連携設定' });
      await expect(form.getByRole('button', { name: '保存する' })).toBeEnabled();
      const office = await callApi<{ officeId: string; publicKey: string }>(request, 'linkageInfo');
      simulator = await createIntermediateServer({
        exchangeDir,
        stateFile: `${exchangeDir}.simulator.json`,
        office: { id: office.officeId, code: '112101', publicKey: new Uint8Array(Buffer.from(office.publicKey, 'base64')) },
      });
      await form.getByLabel('団体コード').fill('112101');
      await form.getByLabel('公費負担者番号').fill('12110010');
      await form.getByLabel('連携フォルダ').fill(exchangeDir);
      await form.getByLabel('相手方の公開鍵').fill(simulator.publicKey);
      await form.getByRole('button', { name: '保存する' }).click();
      await expect(linkagePanel(page, '連携設定').getByRole('status').first()).toHaveText('連携設定を保存しました。');
      await lockHere(page);
    });

    await test.step('the hub: the caseworker records a household whose head has a 宛名番号', async () => {
      await unlock(page, colleague);
      await createHousehold(page, { caseNumber, address: '加須市三俣二丁目1番地', head: taro });
      caseId = openCaseId(page);
      await page.getByRole('tab', { name: '世帯員', exact: true }).click();
      await setAtenaNumber(page, taro.name, taro.atenaNumber);
      await lockHere(page);
    });

    await test.step('the hub enrols an office desktop for the caseworker; the first 取込みと返送 checks the case out to it', async () => {
      await unlock(page, admin);
      await goToHash(page, '#/admin');
      desktopFile = await enrolDevice(page, { name: '事務所PC 2', profile: 'office', users: [colleague], caseloads: [colleague], folder: syncFolder });
      const report = await runSync(page, 'hub');
      await expect(deviceReport(report, '事務所PC 2')).toContainText('.seihosync');
      await lockHere(page);
    });

    await test.step('the desktop is set up from its file and its first sync brings the case', async () => {
      await setUpFromEnrolment(onDesktop, desktop.url, desktopFile, [colleague]);
      await unlockAt(onDesktop, desktop.url, colleague);
      const received = await runSync(onDesktop, 'device');
      await expect(received.getByRole('table', { name: 'ハブから受け取った同期バンドル' })).toContainText('反映');
      await openCase(onDesktop, caseId, '連携');
      await expect(onDesktop.getByRole('heading', { name: new RegExp(`^ケース ${caseNumber}`) })).toBeVisible();
    });

    await test.step('on the desktop the caseworker requests 太郎’s 地方税関係情報; the row waits; the desktop sends it', async () => {
      const form = onDesktop.getByRole('form', { name: '情報照会を依頼' });
      await form.getByLabel('対象者').selectOption({ label: taro.name });
      await form.getByLabel('情報項目').selectOption({ label: taxItem });
      await expect(form.getByLabel('照会先')).toHaveValue('市町村長');
      await form.getByLabel('照会の理由').fill('収入認定のため課税状況を確認する');
      await form.getByRole('button', { name: '照会を依頼' }).click();
      await expect(onDesktop.getByRole('tabpanel', { name: '連携' }).getByRole('status').first()).toHaveText(
        `${taxItem}の照会を依頼しました。次の連携ファイルで送信されます。`,
      );
      await expectLedgerStatus(onDesktop, inquiry, taro.name, 'pending');
      // Queued for the hub: the desktop writes no exchange file of its own.
      expect(await outboxEntries(onDesktop, 'linkage')).toBe(1);
      await runSync(onDesktop, 'device');
      // Sent is not taken: only the hub's acknowledgement lets it go.
      expect(await outboxEntries(onDesktop, 'linkage')).toBe(1);
    });

    await test.step('the hub takes the bundle and writes the 照会 into its exchange file; the 中間サーバー answers; the hub imports the answer', async () => {
      await unlock(page, admin);
      const report = await runSync(page, 'hub');
      const fromDesktop = deviceReport(report, '事務所PC 2').getByRole('table', { name: '事務所PC 2から届いた同期バンドル' });
      await expect(fromDesktop).not.toContainText('保留');
      await expect(fromDesktop.getByRole('row').filter({ hasText: '反映' }).first()).toBeVisible();

      await openLinkageArea(page, '書き出し（送信）');
      const pending = page.getByRole('table', { name: '送信待ちの件数' });
      await expect(countOf(pending, linkageKindLabels[inquiry])).toHaveText('1件');
      await expect(countOf(pending, '合計')).toHaveText('1件');
      expect(await exportLinkageFile(page)).toBe('連携ファイルを書き出しました（1件）。');
      const processed = await simulator.processOutgoing();
      expect(processed.exchanges).toHaveLength(1);
      expect(processed.results.map((r) => [r.kind, r.outcome])).toEqual([['inquiry', 'answered']]);
      expect(simulator.received()).toBe(1);

      await openLinkageArea(page, '取込み（結果）');
      const panel = linkagePanel(page, '取込み（結果）');
      await panel.getByRole('button', { name: '一覧を更新' }).click();
      await panel.getByRole('table', { name: '届いた結果ファイル' }).getByRole('button', { name: '取り込む' }).click();
      await expect(panel.getByRole('status').first()).toHaveText('1件の結果を取り込みました（反映 1件・差戻し 0件・隔離 0件）。');
      await expect(panel.getByRole('table', { name: '取込み結果' }).getByRole('row', { name: /情報照会/ })).toContainText(caseNumber);
      await lockHere(page);

      await unlock(page, colleague);
      await openCase(page, caseId, '連携');
      await expectLedgerStatus(page, inquiry, taro.name, 'answered');
      await lockHere(page);

      // 番号法第23条: the hub's record names the desktop's caseworker as the one who asked.
      await unlock(page, auditor);
      await goToHash(page, '#/audit');
      await page.getByRole('tab', { name: '提供・照会記録（番号法第23条）', exact: true }).click();
      const inquiries = page.getByRole('table', { name: '提供・照会記録' }).getByRole('row').filter({ hasText: linkageKindLabels[inquiry] });
      await expect(inquiries.filter({ has: page.getByRole('cell', { name: '照会', exact: true }) })).toContainText(colleague.displayName);
      await expect(inquiries.filter({ has: page.getByRole('cell', { name: '回答受領', exact: true }) })).toHaveCount(1);
      await lockHere(page);
    });

    await test.step('the hub’s return brings the answer to the desktop’s 連携 tab, and the desktop’s queue lets the 照会 go', async () => {
      await unlock(page, admin);
      await runSync(page, 'hub');
      await runSync(onDesktop, 'device');
      expect(await outboxEntries(onDesktop, 'linkage')).toBe(0);
      await openCase(onDesktop, caseId, '連携');
      await expectLedgerStatus(onDesktop, inquiry, taro.name, 'answered');
      const answer = ledgerEntries(onDesktop, inquiry, taro.name).getByRole('region', { name: '照会の回答' });
      await expect(answer).toContainText('回答: 市町村長');
      await expect(answer.getByRole('definition').filter({ hasText: '令和7年度' })).toBeVisible();
    });

    await test.step('the desktop’s next bundle carries no linkage: after the hub takes it there is nothing to export', async () => {
      await runSync(page, 'hub');
      expect(await exportLinkageFile(page)).toBe('書き出す連携データはありません。');
      expect(await simulator.processOutgoing()).toEqual({ exchanges: [], results: [] });
      expect(simulator.received()).toBe(1);
      await lockHere(page);
    });
  } finally {
    await hubApi?.dispose().catch(() => {});
    await hubContext?.close().catch(() => {});
    await Promise.all(hosts.map((host) => host.stop()));
    for (const dir of [syncFolder, ...hosts.map((host) => host.dataDir)]) rmSync(dir, { recursive: true, force: true });
  }
});
