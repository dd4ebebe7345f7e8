/**
 * Browser mode's live events: GET /api/live is a server-sent event stream, refused exactly like an API call without
 * the browser's cookie, from another origin or without a tab id; what the live feed sends reaches the tab as one
 * `data:` line of JSON per event, coalesced; heartbeats keep it open; a closed tab is forgotten.
 */
import { request, type ClientRequest, type IncomingMessage, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { LiveUpdates } from '../../../electron/main/services/live-updates';
import { ChangeFeed } from '../../../electron/main/storage/change-feed';
import type { Workstation } from '../../../electron/main/services/workstation';
import { WEB_EXCHANGE_PATH, WEB_LIVE_PATH, WEB_TOKEN_HEADER } from '../../../electron/shared/ipc/channels';
import { parseLiveEvent } from '../../../electron/shared/ipc/live-events';
import { createWebServer } from '../../../electron/web/server';
import { loadSessionKey } from '../../../electron/web/session';
import { makeTempDir, openWorkstation, removeDir } from '../../fixtures/workstation';

const CODE = 'live-stream-test-code-0123456789';
const TAB = 'ab'.repeat(16);
const A = '0b0e5b3c-6a59-4f7e-9f0c-2f1c8f0d9a01';
const B = '0b0e5b3c-6a59-4f7e-9f0c-2f1c8f0d9a02';

let dataDir: string;
let ws: Workstation;
let server: Server;
let port = 0;
let cookie = '';
const feed = new ChangeFeed();
/** Everyone counts as signed in here: who is signed in is the service's concern (tests/main/services). */
const live = new LiveUpdates({ isSignedIn: () => true, coalesceMs: 20 });
live.follow({ onChange: (l) => feed.subscribe(l) });

beforeAll(async () => {
  dataDir = await makeTempDir('web-live-');
  ws = await openWorkstation(dataDir);
  server = createWebServer({ ws, rendererDir: path.join(dataDir, 'renderer'), token: CODE, sessionKey: await loadSessionKey(dataDir), port: 0, live, heartbeatMs: 40 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
  const exchanged = await fetch(`http://127.0.0.1:${port}${WEB_EXCHANGE_PATH}`, { method: 'POST', headers: { [WEB_TOKEN_HEADER]: CODE } });
  cookie = (exchanged.headers.get('set-cookie') ?? '').split(';')[0]!;
  expect(cookie).toMatch(/^workstation_browser=/);
});

afterAll(async () => {
  server.closeAllConnections();
  await new Promise((resolve) => server.close(resolve));
  await ws.close();
  await removeDir(dataDir);
});

interface Stream {
  res: IncomingMessage;
  req: ClientRequest;
  text: () => string;
  ended: Promise<void>;
}

/** Opens the stream as a tab would (EventSource: GET, the cookie, no custom headers). */
function open(headers: Record<string, string>, pathname = `${WEB_LIVE_PATH}?tab=${TAB}`, method = 'GET'): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, agent: false, method, path: pathname, headers: { host: `127.0.0.1:${port}`, accept: 'text/event-stream', ...headers } }, (res) => {
      let body = '';
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => (body += chunk));
      const ended = new Promise<void>((done) => res.on('end', () => done()));
      resolve({ res, req, text: () => body, ended });
    });
    req.on('error', reject);
    req.end();
  });
}

async function refused(headers: Record<string, string>, pathname?: string, method?: string) {
  const s = await open(headers, pathname, method);
  await s.ended;
  return { status: s.res.statusCode, type: s.res.headers['content-type'], body: s.text() };
}

const dataLines = (text: string) => text.split('\n').filter((l) => l.startsWith('data: ')).map((l) => JSON.parse(l.slice(6)) as unknown);

describe('GET /api/live', () => {
  it('is refused like an API call: no cookie, another origin, no tab id, another method', async () => {
    expect(await refused({})).toMatchObject({ status: 401, type: 'application/json' });
    expect(await refused({ cookie: 'workstation_browser=forged.x' })).toMatchObject({ status: 401 });
    expect(await refused({ cookie, origin: 'http://evil.example' })).toMatchObject({ status: 403 });
    expect(await refused({ cookie }, WEB_LIVE_PATH)).toMatchObject({ status: 400 });
    expect(await refused({ cookie }, `${WEB_LIVE_PATH}?tab=not-a-tab`)).toMatchObject({ status: 400 });
    expect(await refused({ cookie }, undefined, 'POST')).toMatchObject({ status: 405 });
    expect(await refused({ cookie, host: 'evil.example' })).toMatchObject({ status: 421 });
    expect(live.size).toBe(0);
  });

  it('streams each coalesced burst as one event, with heartbeats, and forgets a tab that went away', async () => {
    const stream = await open({ cookie, origin: `http://127.0.0.1:${port}` });
    expect(stream.res.statusCode).toBe(200);
    expect(stream.res.headers['content-type']).toBe('text/event-stream; charset=utf-8');
    expect(stream.res.headers['cache-control']).toBe('no-store');
    expect(stream.res.headers['content-security-policy']).toContain("connect-src 'self'");
    await expect.poll(() => live.size).toBe(1);

    feed.emit({ caseId: A, kind: 'case', origin: 'local' });
    feed.emit({ caseId: B, kind: 'session', origin: 'local' });
    feed.emit({ caseId: A, kind: 'file', origin: 'local' });
    await expect.poll(() => dataLines(stream.text())).toEqual([{ type: 'cases-changed', caseIds: [A, B], truncated: false }]);
    for (const event of dataLines(stream.text())) expect(parseLiveEvent(event)).not.toBeNull();
    await expect.poll(() => stream.text().includes(': ping\n\n')).toBe(true);
    expect(stream.text().startsWith('retry: ')).toBe(true);

    stream.req.destroy();
    await expect.poll(() => live.size).toBe(0);
  });
});
