/**
 * Browser mode's credentials through the real HTTP host and the real dispatch: the launch code is good for one
 * exchange, the cookie it buys is HttpOnly/SameSite=Strict and signed with a key in the data folder (so it outlives
 * a restart), every API call needs the cookie and a tab id, and each tab is its own connection and sign-in.
 */
import { WEB_EXCHANGE_PATH, WEB_TAB_HEADER } from '../../../electron/shared/ipc/channels';
import { randomBytes } from 'node:crypto';
import { readFile, stat, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { WEB_TOKEN_HEADER } from '../../../electron/shared/ipc/channels';
import { createWebServer } from '../../../electron/web/server';
import { BrowserCookies, LaunchCodes, SESSION_KEY_FILE, WEB_COOKIE_NAME, launchToken, loadSessionKey } from '../../../electron/web/session';
import { roadTrafficCaseInput } from '../../fixtures/cases';
import { CHANGED_PASSWORD, SETUP, STAFF_PASSWORD, makeTempDir, openWorkstation, removeDir, storeFiles } from '../../fixtures/workstation';

const CODE = 'web-session-test-code-0123456789';
const SECOND_CODE = 'second-browser-code-0123456789';
const BAD_COOKIE_MESSAGE = '访问凭证无效，请使用启动时显示的地址重新打开';

interface Reply {
  status: number;
  headers: Record<string, string | string[] | undefined>;
  json: { ok: boolean; value?: unknown; error?: { code: string; message: string } } | null;
}

let dataDir: string;
let ws: Workstation;
let server: Server | null = null;
let port = 0;

async function startServer(opts: { token?: string | LaunchCodes; onCodeUsed?: () => void } = {}): Promise<void> {
  const sessionKey = await loadSessionKey(dataDir);
  server = createWebServer({ ws, rendererDir: dataDir, token: opts.token ?? CODE, sessionKey, port: 0, onCodeUsed: opts.onCodeUsed });
  await new Promise<void>((resolve) => server!.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
}

async function stopServer(): Promise<void> {
  if (server) await new Promise((resolve) => server!.close(resolve));
  server = null;
}

function send(pathname: string, headers: Record<string, string> = {}, body?: string, method = 'POST'): Promise<Reply> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, agent: false, method, path: pathname, headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...headers } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => {
        const text = Buffer.concat(chunks).toString('utf8');
        let json: Reply['json'] = null;
        try {
          json = JSON.parse(text) as Reply['json'];
        } catch {
          // not JSON (405 and the like)
        }
        resolve({ status: res.statusCode ?? 0, headers: res.headers, json });
      });
    });
    req.on('error', reject);
    req.end(body);
  });
}

const exchange = (code: string | undefined, headers: Record<string, string> = {}) => send(WEB_EXCHANGE_PATH, code === undefined ? headers : { [WEB_TOKEN_HEADER]: code, ...headers });

/** The `name=value` part of the Set-Cookie answer. */
function cookieOf(reply: Reply): string {
  const set = reply.headers['set-cookie'];
  expect(set).toHaveLength(1);
  return set![0]!.split(';')[0]!;
}

const newTab = () => randomBytes(16).toString('hex');

/** One browser tab: the cookie of its browser and its own id, calling like web-bridge.ts. */
class Tab {
  password = '';
  constructor(
    readonly cookie: string,
    readonly id = newTab(),
  ) {}

  raw(method: string, input?: unknown): Promise<Reply> {
    return send(`/api/${method}`, { cookie: this.cookie, [WEB_TAB_HEADER]: this.id, origin: `http://127.0.0.1:${port}` }, JSON.stringify({ input }));
  }

  /** The value of a call that must succeed; a call asking for the password again gets it once, as the renderer does. */
  async call<T = Record<string, unknown>>(method: string, input?: unknown): Promise<T> {
    let r = await this.raw(method, input);
    if (r.json?.ok === false && r.json.error?.code === 'REAUTH_REQUIRED') {
      expect((await this.raw('auth:reauth', { password: this.password })).json).toMatchObject({ ok: true });
      r = await this.raw(method, input);
    }
    expect(r.status).toBe(200);
    if (!r.json?.ok) throw new Error(`${method}: ${JSON.stringify(r.json)}`);
    return r.json.value as T;
  }

  async error(method: string, input?: unknown): Promise<string> {
    const r = await this.raw(method, input);
    expect(r.json?.ok).toBe(false);
    return r.json!.error!.code;
  }

  async signIn(loginName: string, password: string): Promise<{ id: string; name: string }> {
    const signedIn = await this.call<{ staff: { id: string; name: string }; mustChangePassword: boolean }>('auth:sign-in', { loginName, password });
    this.password = password;
    if (signedIn.mustChangePassword) {
      await this.call('auth:change-password', { currentPassword: password, newPassword: CHANGED_PASSWORD });
      this.password = CHANGED_PASSWORD;
    }
    return signedIn.staff;
  }
}

async function browser(code = CODE): Promise<string> {
  const r = await exchange(code);
  expect(r.status).toBe(200);
  return cookieOf(r);
}

beforeEach(async () => {
  dataDir = await makeTempDir('web-session-');
  ws = await openWorkstation(dataDir);
});

afterEach(async () => {
  await stopServer();
  await ws.close().catch(() => undefined);
  await removeDir(dataDir);
});

describe('the launch token', () => {
  it('is random when MEDIATION_WEB_TOKEN is not set, and refused when it is empty or shorter than 16 characters', () => {
    const random = launchToken(undefined);
    expect(random).toMatchObject({ ok: true });
    expect((random as { token: string }).token).toMatch(/^[A-Za-z0-9_-]{32}$/);
    expect(launchToken(undefined)).not.toEqual(random);
    for (const bad of ['', ' ', 'short', 'x'.repeat(15), ' '.repeat(20), `${'x'.repeat(16)}&y`, `${'x'.repeat(16)} y`]) {
      const r = launchToken(bad);
      expect(r, JSON.stringify(bad)).toMatchObject({ ok: false });
      expect((r as { message: string }).message).toMatch(/MEDIATION_WEB_TOKEN.*至少需要 16 个字符/);
    }
    expect(launchToken('x'.repeat(16))).toEqual({ ok: true, token: 'x'.repeat(16) });
  });

  it('an empty or short code never opens anything, even if handed to the server directly', async () => {
    const codes = new LaunchCodes('');
    codes.add('short');
    await startServer({ token: codes });
    for (const given of ['', 'short', ' ']) expect((await exchange(given)).status).toBe(401);
    expect((await exchange(undefined)).status).toBe(401);
  });
});

describe('exchanging the launch code', () => {
  it('works once: a session cookie (HttpOnly, SameSite=Strict, Path=/, no Expires) that opens the API', async () => {
    let used = 0;
    await startServer({ onCodeUsed: () => used++ });
    const first = await exchange(CODE);
    expect(first.status).toBe(200);
    expect(first.json).toEqual({ ok: true, value: null });
    const set = (first.headers['set-cookie'] as string[])[0]!;
    const attributes = set.split(';').map((a) => a.trim().toLowerCase());
    expect(attributes[0]).toMatch(new RegExp(`^${WEB_COOKIE_NAME}=[a-z0-9_-]{22}\\.[a-z0-9_-]{43}$`));
    expect(attributes).toEqual(expect.arrayContaining(['httponly', 'samesite=strict', 'path=/']));
    expect(attributes.some((a) => a.startsWith('expires') || a.startsWith('max-age') || a.startsWith('domain'))).toBe(false);
    expect(set).not.toContain(CODE);
    expect(used).toBe(1);

    const tab = new Tab(cookieOf(first));
    expect(await tab.call('app:info')).toMatchObject({ host: 'web', setupRequired: true });

    // Never again in this process: not the same code, not after other requests.
    for (let i = 0; i < 3; i++) {
      const again = await exchange(CODE);
      expect(again.status).toBe(401);
      expect(again.json).toMatchObject({ ok: false, error: { code: 'FORBIDDEN' } });
      expect(again.headers['set-cookie']).toBeUndefined();
    }
    expect(used).toBe(1);
  });

  it('refuses a wrong, missing or foreign-origin exchange without using the code up', async () => {
    await startServer();
    expect((await exchange(undefined)).status).toBe(401);
    expect((await exchange('x'.repeat(CODE.length))).status).toBe(401);
    expect((await exchange(CODE.slice(0, -1))).status).toBe(401);
    expect((await exchange(CODE, { origin: 'http://evil.example' })).status).toBe(403);
    expect((await exchange(CODE, { host: 'localhost' })).status).toBe(421);
    expect((await send(WEB_EXCHANGE_PATH, { [WEB_TOKEN_HEADER]: CODE }, undefined, 'GET')).status).toBe(405);
    expect((await exchange(CODE)).status).toBe(200);
  });

  it('a fresh code issued after the first one was used works once too; a browser with a cookie keeps it', async () => {
    const codes = new LaunchCodes(CODE);
    const printed: string[] = [];
    await startServer({ token: codes, onCodeUsed: () => printed.push(codes.issue()) });
    const cookie = await browser();
    expect(printed).toHaveLength(1);
    expect(printed[0]).toMatch(/^[A-Za-z0-9_-]{32}$/);
    // Opened again in the same browser: the code is used up, the browser keeps its cookie (its tabs stay signed in).
    const same = await exchange(printed[0]!, { cookie });
    expect(same.status).toBe(200);
    expect(same.headers['set-cookie']).toBeUndefined();
    expect((await exchange(printed[0]!)).status).toBe(401);
    // Another browser gets a cookie of its own from the code printed next.
    expect(printed).toHaveLength(2);
    const other = await browser(printed[1]!);
    expect(other).not.toBe(cookie);
  });
});

describe('API calls without a good cookie or tab id', () => {
  it('are refused: no cookie, a forged or foreign-key cookie (401 FORBIDDEN), no or a malformed tab id (400)', async () => {
    await startServer();
    const cookie = await browser();
    const [, value] = cookie.split('=') as [string, string];
    const [browserId] = value.split('.') as [string, string];
    const foreign = new BrowserCookies(randomBytes(32)).issue().value;
    const tab = newTab();
    const forbidden: Record<string, string>[] = [
      { [WEB_TAB_HEADER]: tab },
      { [WEB_TOKEN_HEADER]: CODE, [WEB_TAB_HEADER]: tab },
      { cookie: `${WEB_COOKIE_NAME}=${browserId}.${'A'.repeat(43)}`, [WEB_TAB_HEADER]: tab },
      { cookie: `${WEB_COOKIE_NAME}=${browserId}`, [WEB_TAB_HEADER]: tab },
      { cookie: `${WEB_COOKIE_NAME}=${foreign}`, [WEB_TAB_HEADER]: tab },
      { cookie: `${WEB_COOKIE_NAME}=${randomBytes(16).toString('base64url')}.${value.split('.')[1]!}`, [WEB_TAB_HEADER]: tab },
      { cookie: `other=${value}`, [WEB_TAB_HEADER]: tab },
    ];
    for (const headers of forbidden) {
      const r = await send('/api/app:info', headers, '{}');
      expect(r.status, JSON.stringify(headers)).toBe(401);
      expect(r.json).toEqual({ ok: false, error: { code: 'FORBIDDEN', message: BAD_COOKIE_MESSAGE } });
    }
    for (const bad of [undefined, '', tab.toUpperCase(), tab.slice(1), `${tab}0`, 'x'.repeat(32), `../${tab.slice(3)}`]) {
      const r = await send('/api/app:info', bad === undefined ? { cookie } : { cookie, [WEB_TAB_HEADER]: bad }, '{}');
      expect(r.status, String(bad)).toBe(400);
      expect(r.json).toMatchObject({ ok: false, error: { code: 'INVALID_INPUT' } });
    }
    // Among other cookies, the good one is found.
    const ok = await send('/api/app:info', { cookie: `a=b; ${cookie}; c=d`, [WEB_TAB_HEADER]: tab }, '{}');
    expect(ok.json).toMatchObject({ ok: true });
  });
});

describe('tabs', () => {
  it('each tab is its own connection: two people in two tabs act and are audited as themselves', async () => {
    const codes = new LaunchCodes(CODE);
    codes.add(SECOND_CODE);
    await startServer({ token: codes });
    const cookie = await browser();
    const admin = new Tab(cookie);
    // The tab that did first-run setup is signed in as the administrator.
    const setUp = await admin.call<{ staff: { id: string } }>('setup:complete', { ...SETUP, otherRoles: [...SETUP.otherRoles] });
    admin.password = SETUP.password;
    const account = await admin.call<{ id: string }>('staff:create', { name: '李文静', roles: ['clerk'], loginName: 'liwj', password: STAFF_PASSWORD });

    // A second tab of the same browser (opened on http://127.0.0.1:PORT/, no code) has the cookie but nobody signed in.
    const clerk = new Tab(cookie);
    expect(await clerk.call('auth:current')).toBeNull();
    expect(await clerk.error('cases:list', { page: 1, pageSize: 20 })).toBe('UNAUTHENTICATED');
    const clerkStaff = await clerk.signIn('liwj', STAFF_PASSWORD);
    expect(clerkStaff.id).toBe(account.id);

    expect(await admin.call('auth:current')).toMatchObject({ staff: { id: setUp.staff.id } });
    expect(await clerk.call('auth:current')).toMatchObject({ staff: { id: account.id, name: '李文静' } });

    const byAdmin = await admin.call<{ id: string; actions: { type: string; by: string }[] }>('cases:create', roadTrafficCaseInput());
    const byClerk = await clerk.call<{ id: string; actions: { type: string; by: string }[] }>('cases:create', roadTrafficCaseInput());
    expect(byAdmin.actions[0]).toMatchObject({ type: 'REGISTERED', by: setUp.staff.id });
    expect(byClerk.actions[0]).toMatchObject({ type: 'REGISTERED', by: account.id });
    const auditActor = async (caseId: string) => {
      const lines = (await storeFiles(ws).text(path.join(dataDir, 'cases', caseId, 'audit.jsonl'))).trim().split('\n');
      return (JSON.parse(lines.at(-1)!) as { actorId: string }).actorId;
    };
    expect(await auditActor(byAdmin.id)).toBe(setUp.staff.id);
    expect(await auditActor(byClerk.id)).toBe(account.id);

    // The clerk's roles stay the clerk's: staff administration is refused in that tab only.
    expect(await clerk.error('staff:accounts')).toBe('FORBIDDEN');
    expect(await admin.call('staff:accounts')).toBeInstanceOf(Array);

    // Signing out in one tab leaves the other signed in.
    await clerk.call('auth:sign-out');
    expect(await clerk.call('auth:current')).toBeNull();
    expect(await admin.call('auth:current')).toMatchObject({ staff: { id: setUp.staff.id } });

    // Another browser (its own cookie) with the same tab id is still another connection.
    const stranger = new Tab(await browser(SECOND_CODE), admin.id);
    expect(await stranger.call('auth:current')).toBeNull();
    expect(await admin.call('auth:current')).toMatchObject({ staff: { id: setUp.staff.id } });
  });
});

describe('after a restart on the same data folder', () => {
  it('the cookie key is kept (owner-only): an open page works on and signs in again; the code is good once per process', async () => {
    await startServer();
    const cookie = await browser();
    const file = path.join(dataDir, SESSION_KEY_FILE);
    const key = await readFile(file);
    expect(key).toHaveLength(32);
    if (process.platform !== 'win32') expect((await stat(file)).mode & 0o777).toBe(0o600);
    const tab = new Tab(cookie);
    await tab.call('setup:complete', { ...SETUP, otherRoles: [...SETUP.otherRoles] });
    expect(await tab.call('auth:current')).not.toBeNull();

    // Restart: the store is closed and opened again (sign-ins are gone), the server with the key from the file.
    await stopServer();
    await ws.close();
    ws = await openWorkstation(dataDir);
    await startServer();
    expect(await readFile(file)).toEqual(key);
    expect(await tab.call('auth:current')).toBeNull();
    await tab.signIn(SETUP.loginName, SETUP.password);
    expect(await tab.call('auth:current')).toMatchObject({ staff: { name: SETUP.adminName } });
    // The same launch code (the e2e tests pass a fixed one) is good once in the new process.
    expect((await exchange(CODE)).status).toBe(200);
    expect((await exchange(CODE)).status).toBe(401);
  });

  it('a torn or missing key file is replaced (browsers then exchange a new code)', async () => {
    const file = path.join(dataDir, SESSION_KEY_FILE);
    const first = await loadSessionKey(dataDir);
    await writeFile(file, first.subarray(0, 7));
    const second = await loadSessionKey(dataDir);
    expect(second).toHaveLength(32);
    expect(second.equals(first)).toBe(false);
    expect(await loadSessionKey(dataDir)).toEqual(second);
    await startServer();
    const stale = `${WEB_COOKIE_NAME}=${new BrowserCookies(first).issue().value}`;
    expect((await send('/api/app:info', { cookie: stale, [WEB_TAB_HEADER]: newTab() }, '{}')).status).toBe(401);
  });
});
