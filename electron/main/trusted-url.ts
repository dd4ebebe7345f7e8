/**
 * URL decisions for the Electron host, kept free of Electron imports so that they are unit-tested
 * (tests/main/electron/trusted-url.test.ts). Every comparison goes through the WHATWG URL parser: a
 * `startsWith`/`includes` test is fooled by `https://evil.example/?next=file://…` or `http://127.0.0.1.evil.com`.
 */

export interface UrlPolicyOptions {
  /** Windows paths are case-insensitive (and Chromium may upper-case the drive letter): compare file paths so. */
  caseInsensitivePaths?: boolean;
}

/** Parses, or null: `new URL` throws on garbage, and callers must treat that as "not trusted". */
export function parseUrl(value: unknown): URL | null {
  if (typeof value !== 'string' || value === '') return null;
  try {
    return new URL(value);
  } catch {
    return null;
  }
}

/**
 * The decoded path of a file: URL, or null when it could name something other than what it looks like:
 * encoded slashes or backslashes (`..%2F..%2Fetc`), NUL bytes, or escapes that do not decode. Decoding makes
 * `%E8%B0%83` and `调` (or `%2e` and `.`) compare equal, so an install path with Chinese characters or spaces is
 * recognised however Chromium chose to escape it.
 */
export function decodedFilePath(url: URL, opts: UrlPolicyOptions = {}): string | null {
  if (url.protocol !== 'file:') return null;
  if (/%(2f|5c|00)/i.test(url.pathname)) return null;
  let decoded: string;
  try {
    decoded = decodeURIComponent(url.pathname);
  } catch {
    return null;
  }
  if (decoded.includes('\0') || decoded.includes('\\')) return null;
  return opts.caseInsensitivePaths ? decoded.toLowerCase() : decoded;
}

function hasCredentials(url: URL): boolean {
  return url.username !== '' || url.password !== '';
}

/**
 * True when `url` is the app's own page (`appUrl`):
 * - packaged: `file:` with the same host (none) and exactly the same file, any query or hash (hash routes);
 * - development: the same origin (scheme, host and port) as the dev server, any path.
 * Anything else (other files, other origins, `javascript:`, `data:`, `blob:`, `about:blank`, credentials) is not.
 */
export function isTrustedAppUrl(url: unknown, appUrl: string, opts: UrlPolicyOptions = {}): boolean {
  const target = parseUrl(url);
  const app = parseUrl(appUrl);
  if (!target || !app || hasCredentials(target)) return false;
  if (app.protocol === 'file:') {
    if (target.protocol !== 'file:' || target.host !== app.host) return false;
    const path = decodedFilePath(target, opts);
    return path !== null && path === decodedFilePath(app, opts);
  }
  if (app.protocol === 'http:' || app.protocol === 'https:') {
    return target.protocol === app.protocol && target.origin === app.origin;
  }
  return false;
}

/**
 * The URL to hand to `shell.openExternal`, or null. Only `http:`/`https:` with a host and no embedded credentials
 * (a phishing favourite); `file:`, `smb:`, `ms-*:`, custom schemes and the like can start programs.
 * Returns the parser's serialisation, never the raw string.
 */
export function externalUrlToOpen(url: unknown): string | null {
  const target = parseUrl(url);
  if (!target || (target.protocol !== 'http:' && target.protocol !== 'https:')) return null;
  if (target.hostname === '' || hasCredentials(target)) return null;
  return target.href;
}

export interface RequestPolicy {
  /** The page the window loads (see isTrustedAppUrl). */
  appUrl: string;
  /** `file:` URL of the built renderer folder; subresources may come from inside it only. */
  rendererDirUrl: string;
  caseInsensitivePaths?: boolean;
}

const NETWORK_SCHEMES = new Set(['http:', 'https:', 'ws:', 'wss:', 'ftp:']);

/**
 * Whether the app's session may load `url` at all (webRequest.onBeforeRequest). The app uses no network: network
 * schemes are refused except the dev server's own origin (HTTP and Vite's HMR socket) in development, and `file:`
 * is limited to the renderer folder, so that even script injected into the page cannot read other local files.
 * Internal schemes (devtools:, chrome-extension: for the PDF viewer, data:, blob:, about:) are left to Chromium
 * and the CSP.
 */
export function isAllowedRequest(url: unknown, policy: RequestPolicy): boolean {
  const target = parseUrl(url);
  if (!target) return false;
  const opts = { caseInsensitivePaths: policy.caseInsensitivePaths ?? false };
  const app = parseUrl(policy.appUrl);
  if (NETWORK_SCHEMES.has(target.protocol)) {
    if (!app || app.protocol === 'file:' || hasCredentials(target)) return false;
    const sameHost = target.host === app.host;
    const sameScheme = target.protocol === app.protocol || target.protocol === (app.protocol === 'https:' ? 'wss:' : 'ws:');
    return sameHost && sameScheme;
  }
  if (target.protocol === 'file:') {
    const dir = parseUrl(policy.rendererDirUrl);
    if (!dir || dir.protocol !== 'file:' || target.host !== dir.host) return false;
    const path = decodedFilePath(target, opts);
    const dirPath = decodedFilePath(dir, opts);
    if (path === null || dirPath === null) return false;
    return path.startsWith(dirPath.endsWith('/') ? dirPath : dirPath + '/');
  }
  return true;
}
