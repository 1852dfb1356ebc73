// `npx tsx test/bench/case-open-chromium.bench.ts [households] [rounds]`: a caseworker's device with 300 households
// (training data, years of case records each), in Debian Chromium against the real built app through the browser
// host. Times, in the page, from the route change to the screen being usable: opening the case with the longest
// history, and the 保護費算定 wizard started for it (its first step prefilled from the case). Prints every round and
// the median; no thresholds.
import { chromium, type Page } from '@playwright/test';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { startBrowserHost } from '../../main/browserHost/server.js';
import { createHandlers } from '../../main/services/handlers.js';
import { argon2idPresets } from '../../main/vault/kdf.js';
import { localIsoDate } from '../../shared/casework/calendarDate.js';
import { generateTrainingHouseholds } from '../../shared/training/trainingHouseholds.js';
import { chromiumLaunchOptions } from '../chromium.js';

const [households = 300, rounds = 7] = process.argv.slice(2).map(Number);
const SEED = 4242;
const root = fileURLToPath(new URL('../../', import.meta.url));
const admin = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'bench-passphrase-0001' };
const worker = { loginId: 'cw-bench', displayName: '計測 担当', passphrase: 'bench-passphrase-0002' };

const median = (values: number[]) => [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)]!;
const ms = (value: number) => `${value.toFixed(0)} ms`;

// The case the bench opens: the one with the most records in the training data the panel will write with this seed.
const today = localIsoDate(Date.now());
const generated = generateTrainingHouseholds({ seed: SEED, count: households, offset: 0, assignees: ['x'], today });
const target = generated.reduce((a, b) => (b.records.length > a.records.length ? b : a));
const firstRecord = target.records.map((r) => r.recordedOn).sort()[0]!;

const dataDir = await mkdtemp(join(tmpdir(), 'seiho-case-open-'));
const makeHandlers = (emit: Parameters<typeof createHandlers>[0]['emit']) =>
  createHandlers({
    dataDir,
    host: 'browser',
    appVersion: 'bench',
    platform: process.platform,
    emit,
    vaultOptions: { policy: { kdfCost: argon2idPresets.MIN } },
  }).handlers;
const setup = makeHandlers(() => {});
await setup.officeSetup(
  {
    officeName: '計測事務所',
    municipality: '加須市',
    deviceProfile: 'office',
    admin: { loginId: admin.loginId, displayName: admin.displayName, passphrase: admin.passphrase },
  },
  { senderOrigin: '' },
);
const host = await startBrowserHost({ rendererDir: join(root, 'dist/renderer'), port: 0, createHandlers: makeHandlers });
const api = async (method: string, body: unknown = {}) => {
  const response = await fetch(`${host.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${host.token}` },
    body: JSON.stringify(body),
  });
  const result = (await response.json()) as { ok: boolean; value?: unknown; error?: { message: string } };
  if (!result.ok) throw new Error(`${method}: ${result.error?.message}`);
  return result.value;
};
// The caseworker, with their own passphrase already chosen (as the 管理 screen and a first login would leave them).
await api('vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase });
await api('userCreate', {
  loginId: worker.loginId,
  passphrase: `${worker.passphrase}-初期`,
  profile: { displayName: worker.displayName, role: 'caseworker', teamId: null },
});
await api('vaultUnlock', { loginId: worker.loginId, passphrase: `${worker.passphrase}-初期` });
await api('vaultChangePassphrase', { currentPassphrase: `${worker.passphrase}-初期`, newPassphrase: worker.passphrase });
await api('vaultLock', { reason: 'manual' });

async function login(page: Page, user: { loginId: string; passphrase: string }) {
  if (page.url() === 'about:blank') await page.goto(host.url);
  await page.getByLabel('ログインID').fill(user.loginId);
  await page.getByLabel('パスフレーズ').fill(user.passphrase);
  await page.getByRole('button', { name: 'ロック解除' }).click();
  await page.getByRole('navigation', { name: 'メインメニュー' }).waitFor();
}

/** Locking reloads the page onto the lock screen. */
async function lock(page: Page) {
  await page.getByRole('button', { name: 'ロック' }).click();
  await page.getByRole('button', { name: 'ロック解除' }).waitFor();
}

/**
 * In the page: changes the route and waits, frame by frame, until the expression `ready` holds and nothing says 読み込んでいます;
 * then one more frame, so the time includes the paint of what the user sees.
 */
async function timeRoute(page: Page, hash: string, ready: string): Promise<number> {
  // A string, not a function: tsx would wrap the function's inner helpers in a __name the page does not have.
  return page.evaluate(`(async () => {
    const hash = ${JSON.stringify(hash)};
    const ready = () => ${ready};
    const start = performance.now();
    location.hash = hash;
    for (;;) {
      await new Promise((resolve) => requestAnimationFrame(resolve));
      const text = document.querySelector('main')?.textContent ?? '';
      if (ready() && !text.includes('読み込んでいます')) break;
      if (performance.now() - start > 30000) throw new Error('表示されませんでした: ' + ${JSON.stringify(ready)});
    }
    await new Promise((resolve) => requestAnimationFrame(resolve));
    return performance.now() - start;
  })()`);
}

/** The wizard's first step is on screen with the case's members in it (their birth dates came from the case). */
const WIZARD_READY = `[...document.querySelectorAll('main input')].some((i) => i.value === ${JSON.stringify(target.members[0]!.birthDate)})`;

const browser = await chromium.launch(chromiumLaunchOptions);
try {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo', viewport: { width: 1280, height: 900 } });
  const page = await context.newPage();
  // The caseworker's first unlock on this device puts them in its staff directory, where the training panel finds them.
  await login(page, worker);
  await lock(page);
  await login(page, admin);
  await page.goto(`${host.url}#/admin`);
  const seeding = performance.now();
  await page.getByLabel('世帯数').fill(String(households));
  await page.getByLabel('担当').selectOption({ label: worker.displayName });
  await page.getByLabel(/シード/).fill(String(SEED));
  await page.getByLabel(/研修用事務所であり/).check();
  await page.getByRole('button', { name: '研修用データを作成' }).click();
  await page.getByText(`${households} / ${households} 世帯を作成しました。`).waitFor({ timeout: 600_000 });
  const seededMs = performance.now() - seeding;
  await lock(page);

  await login(page, worker);
  await page.goto(`${host.url}#/cases`);
  await page.getByRole('searchbox').or(page.getByLabel(/検索/)).first().fill(target.caseNumber);
  await page.getByRole('searchbox').or(page.getByLabel(/検索/)).first().press('Enter');
  const link = page.getByRole('link', { name: target.caseNumber });
  const href = (await link.getAttribute('href'))!;
  const householdId = href.split('/').pop()!;

  const caseMs: number[] = [];
  const wizardMs: number[] = [];
  for (let round = 0; round < rounds + 1; round++) {
    await page.evaluate(() => {
      location.hash = '#/';
    });
    await page.getByRole('navigation', { name: 'メインメニュー' }).waitFor();
    const opened = await timeRoute(page, `#/cases/${householdId}`, `document.querySelector('main [role="tabpanel"]') !== null`);
    await page.evaluate(() => {
      location.hash = '#/';
    });
    const wizard = await timeRoute(page, `#/calc?household=${encodeURIComponent(householdId)}`, WIZARD_READY);
    // The first round loads the screens' code after unlock: reported apart, not in the median.
    if (round === 0) console.log(`case open (Chromium): first after unlock — case ${ms(opened)}, wizard ${ms(wizard)}`);
    else {
      caseMs.push(opened);
      wizardMs.push(wizard);
    }
  }
  console.log(
    `case open (Chromium): ${households} households on an office device, training data written in ${ms(seededMs)}; ` +
      `the case opened has ${target.records.length} case records since ${firstRecord} and ${target.members.length} members`,
  );
  console.log(`case open (Chromium): route → case screen usable ${ms(median(caseMs))} median  [runs: ${caseMs.map(ms).join(', ')}]  (goal < 300 ms)`);
  console.log(
    `case open (Chromium): route → 保護費算定 wizard prefilled from the case ${ms(median(wizardMs))} median  [runs: ${wizardMs.map(ms).join(', ')}]  (goal < 300 ms)`,
  );
  console.log(`case open (Chromium): Chromium ${browser.version()}`);
  await context.close();
} finally {
  await browser.close();
  await host.close();
  await rm(dataDir, { recursive: true, force: true });
}
