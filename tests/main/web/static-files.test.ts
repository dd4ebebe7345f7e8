/**
 * Browser mode serves the renderer build: every screen is a chunk of its own loaded when first opened (app/lazy-page.ts),
 * so any file under assets/ must come with the type the browser needs to run it under the CSP (a module script with
 * the wrong type is refused, with nosniff), and a chunk of an older build must be a plain 404 that the renderer
 * reports (PageErrorBoundary), not an HTML page. Chunks are named by their content, so the browser may keep them.
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { request, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { Workstation } from '../../../electron/main/services/workstation';
import { createWebServer } from '../../../electron/web/server';
import { loadSessionKey } from '../../../electron/web/session';
import { makeTempDir, openWorkstation, removeDir } from '../../fixtures/workstation';

let dataDir: string;
let rendererDir: string;
let ws: Workstation;
let server: Server;
let port = 0;

beforeAll(async () => {
  dataDir = await makeTempDir('web-static-');
  rendererDir = path.join(dataDir, 'renderer');
  await mkdir(path.join(rendererDir, 'assets'), { recursive: true });
  await writeFile(path.join(rendererDir, 'index.html'), '<!doctype html><script type="module" src="./assets/index-abc.js"></script>');
  await writeFile(path.join(rendererDir, 'assets', 'SigningPage-Bx7_q-1a.js'), 'export const SigningPage = 1;');
  await writeFile(path.join(rendererDir, 'assets', 'SigningPage-aFLCPWGT.css'), '.a{}');
  await writeFile(path.join(rendererDir, 'assets', 'pdf.worker.min-_glaOfAG.js'), 'self.postMessage(1);');
  ws = await openWorkstation(dataDir);
  server = createWebServer({ ws, rendererDir, token: 'static-files-test-code-0123456789', sessionKey: await loadSessionKey(dataDir), port: 0 });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  port = (server.address() as AddressInfo).port;
});

afterAll(async () => {
  await new Promise((resolve) => server.close(resolve));
  await ws.close();
  await removeDir(dataDir);
});

function get(pathname: string): Promise<{ status: number; type: string | undefined; cache: string | undefined; body: string }> {
  return new Promise((resolve, reject) => {
    const req = request({ host: '127.0.0.1', port, agent: false, method: 'GET', path: pathname, headers: { host: `127.0.0.1:${port}` } }, (res) => {
      const chunks: Buffer[] = [];
      res.on('data', (c: Buffer) => chunks.push(c));
      res.on('end', () => resolve({ status: res.statusCode ?? 0, type: res.headers['content-type'], cache: res.headers['cache-control'], body: Buffer.concat(chunks).toString('utf8') }));
    });
    req.on('error', reject);
    req.end();
  });
}

describe('browser mode: the renderer build', () => {
  it('serves a screen chunk, its stylesheet and the pdf.js worker with the types the browser needs', async () => {
    expect(await get('/assets/SigningPage-Bx7_q-1a.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8', body: 'export const SigningPage = 1;' });
    expect(await get('/assets/SigningPage-aFLCPWGT.css')).toMatchObject({ status: 200, type: 'text/css; charset=utf-8' });
    expect(await get('/assets/pdf.worker.min-_glaOfAG.js')).toMatchObject({ status: 200, type: 'text/javascript; charset=utf-8' });
  });

  it('lets the browser keep the content-named chunks for good, but never index.html, which names the current ones', async () => {
    expect((await get('/assets/SigningPage-Bx7_q-1a.js')).cache).toBe('public, max-age=31536000, immutable');
    expect((await get('/assets/SigningPage-aFLCPWGT.css')).cache).toBe('public, max-age=31536000, immutable');
    expect((await get('/')).cache).toBe('no-store');
    expect((await get('/index.html')).cache).toBe('no-store');
    expect((await get('/assets/SigningPage-0ld0ld00.js')).cache).toBe('no-store');
  });

  it('answers a chunk of another build with a plain 404, and nothing outside the build', async () => {
    expect(await get('/assets/SigningPage-0ld0ld00.js')).toMatchObject({ status: 404, type: 'text/plain' });
    expect((await get('/assets/..%2F..%2Fweb-session.key')).status).toBe(404);
  });
});
