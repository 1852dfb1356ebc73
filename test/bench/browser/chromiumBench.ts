import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { readStaticFile } from '../../../main/protocol/staticFiles.js';
import { contentSecurityPolicy } from '../../../shared/security/contentSecurityPolicy.js';
import { chromiumLaunchOptions } from '../../chromium.js';
import type { BenchOutcome } from './benchOutcome.js';

/**
 * The launcher side of a Chromium bench: bundles one page of this folder with Vite into its own folder under
 * dist/, serves it from 127.0.0.1 with the app's CSP, opens it in Debian's Chromium with the browser tests' flags,
 * and waits for the page to leave its outcome on `window.benchOutcome`.
 */

export interface BenchPage {
  /** An HTML file in test/bench/browser. */
  html: string;
  /** Folder under dist/ the page is built into (each page its own, so two benches never empty each other's). */
  outDir: string;
  query: Record<string, string | number>;
  /** Node functions the page may call (as the renderer calls main over IPC). */
  expose?: Record<string, (...args: never[]) => unknown>;
}

export async function runBenchPage<T>({ html, outDir, query, expose = {} }: BenchPage): Promise<{ results: T; chromiumVersion: string }> {
  const root = fileURLToPath(new URL(`../../../dist/${outDir}`, import.meta.url));
  await build({
    configFile: fileURLToPath(new URL('./vite.config.ts', import.meta.url)),
    build: { outDir: root, rollupOptions: { input: fileURLToPath(new URL(`./${html}`, import.meta.url)) } },
  });
  const server = createServer((request, response) => {
    void readStaticFile(root, request.url ?? '/').then((file) => {
      if (!file) return response.writeHead(404).end();
      response.writeHead(200, { 'content-type': file.mimeType, 'content-security-policy': contentSecurityPolicy }).end(file.body);
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const browser = await chromium.launch(chromiumLaunchOptions);
  try {
    const page = await browser.newPage();
    for (const [name, callback] of Object.entries(expose)) await page.exposeFunction(name, callback);
    const errors: string[] = [];
    page.on('pageerror', (error) => errors.push(error.message));
    page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
    const search = new URLSearchParams(Object.entries(query).map(([k, v]) => [k, String(v)]));
    await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/${html}?${search}`);
    const outcome = await page
      .waitForFunction(() => window.benchOutcome, undefined, { timeout: 1_800_000, polling: 500 })
      .then((handle) => handle.jsonValue() as Promise<BenchOutcome<T>>);
    if (!outcome.ok) throw new Error(`${outcome.error}\n${errors.join('\n')}`);
    return { results: outcome.results, chromiumVersion: browser.version() };
  } finally {
    await browser.close();
    server.close();
  }
}
