import { describe, expect, it } from 'vitest';
import { externalUrlToOpen, isAllowedRequest, isTrustedAppUrl } from '../../../electron/main/trusted-url';

const APP = 'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index.html';
const RENDERER_DIR = 'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer';
const DEV = 'http://localhost:5173/';

describe('isTrustedAppUrl, packaged app (file:)', () => {
  const trusted = [
    APP,
    `${APP}#/cases/42`,
    `${APP}?x=1#/setup`,
    // Same file, spelled differently: unescaped Chinese, escaped dot, redundant segments, upper-case scheme.
    'file:///opt/调解工作台/resources/app.asar/out/renderer/index.html',
    'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index%2Ehtml',
    'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/main/../renderer/./index.html',
    'FILE:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index.html',
  ];
  const untrusted = [
    'file:///etc/passwd',
    'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/other.html',
    'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index.html.evil',
    'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index.html/../../../../../../etc/passwd',
    'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/..%2F..%2Frenderer%2Findex.html',
    'file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index.html%00.png',
    'file://evil.example/opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index.html',
    'file://user:pw@/opt/x/index.html',
    'https://evil.example/?next=file:///opt/%E8%B0%83%E8%A7%A3%E5%B7%A5%E4%BD%9C%E5%8F%B0/resources/app.asar/out/renderer/index.html',
    `https://evil.example/#${APP}`,
    `view-source:${APP}`,
    `blob:${APP}`,
    'javascript:alert(1)',
    `javascript://${APP.slice('file://'.length)}%0aalert(1)`,
    'data:text/html,<script>alert(1)</script>',
    'about:blank',
    'about:srcdoc',
    'chrome://settings',
    'devtools://devtools/bundled/inspector.html',
    'http://localhost:5173/',
    '',
    'not a url',
    'index.html',
    '/opt/调解工作台/resources/app.asar/out/renderer/index.html',
  ];
  it.each(trusted)('trusts %s', (url) => expect(isTrustedAppUrl(url, APP)).toBe(true));
  it.each(untrusted)('refuses %s', (url) => expect(isTrustedAppUrl(url, APP)).toBe(false));

  it('refuses non-strings and a broken app URL', () => {
    for (const value of [undefined, null, 42, {}, new URL(APP)]) expect(isTrustedAppUrl(value, APP)).toBe(false);
    expect(isTrustedAppUrl(APP, 'not a url')).toBe(false);
    expect(isTrustedAppUrl('about:blank', 'about:blank')).toBe(false);
  });

  it('compares Windows paths case-insensitively only when told to', () => {
    const win = 'file:///C:/Program%20Files/App/resources/app.asar/out/renderer/index.html';
    const chromium = 'file:///c:/program%20files/app/resources/app.asar/out/renderer/index.html#/cases';
    expect(isTrustedAppUrl(chromium, win, { caseInsensitivePaths: true })).toBe(true);
    expect(isTrustedAppUrl(chromium, win)).toBe(false);
    expect(isTrustedAppUrl('file:///C:/Windows/win.ini', win, { caseInsensitivePaths: true })).toBe(false);
    expect(isTrustedAppUrl('file://server/share/App/out/renderer/index.html', win, { caseInsensitivePaths: true })).toBe(false);
    // Backslashes are slashes to the URL parser, so an escaped one could hide a path change.
    expect(isTrustedAppUrl('file:///C:/Program%20Files/App/resources/app.asar/out/renderer%5Cindex.html', win, { caseInsensitivePaths: true })).toBe(false);
  });
});

describe('isTrustedAppUrl, development (dev server origin)', () => {
  const trusted = [DEV, 'http://localhost:5173/index.html', 'http://LOCALHOST:5173/#/cases', 'http://localhost:5173/src/main.tsx?t=1'];
  const untrusted = [
    'http://localhost:5174/',
    'https://localhost:5173/',
    'ws://localhost:5173/',
    'http://localhost/',
    'http://127.0.0.1:5173/',
    'http://localhost.evil.com:5173/',
    'http://localhost:5173@evil.com/',
    'http://user:pass@localhost:5173/',
    'http://evil.com/?u=http://localhost:5173/',
    'http://lоcalhost:5173/', // Cyrillic о: an IDN homograph
    'file:///etc/passwd',
    'javascript:alert(1)',
  ];
  it.each(trusted)('trusts %s', (url) => expect(isTrustedAppUrl(url, DEV)).toBe(true));
  it.each(untrusted)('refuses %s', (url) => expect(isTrustedAppUrl(url, DEV)).toBe(false));

  it('refuses look-alike hosts of a 127.0.0.1 dev server', () => {
    const app = 'http://127.0.0.1:5173/';
    expect(isTrustedAppUrl('http://127.0.0.1:5173/#/x', app)).toBe(true);
    for (const url of ['http://127.0.0.1.evil.com:5173/', 'http://127.0.0.1.evil.com/', 'http://[::1]:5173/', 'http://2130706433:5174/']) {
      expect(isTrustedAppUrl(url, app)).toBe(false);
    }
  });
});

describe('externalUrlToOpen', () => {
  it.each([
    ['https://www.moj.gov.cn/', 'https://www.moj.gov.cn/'],
    ['http://example.com/a b', 'http://example.com/a%20b'],
    ['HTTPS://EXAMPLE.COM/path?q=1#h', 'https://example.com/path?q=1#h'],
  ])('opens %s as %s', (url, expected) => expect(externalUrlToOpen(url)).toBe(expected));

  it.each([
    'file:///C:/Windows/System32/calc.exe',
    'file:///etc/passwd',
    'smb://server/share/x.exe',
    'ms-msdt:/id PCWDiagnostic',
    'search-ms:query=x',
    'javascript:alert(1)',
    'data:text/html,x',
    'mailto:a@b.c',
    'about:blank',
    'https://user:pw@example.com/',
    'http://',
    'not a url',
    '',
  ])('refuses %s', (url) => expect(externalUrlToOpen(url)).toBeNull());
});

describe('isAllowedRequest', () => {
  const packaged = { appUrl: APP, rendererDirUrl: RENDERER_DIR };
  const dev = { appUrl: DEV, rendererDirUrl: 'file:///work/main/out/renderer' };

  it('lets the packaged app load its own files only', () => {
    expect(isAllowedRequest(APP, packaged)).toBe(true);
    expect(isAllowedRequest(`${RENDERER_DIR}/assets/index-abc.js`, packaged)).toBe(true);
    expect(isAllowedRequest(`${RENDERER_DIR}/assets/font.woff2`, packaged)).toBe(true);
    for (const url of [
      'file:///etc/passwd',
      `${RENDERER_DIR}/../main/index.js`,
      `${RENDERER_DIR}-evil/x.js`,
      `${RENDERER_DIR}/..%2Fmain%2Findex.js`,
      `${RENDERER_DIR}`,
      'file://evil.example/x.js',
    ]) {
      expect(isAllowedRequest(url, packaged), url).toBe(false);
    }
  });

  it('refuses every network request in the packaged app', () => {
    for (const url of ['https://example.com/x.js', 'http://127.0.0.1:5173/', 'ws://localhost:5173/', 'wss://evil.example/', 'ftp://x/y']) {
      expect(isAllowedRequest(url, packaged), url).toBe(false);
    }
  });

  it('in development allows the dev server and its HMR socket, nothing else on the network', () => {
    expect(isAllowedRequest('http://localhost:5173/src/main.tsx', dev)).toBe(true);
    expect(isAllowedRequest('ws://localhost:5173/?token=x', dev)).toBe(true);
    for (const url of ['http://localhost:5174/', 'https://localhost:5173/', 'wss://localhost:5173/', 'http://evil.example/', 'http://u:p@localhost:5173/']) {
      expect(isAllowedRequest(url, dev), url).toBe(false);
    }
  });

  it('leaves internal schemes to Chromium and the CSP, and refuses garbage', () => {
    for (const url of ['devtools://devtools/bundled/inspector.html', 'chrome-extension://mhjfbmdgcfjbbpaeojofohoefgiehjai/index.html', 'data:image/png;base64,AA==', 'blob:file:///1234', 'about:blank']) {
      expect(isAllowedRequest(url, packaged), url).toBe(true);
    }
    expect(isAllowedRequest('not a url', packaged)).toBe(false);
    expect(isAllowedRequest(undefined, packaged)).toBe(false);
  });
});
