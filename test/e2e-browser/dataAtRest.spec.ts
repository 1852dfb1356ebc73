import { chromium, type Page } from '@playwright/test';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import config, { testPort } from '../playwright.config';
import { caseworker, colleague, createHousehold, fillNewCase, goToHash, introduce, lock, openCaseId, validMyNumber } from './casesFixtures';
import { admin, ensureStaff, expect, test, unlock } from './fixtures';
import { filesUnder, foundIn } from './profileScan';

/** Issue 3's acceptance in the browser: nothing personal on disk in clear, atomic outbox writes, and scope. */

test.beforeEach(async ({ office, request }) => {
  expect(office).toBeDefined();
  await ensureStaff(request, caseworker);
  await ensureStaff(request, colleague);
});

test("a household entered through the screens is nowhere in the profile's IndexedDB files, while a plain database is", async () => {
  const userDataDir = mkdtempSync(join(tmpdir(), 'seiho-profile-'));
  const context = await chromium.launchPersistentContext(userDataDir, {
    ...config.use?.launchOptions,
    baseURL: `http://127.0.0.1:${testPort}`,
    locale: 'ja-JP',
    timezoneId: 'Asia/Tokyo',
  });
  try {
    const page = context.pages()[0] ?? (await context.newPage());
    const myNumber = validMyNumber('73920584163');
    const secrets = {
      name: '鷲宮 蒼一朗',
      kana: 'ワシミヤ ソウイチロウ',
      address: '加須市騎西九百九十九番地の七',
      phone: '0480-97-3152',
      note: '冷蔵庫の中身は梅干しと味噌のみと確認した',
    };
    await introduce(page, colleague);
    await unlock(page, caseworker);
    await createHousehold(page, {
      caseNumber: 'R-3001',
      address: secrets.address,
      phone: secrets.phone,
      head: { name: secrets.name, kana: 'わしみや そういちろう', birthDate: '1961-11-23', sex: 'male' },
      myNumber,
    });
    await page.getByRole('tab', { name: 'ケース記録' }).click();
    await page.getByLabel('内容', { exact: true }).fill(secrets.note);
    await page.getByRole('button', { name: '記録する' }).click();
    await expect(page.getByRole('list', { name: 'ケース記録' })).toContainText(secrets.note);

    // The control: the same origin and profile, a plain IndexedDB database the scanner must find.
    const control = ['対照用 久喜 花太郎', 'タイショウヨウ クキ ハナタロウ', '行田市忍二丁目十一番地', '864201357924'];
    await page.evaluate(
      (values) =>
        new Promise<void>((resolve, reject) => {
          const open = indexedDB.open('scanner-control', 1);
          open.onupgradeneeded = () => open.result.createObjectStore('people', { keyPath: 'id' });
          open.onerror = () => reject(open.error);
          open.onsuccess = () => {
            const tx = open.result.transaction('people', 'readwrite');
            tx.objectStore('people').put({ id: 1, name: values[0], kana: values[1], address: values[2], number: values[3] });
            tx.oncomplete = () => {
              open.result.close();
              resolve();
            };
            tx.onerror = () => reject(tx.error);
          };
        }),
      control,
    );
    await lock(page);
    await context.close();

    const indexedDbDir = join(userDataDir, 'Default', 'IndexedDB');
    expect(filesUnder(indexedDbDir).length).toBeGreaterThan(0);
    expect(foundIn(indexedDbDir, control)).toEqual(control);
    expect(foundIn(indexedDbDir, [...Object.values(secrets), myNumber])).toEqual([]);
  } finally {
    await context.close().catch(() => {});
    rmSync(userDataDir, { recursive: true, force: true });
  }
});

type Consistency = { rows: number; households: number; entries: number; rowsWithoutEntry: string[]; entriesWithoutRow: string[] };

/**
 * Reads the sealed store raw (no key needed: ids, HLCs and idempotency keys are clear) and pairs every row of the
 * synced tables this screen writes with its hub outbox entry `hub:<table>:<id>:<hlc>`, and every entry with its row.
 */
function checkOutbox(page: Page): Promise<Consistency> {
  return page.evaluate(
    (tables) =>
      new Promise<Consistency>((resolve, reject) => {
        const open = indexedDB.open('seiho-desk');
        open.onerror = () => reject(open.error);
        open.onsuccess = () => {
          const db = open.result;
          const tx = db.transaction([...tables, 'outbox'], 'readonly');
          const all = (name: string) =>
            new Promise<Record<string, unknown>[]>((ok) => {
              const request = tx.objectStore(name).getAll();
              request.onsuccess = () => ok(request.result);
            });
          void Promise.all([...tables, 'outbox'].map(all)).then((results) => {
            const outbox = results.pop()!;
            // A hub entry's clear id names the row (`hub:<table>:<row id>`) and its clear hlc the version (its key is sealed).
            const keys = new Set(
              outbox.map((entry) => `${String(entry.id)}:${String(entry.hlc)}`).filter((key) => tables.some((t) => key.startsWith(`hub:${t}:`))),
            );
            const rowIds = new Set<string>();
            const rowsWithoutEntry: string[] = [];
            for (const [i, rows] of results.entries()) {
              for (const row of rows) {
                rowIds.add(`${tables[i]}:${String(row.id)}`);
                if (!keys.has(`hub:${tables[i]}:${String(row.id)}:${String(row.hlc)}`)) rowsWithoutEntry.push(`${tables[i]}:${String(row.id)}`);
              }
            }
            const entriesWithoutRow = [...keys].filter((key) => {
              const [, table, id] = key.split(':');
              return !rowIds.has(`${table}:${id}`);
            });
            db.close();
            resolve({ rows: rowIds.size, households: results[0]!.length, entries: keys.size, rowsWithoutEntry, entriesWithoutRow });
          }, reject);
        };
      }),
    ['households', 'members', 'caseRecords', 'users'],
  );
}

test('killing the page while cases are being written leaves every row with its outbox entry and no entry without its row', async ({ page }) => {
  const context = page.context();
  await unlock(page, caseworker);
  await createHousehold(page, {
    caseNumber: 'B-0001',
    address: '加須市北下新井1番',
    head: { name: '前田 一', kana: 'マエダ ハジメ', birthDate: '1970-01-01' },
  });
  let current = page;
  const outcomes: number[] = [];
  // Kill right at the click, mid-transaction and after it: each round either wrote the whole case or nothing.
  for (const [round, delayMs] of [0, 5, 15, 30, 60, 120].entries()) {
    await fillNewCase(current, {
      caseNumber: `B-01${String(round).padStart(2, '0')}`,
      address: `加須市北下新井${round + 2}番`,
      head: { name: `前田 ${round}郎`, kana: 'マエダ タロウ', birthDate: '1980-05-05' },
    });
    await current.getByRole('button', { name: '登録する' }).click();
    await current.waitForTimeout(delayMs);
    // Closing without unload handlers tears the renderer down; an IndexedDB transaction it had not committed is aborted.
    await current.close({ runBeforeUnload: false });

    current = await context.newPage();
    await unlock(current, caseworker);
    const consistency = await checkOutbox(current);
    expect(consistency.rowsWithoutEntry).toEqual([]);
    expect(consistency.entriesWithoutRow).toEqual([]);
    outcomes.push(consistency.households);
  }
  test.info().annotations.push({ type: 'households after each kill', description: outcomes.join(', ') });

  // The screens agree with the raw store.
  const { households } = await checkOutbox(current);
  await goToHash(current, '#/cases');
  await expect(current.getByRole('table', { name: 'ケース一覧' }).getByRole('row')).toHaveCount(households + 1);
});

test("a caseworker cannot open another caseworker's case, and the administrator sees no 個人番号", async ({ page }) => {
  const myNumber = validMyNumber('48150627394');
  await introduce(page, caseworker);
  await unlock(page, colleague);
  await createHousehold(page, {
    caseNumber: 'S-0501',
    address: '加須市花崎3番',
    head: { name: '他担 当子', kana: 'タタン トウコ', birthDate: '1975-07-07' },
    myNumber,
  });
  const id = openCaseId(page);
  await lock(page);

  await unlock(page, caseworker);
  await goToHash(page, '#/cases');
  await expect(page.getByText('0件')).toBeVisible();
  await goToHash(page, `#/cases/${id}`);
  await expect(page.getByRole('heading', { name: 'ケースを開けません' })).toBeVisible();
  await expect(page.getByRole('alert')).toHaveText('この世帯は担当範囲外のため閲覧できません');
  await expect(page.getByText('他担 当子')).toHaveCount(0);
  await lock(page);

  await unlock(page, admin);
  await goToHash(page, `#/cases/${id}`);
  await page.getByRole('tab', { name: '世帯員' }).click();
  const members = page.getByRole('table', { name: '世帯員' });
  await expect(members).toContainText('他担 当子');
  await expect(members.getByRole('columnheader', { name: '個人番号' })).toHaveCount(0);
  await expect(members).not.toContainText('****');
  await expect(members).not.toContainText(myNumber.slice(8));
  await expect(members.getByRole('button', { name: /個人番号を表示/ })).toHaveCount(0);
  await page.getByRole('tab', { name: 'ケース記録' }).click();
  await expect(page.getByRole('alert')).toHaveText('システム管理者はケース記録を閲覧できません');
});
