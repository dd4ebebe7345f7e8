import { EventEmitter } from 'node:events';
import { describe, expect, it, vi } from 'vitest';
import type { Session, WebContents } from 'electron';
import { contentSecurityPolicy } from '../../../electron/main/csp';
import { type SecurityPolicy, hardenWebContents, installSecurity, isPermissionGranted, windowOpenDecision, withCsp } from '../../../electron/main/security';
import { FakeSession, FakeWebContents } from './fakes';

const APP = 'file:///opt/app/resources/app.asar/out/renderer/index.html';
const policy: SecurityPolicy = { appUrl: APP, rendererDirUrl: 'file:///opt/app/resources/app.asar/out/renderer', csp: contentSecurityPolicy('none') };

/** Every permission name Electron 41's handlers can receive (electron.d.ts), plus unknown future ones. */
const PERMISSIONS = [
  'clipboard-read', 'clipboard-sanitized-write', 'display-capture', 'fullscreen', 'geolocation', 'idle-detection', 'media',
  'mediaKeySystem', 'midi', 'midiSysex', 'notifications', 'pointerLock', 'keyboardLock', 'openExternal', 'speaker-selection',
  'storage-access', 'top-level-storage-access', 'window-management', 'unknown', 'fileSystem', 'hid', 'serial', 'usb',
  'deprecated-sync-clipboard-read', 'something-new',
];

function setup() {
  const app = new EventEmitter();
  const session = new FakeSession();
  const shell = { openExternal: vi.fn(async (_url: string) => undefined) };
  const log = vi.fn();
  installSecurity(policy, { app: app as never, session: session as unknown as Session, shell, log });
  const contents = new FakeWebContents();
  app.emit('web-contents-created', {}, contents);
  return { app, session, shell, log, contents };
}

describe('navigation guards', () => {
  it('allows the app page and blocks everything else, for navigations and redirects', () => {
    const { contents } = setup();
    expect(contents.navigate('will-navigate', `${APP}#/cases`)).toBe(false);
    expect(contents.navigate('will-redirect', APP)).toBe(false);
    const corpus = [
      'https://evil.example/?next=' + APP,
      'http://127.0.0.1.evil.com/',
      'file:///etc/passwd',
      'file:///opt/app/resources/app.asar/out/renderer/other.html',
      'javascript:alert(1)',
      'data:text/html,<h1>x</h1>',
      'about:blank',
      'https://xn--80ak6aa92e.com/', // IDN homograph of "apple"
      'https://user:pw@example.com/',
      'app://../../etc/passwd',
    ];
    for (const url of corpus) {
      expect(contents.navigate('will-navigate', url), url).toBe(true);
      expect(contents.navigate('will-redirect', url), url).toBe(true);
    }
  });

  it('refuses <webview> attachment', () => {
    expect(setup().contents.attachWebview()).toBe(true);
  });

  it('never opens a new window, and hands only parsed http(s) URLs to the system browser', async () => {
    const { contents, shell } = setup();
    const open = (url: string) => contents.windowOpenHandler!({ url });
    expect(open('https://www.moj.gov.cn/')).toEqual({ action: 'deny' });
    for (const url of ['file:///C:/Windows/System32/calc.exe', 'javascript:alert(1)', 'smb://x/y', 'ms-msdt:/id x', APP, 'about:blank', 'https://u:p@x.com/']) {
      expect(open(url)).toEqual({ action: 'deny' });
    }
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
    expect(shell.openExternal).toHaveBeenCalledWith('https://www.moj.gov.cn/');
  });

  it('logs instead of throwing when the system browser cannot be started', async () => {
    const contents = new FakeWebContents();
    const log = vi.fn();
    const shell = { openExternal: vi.fn(async () => Promise.reject(new Error('no browser'))) };
    hardenWebContents(contents as unknown as WebContents, policy, { shell, log });
    expect(contents.windowOpenHandler!({ url: 'https://example.com/' })).toEqual({ action: 'deny' });
    await vi.waitFor(() => expect(log).toHaveBeenCalledWith('[security] openExternal failed', expect.any(Error)));
  });

  it('windowOpenDecision is always deny', () => {
    expect(windowOpenDecision('https://example.com/')).toEqual({ action: 'deny', openExternally: 'https://example.com/' });
    expect(windowOpenDecision('file:///etc/passwd')).toEqual({ action: 'deny', openExternally: null });
  });
});

describe('session', () => {
  it('grants no permission, by request or by check, and no device', () => {
    const { session } = setup();
    for (const permission of PERMISSIONS) {
      expect(isPermissionGranted(permission)).toBe(false);
      const callback = vi.fn();
      session.permissionRequest!({}, permission, callback, {});
      expect(callback).toHaveBeenCalledWith(false);
      expect(session.permissionCheck!({}, permission, 'file:///', {})).toBe(false);
    }
    expect(session.devicePermission!({ deviceType: 'usb' })).toBe(false);
  });

  it('cancels requests outside the app', () => {
    const { session } = setup();
    const decide = (url: string) => {
      let response: { cancel?: boolean } = {};
      session.beforeRequest!({ url }, (r) => (response = r));
      return response.cancel;
    };
    expect(decide(APP)).toBe(false);
    expect(decide('file:///opt/app/resources/app.asar/out/renderer/assets/index.js')).toBe(false);
    expect(decide('file:///home/staff/.ssh/id_rsa')).toBe(true);
    expect(decide('https://evil.example/collect?d=1')).toBe(true);
    expect(decide('wss://evil.example/')).toBe(true);
  });

  it('adds the CSP header, replacing any the response had', () => {
    const { session } = setup();
    let headers: Record<string, string | string[]> | undefined;
    session.headersReceived!({ url: APP, responseHeaders: { 'content-security-policy': ["default-src *"], 'X-Other': ['1'] } }, (r) => (headers = r.responseHeaders));
    expect(headers).toEqual({ 'X-Other': ['1'], 'Content-Security-Policy': [contentSecurityPolicy('none')] });
    expect(contentSecurityPolicy('none')).toContain("connect-src 'none'");
    expect(withCsp(undefined, 'x')).toEqual({ 'Content-Security-Policy': ['x'] });
  });

  it('sends no CSP header for the dev server (its preamble is an inline script)', () => {
    const session = new FakeSession();
    installSecurity({ ...policy, appUrl: 'http://localhost:5173/', csp: null }, { app: new EventEmitter() as never, session: session as unknown as Session, shell: { openExternal: vi.fn() }, log: vi.fn() });
    expect(session.headersReceived).toBeNull();
    expect(session.beforeRequest).not.toBeNull();
  });
});
