import { randomBytes } from 'node:crypto';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { readFileSync } from 'node:fs';
import { resolveDataDir } from '../main/data-dir';
import { DataDirLockedError, lockDataDir } from '../main/storage/data-dir-lock';
import { ensureDirDurable } from '../main/storage/durable-fs';
import { Workstation } from '../main/services/workstation';
import { createWebServer } from './server';

/** `npm run web`: the app in a browser, for machines without an Electron binary (and for the e2e tests). */
async function main(): Promise<void> {
  const root = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
  const version = (JSON.parse(readFileSync(path.join(root, 'package.json'), 'utf8')) as { version: string }).version;
  const dataDir = resolveDataDir(process.argv.slice(2));
  const port = Number(process.env.MEDIATION_WEB_PORT ?? 0);
  // Tests pass a fixed token so that Playwright can open the page; otherwise a fresh random one per launch.
  const token = process.env.MEDIATION_WEB_TOKEN ?? randomBytes(24).toString('base64url');
  await ensureDirDurable(dataDir);
  let release: () => void;
  try {
    release = lockDataDir(dataDir);
  } catch (error) {
    if (error instanceof DataDirLockedError) {
      console.error(`数据目录 ${dataDir} 正由另一个调解工作台进程（PID ${error.pid}）使用，不能同时打开。`);
      process.exit(2);
    }
    throw error;
  }
  const ws = await Workstation.open({ dataDir, host: 'web', version });
  const server = createWebServer({ ws, rendererDir: path.join(root, 'out', 'renderer'), token, port });
  server.listen(port, '127.0.0.1', () => {
    const address = server.address();
    const actualPort = typeof address === 'object' && address ? address.port : port;
    console.log(`调解工作台（浏览器模式）已启动，数据目录：${dataDir}`);
    console.log(`请在浏览器中打开：http://127.0.0.1:${actualPort}/#token=${token}`);
  });
  let stopping = false;
  const stop = async () => {
    if (stopping) return;
    stopping = true;
    server.close();
    await ws.close().catch((e) => console.error('closing the store failed', e));
    release();
    process.exit(0);
  };
  process.on('SIGINT', () => void stop());
  process.on('SIGTERM', () => void stop());
}

main().catch((error) => {
  console.error('调解工作台启动失败：', error);
  process.exit(1);
});
