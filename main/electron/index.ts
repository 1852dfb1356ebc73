import { app, BrowserWindow, powerMonitor, protocol } from 'electron';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { appScheme } from '../security/origin.js';
import { createHandlers } from '../services/handlers.js';
import { registerIpc } from './ipc.js';
import { hardenSession, serveAppProtocol } from './session.js';
import { createMainWindow } from './window.js';

// The Electron shell: wiring only. Every service lives in plain modules that the browser host and the tests use too.
const isDevelopment = !app.isPackaged;
const distDir = fileURLToPath(new URL('../../../', import.meta.url));

// Standard + secure gives the app a real origin (IndexedDB, fetch) without file:// and its extra privileges.
protocol.registerSchemesAsPrivileged([
  { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false } },
]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => {
    const [window] = BrowserWindow.getAllWindows();
    if (window) {
      if (window.isMinimized()) window.restore();
      window.focus();
    }
  });
  app.on('window-all-closed', () => app.quit());
  app.whenReady().then(start, (error: unknown) => {
    console.error(error);
    app.exit(1);
  });
}

async function start() {
  const dataDir = app.getPath('userData');
  await mkdir(dataDir, { recursive: true });
  const { version } = JSON.parse(await readFile(new URL('../../../../package.json', import.meta.url), 'utf8')) as { version: string };
  hardenSession();
  serveAppProtocol(`${distDir}renderer`);
  let window: BrowserWindow | undefined;
  const { handlers, suspend } = createHandlers({
    dataDir,
    host: 'electron',
    appVersion: version,
    platform: process.platform,
    emit: (event, payload) => window?.webContents.send(`event:${event}`, payload),
  });
  registerIpc(handlers, (line) => console.warn(line));
  // A laptop closed on a home visit or a screen locked at the desk locks the vault at once.
  powerMonitor.on('suspend', suspend);
  powerMonitor.on('lock-screen', suspend);
  window = createMainWindow(`${distDir}preload/index.cjs`, isDevelopment);
}
