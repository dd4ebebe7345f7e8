import { createServer, type IncomingMessage, type Server, type ServerResponse } from 'node:http';
import { readFile } from 'node:fs/promises';
import { timingSafeEqual } from 'node:crypto';
import path from 'node:path';
import { WEB_API_PREFIX, WEB_TOKEN_HEADER } from '../shared/ipc/channels';
import { dispatch } from '../main/api/dispatch';
import { contentSecurityPolicy } from '../main/csp';
import type { Workstation } from '../main/services/workstation';

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

export interface WebServerOptions {
  ws: Workstation;
  rendererDir: string;
  token: string;
  port: number;
}

function tokenMatches(expected: string, given: string | string[] | undefined): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(expected);
  const b = Buffer.from(given);
  return a.length === b.length && timingSafeEqual(a, b);
}

function send(res: ServerResponse, status: number, body: string | Buffer, type: string, extra: Record<string, string> = {}): void {
  res.writeHead(status, {
    'content-type': type,
    'cache-control': 'no-store',
    'x-content-type-options': 'nosniff',
    'referrer-policy': 'no-referrer',
    'content-security-policy': contentSecurityPolicy('self'),
    ...extra,
  });
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
 * Browser mode: serves the built renderer and the same API as Electron's IPC, on loopback only. Every API call
 * must carry the per-launch token; Host and Origin are checked so that other web pages (DNS rebinding, CSRF)
 * cannot reach it.
 */
export function createWebServer({ ws, rendererDir, token, port }: WebServerOptions): Server {
  const connection = 'web';
  return createServer(async (req, res) => {
    try {
      const origin = `http://127.0.0.1:${(req.socket.localPort ?? port).toString()}`;
      if (req.headers.host !== origin.slice('http://'.length)) return send(res, 421, '错误的主机名', 'text/plain; charset=utf-8');
      const url = new URL(req.url ?? '/', origin);
      if (url.pathname.startsWith(WEB_API_PREFIX)) {
        if (req.method !== 'POST') return send(res, 405, '', 'text/plain', { allow: 'POST' });
        if (req.headers.origin !== undefined && req.headers.origin !== origin) return send(res, 403, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '拒绝来自其他来源的请求' } }), 'application/json');
        if (!tokenMatches(token, req.headers[WEB_TOKEN_HEADER])) return send(res, 401, JSON.stringify({ ok: false, error: { code: 'FORBIDDEN', message: '访问令牌无效，请使用启动时显示的地址打开' } }), 'application/json');
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
      return send(res, 200, data, MIME[path.extname(file)] ?? 'application/octet-stream');
    } catch (error) {
      console.error('web server error', error);
      if (!res.headersSent) send(res, 500, JSON.stringify({ ok: false, error: { code: 'INTERNAL', message: '系统内部错误' } }), 'application/json');
    }
  });
}
