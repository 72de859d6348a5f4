/** Security rules of the desktop shell, as plain functions so they are unit-tested without Electron. */

/** The custom scheme the renderer is served from: a stable origin for IndexedDB, and no file:// access. */
export const APP_SCHEME = 'app';
export const APP_ORIGIN = `${APP_SCHEME}://desk`;

export const CONTENT_SECURITY_POLICY = [
  "default-src 'self'",
  "script-src 'self'",
  "style-src 'self' 'unsafe-inline'", // antd writes its CSS-in-JS into <style> tags
  "img-src 'self' data: blob:",
  "font-src 'self' data:",
  "connect-src 'self' ws: wss: http: https:", // the street sync server (its address is configured by the clerk)
  "object-src 'none'",
  "base-uri 'self'",
  "form-action 'none'",
  "frame-ancestors 'none'",
].join('; ');

/** Only http(s) links may leave the app, and only to the OS browser. */
export function isSafeExternalUrl(url: string): boolean {
  try {
    const { protocol } = new URL(url);
    return protocol === 'https:' || protocol === 'http:';
  } catch {
    return false;
  }
}

/** Whether a URL belongs to the app itself (its own scheme, or the dev server while developing). */
export function isAppUrl(url: string, devServerUrl?: string): boolean {
  try {
    const origin = new URL(url).origin;
    if (url.startsWith(`${APP_ORIGIN}/`) || url === APP_ORIGIN) return true;
    return devServerUrl !== undefined && origin === new URL(devServerUrl).origin;
  } catch {
    return false;
  }
}

/** An IPC message is answered only when it comes from a frame showing the app. */
export function isTrustedSender(frameUrl: string | undefined, devServerUrl?: string): boolean {
  return frameUrl !== undefined && isAppUrl(frameUrl, devServerUrl);
}

/**
 * Maps an app:// request to a file under the renderer folder; undefined when it would escape the folder.
 * `join` is passed in so this stays free of Node imports in tests of other platforms.
 */
export function resolveAppPath(url: string, rendererRoot: string, join: (...parts: string[]) => string): string | undefined {
  let pathname: string;
  try {
    const parsed = new URL(url);
    if (parsed.protocol !== `${APP_SCHEME}:` || parsed.host !== 'desk') return undefined;
    pathname = decodeURIComponent(parsed.pathname);
  } catch {
    return undefined;
  }
  const parts = pathname.split('/').filter((p) => p !== '' && p !== '.');
  if (parts.some((p) => p === '..' || p.includes('\\') || p.includes('\0'))) return undefined;
  return join(rendererRoot, ...(parts.length > 0 ? parts : ['index.html']));
}
