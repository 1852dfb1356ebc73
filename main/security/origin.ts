/** The app's own origin. IndexedDB is bound to it, so it must never change once offices have data. */
export const appScheme = 'app';
export const appHost = 'seiho';
export const appOrigin = `${appScheme}://${appHost}`;

export const isAppOrigin = (origin: string) => origin === appOrigin;

/**
 * `scheme://host[:port]` of a URL. Node's URL reports the origin of a custom scheme as "null" (Chromium knows
 * app:// is standard, Node does not), so the origin is rebuilt from its parts.
 */
export function originOf(url: string): string {
  try {
    const parsed = new URL(url);
    return parsed.host ? `${parsed.protocol}//${parsed.host}` : '';
  } catch {
    return '';
  }
}

/**
 * Navigation is never allowed away from the app: the terminals are on a closed network, so external links
 * are not opened at all, not even in a system browser.
 */
export function isAllowedNavigation(url: string): boolean {
  return originOf(url) === appOrigin;
}
