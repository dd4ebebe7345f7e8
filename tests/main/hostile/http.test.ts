/**
 * Issue 7, item 4 over the browser-mode HTTP host: hostile payloads over POST /api/<method> with the cookie and tab
 * id, and hostile requests (no / forged cookie, no tab id, wrong Host, foreign Origin, GET, >20 MB body, invalid and
 * deep JSON). The launch-code exchange and per-tab sign-ins are in tests/main/web/.
 */
import { randomBytes } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { API_METHODS, WEB_EXCHANGE_PATH, WEB_TAB_HEADER, WEB_TOKEN_HEADER } from '../../../electron/shared/ipc/channels';
import { API_ERROR_CODES } from '../../../electron/shared/ipc/result';
import { createWebServer } from '../../../electron/web/server';
import { type FuzzContext, deepArrayJson, deepObjectJson, fuzzWorkstation, hostilePayloads, sameSnapshot, snapshotDir } from '../../../scripts/reliability/hostile';
import { makeTempDir, removeDir } from '../../fixtures/workstation';

const TOKEN = 'hostile-test-token-0123456789abcdef';
const TAB = randomBytes(16).toString('hex');
/** `workstation_browser=<browserId>.<mac>`, from the exchange in beforeAll. */
let COOKIE = '';
/** The connection the server dispatches this tab's calls on. */
let CONN = '';
let server: Server;
let port: number;
let fx: Awaited<ReturnType<typeof fuzzWorkstation>>;
let rendererDir: string;

interface Reply {
  status: number;
  body: string;
  headers: Record<string, string | string[] | undefined>;
}

function send(opts: { method?: string; path: string; body?: string | Buffer; headers?: Record<string, string> }): Promise<Reply | { error: string }> {
  return new Promise((resolve) => {
    const req = request(
      { host: '127.0.0.1', port, agent: false, method: opts.method ?? 'POST', path: opts.path, headers: { host: `127.0.0.1:${port}`, 'content-type': 'application/json', ...opts.headers } },
      (res) => {
        const chunks: Buffer[] = [];
        res.on('data', (c: Buffer) => chunks.push(c));
        res.on('end', () => resolve({ status: res.statusCode ?? 0, body: Buffer.concat(chunks).toString('utf8'), headers: res.headers }));
        res.on('error', (e) => resolve({ error: String(e) }));
      },
    );
    req.setTimeout(20_000, () => req.destroy(new Error('timeout')));
    req.on('error', (e) => resolve({ error: String(e) }));
    req.end(opts.body);
  });
}

const auth = (): Record<string, string> => ({ cookie: COOKIE, [WEB_TAB_HEADER]: TAB });
const api = (method: string, body: string | undefined, headers: Record<string, string> = auth()) => send({ path: `/api/${method}`, body, headers });

/** Signs the admin in on this tab's connection (as the browser would after auth:sign-in), or again when a fuzzed call ended or locked it. */
function signInAdmin() {
  const current = fx.ws.currentSignIn(CONN);
  if (current && !current.signIn.locked && !current.signIn.mustChangePassword) return;
  const admin = fx.ws.state.data.staff.find((s) => s.id === fx.adminId)!;
  fx.ws.signIns.start(CONN, admin, false);
}

async function stillUp() {
  const r = await api('app:info', '{}');
  expect(r).toMatchObject({ status: 200 });
  expect(JSON.parse((r as Reply).body)).toMatchObject({ ok: true });
}

function codedJson(r: Reply | { error: string }) {
  expect('status' in r).toBe(true);
  const body = JSON.parse((r as Reply).body) as { ok: boolean; error?: { code: string } };
  expect(body.ok).toBe(false);
  expect(API_ERROR_CODES).toContain(body.error?.code);
  return body.error!.code;
}

beforeAll(async () => {
  fx = await fuzzWorkstation();
  rendererDir = await makeTempDir('hostile-renderer-');
  server = createWebServer({ ws: fx.ws, rendererDir, token: TOKEN, sessionKey: randomBytes(32), port: 0 });
  // As electron/web/main.ts does (asserted below): loopback only.
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  // The page trades the launch code for the cookie; this tab's calls then run on `web:<browserId>#<tab>`.
  const exchanged = (await send({ path: WEB_EXCHANGE_PATH, headers: { [WEB_TOKEN_HEADER]: TOKEN } })) as Reply;
  expect(exchanged.status).toBe(200);
  COOKIE = String(exchanged.headers['set-cookie']).split(';')[0]!;
  CONN = `web:${COOKIE.slice(COOKIE.indexOf('=') + 1).split('.')[0]!}#${TAB}`;
  signInAdmin();
  const list = (await api('cases:list', '{"input":{"page":1,"pageSize":20}}')) as Reply;
  expect(JSON.parse(list.body)).toMatchObject({ ok: true });
});
afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await fx.ws.close().catch(() => undefined);
  await removeDir(fx.dataDir);
  await removeDir(rendererDir);
});

describe('browser-mode host under hostile requests', () => {
  it('listens on 127.0.0.1 only (and electron/web/main.ts binds it so)', async () => {
    expect((server.address() as AddressInfo).address).toBe('127.0.0.1');
    const main = await readFile(path.join(__dirname, '../../../electron/web/main.ts'), 'utf8');
    expect(main).toMatch(/\.listen\(\s*port\s*,\s*'127\.0\.0\.1'/);
  });

  it('a sample of 300 generated payloads over POST /api/<method>: coded JSON errors, nothing written on rejection', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const ctx: FuzzContext = fx.ctx;
    let before = await snapshotDir(fx.dataDir);
    let tried = 0;
    for (const p of hostilePayloads(300, ctx, 11)) {
      let json: string;
      try {
        json = JSON.stringify({ input: p.payload });
      } catch {
        continue; // not representable as JSON (very deep): covered by the raw deep-JSON test below
      }
      if (json === undefined) continue;
      // Bodies over the 20 MB cap (a 20 MB base64 attachment) are answered 413: the body-size test below covers them.
      if (Buffer.byteLength(json) > 20 * 1024 * 1024) continue;
      tried++;
      const r = await api(p.method, json);
      expect(r, `${p.method} ${p.label}`).toHaveProperty('status', 200);
      const body = JSON.parse((r as Reply).body) as { ok: boolean; error?: { code: string } };
      const after = await snapshotDir(fx.dataDir);
      if (!body.ok) {
        expect(API_ERROR_CODES, `${p.method} ${p.label}`).toContain(body.error?.code);
        expect(sameSnapshot(before, after), `write on rejected ${p.method} ${p.label}`).toBe(true);
      }
      before = after;
      signInAdmin();
    }
    expect(tried).toBeGreaterThan(250);
    errors.mockRestore();
    await stillUp();
  }, 120_000);

  const forged = () => `${COOKIE.split('.')[0]!}.${'A'.repeat(43)}`;
  it.each<[string, () => Record<string, string>, number, string]>([
    ['no cookie', () => ({ [WEB_TAB_HEADER]: TAB }), 401, 'FORBIDDEN'],
    ['the launch code instead of a cookie', () => ({ [WEB_TOKEN_HEADER]: TOKEN, [WEB_TAB_HEADER]: TAB }), 401, 'FORBIDDEN'],
    ['a forged cookie', () => ({ cookie: forged(), [WEB_TAB_HEADER]: TAB }), 401, 'FORBIDDEN'],
    ['a cookie with no signature', () => ({ cookie: COOKIE.split('.')[0]!, [WEB_TAB_HEADER]: TAB }), 401, 'FORBIDDEN'],
    ['no tab id', () => ({ cookie: COOKIE }), 400, 'INVALID_INPUT'],
    ['a malformed tab id', () => ({ cookie: COOKIE, [WEB_TAB_HEADER]: TAB.toUpperCase() }), 400, 'INVALID_INPUT'],
    ['foreign Origin', () => ({ ...auth(), origin: 'http://evil.example' }), 403, 'FORBIDDEN'],
    ['null Origin', () => ({ ...auth(), origin: 'null' }), 403, 'FORBIDDEN'],
    ['localhost Origin (other name, same machine)', () => ({ ...auth(), origin: 'http://localhost' }), 403, 'FORBIDDEN'],
  ])('%s → %i with a coded JSON error, for every method', async (_label, headers, status, code) => {
    for (const method of API_METHODS) {
      const r = await api(method, '{"input":{"page":1,"pageSize":20}}', headers());
      expect(r).toHaveProperty('status', status);
      expect(codedJson(r)).toBe(code);
    }
    await stillUp();
  });

  it.each([
    ['evil.example', 421],
    ['localhost:PORT', 421],
    ['127.0.0.1:1', 421],
    ['127.0.0.1', 421],
  ])('Host %s (DNS rebinding) → %i', async (host, status) => {
    const r = await send({ path: '/api/app:info', body: '{}', headers: { host: host.replace('PORT', String(port)), ...auth() } });
    expect(r).toHaveProperty('status', status);
    await stillUp();
  });

  it.each(['GET', 'PUT', 'DELETE', 'OPTIONS'])('%s on /api/ → 405', async (method) => {
    const r = await send({ method, path: '/api/cases:list', headers: auth() });
    expect(r).toHaveProperty('status', 405);
  });

  it('a body over 21 MB is refused (413 or the connection cut), nothing written, server up', async () => {
    const before = await snapshotDir(fx.dataDir);
    const body = Buffer.alloc(22 * 1024 * 1024, 0x61);
    const r = await api('drafts:save', body as unknown as string);
    if ('status' in r) {
      expect(r.status).toBe(413);
      expect(codedJson(r)).toBe('INVALID_INPUT');
    } else expect(r.error).toMatch(/EPIPE|ECONNRESET|socket hang up/);
    expect(sameSnapshot(before, await snapshotDir(fx.dataDir))).toBe(true);
    await stillUp();
  }, 60_000);

  it.each(['{', '{"input":', 'null', '"str"', '[1,2', '\u0000', '{"input":NaN}', '{"input":Infinity}', '\uFEFF{"input":{}}', '{"input":{"page":1,"pageSize":20}}garbage'])(
    'invalid JSON %j → 400 with INVALID_INPUT (or a coded dispatch error), server up',
    async (body) => {
      const r = await api('cases:list', body);
      expect('status' in r).toBe(true);
      expect([200, 400]).toContain((r as Reply).status);
      const code = codedJson(r);
      expect(['INVALID_INPUT']).toContain(code);
      await stillUp();
    },
  );

  it.each([
    ['array', 10_000],
    ['object', 10_000],
  ] as const)('deep JSON (%s, depth %i) for every method → a coded error, nothing written, server up', async (kind, depth) => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const deep = kind === 'array' ? deepArrayJson(depth) : deepObjectJson(depth);
    const before = await snapshotDir(fx.dataDir);
    for (const method of API_METHODS) {
      const r = await api(method, `{"input":${deep}}`);
      codedJson(r);
      const nested = await api(method, `{"input":{"data":${deep},"id":${deep}}}`);
      codedJson(nested);
    }
    expect(sameSnapshot(before, await snapshotDir(fx.dataDir))).toBe(true);
    errors.mockRestore();
    await stillUp();
  }, 120_000);

  it('deep JSON of depth 1,000,000 (2 MB of brackets) → a coded error, server up', async () => {
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    for (const method of ['cases:list', 'drafts:save']) codedJson(await api(method, `{"input":${deepArrayJson(1_000_000)}}`));
    errors.mockRestore();
    await stillUp();
  }, 60_000);

  it('method names with traversal or encoding tricks → UNKNOWN_METHOD', async () => {
    for (const m of ['..%2F..%2Fworkstation', '%2e%2e', 'cases%3Alist%00', '__proto__', 'constructor', 'cases%3Alist%2F..%2Fstaff']) {
      const r = await api(m, '{}');
      if ((r as Reply).status === 200) expect(codedJson(r)).toBe('UNKNOWN_METHOD');
      else expect([400, 404, 405, 500]).toContain((r as Reply).status);
    }
    const errors = vi.spyOn(console, 'error').mockImplementation(() => undefined);
    const bad = await api('%E0%A4%A', '{}'); // malformed percent-encoding: decodeURIComponent throws → caught, 500 INTERNAL
    errors.mockRestore();
    expect('status' in bad).toBe(true);
    codedJson(bad);
    await stillUp();
  });
});

describe('attachments over the browser-mode host', () => {
  const png = (bytes: number) => Buffer.concat([Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]), Buffer.alloc(bytes - 8, 0x41)]).toString('base64');
  const add = (base64: string) =>
    api('attachments:add', JSON.stringify({ input: { caseId: fx.ctx.sessionCaseId, sessionId: null, statementId: null, category: 'evidence', label: '扫描件', mimeType: 'image/png', base64 } }));

  it('an attachment of 14 MB goes through', async () => {
    const r = await add(png(14 * 1024 * 1024));
    expect(r).toMatchObject({ status: 200 });
    expect(JSON.parse((r as Reply).body)).toMatchObject({ ok: true });
  }, 30_000);

  // BUG (reported to the lead; fix in electron/web/server.ts or electron/shared/domain/attachment.ts): attachments
  // may be 15 MB (MAX_ATTACHMENT_BYTES, whose comment says the base64 stays "under the host's 21 MB body cap"), but
  // the browser-mode host caps a body at 20 MiB (MAX_BODY_BYTES = 20 * 1024 * 1024), and 15 MiB in base64 is exactly
  // 20 MiB before the JSON around it. Every attachment from ~14.99 MiB to 15 MiB is answered 413 「请求内容过大」 in
  // browser mode although the form allows it (Electron IPC has no such cap). Suggested fix: MAX_BODY_BYTES =
  // 21 * 1024 * 1024 (as the comment intends), or derive it from MAX_ATTACHMENT_BYTES (ceil(n / 3) * 4 + 64 KB).
  // Fails until fixed.
  it('an attachment of exactly the allowed 15 MB goes through (not 413)', async () => {
    const r = await add(png(15 * 1024 * 1024));
    expect(r).toMatchObject({ status: 200 });
    expect(JSON.parse((r as Reply).body)).toMatchObject({ ok: true });
  }, 30_000);
});
