// `npx tsx test/bench/data-chromium.bench.ts [n] [rounds]`: the data-layer bench in Debian's Chromium against real
// IndexedDB (on disk), served from 127.0.0.1 with the app's CSP. Prints the median of the rounds and each round;
// no thresholds.
import { chromium } from '@playwright/test';
import { createServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import { fileURLToPath } from 'node:url';
import { build } from 'vite';
import { readStaticFile } from '../../main/protocol/staticFiles.js';
import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy.js';
import { formatDataBench, type DataBenchResult } from './data/dataBench.js';

const n = Number(process.argv[2] ?? 10_000);
const rounds = Number(process.argv[3] ?? 3);
const root = fileURLToPath(new URL('../../dist/bench', import.meta.url));
// The same flags as the browser tests (test/playwright.config.ts).
const chromiumArgs = [
  '--no-sandbox',
  '--headless',
  '--disable-gpu',
  '--disable-dev-shm-usage',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--disable-quic',
  '--no-first-run',
];

await build({ configFile: fileURLToPath(new URL('./browser/vite.config.ts', import.meta.url)) });

const server = createServer((request, response) => {
  void readStaticFile(root, request.url ?? '/').then((file) => {
    if (!file) return response.writeHead(404).end();
    response.writeHead(200, { 'content-type': file.mimeType, 'content-security-policy': contentSecurityPolicy }).end(file.body);
  });
});
await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
const browser = await chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: chromiumArgs });
try {
  const page = await browser.newPage();
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(error.message));
  page.on('console', (message) => message.type() === 'error' && errors.push(message.text()));
  await page.goto(`http://127.0.0.1:${(server.address() as AddressInfo).port}/?n=${n}&rounds=${rounds}`);
  const outcome = await page
    .waitForFunction(() => window.benchOutcome, undefined, { timeout: 600_000, polling: 500 })
    .then((handle) => handle.jsonValue() as Promise<{ ok: true; results: DataBenchResult[] } | { ok: false; error: string }>);
  if (!outcome.ok) throw new Error(`${outcome.error}\n${errors.join('\n')}`);
  const { results } = outcome;
  const median = (pick: (r: DataBenchResult) => number) => results.map(pick).sort((a, b) => a - b)[Math.floor(results.length / 2)]!;
  const typical: DataBenchResult = {
    ...results[0]!,
    encrypted: { writeMs: median((r) => r.encrypted.writeMs), readMs: median((r) => r.encrypted.readMs) },
    plain: { writeMs: median((r) => r.plain.writeMs), readMs: median((r) => r.plain.readMs) },
  };
  for (const line of formatDataBench(typical)) console.log(line.replace(/^data:/, `data (Chromium, median of ${results.length}):`));
  for (const [i, result] of results.entries()) for (const line of formatDataBench(result)) console.log(line.replace(/^data:/, `  round ${i + 1}:`));
  console.log(`data (Chromium): ${typical.members} members alongside; Chromium ${browser.version()}`);
} finally {
  await browser.close();
  server.close();
}
