import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { BrowserContext, Page } from '@playwright/test';
import { admin, callApi, ensureStaff, expect, test, unlock, type Staff } from './fixtures';
import { goToHash, introduce, lock } from './casesFixtures';

/** Keeps the training households; stays active through the rotation. */
const keeper: Staff = {
  loginId: 'cw-rotation-keeper',
  passphrase: '鍵を替えても記録は読める-2026',
  displayName: '継続 一郎',
  role: 'caseworker',
  teamId: 'team-rotation',
};
/** Deactivated with a rotation: the key they could open stops opening new records. */
const leaver: Staff = {
  loginId: 'cw-rotation-leaver',
  passphrase: '異動の季節に机を片付ける-2026',
  displayName: '異動 次郎',
  role: 'caseworker',
  teamId: 'team-rotation',
};
const HOUSEHOLDS = 60;

/** Every row of every object store of the app's IndexedDB, counted by the key id it is sealed with (read raw, beside the app). */
function storedKids(page: Page): Promise<Record<string, number>> {
  return page.evaluate(async () => {
    const request = indexedDB.open('seiho-desk');
    const db = await new Promise<IDBDatabase>((resolve, reject) => {
      request.onsuccess = () => resolve(request.result);
      request.onerror = () => reject(request.error);
    });
    const counts: Record<string, number> = {};
    for (const name of Array.from(db.objectStoreNames)) {
      const read = db.transaction(name).objectStore(name).getAll();
      const rows = await new Promise<{ kid?: string }[]>((resolve, reject) => {
        read.onsuccess = () => resolve(read.result);
        read.onerror = () => reject(read.error);
      });
      for (const row of rows) counts[row.kid ?? '(none)'] = (counts[row.kid ?? '(none)'] ?? 0) + 1;
    }
    db.close();
    return counts;
  });
}

const keystore = () =>
  JSON.parse(readFileSync(join(process.env.SEIHO_TEST_DATA_DIR!, 'keystore.json'), 'utf8')) as { keyId: string; rotation?: { fromKeyId: string } };

/** A new tab in the same profile (same IndexedDB), its CPU slowed so the re-seal's chunks can be watched and interrupted. */
async function reopen(context: BrowserContext, slowdown: number): Promise<Page> {
  const page = await context.newPage();
  const cdp = await context.newCDPSession(page);
  await cdp.send('Emulation.setCPUThrottlingRate', { rate: slowdown });
  await page.goto('/', { timeout: 60_000 });
  return page;
}
const SLOW = { timeout: 60_000 };

const total = (counts: Record<string, number>) => Object.values(counts).reduce((a, b) => a + b, 0);

test('a data key rotation re-seals every row in the background, survives the page being closed twice mid-way, and ends with only the new key', async ({
  page,
  context,
  request,
  office,
}) => {
  test.setTimeout(240_000);
  void office;
  await ensureStaff(request, keeper);
  await ensureStaff(request, leaver);
  await introduce(page, keeper);
  await introduce(page, leaver);

  // Records to re-seal: training households for the keeper, through the 研修用データ panel.
  await unlock(page, admin);
  await goToHash(page, '#/admin');
  const training = page.getByRole('region', { name: '研修用データ' });
  await training.getByLabel('世帯数').fill(String(HOUSEHOLDS));
  await training.getByLabel('担当').selectOption({ label: keeper.displayName });
  await training.getByLabel('シード（同じ数なら同じデータになります）').fill('4525');
  await training.getByLabel(/研修用事務所であり、合成データを書き込む/).check();
  await training.getByRole('button', { name: '研修用データを作成' }).click();
  await expect(training.getByRole('status')).toHaveText(`${HOUSEHOLDS} / ${HOUSEHOLDS} 世帯を作成しました。`, { timeout: 60_000 });
  const oldKid = keystore().keyId;
  const before = await storedKids(page);
  expect(Object.keys(before)).toEqual([oldKid]);
  expect(before[oldKid]).toBeGreaterThan(300);
  await lock(page);

  // Kill 1: the administrator deactivates the leaver and chooses to rotate; the tab is closed after the first chunk.
  await page.close();
  let tab = await reopen(context, 20);
  await unlock(tab, admin, SLOW);
  await goToHash(tab, '#/admin');
  await tab.getByRole('button', { name: `${leaver.loginId} を無効化` }).click(SLOW);
  const confirm = tab.getByRole('alertdialog');
  await confirm.getByLabel(/データ鍵も更新する/).check();
  await confirm.getByRole('button', { name: '無効化する' }).click();
  const rotation = tab.getByRole('region', { name: 'データ鍵の更新' });
  const progress = rotation.getByRole('progressbar', { name: '再暗号化の進み具合' });
  await expect.poll(async () => Number(await progress.getAttribute('value')), { timeout: 60_000, intervals: [20] }).toBeGreaterThanOrEqual(100);
  await tab.close();

  const newKid = keystore().keyId;
  expect(newKid).not.toBe(oldKid);
  expect(keystore().rotation?.fromKeyId).toBe(oldKid);
  tab = await reopen(context, 20);
  const afterFirst = await storedKids(tab);
  expect(afterFirst[newKid]).toBeGreaterThanOrEqual(100);
  expect(afterFirst[oldKid]).toBeGreaterThan(0);

  // Kill 2: the keeper unlocks — every household opens, whichever key sealed it — and the re-seal resumes in their
  // session; the tab is closed once more than half the rows carry the new key.
  await unlock(tab, keeper, SLOW);
  await goToHash(tab, '#/cases');
  await expect(tab.getByText(`${HOUSEHOLDS}件`, { exact: true })).toBeVisible(SLOW);
  await expect(tab.getByText('この記録は改ざんまたは破損しています')).toHaveCount(0);
  await expect
    .poll(
      async () => {
        const counts = await storedKids(tab);
        return (counts[newKid] ?? 0) > (counts[oldKid] ?? 0);
      },
      { timeout: 60_000, intervals: [20] },
    )
    .toBe(true);
  await tab.close();
  tab = await reopen(context, 1);
  const afterSecond = await storedKids(tab);
  expect(afterSecond[oldKid]).toBeGreaterThan(0);
  expect(afterSecond[newKid]).toBeGreaterThan(afterFirst[newKid]!);

  // The administrator unlocks: the re-seal resumes and finishes, main drops the previous key.
  await unlock(tab, admin);
  await goToHash(tab, '#/admin');
  await expect(tab.getByRole('region', { name: 'データ鍵の更新' }).getByRole('status')).toContainText('データ鍵の更新が完了しました', { timeout: 60_000 });
  await expect(tab.getByRole('region', { name: 'データ鍵の更新' }).getByRole('status')).not.toContainText('開けない記録');
  const after = await storedKids(tab);
  expect(Object.keys(after)).toEqual([newKid]);
  expect(total(after)).toBeGreaterThanOrEqual(total(before));
  expect(keystore().rotation).toBeUndefined();
  await lock(tab);

  // Main no longer hands out the previous key; the leaver cannot unlock; the keeper reads every household.
  const unlocked = await callApi<{ keyId: string; previousKey?: unknown }>(request, 'vaultUnlock', { loginId: keeper.loginId, passphrase: keeper.passphrase });
  expect(unlocked.keyId).toBe(newKid);
  expect(unlocked.previousKey ?? null).toBeNull();
  await callApi(request, 'vaultLock', { reason: 'manual' });
  await expect(callApi(request, 'vaultUnlock', { loginId: leaver.loginId, passphrase: leaver.passphrase })).rejects.toThrow(/DEACTIVATED/);
  await unlock(tab, keeper);
  await goToHash(tab, '#/cases');
  await expect(tab.getByText(`${HOUSEHOLDS}件`, { exact: true })).toBeVisible();
});
