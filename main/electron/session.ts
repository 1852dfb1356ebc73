import { protocol, session } from 'electron';
import { contentSecurityPolicy } from '../../shared/security/contentSecurityPolicy.js';
import { cacheControlOf, readStaticFile } from '../protocol/staticFiles.js';
import { appScheme } from '../security/origin.js';

/**
 * The app:// scheme, registered before the app is ready. Standard + secure gives the app a real origin (IndexedDB,
 * fetch) without file:// and its extra privileges. `codeCache`: Chromium keeps V8's compiled code of the renderer's
 * scripts between starts only for http(s) unless a (standard) scheme asks for it, so without it every start compiles
 * React and the lock screen again.
 */
export function registerAppScheme() {
  protocol.registerSchemesAsPrivileged([
    { scheme: appScheme, privileges: { standard: true, secure: true, supportFetchAPI: true, corsEnabled: false, stream: false, codeCache: true } },
  ]);
}

/**
 * Deny every permission, and let no request leave for anywhere but the app's own scheme. No spellchecker: it would
 * read what is typed (case notes) and could keep words of it in the profile's custom dictionary.
 */
export function hardenSession() {
  const { defaultSession } = session;
  defaultSession.setSpellCheckerEnabled(false);
  defaultSession.setPermissionRequestHandler((_webContents, _permission, callback) => callback(false));
  defaultSession.setPermissionCheckHandler(() => false);
  defaultSession.setDevicePermissionHandler(() => false);
  defaultSession.webRequest.onBeforeRequest((details, callback) => {
    const scheme = details.url.split(':', 1)[0];
    callback({ cancel: !(scheme === appScheme || scheme === 'data' || scheme === 'blob' || scheme === 'devtools') });
  });
}

/** Serves the built renderer under app://seiho with the CSP as a response header. */
export function serveAppProtocol(rendererDir: string) {
  protocol.handle(appScheme, async (request) => {
    const file = await readStaticFile(rendererDir, new URL(request.url).pathname);
    if (!file) return new Response('見つかりません', { status: 404 });
    const cacheControl = cacheControlOf(file);
    return new Response(new Uint8Array(file.body), {
      headers: {
        'content-type': file.mimeType,
        'content-security-policy': contentSecurityPolicy,
        'x-content-type-options': 'nosniff',
        ...(cacheControl ? { 'cache-control': cacheControl } : {}),
      },
    });
  });
}
