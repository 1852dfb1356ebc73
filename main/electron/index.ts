import { app, BrowserWindow, dialog, powerMonitor } from 'electron';
import { mkdir, readFile } from 'node:fs/promises';
import { fileURLToPath } from 'node:url';
import { createHandlers } from '../services/handlers.js';
import { createWorkerKdf } from '../vault/kdf.js';
import { defaultVaultPolicy } from '../vault/vault.js';
import { registerIpc } from './ipc.js';
import { hardenSession, registerAppScheme, serveAppProtocol } from './session.js';
import { createMainWindow } from './window.js';

// The Electron shell: wiring only. Every service lives in plain modules that the browser host and the tests use too.
const isDevelopment = !app.isPackaged;
const distDir = fileURLToPath(new URL('../../../', import.meta.url));

registerAppScheme();

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
  // Argon2id in a worker kept warm for the next unlock; at MODERATE it holds ≈ 275 MiB for the app run (kdf.ts).
  const kdf = createWorkerKdf({ standby: defaultVaultPolicy.kdfCost });
  const { handlers, suspend } = createHandlers({
    dataDir,
    host: 'electron',
    appVersion: version,
    platform: process.platform,
    emit: (event, payload) => window?.webContents.send(`event:${event}`, payload),
    vaultOptions: { kdf },
    pdf: {
      render: async () => new Uint8Array(await window!.webContents.printToPDF({ pageSize: 'A4', printBackground: true })),
      choosePath: async (defaultPath) => {
        const { canceled, filePath } = await dialog.showSaveDialog(window!, { defaultPath, filters: [{ name: 'PDF', extensions: ['pdf'] }] });
        return canceled || !filePath ? null : filePath;
      },
    },
  });
  registerIpc(handlers, (line) => console.warn(line));
  // A laptop closed on a home visit or a screen locked at the desk locks the vault at once.
  powerMonitor.on('suspend', suspend);
  powerMonitor.on('lock-screen', suspend);
  window = createMainWindow(`${distDir}preload/index.cjs`, isDevelopment);
  // Warmed once the page has loaded, so it does not compete with the lock screen's first paint, and is ready
  // before the user has typed a passphrase.
  window.webContents.once('did-finish-load', () => void kdf.prepare().catch((error: unknown) => console.warn('鍵導出の準備に失敗しました', error)));
}
