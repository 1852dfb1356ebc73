import { chromium, type Browser } from '@playwright/test';
import { execFileSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, symlinkSync } from 'node:fs';
import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { startBrowserHost } from '../../../main/browserHost/server.js';
import { createHandlers } from '../../../main/services/handlers.js';
import { argon2idPresets } from '../../../main/vault/kdf.js';
import { chromiumLaunchOptions } from '../../chromium.js';

/**
 * Navigation → login screen painted, in a new renderer process each time: the browser host serves a built renderer
 * against a set-up (locked) vault, and every run opens a fresh browser context (its own renderer process, empty
 * caches — the host answers `no-store`, so nothing compiled survives between runs either). The paint time is the
 * Element Timing API's `renderTime` of the login heading, marked by an init script before it is first painted.
 */

const root = fileURLToPath(new URL('../../../', import.meta.url));

export type StartupRun = {
  /** ms from navigation start to the login heading's first paint. */
  loginPaintedMs: number;
  /** Script bytes the page had loaded when the heading painted, and how many files. */
  scriptBytes: number;
  scriptFiles: number;
};

export type RendererBuild = { label: string; dir: string };

/** Sizes of the JS files of a built renderer, largest first. */
export function chunkSizes(dir: string): { file: string; bytes: number }[] {
  const assets = join(dir, 'assets');
  return readdirSync(assets)
    .filter((name) => name.endsWith('.js'))
    .map((file) => ({ file, bytes: statSync(join(assets, file)).size }))
    .sort((a, b) => b.bytes - a.bytes);
}

/**
 * The renderer as it was before the start-up work (one chunk, react-router's development build), built from the
 * commit's own sources with its own Vite config, so that both are measured in the same run under the same load.
 * `git archive` reads the repository only; the build is kept under dist/ and reused.
 */
export async function buildBaseline(commit: string): Promise<RendererBuild> {
  const outDir = join(root, `dist/bench-startup-${commit.slice(0, 7)}`);
  if (!existsSync(join(outDir, 'index.html'))) {
    const source = join(tmpdir(), `seiho-startup-baseline-${commit.slice(0, 7)}`);
    rmSync(source, { recursive: true, force: true });
    mkdirSync(source, { recursive: true });
    const archive = execFileSync('git', ['archive', '--format=tar', commit, 'renderer', 'shared', 'package.json'], { cwd: root, maxBuffer: 256 * 1024 * 1024 });
    execFileSync('tar', ['-x', '-C', source], { input: archive });
    symlinkSync(join(root, 'node_modules'), join(source, 'node_modules'));
    try {
      await build({ configFile: join(source, 'renderer/vite.config.ts'), logLevel: 'error', build: { outDir, emptyOutDir: true } });
    } finally {
      rmSync(source, { recursive: true, force: true });
    }
  }
  return { label: `before (${commit.slice(0, 7)})`, dir: outDir };
}

/**
 * The floor under the login screen: a page with the login heading and no script, served by the same host, so what the
 * new renderer process, the navigation and the first paint cost on this machine shows beside the app.
 */
export async function floorPage(): Promise<RendererBuild> {
  const dir = await mkdtemp(join(tmpdir(), 'seiho-startup-floor-'));
  await writeFile(
    join(dir, 'index.html'),
    '<!doctype html><html lang="ja"><head><meta charset="utf-8"><title>Seiho Desk</title></head><body><h1 id="login-title">ログイン</h1></body></html>',
  );
  return { label: 'floor (no script)', dir };
}

// Runs in the page before any of its scripts: marks the login heading for Element Timing as soon as it is inserted
// (mutation observers run before the next paint), and keeps the entry for the bench to read.
const markLoginHeading = () => {
  const found: { renderTime: number }[] = [];
  (window as unknown as { loginPaint: typeof found }).loginPaint = found;
  new PerformanceObserver((list) => {
    for (const entry of list.getEntries() as (PerformanceEntry & { identifier: string; renderTime: number })[]) {
      if (entry.identifier === 'login') found.push({ renderTime: entry.renderTime });
    }
  }).observe({ type: 'element', buffered: true });
  new MutationObserver((_, observer) => {
    const heading = document.getElementById('login-title');
    if (heading && !heading.hasAttribute('elementtiming')) {
      heading.setAttribute('elementtiming', 'login');
      observer.disconnect();
    }
  }).observe(document, { childList: true, subtree: true });
};

async function measureOnce(browser: Browser, url: string): Promise<StartupRun> {
  const context = await browser.newContext({ locale: 'ja-JP', timezoneId: 'Asia/Tokyo' });
  try {
    const page = await context.newPage();
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    await page.addInitScript(markLoginHeading);
    await page.goto(url, { waitUntil: 'commit' });
    const handle = await page
      .waitForFunction(() => (window as unknown as { loginPaint: { renderTime: number }[] }).loginPaint?.[0], undefined, { timeout: 60_000, polling: 50 })
      .catch((error: Error) => {
        throw new Error(`ログイン画面が表示されませんでした: ${error.message}\n${errors.join('\n')}`);
      });
    const { renderTime } = (await handle.jsonValue()) as { renderTime: number };
    const scripts = await page.evaluate(
      (paintedAt) =>
        (performance.getEntriesByType('resource') as PerformanceResourceTiming[])
          .filter((r) => r.initiatorType === 'script' || r.name.endsWith('.js'))
          .filter((r) => r.responseEnd <= paintedAt)
          .map((r) => r.encodedBodySize),
      renderTime,
    );
    return { loginPaintedMs: renderTime, scriptBytes: scripts.reduce((a, b) => a + b, 0), scriptFiles: scripts.length };
  } finally {
    await context.close();
  }
}

/**
 * Serves each build from its own browser host (same vault folder, set up once) and measures them in turn, round by
 * round, so that load on the machine falls on all of them alike.
 */
export async function measureStartup(builds: RendererBuild[], rounds: number): Promise<{ results: Map<string, StartupRun[]>; chromiumVersion: string }> {
  const dataDir = await mkdtemp(join(tmpdir(), 'seiho-startup-'));
  const { handlers } = createHandlers({
    dataDir,
    host: 'browser',
    appVersion: 'bench',
    platform: process.platform,
    emit: () => {},
    vaultOptions: { policy: { kdfCost: argon2idPresets.MIN } },
  });
  await handlers.officeSetup(
    {
      officeName: '計測事務所',
      municipality: '加須市',
      deviceProfile: 'office',
      admin: { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'bench-passphrase-0001' },
    },
    { senderOrigin: '' },
  );
  const hosts = await Promise.all(
    builds.map((b) =>
      startBrowserHost({
        rendererDir: b.dir,
        port: 0,
        createHandlers: (emit) => createHandlers({ dataDir, host: 'browser', appVersion: 'bench', platform: process.platform, emit }).handlers,
      }),
    ),
  );
  const browser = await chromium.launch(chromiumLaunchOptions);
  const results = new Map(builds.map((b) => [b.label, [] as StartupRun[]]));
  try {
    // One unmeasured load each: the first start of Chromium itself (disk cache of its own binaries) is not the app's.
    for (const host of hosts) await measureOnce(browser, host.url);
    for (let round = 0; round < rounds; round++) {
      for (const [i, b] of builds.entries()) results.get(b.label)!.push(await measureOnce(browser, hosts[i]!.url));
    }
    return { results, chromiumVersion: browser.version() };
  } finally {
    await browser.close();
    await Promise.all(hosts.map((h) => h.close()));
    await rm(dataDir, { recursive: true, force: true });
  }
}
