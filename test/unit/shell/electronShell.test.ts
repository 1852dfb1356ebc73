import { beforeEach, describe, expect, test, vi } from 'vitest';
import { mainWindowOptions } from '../../../main/security/windowOptions.js';
import { isAllowedNavigation } from '../../../main/security/origin.js';

type Handler = (...args: unknown[]) => unknown;
const created: { options: Record<string, unknown>; handlers: Map<string, Handler>; openHandler?: Handler; url?: string }[] = [];
const sessionHandlers: Record<string, Handler> = {};

vi.mock('electron', () => {
  class BrowserWindow {
    webContents: Record<string, unknown>;
    constructor(options: Record<string, unknown>) {
      const record: (typeof created)[number] = { options, handlers: new Map() };
      created.push(record);
      this.webContents = {
        setWindowOpenHandler: (h: Handler) => (record.openHandler = h),
        on: (name: string, h: Handler) => record.handlers.set(name, h),
      };
      Object.assign(this, { loadURL: async (url: string) => (record.url = url), once: () => {}, show: () => {} });
    }
  }
  const defaultSession = {
    setPermissionRequestHandler: (h: Handler) => (sessionHandlers.permissionRequest = h),
    setPermissionCheckHandler: (h: Handler) => (sessionHandlers.permissionCheck = h),
    setDevicePermissionHandler: (h: Handler) => (sessionHandlers.device = h),
    webRequest: { onBeforeRequest: (h: Handler) => (sessionHandlers.beforeRequest = h) },
    setSpellCheckerEnabled: vi.fn(),
  };
  return { BrowserWindow, session: { defaultSession }, protocol: { handle: vi.fn(), registerSchemesAsPrivileged: vi.fn() } };
});

/** The rules every window must obey; the test below fails if the shell creates one that doesn't. */
function expectHardened(options: Record<string, unknown>) {
  const prefs = options.webPreferences as Record<string, unknown>;
  expect(prefs.contextIsolation).toBe(true);
  expect(prefs.sandbox).toBe(true);
  expect(prefs.nodeIntegration).toBe(false);
  expect(prefs.nodeIntegrationInWorker).toBe(false);
  expect(prefs.webSecurity).toBe(true);
  expect(prefs.allowRunningInsecureContent).toBe(false);
}

beforeEach(() => {
  created.length = 0;
});

describe('the Electron shell', () => {
  test('creates its window hardened, from app://, with new windows denied and navigation blocked', async () => {
    const { createMainWindow } = await import('../../../main/electron/window.js');
    createMainWindow('/app/dist/preload/index.cjs', false);
    expect(created).toHaveLength(1);
    const [window] = created;
    expectHardened(window!.options);
    expect((window!.options.webPreferences as Record<string, unknown>).devTools).toBe(false);
    expect(window!.url).toBe('app://seiho/index.html');
    expect(window!.openHandler!({ url: 'https://example.com' })).toEqual({ action: 'deny' });
    const prevented = vi.fn();
    window!.handlers.get('will-navigate')!({ preventDefault: prevented }, 'https://example.com/');
    expect(prevented).toHaveBeenCalledOnce();
    const allowed = vi.fn();
    window!.handlers.get('will-navigate')!({ preventDefault: allowed }, 'app://seiho/index.html#/cases');
    expect(allowed).not.toHaveBeenCalled();
  });

  test('devtools exist only in development', () => {
    expect(mainWindowOptions('p', true).webPreferences?.devTools).toBe(true);
    expect(mainWindowOptions('p', false).webPreferences?.devTools).toBe(false);
  });

  test('denies every permission and cancels requests that leave the app', async () => {
    const { hardenSession } = await import('../../../main/electron/session.js');
    hardenSession();
    for (const permission of ['media', 'geolocation', 'notifications', 'clipboard-read']) {
      const callback = vi.fn();
      sessionHandlers.permissionRequest!({}, permission, callback);
      expect(callback).toHaveBeenCalledWith(false);
    }
    expect(sessionHandlers.permissionCheck!()).toBe(false);
    const decide = (url: string) => {
      let decision: unknown;
      sessionHandlers.beforeRequest!({ url }, (d: unknown) => (decision = d));
      return decision;
    };
    expect(decide('https://example.com/x.js')).toEqual({ cancel: true });
    expect(decide('file:///etc/passwd')).toEqual({ cancel: true });
    expect(decide('app://seiho/assets/index.js')).toEqual({ cancel: false });
  });

  test('turns the spellchecker off: it would read case notes and could keep their words in the profile', async () => {
    const { session } = await import('electron');
    const { hardenSession } = await import('../../../main/electron/session.js');
    hardenSession();
    expect(session.defaultSession.setSpellCheckerEnabled).toHaveBeenCalledWith(false);
  });

  test('registers app:// as a standard, secure scheme whose compiled scripts V8 caches between starts', async () => {
    const { protocol } = await import('electron');
    const { registerAppScheme } = await import('../../../main/electron/session.js');
    registerAppScheme();
    const [[schemes]] = vi.mocked(protocol.registerSchemesAsPrivileged).mock.calls as [[Electron.CustomScheme[]]];
    expect(schemes).toHaveLength(1);
    expect(schemes[0]!.scheme).toBe('app');
    // Chromium caches code only for http(s) unless the scheme is standard and asks for it.
    expect(schemes[0]!.privileges).toMatchObject({ standard: true, secure: true, codeCache: true, corsEnabled: false });
  });

  test('app:// serves the page with its CSP and never stored, so no back-forward or disk cache keeps its state', async () => {
    const { mkdtempSync, writeFileSync } = await import('node:fs');
    const { join } = await import('node:path');
    const { tmpdir } = await import('node:os');
    const rendererDir = mkdtempSync(join(tmpdir(), 'seiho-app-'));
    writeFileSync(join(rendererDir, 'index.html'), '<html></html>');
    const { protocol } = await import('electron');
    const { serveAppProtocol } = await import('../../../main/electron/session.js');
    serveAppProtocol(rendererDir);
    const [[, handle]] = vi.mocked(protocol.handle).mock.calls as unknown as [[string, (request: { url: string }) => Promise<Response>]];
    const response = await handle({ url: 'app://seiho/index.html' });
    expect(response.headers.get('cache-control')).toBe('no-store');
    expect(response.headers.get('content-security-policy')).toBeTruthy();
  });

  test('navigation is allowed only within the app origin', () => {
    expect(isAllowedNavigation('app://seiho/index.html')).toBe(true);
    expect(isAllowedNavigation('app://other/index.html')).toBe(false);
    expect(isAllowedNavigation('http://127.0.0.1:4510/')).toBe(false);
    expect(isAllowedNavigation('not a url')).toBe(false);
  });
});
