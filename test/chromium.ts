import { existsSync } from 'node:fs';

/**
 * Debian's Chromium and the flags every browser test and Chromium bench launch it with (Playwright's own
 * browsers cannot be downloaded here). CHROMIUM_PATH wins; without /usr/bin/chromium, Playwright's own browser
 * is used where one is installed.
 */
export const chromiumExecutable = process.env.CHROMIUM_PATH ?? (existsSync('/usr/bin/chromium') ? '/usr/bin/chromium' : undefined);

export const chromiumArgs = [
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

export const chromiumLaunchOptions = { ...(chromiumExecutable ? { executablePath: chromiumExecutable } : {}), args: chromiumArgs };
