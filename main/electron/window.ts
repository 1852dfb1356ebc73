import { BrowserWindow } from 'electron';
import { appOrigin, isAllowedNavigation } from '../security/origin.js';
import { mainWindowOptions } from '../security/windowOptions.js';

/** The app's single window: hardened options, no navigation away from the app, no new windows at all. */
export function createMainWindow(preloadPath: string, isDevelopment: boolean): BrowserWindow {
  const window = new BrowserWindow(mainWindowOptions(preloadPath, isDevelopment));
  const { webContents } = window;
  webContents.setWindowOpenHandler(() => ({ action: 'deny' }));
  webContents.on('will-navigate', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  webContents.on('will-redirect', (event, url) => {
    if (!isAllowedNavigation(url)) event.preventDefault();
  });
  webContents.on('will-attach-webview', (event) => event.preventDefault());
  window.once('ready-to-show', () => window.show());
  void window.loadURL(`${appOrigin}/index.html`);
  return window;
}
