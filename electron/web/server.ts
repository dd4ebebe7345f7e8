import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import path from 'node:path';
import { WEB_API_PREFIX, WEB_EXCHANGE_PATH, WEB_LIVE_PATH, WEB_LIVE_TAB_PARAM, WEB_TAB_HEADER, WEB_TOKEN_HEADER } from '../shared/ipc/channels';
import { dispatch } from '../main/api/dispatch';
import { contentSecurityPolicy } from '../main/csp';
import { type LiveUpdates, liveUpdatesFor } from '../main/services/live-updates';
import type { Workstation } from '../main/services/workstation';
import { openLiveStream } from './live-stream';
import { BrowserCookies, LaunchCodes, isTabId } from './session';

/** Larger than any legitimate payload (a long session record); hostile bodies are cut off here. */
/** 21 MiB: a 15 MiB attachment is 20 MiB of base64 plus the rest of its request (domain/attachment.ts). */
const MAX_BODY_BYTES = 21 * 1024 * 1024;

const MIME: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.ico': 'image/x-icon',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/**
 * The build's chunks and stylesheets: named by a hash of their content (Vite), so a name never changes meaning and the
 * browser may keep them (and its compiled code) for good; a new build has new names, found through index.html, which
 * is never cached. Everything else (index.html, the API) stays no-store.
 */
const IMMUTABLE_ASSET = /^assets\/[^/]+-[A-Za-z0-9_-]{8}\.(js|css)$/;
const CACHE_FOREVER = { 'cache-control': 'public, max-age=31536000, immutable' };

export interface WebServerOptions {
  ws: Workstation;
  rendererDir: string;
  /** The launch code printed at start (or a set of them): each is exchanged for a cookie once. */
  token: string | LaunchCodes;
  /** Signs the browser cookies (electron/web/session.ts loadSessionKey: kept in the data folder). */
  sessionKey: Buffer;
  port: number;
  /** Called after a launch code was used up (electron/web/main.ts prints a fresh one for another browser). */
  onCodeUsed?: () => void;
  /** The live feed the tabs' event streams listen to @default liveUpdatesFor(ws), closed with the server */
  live?: LiveUpdates;
  /** Between heartbeat comments on an event stream (tests) @default 15 s */
  heartbeatMs?: number;
}

const json = (status: number, code: string, message: string) => [status, JSON.stringify({ ok: false, error: { code, message } }), 'application/json'] as const;
const BAD_COOKIE = json(401, 'FORBIDDEN', '访问凭证无效，请使用启动时显示的地址重新打开');
const BAD_CODE = json(401, 'FORBIDDEN', '启动地址无效或已使用过，请使用启动时显示的最新地址打开');
const BAD_TAB = json(400, 'INVALID_INPUT', '缺少标签页标识，请刷新页面');
const FOREIGN_ORIGIN = json(403, 'FORBIDDEN', '拒绝来自其他来源的请求');

const SECURITY_HEADERS = {
  'x-content-type-options': 'nosniff',
  'referrer-policy': 'no-referrer',
  'content-security-policy': contentSecurityPolicy('self'),
};

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, { 'content-type': type, 'cache-control': 'no-store', ...SECURITY_HEADERS, ...extra });
  res.end(body);
}

async function readBody(req: IncomingMessage): Promise<string | null> {
  const chunks: Buffer[] = [];
  let size = 0;
  for await (const chunk of req) {
    size += (chunk as Buffer).length;
    if (size > MAX_BODY_BYTES) return null;
    chunks.push(chunk as Buffer);
  }
  return Buffer.concat(chunks).toString('utf8');
}

/**
 * Browser mode: serves the built renderer and the same API as Electron's IPC, on loopback only. The page trades the
 * one-time launch code for a signed HttpOnly cookie (POST /session/exchange); every API call must carry that cookie
 * and the tab's id, and is dispatched on the tab's own connection `web:<browserId>#<tabId>`; the tab's live events
 * (GET WEB_LIVE_PATH, server-sent events) are that connection's too. Host and Origin are checked so that other web
 * pages (DNS rebinding, CSRF) cannot reach it.
 */
export function createWebServer({ ws, rendererDir, token, sessionKey, port, onCodeUsed, live = liveUpdatesFor(ws), heartbeatMs }: WebServerOptions): Server {
  const codes = typeof token === 'string' ? new LaunchCodes(token) : token;
  const cookies = new BrowserCookies(sessionKey);
  const server = createServer(async (req, res) => {
    try {
      const origin = `http://127.0.0.1:${(req.socket.localPort ?? port).toString()}`;
      if (req.headers.host !== origin.slice('http://'.length)) return send(res, 421, '错误的主机名', 'text/plain; charset=utf-8');
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname === WEB_EXCHANGE_PATH) {
        if (req.method !== 'POST') return send(res, 405, '', 'text/plain', { allow: 'POST' });
        if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, ...FOREIGN_ORIGIN);
        req.resume(); // no body expected
        if (!codes.take(req.headers[WEB_TOKEN_HEADER])) return send(res, ...BAD_CODE);
        onCodeUsed?.();
        // A browser that already has a good cookie keeps it, so its other tabs stay signed in.
        if (cookies.browserIdFrom(req.headers.cookie) !== null) return send(res, 200, JSON.stringify({ ok: true, value: null }), 'application/json');
        const { value } = cookies.issue();
        return send(res, 200, JSON.stringify({ ok: true, value: null }), 'application/json', { 'set-cookie': BrowserCookies.header(value) });
      }
      if (url.pathname === WEB_LIVE_PATH) {
        // The same checks as an API call; the tab id comes in the query (EventSource sends no custom headers).
        if (req.method !== 'GET') return send(res, 405, '', 'text/plain', { allow: 'GET' });
        if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, ...FOREIGN_ORIGIN);
        const browserId = cookies.browserIdFrom(req.headers.cookie);
        if (browserId === null) return send(res, ...BAD_COOKIE);
        const tabId = url.searchParams.get(WEB_LIVE_TAB_PARAM);
        if (!isTabId(tabId)) return send(res, ...BAD_TAB);
        return openLiveStream(req, res, live, `web:${browserId}#${tabId}`, SECURITY_HEADERS, heartbeatMs);
      }
      if (url.pathname.startsWith(WEB_API_PREFIX)) {
        if (req.method !== 'POST') return send(res, 405, '', 'text/plain', { allow: 'POST' });
        if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, ...FOREIGN_ORIGIN);
        const browserId = cookies.browserIdFrom(req.headers.cookie);
        if (browserId === null) return send(res, ...BAD_COOKIE);
        const tabId = req.headers[WEB_TAB_HEADER];
        if (!isTabId(tabId)) return send(res, ...BAD_TAB);
        const connection = `web:${browserId}#${tabId}`;
        const body = await readBody(req);
        if (body === null) return send(res, 413, JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: '请求内容过大' } }), 'application/json');
        let payload: unknown;
        try {
          payload = body ? (JSON.parse(body) as { input?: unknown }).input : undefined;
        } catch {
          return send(res, 400, JSON.stringify({ ok: false, error: { code: 'INVALID_INPUT', message: '请求格式不正确' } }), 'application/json');
        }
        let method: string;
        try {
          method = decodeURIComponent(url.pathname.slice(WEB_API_PREFIX.length));
        } catch {
          method = ''; // malformed percent-encoding: answered below as an unknown method
        }
        const result = await dispatch(ws, connection, method, payload);
        return send(res, 200, JSON.stringify(result), 'application/json');
      }
      if (req.method !== 'GET' && req.method !== 'HEAD') return send(res, 405, '', 'text/plain');
      const rel = url.pathname === '/' ? 'index.html' : decodeURIComponent(url.pathname).replace(/^\/+/, '');
      const file = path.resolve(rendererDir, rel);
      if (!file.startsWith(path.resolve(rendererDir) + path.sep)) return send(res, 404, 'not found', 'text/plain');
      const data = await readFile(file).catch(() => null);
      if (!data) return send(res, 404, 'not found', 'text/plain');
      return send(res, 200, data, MIME[path.extname(file)] ?? 'application/octet-stream', IMMUTABLE_ASSET.test(rel) ? CACHE_FOREVER : {});
    } catch (error) {
      console.error('web server error', error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '系统内部错误' } }), 'application/json');
    }
  });
  server.on('close', () => live.close());
  return server;
}
