import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, expect, test } from 'vitest';
import { contentSecurityPolicy } from '../../../shared/security/contentSecurityPolicy.js';
import { startBrowserHost, type BrowserHost } from '../../../main/browserHost/server.js';
import { createHandlers } from '../../../main/services/handlers.js';
import { argon2idPresets, createInlineKdf } from '../../../main/vault/kdf.js';

let host: BrowserHost;
const dataDir = mkdtempSync(join(tmpdir(), 'seiho-host-'));
const rendererDir = join(dataDir, 'renderer');

beforeAll(async () => {
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<html><head><title>t</title></head><body></body></html>');
  host = await startBrowserHost({
    rendererDir,
    port: 0,
    createHandlers: (emit) =>
      createHandlers({
        dataDir,
        host: 'browser',
        appVersion: '0.0.0-test',
        platform: 'linux',
        emit,
        vaultOptions: { kdf: createInlineKdf(), policy: { kdfCost: argon2idPresets.MIN } },
      }).handlers,
  });
});
afterAll(() => host.close());

const call = (method: string, body: unknown, token: string | null = host.token) =>
  fetch(`${host.url}api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', ...(token === null ? {} : { authorization: `Bearer ${token}` }) },
    body: JSON.stringify(body),
  });

test('refuses API calls without the token or with a wrong one, before any handler runs', async () => {
  expect((await call('settingsUpdate', { officeName: 'x' }, null)).status).toBe(401);
  expect((await call('settingsUpdate', { officeName: 'x' }, 'guess')).status).toBe(401);
  const settings = await (await call('settingsGet', {})).json();
  expect(settings).toEqual({ ok: true, value: { officeName: '', defaultMunicipality: '加須市', idleLockMinutes: 10 } });
});

test('answers the contract through the same services as Electron', async () => {
  const info = await (await call('appInfo', {})).json();
  expect(info).toMatchObject({ ok: true, value: { host: 'browser', version: '0.0.0-test', dataDir } });
  // Settings are the administrator's: refused before anyone is unlocked, accepted for the administrator.
  const refused = await (await call('settingsUpdate', { idleLockMinutes: 5 })).json();
  expect(refused).toMatchObject({ ok: false, error: { code: 'NOT_AUTHORIZED' } });
  const admin = { loginId: 'kanri01', displayName: '管理 花子', passphrase: 'さくら並木の朝は早い-2026' };
  expect((await (await call('officeSetup', { officeName: '加須市福祉事務所', municipality: '加須市', deviceProfile: 'office', admin })).json()).ok).toBe(true);
  expect((await (await call('vaultUnlock', { loginId: admin.loginId, passphrase: admin.passphrase })).json()).ok).toBe(true);
  const saved = await (await call('settingsUpdate', { idleLockMinutes: 5 })).json();
  expect(saved).toEqual({ ok: true, value: { officeName: '加須市福祉事務所', defaultMunicipality: '加須市', idleLockMinutes: 5 } });
  expect(await (await call('settingsGet', {})).json()).toEqual(saved);
});

test('a saved change reaches every page listening on the event stream (settingsChanged over SSE)', async () => {
  const events = await fetch(`${host.url}api/events?token=${encodeURIComponent(host.token)}`);
  expect(events.headers.get('content-type')).toMatch(/^text\/event-stream/);
  const reader = events.body!.pipeThrough(new TextDecoderStream()).getReader();
  let received = '';
  const frame = (async () => {
    while (!received.includes('event: settingsChanged')) received += (await reader.read()).value ?? '';
    while (!received.includes('\n\n', received.indexOf('event: settingsChanged'))) received += (await reader.read()).value ?? '';
  })();
  expect((await (await call('settingsUpdate', { defaultMunicipality: '行田市' })).json()).ok).toBe(true);
  await frame;
  await reader.cancel();
  const data = received.slice(received.indexOf('event: settingsChanged')).split('\n')[1]!;
  expect(JSON.parse(data.replace(/^data: /, ''))).toEqual({ officeName: '加須市福祉事務所', defaultMunicipality: '行田市', idleLockMinutes: 5 });
});

test('an invalid request gets an error envelope naming the field', async () => {
  const result = await (await call('settingsUpdate', { officeName: '' })).json();
  expect(result).toMatchObject({ ok: false, error: { code: 'INVALID_REQUEST' } });
  expect(result.error.message).toContain('officeName: 事務所名を入力してください');
  const broken = await fetch(`${host.url}api/appInfo`, { method: 'POST', headers: { authorization: `Bearer ${host.token}` }, body: '{' });
  expect(broken.status).toBe(400);
});

test('unknown channels are refused even with the token', async () => {
  expect((await call('invoke', { channel: 'app:info' })).status).toBe(404);
});

test('serves the page with the CSP header and the token for the page only', async () => {
  const page = await fetch(host.url);
  expect(page.headers.get('content-security-policy')).toBe(contentSecurityPolicy);
  expect(await page.text()).toContain(`<meta name="seiho-host-token" content="${host.token}">`);
  expect((await fetch(`${host.url}..%2f..%2fetc%2fpasswd`)).status).toBe(404);
});

test('listens on loopback only', () => {
  expect(host.url).toMatch(/^http:\/\/127\.0\.0\.1:\d+\/$/);
});
