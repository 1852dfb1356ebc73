import type { BrowserWindowConstructorOptions } from 'electron';

/**
 * The only window options the app uses. Kept out of the Electron shell so a test can hold them to the
 * hardening rules: isolated, sandboxed, no Node in the page, no devtools outside development.
 */
export function mainWindowOptions(preloadPath: string, isDevelopment: boolean): BrowserWindowConstructorOptions {
  return {
    width: 1280,
    height: 860,
    minWidth: 1024,
    minHeight: 700,
    title: '生活保護ケースデスク',
    show: false,
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      enableWebSQL: false,
      spellcheck: false,
      navigateOnDragDrop: false,
      devTools: isDevelopment,
    },
  };
}
