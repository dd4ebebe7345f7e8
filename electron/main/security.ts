import type { App, Session, Shell, WebContents } from 'electron';
import { type RequestPolicy, externalUrlToOpen, isAllowedRequest, isTrustedAppUrl } from './trusted-url';

/**
 * Window and session hardening (Electron security checklist items 5, 7, 11–15; conventions item 5). The decisions
 * are pure functions; `installSecurity` only wires them to Electron objects, which are passed in so that tests can
 * drive it with fakes (tests/main/electron/security.test.ts).
 */

/** Permissions the app may use. None: no camera, microphone, notifications, geolocation, clipboard reads, … */
export const PERMISSION_ALLOWLIST: readonly string[] = [];

export function isPermissionGranted(permission: string): boolean {
  return PERMISSION_ALLOWLIST.includes(permission);
}

/** `will-navigate` / `will-redirect`: the window may only ever show the app itself. */
export function mayNavigate(url: string, policy: SecurityPolicy): boolean {
  return isTrustedAppUrl(url, policy.appUrl, policy);
}

/**
 * `window.open` / `target=_blank`: never a new Electron window. An http(s) link goes to the system browser,
 * parsed and re-serialised first; anything else is dropped.
 */
export function windowOpenDecision(url: string): { action: 'deny'; openExternally: string | null } {
  return { action: 'deny', openExternally: externalUrlToOpen(url) };
}

/** Response headers with our Content-Security-Policy replacing any the response carried. */
export function withCsp(headers: Record<string, string | string[]> | undefined, csp: string): Record<string, string | string[]> {
  const out: Record<string, string | string[]> = {};
  for (const [name, value] of Object.entries(headers ?? {})) {
    if (name.toLowerCase() !== 'content-security-policy') out[name] = value;
  }
  out['Content-Security-Policy'] = [csp];
  return out;
}

export interface SecurityPolicy extends RequestPolicy {
  /** Sent as a response header where Chromium allows one (http; `file:` pages rely on index.html's meta tag). */
  csp: string | null;
}

export interface SecurityDeps {
  app: Pick<App, 'on'>;
  session: Session;
  shell: Pick<Shell, 'openExternal'>;
  log?: (message: string, detail?: unknown) => void;
}

/** Guards for one WebContents: navigation, redirects, new windows, webviews. */
export function hardenWebContents(contents: WebContents, policy: SecurityPolicy, deps: Pick<SecurityDeps, 'shell' | 'log'>): void {
  const log = deps.log ?? console.warn;
  contents.on('will-navigate', (event) => {
    if (mayNavigate(event.url, policy)) return;
    event.preventDefault();
    log('[security] navigation blocked', event.url);
  });
  contents.on('will-redirect', (event) => {
    if (mayNavigate(event.url, policy)) return;
    event.preventDefault();
    log('[security] redirect blocked', event.url);
  });
  contents.on('will-attach-webview', (event) => {
    event.preventDefault();
    log('[security] <webview> blocked');
  });
  contents.setWindowOpenHandler(({ url }) => {
    const { action, openExternally } = windowOpenDecision(url);
    if (openExternally) {
      deps.shell.openExternal(openExternally).catch((error: unknown) => log('[security] openExternal failed', error));
    } else {
      log('[security] window.open blocked', url);
    }
    return { action };
  });
}

/**
 * Installs everything before the first window exists (call after `app` is ready, since sessions need it):
 * every WebContents ever created gets the guards; the session denies all permissions and devices, refuses
 * requests outside the app (see isAllowedRequest) and adds the CSP header.
 */
export function installSecurity(policy: SecurityPolicy, deps: SecurityDeps): void {
  const log = deps.log ?? console.warn;
  deps.app.on('web-contents-created', (_event, contents) => hardenWebContents(contents, policy, deps));

  const { session } = deps;
  session.setPermissionRequestHandler((_contents, permission, callback) => {
    const granted = isPermissionGranted(permission);
    if (!granted) log('[security] permission request denied', permission);
    callback(granted);
  });
  session.setPermissionCheckHandler((_contents, permission) => isPermissionGranted(permission));
  session.setDevicePermissionHandler(() => false);

  session.webRequest.onBeforeRequest((details, callback) => {
    const allowed = isAllowedRequest(details.url, policy);
    if (!allowed) log('[security] request blocked', details.url);
    callback({ cancel: !allowed });
  });
  const { csp } = policy;
  if (csp !== null) {
    session.webRequest.onHeadersReceived((details, callback) => {
      callback({ responseHeaders: withCsp(details.responseHeaders, csp) });
    });
  }
}
