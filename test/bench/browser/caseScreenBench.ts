import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import type { DeviceProfile, Role } from '../../../shared/auth/roles.js';
import { startBrowserHost, type BrowserHost } from '../../../main/browserHost/server.js';
import { createHandlers } from '../../../main/services/handlers.js';
import { argon2idPresets } from '../../../main/vault/kdf.js';
import { chromiumLaunchOptions } from '../../chromium.js';
import type { RendererBuild } from './startupBench.js';

/**
 * ケース一覧 through the screen: a device (its own vault folder and IndexedDB) served by the browser host from a built
 * renderer, in Debian's Chromium. Staff are made in the key store and unlock once so the device's staff directory
 * knows them; training households are written by the 研修用データ panel (services.training.generate, in the page),
 * outside any timing. Each build is served in turn from the same port (IndexedDB belongs to the origin, so every
 * build reads the same database).
 */

export type Person = { loginId: string; displayName: string; passphrase: string; role: Role; teamId: string | null };

export type ScreenTimes = { firstMs: number; listMs: number[]; searchMs: number[]; listed: string; found: string };

const admin = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'bench-passphrase-0001' };

export async function openDevice(profile: DeviceProfile, staff: readonly Person[]) {
  const dataDir = await mkdtemp(join(tmpdir(), `seiho-cases-screen-${profile}-`));
  const makeHandlers = (emit: Parameters<typeof createHandlers>[0]['emit']) =>
    createHandlers({
      dataDir,
      host: 'browser',
      appVersion: 'bench',
      platform: process.platform,
      emit,
      vaultOptions: { policy: { kdfCost: argon2idPresets.MIN } },
    }).handlers;
  await makeHandlers(() => {}).officeSetup({ officeName: '計測事務所', municipality: '加須市', deviceProfile: profile, admin }, { senderOrigin: '' });

  const browser = await chromium.launch(chromiumLaunchOptions);
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();

  let host: BrowserHost | null = null;
  let port = 0;
  const token = `bench-${process.pid}-${Date.now()}`;
  /** Serves `build` (stopping the one before: the page leaves it, and its event stream is cut) on the device's port. */
  const serve = async (build: RendererBuild) => {
    if (host) {
      await page.goto('about:blank');
      host.server.closeAllConnections();
      await host.close();
    }
    host = await startBrowserHost({ rendererDir: build.dir, port, token, createHandlers: makeHandlers });
    port = Number(new URL(host.url).port);
    return host;
  };

  const api = async (method: string, body: unknown = {}) => {
    const response = await fetch(`${host!.url}api/${method}`, {
      method: 'POST',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${host!.token}` },
      body: JSON.stringify(body),
    });
    const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
    if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
    return result.value;
  };

  async function login(user: { loginId: string; passphrase: string }) {
    if (!page.url().startsWith(host!.url)) await page.goto(host!.url);
    await page.getByLabel('ログインID').fill(user.loginId);
    await page.getByLabel('パスフレーズ').fill(user.passphrase);
    await page.getByRole('button', { name: 'ログイン', exact: true }).click();
    await page.getByRole('navigation', { name: 'メインメニュー' }).waitFor({ timeout: 60_000 });
  }
  /** Locking reloads the page onto the lock screen. */
  async function lock() {
    await page.getByRole('button', { name: 'ロック', exact: true }).click();
    await page.getByRole('button', { name: 'ログイン', exact: true }).waitFor();
  }

  return {
    /** The device's one page, for a bench's own steps (see `timed`). */
    page,
    serve,
    login,
    lock,
    /** Staff with their own passphrase chosen, each unlocked once here (the staff directory is the device's). */
    async enrol() {
      await api('vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
      for (const person of staff) {
        await api('userCreate', {
          loginId: person.loginId,
          passphrase: `${person.passphrase}-初期`,
          profile: { displayName: person.displayName, role: person.role, teamId: person.teamId },
        });
      }
      for (const person of staff) {
        await api('vaultUnlock', { loginId: person.loginId, passphrase: `${person.passphrase}-初期` });
        await api('vaultChangePassphrase', { currentPassphrase: `${person.passphrase}-初期`, newPassphrase: person.passphrase });
      }
      await api('vaultLock', { reason: 'manual' });
      for (const person of staff) {
        await login(person);
        await lock();
      }
    },
    /** `count` more training households through the 研修用データ panel; returns the seconds it took. */
    async seed(count: number, seed: number, assignee?: string): Promise<number> {
      await login(admin);
      await page.goto(`${host!.url}#/admin`);
      const start = performance.now();
      await page.getByLabel('世帯数').fill(String(count));
      if (assignee) await page.getByLabel('担当').selectOption({ label: assignee });
      await page.getByLabel(/シード/).fill(String(seed));
      await page.getByLabel(/研修用事務所であり/).check();
      await page.getByRole('button', { name: '研修用データを作成' }).click();
      await page.getByText(`${count} / ${count} 世帯を作成しました。`).waitFor({ timeout: 3_600_000 });
      const seconds = (performance.now() - start) / 1000;
      await lock();
      return seconds;
    },
    /**
     * As `viewer`: the list opened from ホーム (navigation → rows painted) and a search submitted (Enter → result rows
     * painted), `rounds` times after a first open right after unlock.
     */
    async measure(viewer: Person, query: string, rounds: number): Promise<ScreenTimes> {
      await login(viewer);
      const times: ScreenTimes = { firstMs: 0, listMs: [], searchMs: [], listed: '', found: '' };
      for (let round = 0; round <= rounds; round++) {
        await page.evaluate(() => {
          location.hash = '#/';
        });
        await page.getByRole('heading', { name: 'ホーム' }).waitFor();
        const list = await timed(page, `location.hash = '#/cases'`, LIST_READY);
        times.listed = await caption(page);
        const search = page.getByLabel(/^検索/);
        await search.fill(query);
        const found = await timed(page, `document.querySelector('search form').requestSubmit()`, searchReady(query));
        times.found = await caption(page);
        if (round === 0) times.firstMs = list;
        else {
          times.listMs.push(list);
          times.searchMs.push(found);
        }
      }
      await lock();
      return times;
    },
    async close() {
      await browser.close();
      host?.server.closeAllConnections();
      await host?.close();
      await rm(dataDir, { recursive: true, force: true });
    },
  };
}

const CAPTION = `[...document.querySelectorAll('main p[aria-live="polite"]')].map((p) => p.textContent).join(' ')`;
const caption = (page: Page) => page.evaluate(CAPTION) as Promise<string>;
const ROWS = `document.querySelectorAll('table[aria-label="ケース一覧"] tbody tr:not([aria-hidden])').length`;
const LIST_READY = `${ROWS} > 0 && /件/.test(${CAPTION}) && !${CAPTION}.includes('検索結果')`;
const searchReady = (query: string) => `${CAPTION}.includes(${JSON.stringify(`「${query}」の検索結果`)})`;

/**
 * In the page: runs `act` and waits, frame by frame, until `ready` holds and nothing says 読み込んでいます; then one more
 * frame, so the time includes the paint of the rows. A string, not a function: tsx would wrap inner helpers in a
 * __name the page does not have.
 */
export function timed(page: Page, act: string, ready: string): Promise<number> {
  return page.evaluate(`(async () => {
    const ready = () => ${ready};
    const start = performance.now();
    ${act};
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const text = document.querySelector('main')?.textContent ?? '';
      if (ready() && !text.includes('読み込んでいます')) break;
      if (performance.now() - start > 60000) throw new Error('表示されませんでした: ' + ${JSON.stringify(ready)});
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - start;
  })()`) as Promise<number>;
}
